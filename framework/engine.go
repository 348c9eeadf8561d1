package framework

import (
	"context"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"unsafe"

	"github.com/hotpath-go/hotpath/engine"
	"github.com/hotpath-go/hotpath/wire"
)

// Serve accepts connections on ln and serves HTTP/1.1 on them with
// hotpath's own engine (package engine) until Shutdown, then returns
// http.ErrServerClosed. It runs on a.Server, made with the engine's
// defaults when nil; see the package doc for what the engine does not do
// (HTTP/2, h2c, upgrades), for which the App runs under net/http as an
// http.Handler instead. Serve may be called for several listeners at
// once; ln is closed when Serve returns.
func (a *App) Serve(ln net.Listener) error { return a.engineServer().Serve(ln) }

// ListenAndServe listens on the TCP address addr and calls Serve.
func (a *App) ListenAndServe(addr string) error { return a.engineServer().ListenAndServe(addr) }

// Shutdown stops the App's engine gracefully: it stops accepting, closes
// the connections waiting for a request, lets the requests in flight
// finish (their responses carry Connection: close), and returns when
// every connection is closed, or ctx's error when ctx is done first.
// Serve then returns http.ErrServerClosed, and so does any later Serve.
// It does not reach net/http servers running the App as an http.Handler.
func (a *App) Shutdown(ctx context.Context) error { return a.engineServer().Shutdown(ctx) }

// engineServer returns a.Server, made on first use, with its Handler set
// to the App when it has none.
func (a *App) engineServer() *engine.Server {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.Server == nil {
		a.Server = &engine.Server{}
	}
	if a.Server.Handler == nil {
		a.Server.Handler = a
	}
	return a.Server
}

// ServeHTTP1 serves one request of hotpath's engine (engine.Handler), as
// ServeHTTP serves one of net/http, through the same routing and the same
// handlers: the Context holds the engine's request and response, and
// builds an *http.Request or an http.ResponseWriter only when
// Context.Request or Context.Response is called. Serve runs the App on the
// engine this way; ServeHTTP1 is exported for engine.Servers of one's own.
//
// r must be the request w answers (as the engine calls it).
func (a *App) ServeHTTP1(w *engine.ResponseWriter, r *engine.Request) {
	a.ServeHTTP((*engineWriter)(w), nil) // w.Request() is r
}

// engineWriter is how ServeHTTP1 hands the engine's response, and through
// it the request, to ServeHTTP: an http.ResponseWriter no other caller can
// make. The Context never writes through it.
type engineWriter engine.ResponseWriter

func (w *engineWriter) Header() http.Header { return nil }
func (w *engineWriter) Write(b []byte) (int, error) {
	return (*engine.ResponseWriter)(w).Write(b)
}
func (w *engineWriter) WriteHeader(code int) { (*engine.ResponseWriter)(w).WriteHeader(code) }

// enterEngine sets c up for a request of the engine, which ServeHTTP1
// passed in w: c.path is its path to route; it returns the slot of its
// method in t.
//
//go:noinline
func (c *Context) enterEngine(t *table, w http.ResponseWriter) int {
	ew, ok := w.(*engineWriter)
	if !ok {
		panic("framework: App.ServeHTTP called with a nil *http.Request")
	}
	c.rw.ew = (*engine.ResponseWriter)(ew)
	c.er = c.rw.ew.Request()
	c.extras() // ServeHTTP looks for the engine's end only when c.extra is set
	// The path aliases the connection's buffer: only routing keeps it (see
	// ownParams).
	c.path = unsafeString(c.er.Path())
	method := c.er.MethodString()
	mi := methodIndex(method)
	if mi < 0 {
		mi = t.otherSlot(method)
	}
	return mi
}

// leaveEngine ends an engine request: what Request and Response built (the
// header map goes onto the response if nothing was written, and the
// request's context is cancelled), and c's references to the engine.
//
//go:noinline
func (c *Context) leaveEngine() {
	if hw, ok := c.rw.w.(*engine.HTTPResponseWriter); ok {
		hw.Finish()
	}
	if x := c.extra; x != nil && x.cancel != nil {
		x.cancel()
		x.cancel = nil
	}
	c.er, c.rw.ew = nil, nil
}

// unsafeString views b as a string without a copy: only for strings that
// do not outlive b's contents.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// arenaBlock is the size of the blocks parameter and header values are
// copied into on the engine.
const arenaBlock = 4 << 10

// own copies b out of the connection's buffer, which the next request
// overwrites, so that what Param and Header return may be kept as under
// net/http. Copies are cut from a block no two requests share (one
// allocation for many requests); one larger than a quarter block gets its
// own allocation, so that a Context never keeps more than a block.
func (c *Context) own(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > arenaBlock/4 {
		return string(b)
	}
	x := c.extras()
	if len(b) > cap(x.arena)-len(x.arena) {
		x.arena = make([]byte, 0, arenaBlock)
	}
	n := len(x.arena)
	x.arena = append(x.arena, b...)
	return unsafeString(x.arena[n:len(x.arena):len(x.arena)])
}

