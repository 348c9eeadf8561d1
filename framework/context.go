package framework

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"unsafe"

	"github.com/hotpath-go/hotpath/engine"
)

// Context is one request being handled: the request, the response writer,
// the route's parameters and helpers to answer.
//
// A Context is valid only while the handler it was passed to runs (its
// middleware included). The App reuses it for another request as soon as
// ServeHTTP returns, so it must not be kept, nor used from another goroutine
// after the handler returns. Copy what you need (c.Param's strings may be
// kept: they are substrings of the request's URL.Path).
type Context struct {
	rw     responseWriter
	r      *http.Request   // under net/http; on the engine, nil until Request builds it
	er     *engine.Request // on the engine; nil under net/http
	path   string          // the path routed (%-decoded); parameters are substrings of it
	app    *App            // the App whose pool made it; never changes
	route  *route
	params []paramSpan   // values of route.names, in path
	extra  *contextExtra // made on first use, kept with the Context
}

// contextExtra is what a Context needs only for some requests, made on its
// first use and kept with the Context across requests: the JSON encoder,
// the parsed query and the header value cells.
type contextExtra struct {
	answer      appAnswer // the App's own answer, when no route handles the request
	js          *jsonState
	query       url.Values
	queryParsed bool
	cells       *cellBlock // header value cells; see headerValue
	used        int        // cells handed out of cells
	arena       []byte     // unused bytes for parameter values on the engine; see ownParams
	cancel      func()     // cancels the context of a Request built on the engine
}

func (c *Context) extras() *contextExtra {
	if c.extra == nil {
		c.extra = new(contextExtra)
	}
	return c.extra
}

// release drops what belongs to the request just served.
func (x *contextExtra) release() {
	x.query, x.queryParsed, x.answer.header = nil, false, ""
}

// headerValue returns a one-element slice holding v for a response header,
// without an allocation per response: cells are cut from a block, and no
// cell is ever handed out twice. A header map's slices may be edited in
// place by whoever holds the map (a middleware, a buffering wrapper), so no
// two responses may share one, and a cell must outlive the response, which
// may be written after ServeHTTP returns.
func (c *Context) headerValue(v string) []string {
	x := c.extras()
	i := x.used
	if x.cells == nil || i >= len(x.cells) {
		x.cells, i = new(cellBlock), 0
	}
	x.used = i + 1
	s := x.cells[i : i+1 : i+1]
	s[0] = v
	return s
}

// cellBlock is a block of header value cells. Above 512 bytes the
// allocator marks a block's pointers with one type header instead of a
// bit per word, so a block this size costs a few instructions a cell.
// 63 cells and that header fill a 1 KiB size class.
type cellBlock [63]string

// Request returns the request. Under net/http it is the one ServeHTTP was
// given. On hotpath's engine (App.Serve) it is built on the first call,
// with engine.Request.HTTPRequest: that allocates the request, its URL,
// header map and strings, as net/http would have; its context is
// cancelled when the request is done. The Context's own methods (Param,
// Query, Header, Bind, ...) do not need it.
func (c *Context) Request() *http.Request {
	if c.r == nil {
		c.buildRequest()
	}
	return c.r
}

// SetRequest replaces the request the handlers after this point see, as
// middleware that derives one (r.WithContext) needs. r must not be nil.
func (c *Context) SetRequest(r *http.Request) { c.r = r }

// Response returns the response writer. Under net/http it wraps the one
// ServeHTTP was given; on hotpath's engine, an engine.HTTPResponseWriter
// made on the first call (it allocates its header map, which then holds
// the header fields set so far; the Context's helpers set fields through
// it from then on). Unwrap returns that one, and http.ResponseController flushes and
// hijacks through it (FlushError, Hijack) when some writer on the way can,
// returning an error wrapping http.ErrNotSupported when none can. It
// implements http.Flusher and http.Hijacker exactly when the wrapped
// writer does.
func (c *Context) Response() (v http.ResponseWriter) {
	// Inlined: the view is put together from its type word, of the kind
	// ServeHTTP took for w, and its one field, &c.rw.
	if c.rw.w == nil {
		c.rw.adoptView()
	}
	*(*ifaceWords)(unsafe.Pointer(&v)) = ifaceWords{viewTabs[c.rw.viewKind&3], unsafe.Pointer(&c.rw)}
	return
}

// Route returns the pattern of the matched route, such as "/users/:id", or
// "" in the App's own responses (not found and the like). The App also sets
// the request's Pattern field to it.
func (c *Context) Route() string {
	if c.route == nil {
		return ""
	}
	return c.route.pattern
}

// Param returns the value of the route's wildcard name, or "" when the
// route has none by that name. The value is a substring of the path
// routed, the request's URL.Path (so it is already %-decoded), and may be
// kept: on the engine it is copied out of the connection's buffer before
// the handler runs. A catch-all's value may be empty.
func (c *Context) Param(name string) string {
	if rt := c.route; rt != nil {
		for i, n := range rt.names {
			if n != name {
				continue
			}
			// c.params has room for every route's values (ServeHTTP and
			// miss grow it before they set c.route, and it never shrinks).
			p, sp := c.path, c.params[i] // ("" is "/": no values)
			// p[len(p)-from : len(p)-to], without the slice's checks
			// again: a value is not empty and lies within p.
			if from, to := int(sp.from), int(sp.to); to < from && from <= len(p) {
				return *(*string)(unsafe.Pointer(&stringWords{unsafe.Add(unsafe.Pointer(unsafe.StringData(p)), len(p)-from), from - to}))
			}
			break
		}
	}
	return ""
}

// stringWords is the layout of a string.
type stringWords struct {
	p unsafe.Pointer
	n int
}

