package framework

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hotpath-go/hotpath/zero"
)

// HandlerFunc handles a request. A non-nil error is passed to the App's
// error handler (see App.OnError) unless the handler already wrote the
// response.
type HandlerFunc func(c *Context) error

// Middleware wraps a handler in another. Middleware given to App.Use, to a
// Group or to a route runs outermost first: in the order it was given, app
// before group before route.
type Middleware func(next HandlerFunc) HandlerFunc

// Method indexes. The nine standard methods have fixed slots; other method
// tokens get the remaining slots in the order they are first registered.
const (
	mGET = iota
	mHEAD
	mPOST
	mPUT
	mPATCH
	mDELETE
	mOPTIONS
	mCONNECT
	mTRACE
	numStdMethods

	// maxMethods bounds the distinct methods one App can route.
	maxMethods = 16
)

var stdMethods = [numStdMethods]string{
	http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace,
}

// methodIndex returns the slot of a standard method, or -1.
func methodIndex(m string) int {
	switch m {
	case http.MethodGet:
		return mGET
	case http.MethodPost:
		return mPOST
	case http.MethodHead:
		return mHEAD
	case http.MethodPut:
		return mPUT
	case http.MethodPatch:
		return mPATCH
	case http.MethodDelete:
		return mDELETE
	case http.MethodOptions:
		return mOPTIONS
	case http.MethodConnect:
		return mCONNECT
	case http.MethodTrace:
		return mTRACE
	}
	return -1
}

// route is one registered route.
type route struct {
	method  string
	pattern string
	h       HandlerFunc // the handler wrapped in its middleware
	names   []string    // wildcard names, in order; values are Context.params[i]
	parts   []part
}

// entry holds the routes of one static path, one slot per method.
type entry struct {
	routes [maxMethods]*route
}

// table is the routing state requests read: published whole, replaced on
// every change, never modified once published.
type table struct {
	trees     [maxMethods]*node
	methods   [maxMethods]string // method of each used slot, "" when unused
	nmethods  int                // used slots
	maxParams int
	used      uint16 // slots with at least one route
	// slots with at least one static route
	staticMethods uint16
	filterOff     bool
	filterSet     int
	filter        [filterBits / 64]uint64 // see mayBeStatic
	fallback      HandlerFunc             // the app middleware around serveFallback
	notFound      HandlerFunc
	notAllow      HandlerFunc
	onError       func(c *Context, err error)
	bodyLimit     int64
}

func (t *table) slot(method string) int {
	if i := methodIndex(method); i >= 0 {
		return i
	}
	return t.otherSlot(method)
}

// App is the framework's http.Handler: a router with middleware, error
// handling and pooled request contexts. Make one with New. All methods are
// safe for concurrent use, including adding routes while serving.
type App struct {
	t      atomic.Pointer[table]
	static *staticMap
	pool   ctxPool

	mu     sync.Mutex // serializes every change
	mw     []Middleware
	routes int // routes registered, to refuse Use after them
}

// DefaultBodyLimit is the largest request body Bind reads unless
// App.BodyLimit says otherwise: 1 MiB.
const DefaultBodyLimit = 1 << 20

// New returns an App with no routes and no middleware. Recover is not
// installed: add it with app.Use(framework.Recover) to turn a handler's
// panic into a 500 instead of letting net/http log it and drop the
// connection.
func New() *App {
	a := &App{static: newStaticMap()}
	a.pool.p.New = func() *Context { return &Context{app: a} }
	t := &table{onError: defaultOnError, bodyLimit: DefaultBodyLimit, nmethods: numStdMethods}
	copy(t.methods[:], stdMethods[:])
	a.publish(t)
	return a
}

// change runs f on a copy of the current table under the lock and publishes
// the result.
func (a *App) change(f func(t *table)) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t := *a.t.Load()
	f(&t)
	a.publish(&t)
}