// ownParams copies the part of c.path that rt's parameters lie in (see
// own), and sets c.path to the copy: parameter spans count from the
// path's end.
//
//go:noinline
func (c *Context) ownParams(rt *route) {
	from := 0
	for i := range rt.names {
		if i < len(c.params) {
			from = max(from, int(c.params[i].from))
		}
	}
	from = min(from, len(c.path))
	c.path = c.own(unsafe.Slice(unsafe.StringData(c.path[len(c.path)-from:]), from))
}

// buildRequest builds c.r from the engine's request, for Request.
//
//go:noinline
func (c *Context) buildRequest() {
	ctx, cancel := context.WithCancel(context.Background())
	r, err := c.er.HTTPRequest(ctx)
	if err != nil {
		// A target url.ParseRequestURI refuses (the engine is stricter,
		// so this is not expected): the parts the engine parsed.
		r = (&http.Request{
			Method:     c.er.MethodString(),
			URL:        &url.URL{Path: string(c.er.Path()), RawQuery: string(c.er.RawQuery())},
			Proto:      c.er.Proto(),
			ProtoMajor: 1,
			ProtoMinor: c.er.ProtoMinor(),
			Header:     make(http.Header),
			Body:       http.NoBody,
			Host:       string(c.er.Host()),
			RequestURI: string(c.er.Target()),
		}).WithContext(ctx)
	}
	if c.route != nil {
		r.Pattern = c.route.pattern
	}
	c.r = r
	c.extras().cancel = cancel
}

// adopt makes the http.ResponseWriter Response returns on the engine: an
// engine.HTTPResponseWriter whose header map takes over the fields set so
// far, so that the map is the whole truth from then on.
//
//go:noinline
func (w *responseWriter) adopt() {
	hw := engine.NewHTTPResponseWriter(w.ew)
	if !w.ew.HeaderSent() {
		var inline [8]wire.Header
		fields := w.ew.Headers(inline[:0])
		h := hw.Header()
		for _, f := range fields {
			k := textproto.CanonicalMIMEHeaderKey(string(f.Name))
			h[k] = append(h[k], string(f.Value))
		}
		for k := range h {
			w.ew.DelHeader(k)
		}
	}
	w.w = hw
}

// engineHeader is Header on the engine, as net/http's header map would
// answer it.
func (c *Context) engineHeader(name string) string {
	switch len(name) {
	case 4, 7, 17:
		if eqFold(name, "host") || eqFold(name, "transfer-encoding") ||
			(c.er.ContentLength() < 0 && eqFold(name, "trailer")) {
			return "" // not in net/http's map
		}
	}
	return c.own(c.er.Header(name))
}

func eqFold(a, lower string) bool { return len(a) == len(lower) && strings.EqualFold(a, lower) }

// engineSet sets a response header field on the engine, replacing its
// values; key and value were checked.
func (w *responseWriter) engineSet(key, value string) error {
	err := w.ew.SetHeader(key, value)
	if err == nil && key == "Content-Length" {
		w.lenSet = true
	}
	return err
}

// setHeader sets the response header key (canonical) to the one value v.
func (c *Context) setHeader(key, v string) {
	if c.rw.w == nil {
		c.rw.engineSet(key, v)
		return
	}
	c.rw.w.Header()[key] = []string{v}
}

// addHeader adds v to the response header key (canonical).
func (c *Context) addHeader(key, v string) {
	if c.rw.w == nil {
		c.rw.ew.AddHeader(key, v)
		return
	}
	c.rw.w.Header().Add(key, v)
}

// responseHeader returns the first value of the response header key
// (canonical).
func (c *Context) responseHeader(key string) string {
	if c.rw.w == nil {
		return string(c.rw.ew.Header(key))
	}
	if v := c.rw.w.Header()[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// method returns the request's method.
func (c *Context) method() string {
	if c.r != nil {
		return c.r.Method
	}
	return c.er.MethodString()
}

// requestPath returns the request's URL.Path, as a string that may be
// kept.
func (c *Context) requestPath() string {
	if c.r != nil {
		return c.r.URL.Path
	}
	return string(c.er.Path())
}

// rawQuery returns the request's URL.RawQuery.
func (c *Context) rawQuery() string {
	if c.r != nil {
		return c.r.URL.RawQuery
	}
	return string(c.er.RawQuery())
}

// requestURL returns the request's URL, or on the engine the parts of it
// the redirects read (the path, as sent and decoded, and the query).
func (c *Context) requestURL() *url.URL {
	if c.r != nil {
		return c.r.URL
	}
	return &url.URL{Path: string(c.er.Path()), RawPath: string(c.er.RawPath()), RawQuery: string(c.er.RawQuery())}
}

// requestContext returns the request's context: Background on the engine
// until Request is called.
func (c *Context) requestContext() context.Context {
	if c.r != nil {
		return c.r.Context()
	}
	return context.Background()
}
