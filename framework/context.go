package framework

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unsafe"
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
	r      *http.Request
	app    *App // the App whose pool made it; never changes
	route  *route
	params []string // values of route.names, substrings of r.URL.Path
	js     *jsonState
	aux    string // Allow header or redirect target, for App-made responses
	fb     uint8  // kind of App-made response
}

// Request returns the request.
func (c *Context) Request() *http.Request { return c.r }

// Response returns the response writer. It wraps the one ServeHTTP was
// given; Unwrap returns that one (http.ResponseController uses it), and it
// implements http.Flusher and http.Hijacker when the wrapped writer does.
func (c *Context) Response() http.ResponseWriter { return &c.rw }

// Route returns the pattern of the matched route, such as "/users/:id", or
// "" in the App's own responses (not found and the like).
func (c *Context) Route() string {
	if c.route == nil {
		return ""
	}
	return c.route.pattern
}

// Param returns the value of the route's wildcard name, or "" when the
// route has none by that name. The value is a substring of the request's
// URL.Path (so it is already %-decoded); a catch-all's value may be empty.
func (c *Context) Param(name string) string {
	if c.route != nil {
		for i, n := range c.route.names {
			if n == name {
				return c.params[i]
			}
		}
	}
	return ""
}

// Query returns the first value of the URL query parameter name, as
// r.URL.Query().Get(name) would, without building the map: the value is a
// substring of the raw query unless it needs unescaping.
func (c *Context) Query(name string) string {
	q := c.r.URL.RawQuery
	for q != "" {
		var kv string
		kv, q, _ = strings.Cut(q, "&")
		if kv == "" || strings.IndexByte(kv, ';') >= 0 {
			continue // url.ParseQuery rejects pairs with a semicolon
		}
		k, v, _ := strings.Cut(kv, "=")
		if needsUnescape(k) {
			var err error
			if k, err = url.QueryUnescape(k); err != nil {
				continue
			}
		}
		if k != name {
			continue
		}
		if needsUnescape(v) {
			u, err := url.QueryUnescape(v)
			if err != nil {
				continue
			}
			return u
		}
		return v
	}
	return ""
}

func needsUnescape(s string) bool { return strings.ContainsAny(s, "%+") }

// Header returns the first value of the request header name.
func (c *Context) Header(name string) string {
	if v := c.r.Header[canonicalKey(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
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
	c.rw.w.Header()[canonicalKey(name)] = []string{value}
	return nil
}

// Status sets the status code the response will be sent with, when the
// handler writes through Response() without calling WriteHeader, or writes
// nothing at all. It does not write anything itself.
func (c *Context) Status(code int) *Context {
	c.rw.status = code
	return c
}

// Shared header values: assigning a prebuilt slice costs no allocation.
// net/http only reads them; Header.Add appends to a full slice, which
// copies.
var (
	jsonContentType = []string{"application/json; charset=utf-8"}
	textContentType = []string{"text/plain; charset=utf-8"}
)

// jsonState is a Context's JSON encoder, made on its first JSON call and
// kept with it. The encoder writes straight to the response through sink,
// so the encoding is not copied on its way.
type jsonState struct {
	enc  *json.Encoder
	sink jsonSink
}

// jsonSink is the writer of a Context's json.Encoder. Encode calls Write
// only once v was encoded without error, so nothing is written for a value
// that cannot be encoded. The first Write sends the header; every Write
// holds back a final newline until more follows, so that the body is what
// json.Marshal returns, without the newline Encode adds. It never returns an
// error, which the Encoder would keep and return from every later Encode:
// the response's error is kept in err for JSON to return.
type jsonSink struct {
	c       *Context
	code    int
	started bool
	held    bool // a newline is held back
	err     error
}

var newline = []byte{'\n'}

func (s *jsonSink) Write(b []byte) (int, error) {
	n := len(b)
	if !s.started && !s.held && n > 1 && b[n-1] == '\n' {
		// The whole encoding in one Write, as Encode makes it.
		s.started, s.held = true, true
		c := s.c
		c.startBody(s.code, jsonContentType)
		if !c.rw.noBody {
			if _, err := c.rw.w.Write(b[:n-1]); err != nil {
				s.err = err
			}
		}
		return n, nil
	}
	s.writeParts(b)
	return n, nil
}

// writeParts is Write for any other split of the encoding into writes.
func (s *jsonSink) writeParts(b []byte) {
	if !s.started {
		s.started = true
		s.c.startBody(s.code, jsonContentType)
	}
	if len(b) == 0 {
		return
	}
	if s.held {
		s.held = false
		s.write(newline)
	}
	if n := len(b); b[n-1] == '\n' {
		b, s.held = b[:n-1], true
	}
	if len(b) > 0 {
		s.write(b)
	}
}

func (s *jsonSink) write(b []byte) {
	if _, err := s.c.rw.Write(b); err != nil && s.err == nil {
		s.err = err
	}
}

// JSON encodes v with encoding/json and writes it with status code and,
// unless already set, Content-Type application/json. The body is what
// json.Marshal(v) returns. When v cannot be encoded it returns the error
// and writes nothing.
func (c *Context) JSON(code int, v any) error {
	js := c.js
	if js == nil {
		js = c.newJSON()
	}
	s := &js.sink
	s.code, s.started, s.held = code, false, false
	if err := js.enc.Encode(v); err != nil {
		return err
	}
	if err := s.err; err != nil {
		s.err = nil
		return err
	}
	return nil
}

//go:noinline
func (c *Context) newJSON() *jsonState {
	js := &jsonState{sink: jsonSink{c: c}}
	js.enc = json.NewEncoder(&js.sink)
	c.js = js
	return js
}

// String writes s with status code and, unless already set, Content-Type
// text/plain.
func (c *Context) String(code int, s string) error {
	h := c.rw.w.Header()
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = textContentType
	}
	c.rw.WriteHeader(code)
	_, err := c.rw.WriteString(s)
	return err
}

// Blob writes b with status code and the given Content-Type, which is
// validated like a SetHeader value (nothing is written when it is invalid).
func (c *Context) Blob(code int, contentType string, b []byte) error {
	if !validHeaderValue(contentType) {
		return fmt.Errorf("%w for Content-Type: %q", ErrHeaderValue, contentType)
	}
	return c.write(code, []string{contentType}, b)
}

func (c *Context) write(code int, ct []string, b []byte) error {
	c.startBody(code, ct)
	if c.rw.noBody {
		return nil
	}
	_, err := c.rw.w.Write(b)
	return err
}

// startBody sets Content-Type to ct unless it is set, and sends the header
// with code unless it was sent, as Write would: a 200 is left to the
// wrapped writer's first Write, which sends it (that is the
// http.ResponseWriter contract), and saves a call.
func (c *Context) startBody(code int, ct []string) {
	h := c.rw.w.Header()
	// An empty map (a server's, at the start of most responses) cannot
	// hold it: skip the lookup.
	if len(h) == 0 {
		h["Content-Type"] = ct
	} else if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = ct
	}
	if c.rw.written {
		return
	}
	if code == http.StatusOK && c.rw.status == 0 {
		c.rw.written, c.rw.status = true, code
		return
	}
	c.rw.WriteHeader(code)
	if !c.rw.written {
		c.rw.start()
	}
}