// Query returns the first value of the URL query parameter name, as
// c.Request().URL.Query().Get(name) does. The query is parsed once per
// request, on first use, by net/url (with its limits: at most 10,000
// parameters by default), so every call of a request agrees with
// URL.Query and with each other; later calls cost a map lookup.
func (c *Context) Query(name string) string { return c.QueryValues().Get(name) }

// QueryValues returns the parsed URL query (see Query). The map is shared
// by the calls of one request: do not modify it.
func (c *Context) QueryValues() url.Values {
	x := c.extras()
	if !x.queryParsed {
		if c.r != nil {
			x.query = c.r.URL.Query()
		} else {
			x.query, _ = url.ParseQuery(string(c.er.RawQuery()))
		}
		x.queryParsed = true
	}
	return x.query
}

// Header returns the first value of the request header name, as
// c.Request().Header.Get(name) does (so Host, Transfer-Encoding and, with
// a chunked body, Trailer are not among the headers). It may be kept after
// the handler returns: on the engine the value is copied out of the
// connection's buffer into a block many requests share, so that a request
// allocates nothing for it (a value over 1 KiB is copied on its own).
func (c *Context) Header(name string) string {
	if c.r != nil {
		if v := c.r.Header[canonicalKey(name)]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	return c.engineHeader(name)
}

// Errors from SetHeader.
var (
	ErrHeaderName    = errors.New("framework: invalid header name")
	ErrHeaderValue   = errors.New("framework: invalid header value")
	ErrHeaderWritten = errors.New("framework: response header already written")
)

// SetHeader sets a response header, replacing its values. A name that is
// not an RFC 9110 token, or a value with a control byte other than HTAB (CR,
// LF and NUL among them), is refused with an error wrapping ErrHeaderName
// or ErrHeaderValue, and nothing is set. After the header was written it
// returns ErrHeaderWritten.
func (c *Context) SetHeader(name, value string) error {
	if !validHeaderName(name) {
		return fmt.Errorf("%w %q", ErrHeaderName, name)
	}
	if !validHeaderValue(value) {
		return fmt.Errorf("%w for %s: %q", ErrHeaderValue, name, value)
	}
	if c.rw.written {
		return ErrHeaderWritten
	}
	if c.rw.w == nil {
		return c.rw.engineSet(canonicalKey(name), value)
	}
	c.rw.w.Header()[canonicalKey(name)] = []string{value}
	return nil
}

// Status sets the status code the response will be sent with, when the
// handler writes through Response() without calling WriteHeader, or writes
// nothing at all. It does not write anything itself. A code net/http would
// refuse (outside 100-999) counts as 500.
func (c *Context) Status(code int) *Context {
	if !validStatus(code) {
		code = http.StatusInternalServerError
	}
	c.rw.status = int16(code)
	return c
}

// StatusCode returns the status of the response: the one sent (200 when
// the body was written without one), or the one set with Status and not
// yet sent, or 0 when there is neither. Logging middleware reads it after
// the handler.
func (c *Context) StatusCode() int { return int(c.rw.status) }

// Written reports whether the response header has been committed: after
// it, the status can no longer change.
func (c *Context) Written() bool { return c.rw.written }

// BytesWritten returns the number of body bytes written so far (for a HEAD
// request answered by a GET route, the bytes the GET would have sent).
func (c *Context) BytesWritten() int64 { return c.rw.size }

// Content types of the helpers.
const (
	jsonContentType = "application/json; charset=utf-8"
	textContentType = "text/plain; charset=utf-8"
)

// String writes s with status code and, unless already set, Content-Type
// text/plain. A code outside 100-999 is refused with an error before
// anything is written.
func (c *Context) String(code int, s string) error {
	if !validStatus(code) {
		return errStatus(code)
	}
	c.startBody(code, textContentType)
	_, err := c.rw.WriteString(s)
	return err
}

// Blob writes b with status code and the given Content-Type, which is
// validated like a SetHeader value (nothing is written when it is invalid,
// nor when code is outside 100-999).
func (c *Context) Blob(code int, contentType string, b []byte) error {
	if !validHeaderValue(contentType) {
		return fmt.Errorf("%w for Content-Type: %q", ErrHeaderValue, contentType)
	}
	if !validStatus(code) {
		return errStatus(code)
	}
	c.startBody(code, contentType)
	_, err := c.rw.Write(b)
	return err
}

// startBody sets Content-Type to ct unless it is set, and commits the
// header with code unless it was, as Write would: a 200 is left to the
// wrapped writer's first Write.
func (c *Context) startBody(code int, ct string) {
	if w := c.rw.w; w != nil {
		h := w.Header()
		// An empty map (a server's, at the start of most responses) cannot
		// hold it: skip the lookup.
		if len(h) == 0 {
			h["Content-Type"] = c.headerValue(ct)
		} else if _, ok := h["Content-Type"]; !ok {
			h["Content-Type"] = c.headerValue(ct)
		}
	} else if ew := c.rw.ew; !ew.HeaderSent() && ew.Header("Content-Type") == nil {
		ew.AddHeader("Content-Type", ct)
	}
	if c.rw.written {
		return
	}
	if code == http.StatusOK && c.rw.status == 0 {
		c.rw.start()
		return
	}
	c.rw.WriteHeader(code)
	if !c.rw.written {
		c.rw.start() // code was informational
	}
}

// NoContent writes the status code with no body. A code outside 100-999 is
// refused with an error before anything is written.
func (c *Context) NoContent(code int) error {
	if !validStatus(code) {
		return errStatus(code)
	}
	c.rw.WriteHeader(code)
	return nil
}
