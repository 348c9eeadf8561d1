package framework

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/hotpath-go/hotpath/engine"
)

// HandlerFunc handles a request. A non-nil error is passed to the App's
// error handler (see App.OnError); when the response was already started,
// the connection is then aborted (see the package doc).
type HandlerFunc func(c *Context) error

// Middleware wraps a handler in another. Middleware given to App.Use, to a
// Group or to a route runs outermost first: in the order it was given, app
// before group before route.
type Middleware func(next HandlerFunc) HandlerFunc

// App is the framework's http.Handler: a router with middleware, error
// handling and pooled request contexts. Make one with New. All methods are
// safe for concurrent use, including adding routes while serving.
//
// The route-registering methods (GET, POST, Handle, Any, Group, Static, ...)
// are those of the embedded Routes.
type App struct {
	Routes

	// Server is the engine Serve, ListenAndServe and Shutdown run the App
	// on: set it before the first of them to choose the engine's limits
	// and timeouts (its Handler, when nil, is set to the App). Nil means
	// an engine.Server with the documented defaults, made on first use.
	// It must not be replaced after that use.
	Server *engine.Server

	state atomic.Pointer[table] // what requests read; see table
	pool  ctxPool

	mu      sync.Mutex // serializes every change
	mw      []Middleware
	nroutes int // routes registered, to refuse Use after them
}

// DefaultBodyLimit is the largest request body Bind reads unless
// App.BodyLimit says otherwise: 1 MiB.
const DefaultBodyLimit = 1 << 20

// New returns an App with no routes and no middleware. Recover is not
// installed: add it with app.Use(framework.Recover) to turn a handler's
// panic into a 500 instead of letting net/http log it and drop the
// connection.
func New() *App {
	a := &App{}
	a.Routes = Routes{app: a}
	a.pool.p.New = func() *Context { return &Context{app: a} }
	t := &table{onError: defaultOnError, bodyLimit: DefaultBodyLimit, nmethods: numStdMethods}
	copy(t.names[:], stdMethods[:])
	a.publish(t)
	return a
}

// change runs f on a copy of the current table under the lock and publishes
// the result.
func (a *App) change(f func(t *table)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t := *a.state.Load()
	f(&t)
	a.publish(&t)
}

func (a *App) publish(t *table) {
	t.fallback = compose(serveFallback, a.mw)
	a.state.Store(t)
}

func compose(h HandlerFunc, mws ...[]Middleware) HandlerFunc {
	for i := len(mws) - 1; i >= 0; i-- {
		for j := len(mws[i]) - 1; j >= 0; j-- {
			h = mws[i][j](h)
		}
	}
	return h
}

// Use adds middleware that wraps every route registered after it and the
// App's own responses (not found, method not allowed, OPTIONS, redirects).
// Use panics when routes are already registered, since they would silently
// run without it: call Use first.
func (a *App) Use(mw ...Middleware) {
	a.change(func(t *table) {
		if a.nroutes > 0 {
			panic("framework: App.Use after routes were registered; they would not run this middleware: call Use first")
		}
		a.mw = append(slices.Clip(a.mw), mw...)
	})
}

// NotFound sets the handler for requests no route matches (default: 404
// with a short text body). It runs inside the App's middleware.
func (a *App) NotFound(h HandlerFunc) { a.change(func(t *table) { t.notFound = h }) }

// MethodNotAllowed sets the handler for requests whose path matches routes
// of other methods only (default: 405 with a short text body). The Allow
// header is set before it runs. It runs inside the App's middleware.
func (a *App) MethodNotAllowed(h HandlerFunc) { a.change(func(t *table) { t.notAllow = h }) }

// OnError sets the function that turns a handler's error into a response.
// The default writes the Code and Message of an *HTTPError (found with
// errors.As; a Code outside 400-599 counts as 500), and 500 with a short
// text body ("Internal Server Error", never the error's text) for any other
// error; it writes nothing when the response was already started. f nil
// restores the default. Whatever f does, when the response had been
// started before the error, the App aborts the connection after f returns
// (see the package doc); when f writes nothing, the default answer is
// sent, so that a failed request never looks like an
// empty 200.
func (a *App) OnError(f func(c *Context, err error)) {
	if f == nil {
		f = defaultOnError
	}
	a.change(func(t *table) { t.onError = f })
}

// BodyLimit sets the largest request body Context.Bind reads, in bytes
// (default DefaultBodyLimit). n <= 0 restores the default.
func (a *App) BodyLimit(n int64) {
	if n <= 0 {
		n = DefaultBodyLimit
	}
	a.change(func(t *table) { t.bodyLimit = n })
}

// CleanPath turns path cleaning on or off (default off). When on, a
// request whose path is not clean — it holds an empty segment ("//"), a "."
// or a ".." segment — is redirected to its cleaned form (as path.Clean
// makes it, keeping a final slash) before any route is matched: 301 for
// GET and HEAD, 308 otherwise, query kept, as net/http's ServeMux does.
// When off, the path is matched as it came.
func (a *App) CleanPath(on bool) { a.change(func(t *table) { t.cleanPath = on }) }