// NoContent writes the status code with no body.
func (c *Context) NoContent(code int) error {
	c.rw.WriteHeader(code)
	return nil
}

// responseWriter tracks whether the header was sent, holds a status set by
// Context.Status until then, and drops the body of a HEAD request answered
// by a GET route.
type responseWriter struct {
	w       http.ResponseWriter
	status  int
	written bool
	noBody  bool
}

func (w *responseWriter) Header() http.Header { return w.w.Header() }

// WriteHeader sends the header with code. Informational codes (1xx) pass
// through and leave the header unsent; later calls are ignored.
func (w *responseWriter) WriteHeader(code int) {
	if w.written {
		return
	}
	if code >= 200 || code < 100 {
		w.written, w.status = true, code
	}
	w.w.WriteHeader(code)
}

// sendStatus sends the status a handler set with Context.Status and left
// unsent.
//
//go:noinline
func (w *responseWriter) sendStatus() {
	w.written = true
	w.w.WriteHeader(w.status)
}

// start sends the header before the first body byte: a pending status, or
// nothing (net/http then sends 200 by itself).
func (w *responseWriter) start() {
	w.written = true
	if w.status != 0 && w.status != http.StatusOK {
		w.w.WriteHeader(w.status)
	}
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if !w.written {
		w.start()
	}
	if w.noBody {
		return len(b), nil
	}
	return w.w.Write(b)
}

// WriteString writes s without a copy: the io.Writer contract forbids
// Write to modify or retain its argument, so it may be given s's bytes.
func (w *responseWriter) WriteString(s string) (int, error) {
	if !w.written {
		w.start()
	}
	if w.noBody {
		return len(s), nil
	}
	return w.w.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.w }

// Flush sends the header if needed and flushes the wrapped writer when it
// is an http.Flusher.
func (w *responseWriter) Flush() {
	if !w.written {
		w.start()
	}
	if f, ok := w.w.(http.Flusher); ok {
		f.Flush()
	}
}

// Hijack hands over the connection when the wrapped writer is an
// http.Hijacker.
func (w *responseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := w.w.(http.Hijacker); ok {
		w.written = true
		return h.Hijack()
	}
	return nil, nil, errors.New("framework: the response writer does not support hijacking")
}