func (a *App) publish(t *table) {
	t.fallback = compose(serveFallback, a.mw)
	a.t.Store(t)
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
		if a.routes > 0 {
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
// restores the default.
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

// Handle registers h for method and path, wrapped in mw (inside the App's
// middleware). It panics when the pattern is malformed or conflicts with a
// route of the same method, naming the routes; see the package doc for the
// pattern syntax.
func (a *App) Handle(method, path string, h HandlerFunc, mw ...Middleware) {
	a.add(nil, method, path, h, mw)
}

// GET registers a route for GET (HEAD requests fall back to it).
func (a *App) GET(path string, h HandlerFunc, mw ...Middleware) {
	a.Handle(http.MethodGet, path, h, mw...)
}

// POST registers a route for POST.
func (a *App) POST(path string, h HandlerFunc, mw ...Middleware) {
	a.Handle(http.MethodPost, path, h, mw...)
}

// PUT registers a route for PUT.
func (a *App) PUT(path string, h HandlerFunc, mw ...Middleware) {
	a.Handle(http.MethodPut, path, h, mw...)
}

// PATCH registers a route for PATCH.
func (a *App) PATCH(path string, h HandlerFunc, mw ...Middleware) {
	a.Handle(http.MethodPatch, path, h, mw...)
}

// DELETE registers a route for DELETE.
func (a *App) DELETE(path string, h HandlerFunc, mw ...Middleware) {
	a.Handle(http.MethodDelete, path, h, mw...)
}

// HEAD registers a route for HEAD.
func (a *App) HEAD(path string, h HandlerFunc, mw ...Middleware) {
	a.Handle(http.MethodHead, path, h, mw...)
}

// OPTIONS registers a route for OPTIONS, replacing the automatic answer for
// the paths it matches.
func (a *App) OPTIONS(path string, h HandlerFunc, mw ...Middleware) {
	a.Handle(http.MethodOptions, path, h, mw...)
}

// Group returns a group of routes sharing a path prefix and middleware.
func (a *App) Group(prefix string, mw ...Middleware) *Group {
	return &Group{app: a, prefix: prefix, mw: slices.Clone(mw)}
}

// Group registers routes under a path prefix with shared middleware. Its
// methods behave as the App's of the same name.
type Group struct {
	app    *App
	parent *Group
	prefix string
	mw     []Middleware
	routes int // guarded by app.mu
}

// Use adds middleware to routes registered on the group after it; it panics
// when the group already has routes.
func (g *Group) Use(mw ...Middleware) {
	g.app.mu.Lock()
	defer g.app.mu.Unlock()
	if g.routes > 0 {
		panic("framework: Group.Use after routes were registered on the group; they would not run this middleware: call Use first")
	}
	g.mw = append(slices.Clip(g.mw), mw...)
}

// Group returns a subgroup whose prefix and middleware follow g's.
func (g *Group) Group(prefix string, mw ...Middleware) *Group {
	return &Group{app: g.app, parent: g, prefix: g.prefix + prefix, mw: slices.Clone(mw)}
}

// Handle registers a route at the group's prefix + path.
func (g *Group) Handle(method, path string, h HandlerFunc, mw ...Middleware) {
	g.app.add(g, method, g.prefix+path, h, mw)
}

// GET registers a GET route under the group.
func (g *Group) GET(path string, h HandlerFunc, mw ...Middleware) {
	g.Handle(http.MethodGet, path, h, mw...)
}

// POST registers a POST route under the group.
func (g *Group) POST(path string, h HandlerFunc, mw ...Middleware) {
	g.Handle(http.MethodPost, path, h, mw...)
}

// PUT registers a PUT route under the group.
func (g *Group) PUT(path string, h HandlerFunc, mw ...Middleware) {
	g.Handle(http.MethodPut, path, h, mw...)
}

// PATCH registers a PATCH route under the group.
func (g *Group) PATCH(path string, h HandlerFunc, mw ...Middleware) {
	g.Handle(http.MethodPatch, path, h, mw...)
}

// DELETE registers a DELETE route under the group.
func (g *Group) DELETE(path string, h HandlerFunc, mw ...Middleware) {
	g.Handle(http.MethodDelete, path, h, mw...)
}

// HEAD registers a HEAD route under the group.
func (g *Group) HEAD(path string, h HandlerFunc, mw ...Middleware) {
	g.Handle(http.MethodHead, path, h, mw...)
}

// OPTIONS registers an OPTIONS route under the group.
func (g *Group) OPTIONS(path string, h HandlerFunc, mw ...Middleware) {
	g.Handle(http.MethodOptions, path, h, mw...)
}

// add registers one route; g is nil for routes on the App itself.
func (a *App) add(g *Group, method, pattern string, h HandlerFunc, mw []Middleware) {
	if h == nil {
		panic(fmt.Sprintf("framework: nil handler for %s %s", method, pattern))
	}
	if !validHeaderName(method) { // a method is a token, like a field name
		panic(fmt.Sprintf("framework: bad method %q for route %s", method, pattern))
	}
	parts, names := parsePattern(method, pattern)
	rt := &route{method: method, pattern: pattern, names: names, parts: parts}

	a.mu.Lock()
	defer a.mu.Unlock()
	t := *a.t.Load()
	mi := t.slot(method)
	if mi < 0 {
		if t.nmethods == maxMethods {
			panic(fmt.Sprintf("framework: too many methods: %s %s would be the %dth", method, pattern, maxMethods+1))
		}
		mi = t.nmethods
		t.methods[mi] = method
		t.nmethods++
	}
	var chain [][]Middleware
	chain = append(chain, a.mw)
	var groups []*Group
	for p := g; p != nil; p = p.parent {
		groups = append(groups, p)
	}
	for i := len(groups) - 1; i >= 0; i-- {
		chain = append(chain, groups[i].mw)
	}
	chain = append(chain, mw)
	rt.h = compose(h, chain...)

	if len(names) == 0 {
		var e entry
		if old, ok := a.static.Get(pattern); ok {
			e = *old
		}
		if old := e.routes[mi]; old != nil {
			conflict(old, rt)
		}
		e.routes[mi] = rt
		a.static.Set(pattern, &e)
		t.addStatic(pattern)
		t.staticMethods |= 1 << mi
	} else {
		t.trees[mi] = insert(t.trees[mi], rt)
		t.maxParams = max(t.maxParams, len(names))
	}
	rt.parts = nil
	t.used |= 1 << mi
	a.routes++
	for _, p := range groups {
		p.routes++
	}
	a.publish(&t)
}

// ServeHTTP routes r to its handler. See the package doc for how a route is
// chosen and what happens when none is.
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The hot path, written out in one function: the context first (its
	// parameter buffer is where the tree writes), then one load of the
	// routing table, the method's slot, and the static map or the tree.
	// What is rare (other methods, a parameter buffer to grow, a miss, a
	// status left to send) is in helpers outside it.
	c := a.pool.get()
	c.r, c.rw.w = r, w
	t := a.t.Load()
	path := r.URL.Path
	mi := methodIndex(r.Method)
	if mi < 0 {
		mi = t.otherSlot(r.Method)
	}
	var rt *route
	if mi >= 0 {
		mi &= maxMethods - 1 // no-op, spares the bounds check
		n := t.trees[mi]
		// The filter is worth its cost only when a miss leads to a tree.
		if t.staticMethods&(1<<mi) != 0 && (n == nil || t.mayBeStatic(path)) {
			if e, ok := a.static.Get(path); ok {
				rt = e.routes[mi]
			}
		}
		if rt == nil && n != nil && len(path) > 0 && path[0] == '/' {
			if len(c.params) < t.maxParams {
				c.growParams(t.maxParams)
			}
			rt = n.lookup(path[1:], c.params, 0)
		}
	}
	if rt != nil {
		c.route = rt
		if err := rt.h(c); err != nil {
			t.onError(c, err)
		}
	} else {
		a.serveMiss(c, t)
	}
	if c.rw.status != 0 && !c.rw.written {
		c.rw.sendStatus()
	}
	// Only the response state needs resetting: every other field is set
	// before it is read. The request and writer stay referenced until the
	// Context is reused, as the pool keeps few Contexts.
	c.rw.status, c.rw.written, c.rw.noBody = 0, false, false
	a.pool.put(c)
}

// serveMiss is miss for ServeHTTP, which keeps fewer values alive for it.
//
//go:noinline
func (a *App) serveMiss(c *Context, t *table) {
	mi := t.slot(c.r.Method)
	a.miss(c, t, mi, c.r.URL.Path)
}

// otherSlot is the slot of a method that is not one of the nine standard
// ones, or -1.
//
//go:noinline
func (t *table) otherSlot(method string) int {
	for i := numStdMethods; i < t.nmethods; i++ {
		if t.methods[i] == method {
			return i
		}
	}
	return -1
}

// growParams gives c room for n parameter values (a route with more of them
// than any before was added).
//
//go:noinline
func (c *Context) growParams(n int) { c.params = make([]string, n) }

// find returns the route of method slot mi matching path, or nil. ps must
// have room for t.maxParams values.
func (a *App) find(t *table, mi int, path string, ps []string) *route {
	if uint(mi) >= maxMethods {
		return nil
	}
	if t.staticMethods&(1<<mi) != 0 && t.mayBeStatic(path) {
		if e, ok := a.static.Get(path); ok {
			if rt := e.routes[mi]; rt != nil {
				return rt
			}
		}
	}
	if n := t.trees[mi]; n != nil && len(path) > 0 && path[0] == '/' {
		return n.lookup(path[1:], ps, 0)
	}
	return nil
}

// The static filter is a 1024-bit Bloom filter (one hash) over the static
// paths of 8 bytes or more, so that requests for wildcard routes mostly skip
// the hash map lookup. It hashes the path's last 8 bytes and its length with
// one multiplication; shorter paths always go to the map. Once a quarter of
// the bits are set it is turned off (every path may be static): past that,
// it would cost more than it saves.
const filterBits = 1024

func filterHash(path string) uint {
	return uint((load64(path[len(path)-8:]) ^ uint64(len(path))) * 0x9E3779B97F4A7C15 >> (64 - 10))
}

func (t *table) mayBeStatic(path string) bool {
	if len(path) < 8 || t.filterOff {
		return true
	}
	h := filterHash(path)
	return t.filter[h/64]&(1<<(h%64)) != 0
}

func (t *table) addStatic(path string) {
	if len(path) < 8 {
		return
	}
	h := filterHash(path)
	t.filter[h/64] |= 1 << (h % 64)
	t.filterSet++
	if t.filterSet > filterBits/4 {
		t.filterOff = true
	}
}

// Kinds of App-made responses, in Context.fb.
const (
	fbNotFound = iota
	fbNotAllowed
	fbOptions
	fbRedirect
)

// miss answers a request no route of its method matches: a trailing-slash
// redirect, an automatic OPTIONS answer, a 405 or a 404.
func (a *App) miss(c *Context, t *table, mi int, path string) {
	c.route = nil
	if len(c.params) < t.maxParams {
		c.params = make([]string, t.maxParams)
	}
	ps := c.params
	if mi == mHEAD {
		if rt := a.find(t, mGET, path, ps); rt != nil {
			c.route, c.rw.noBody = rt, true
			if err := rt.h(c); err != nil {
				t.onError(c, err)
			}
			return
		}
	}
	// A route of this method added since ServeHTTP looked (the static map is
	// shared, not part of the snapshot t) answers now, rather than the miss
	// path seeing it below and calling its own method not allowed.
	if rt := a.find(t, mi, path, ps); rt != nil {
		c.route = rt
		if err := rt.h(c); err != nil {
			t.onError(c, err)
		}
		return
	}
	matches := func(mi int, p string) bool {
		if a.find(t, mi, p, ps) != nil {
			return true
		}
		return mi == mHEAD && a.find(t, mGET, p, ps) != nil
	}
	c.fb = fbNotFound
	if alt := otherSlashForm(path); alt != "" && !strings.HasPrefix(alt, "//") && matches(mi, alt) {
		c.fb, c.aux = fbRedirect, redirectTarget(c.r.URL, alt)
	} else if path == "*" && mi != mOPTIONS {
		// "*" is only meaningful as the target of OPTIONS.
	} else if allow := a.allow(t, path, ps, mi); allow != "" {
		c.fb, c.aux = fbNotAllowed, allow
		if mi == mOPTIONS {
			c.fb = fbOptions
		}
	}
	zero.Slice(ps) // the lookups above used it as scratch
	c.route = nil
	if err := t.fallback(c); err != nil {
		t.onError(c, err)
	}
}

// otherSlashForm returns path with its trailing slash added or removed, or
// "" when there is no other form.
func otherSlashForm(path string) string {
	switch {
	case path == "" || path == "/" || path[0] != '/':
		return ""
	case path[len(path)-1] == '/':
		return path[:len(path)-1]
	}
	return path + "/"
}

func redirectTarget(u *url.URL, alt string) string {
	target := (&url.URL{Path: alt}).EscapedPath()
	if raw := u.RawPath; raw != "" {
		target = otherSlashForm(raw)
	}
	if u.RawQuery != "" {
		target += "?" + u.RawQuery
	}
	return target
}

// allow returns the sorted Allow header value for path ("" when no route of
// any method matches it). "OPTIONS *" gets every method the App routes.
func (a *App) allow(t *table, path string, ps []string, self int) string {
	var ms []string
	for mi := 0; mi < t.nmethods; mi++ {
		if t.used&(1<<mi) == 0 || mi == self {
			// The request's own method did not match a moment ago: if a
			// route of it was added since, the request still predates it.
			continue
		}
		if path == "*" || a.find(t, mi, path, ps) != nil {
			ms = append(ms, t.methods[mi])
			if mi == mGET {
				ms = append(ms, http.MethodHead)
			}
		}
	}
	if len(ms) == 0 {
		return ""
	}
	ms = append(ms, http.MethodOptions)
	slices.Sort(ms)
	return strings.Join(slices.Compact(ms), ", ")
}
