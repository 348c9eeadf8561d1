package engine

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"

	"github.com/hotpath-go/hotpath/bytesx"
	"github.com/hotpath-go/hotpath/wire"
)

// The response errors.
var (
	// ErrHeaderSent: a header was set after the head went out (after
	// WriteHeader or the first Write).
	ErrHeaderSent = errors.New("engine: header set after the response head was written")
	// ErrReservedHeader: Transfer-Encoding is the engine's to set.
	ErrReservedHeader = errors.New("engine: Transfer-Encoding is set by the engine")
	// ErrBadContentLength: a Content-Length header that is not a decimal
	// number.
	ErrBadContentLength = errors.New("engine: invalid Content-Length header value")
	// ErrBodyNotAllowed: a body was written for a status that has none
	// (1xx, 204, 304).
	ErrBodyNotAllowed = http.ErrBodyNotAllowed
	// ErrContentLength: more body than the Content-Length the handler set.
	ErrContentLength = http.ErrContentLength
	// ErrBodyReadAfterClose: a request body was read after its Handler
	// returned (or, through HTTPHandler, after it was closed).
	ErrBodyReadAfterClose = http.ErrBodyReadAfterClose
)

// ResponseWriter builds the response to one request. Set the status with
// WriteHeader and headers with SetHeader or AddHeader, then write the body;
// the head is fixed by WriteHeader or the first Write, as with net/http.
// Headers are checked with the bytesx kernels as they are set, and a bad
// name or value is refused with an error, never written.
//
// The body is held back up to Server.ResponseBufferBytes and sent with a
// Content-Length when the Handler returns; a larger body, or one after
// Flush, goes out chunked (or, to an HTTP/1.0 client, delimited by the
// connection's close), unless the Handler set a Content-Length. A HEAD
// response gets the headers a GET would and no body. Date is set unless
// the Handler sets it, Content-Type is sniffed (http.DetectContentType)
// when the Handler sets none and writes a body, and Connection is the
// engine's: a Handler's "Connection: close" closes the connection after
// the response.
type ResponseWriter struct {
	c *conn

	status   int
	minor    int
	hdr      []byte // validated field lines, CRLF each
	body     []byte // held-back body
	written  int64  // body bytes the handler wrote
	declared int64  // the handler's Content-Length, or -1

	head       bool // a HEAD request: no body goes out
	fixed      bool // status and headers are fixed
	started    bool // the head is in wbuf (streaming)
	chunked    bool // streaming with chunked coding
	hasDate    bool
	hasType    bool
	closeAfter bool // the handler set Connection: close
}

func (w *ResponseWriter) reset(minor int, head bool) {
	*w = ResponseWriter{c: w.c, hdr: w.hdr[:0], body: w.body[:0], status: http.StatusOK,
		minor: minor, head: head, declared: -1}
}

// Request returns the request this response answers.
func (w *ResponseWriter) Request() *Request { return &w.c.req }

// Status returns the response status: 200 unless WriteHeader set another.
func (w *ResponseWriter) Status() int { return w.status }

// Written returns the number of body bytes written so far.
func (w *ResponseWriter) Written() int64 { return w.written }

// HeaderSent reports whether the status and headers are fixed.
func (w *ResponseWriter) HeaderSent() bool { return w.fixed }

// AddHeader adds the header field "name: value". It returns
// wire.ErrInvalidHeaderName or wire.ErrInvalidHeaderValue for a name that
// is not a token or a value with a control byte, ErrHeaderSent after the
// head is fixed, ErrReservedHeader for Transfer-Encoding and
// ErrBadContentLength for a Content-Length that is not a number.
func (w *ResponseWriter) AddHeader(name, value string) error {
	if w.fixed {
		return ErrHeaderSent
	}
	if !bytesx.ValidHeaderNameString(name) {
		return wire.ErrInvalidHeaderName
	}
	if !bytesx.ValidHeaderValueString(value) {
		return wire.ErrInvalidHeaderValue
	}
	return w.add(name, value)
}

// AddHeaderBytes is AddHeader for byte slices.
func (w *ResponseWriter) AddHeaderBytes(name, value []byte) error {
	return w.AddHeader(str(name), str(value))
}

// SetHeader replaces every header field called name (compared without
// regard to ASCII case) with "name: value"; see AddHeader for the errors.
func (w *ResponseWriter) SetHeader(name, value string) error {
	if w.fixed {
		return ErrHeaderSent
	}
	if !bytesx.ValidHeaderNameString(name) {
		return wire.ErrInvalidHeaderName
	}
	if !bytesx.ValidHeaderValueString(value) {
		return wire.ErrInvalidHeaderValue
	}
	if n := len(name); n == 14 || n == 17 {
		if err := checkSpecial(name, value); err != nil {
			return err // the field it would replace stays as it was
		}
	}
	if len(w.hdr) > 0 {
		w.DelHeader(name)
	}
	return w.add(name, value)
}

// checkSpecial returns the error special would return for the field, or
// nil, without taking it.
func checkSpecial(name, value string) error {
	switch len(name) {
	case 14:
		if eqFoldName(name, "content-length") {
			if _, ok := parseContentLength(bs(value)); !ok {
				return ErrBadContentLength
			}
		}
	case 17:
		if eqFoldName(name, "transfer-encoding") {
			return ErrReservedHeader
		}
	}
	return nil
}

// add appends a field line whose name and value have been checked (the
// check wire.AppendHeaderString makes, done once by the caller).
func (w *ResponseWriter) add(name, value string) error {
	if special, err := w.special(name, value); special || err != nil {
		return err
	}
	w.hdr = append(w.hdr, name...)
	w.hdr = append(w.hdr, ':', ' ')
	w.hdr = append(w.hdr, value...)
	w.hdr = append(w.hdr, '\r', '\n')
	return nil
}

// DelHeader removes every header field called name.
func (w *ResponseWriter) DelHeader(name string) {
	if w.fixed {
		return
	}
	switch {
	case eqFoldName(name, "content-length"):
		w.declared = -1
	case eqFoldName(name, "date"):
		w.hasDate = false
	case eqFoldName(name, "content-type"):
		w.hasType = false
	case eqFoldName(name, "connection"):
		w.closeAfter = false
	}
	out := w.hdr[:0]
	for rest := w.hdr; len(rest) > 0; {
		end := bytes.IndexByte(rest, '\n') + 1
		line := rest[:end]
		rest = rest[end:]
		if colon := bytes.IndexByte(line, ':'); eqFoldName(str(line[:colon]), name) {
			continue
		}
		out = append(out, line...) // never ahead of the line it copies
	}
	w.hdr = out
}

// clearHeader forgets every header field set so far, and what the engine
// noted of them.
func (w *ResponseWriter) clearHeader() {
	w.hdr = w.hdr[:0]
	w.declared = -1
	w.hasDate, w.hasType, w.closeAfter = false, false, false
}

// Header returns the value of the first header field called name the
// Handler set, or nil. The Content-Length it set is not among them. The
// value aliases the response's buffer: it must not be modified, and is
// capped at its length (an append copies it).
func (w *ResponseWriter) Header(name string) []byte {
	for rest := w.hdr; len(rest) > 0; {
		end := bytes.IndexByte(rest, '\n') + 1
		line := rest[:end-2]
		rest = rest[end:]
		colon := bytes.IndexByte(line, ':')
		if eqFoldName(str(line[:colon]), name) {
			return line[colon+2 : len(line) : len(line)]
		}
	}
	return nil
}

// Headers appends the header fields the Handler set so far to dst, in
// order, and returns the result. Names and values alias the response's
// buffer: valid until the header is next changed, and not to be
// modified. The Content-Length it set and Connection are not among them.
func (w *ResponseWriter) Headers(dst []wire.Header) []wire.Header {
	for rest := w.hdr; len(rest) > 0; {
		end := bytes.IndexByte(rest, '\n') + 1
		line := rest[:end-2]
		rest = rest[end:]
		colon := bytes.IndexByte(line, ':')
		dst = append(dst, wire.Header{Name: line[:colon], Value: line[colon+2:]})
	}
	return dst
}

func eqFoldName(a, b string) bool { return len(a) == len(b) && bytesx.EqualFoldString(a, b) }

// special handles the fields the engine owns or watches; it reports
// whether the field was taken (and is not to be stored).
func (w *ResponseWriter) special(name, value string) (bool, error) {
	switch len(name) {
	case 4:
		if eqFoldName(name, "date") {
			w.hasDate = true
		}
	case 10:
		if eqFoldName(name, "connection") {
			if hasToken(bs(value), "close") {
				w.closeAfter = true
			}
			return true, nil
		}
	case 12:
		if eqFoldName(name, "content-type") {
			w.hasType = true
		}
	case 14:
		if eqFoldName(name, "content-length") {
			n, ok := parseContentLength(bs(value))
			if !ok {
				return true, ErrBadContentLength
			}
			w.declared = n
			return true, nil
		}
	case 17:
		if eqFoldName(name, "transfer-encoding") {
			return true, ErrReservedHeader
		}
	}
	return false, nil
}

// WriteHeader sets the status code and fixes the headers. Codes 100 to
// 199 (but 101) send an interim response with the headers set so far,
// which stay set; 101 and codes outside 100..999 are answered 500 (the
// engine switches no protocols). A second final status is ignored.
func (w *ResponseWriter) WriteHeader(code int) {
	if w.fixed {
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		if w.minor == 0 {
			return // HTTP/1.0 has no interim responses
		}
		b := wire.AppendStatusLine(w.c.wbuf, w.minor, code)
		b = append(b, w.hdr...)
		w.c.wbuf = wire.AppendEndOfHead(b)
		return
	}
	if code < 100 || code > 999 || code == http.StatusSwitchingProtocols {
		code = http.StatusInternalServerError
	}
	w.status = code
	w.fixed = true
}

// bodyAllowed reports whether the status may have a body (RFC 9110 §6.4.1).
func (w *ResponseWriter) bodyAllowed() bool {
	return w.status >= 200 && w.status != http.StatusNoContent && w.status != http.StatusNotModified
}

// Write writes body bytes: held back while they fit the response buffer,
// else sent on (chunked, unless a Content-Length was set).
func (w *ResponseWriter) Write(p []byte) (int, error) {
	if !w.fixed {
		w.WriteHeader(http.StatusOK)
	}
	if len(p) == 0 {
		return 0, nil
	}
	if !w.bodyAllowed() {
		return 0, ErrBodyNotAllowed
	}
	if w.declared >= 0 && w.written+int64(len(p)) > w.declared {
		return 0, ErrContentLength
	}
	c := w.c
	if c.werr != nil {
		return 0, c.werr
	}
	if !w.started && len(w.body)+len(p) <= c.cfg.respBuf {
		w.body = append(w.body, p...)
		w.written += int64(len(p))
		return len(p), nil
	}
	if !w.started {
		w.start()
	}
	w.written += int64(len(p))
	if w.head {
		return len(p), nil
	}
	w.send(p)
	if c.werr != nil {
		return 0, c.werr
	}
	return len(p), nil
}

// WriteString is Write for a string.
func (w *ResponseWriter) WriteString(s string) (int, error) {
	if !w.fixed {
		w.WriteHeader(http.StatusOK)
	}
	if !w.started && len(w.body)+len(s) <= w.c.cfg.respBuf && w.bodyAllowed() &&
		(w.declared < 0 || w.written+int64(len(s)) <= w.declared) {
		w.body = append(w.body, s...)
		w.written += int64(len(s))
		return len(s), nil
	}
	return w.Write(bs(s))
}

// Flush sends the head and what the body holds so far to the client now;
// the rest of the body follows chunked (or as set out for Write).
func (w *ResponseWriter) Flush() error {
	if !w.fixed {
		w.WriteHeader(http.StatusOK)
	}
	if !w.started {
		w.start()
	}
	if !w.c.flush() {
		return w.c.werr
	}
	return nil
}

// send puts body bytes on the wire in the streaming mode chosen by start.
func (w *ResponseWriter) send(p []byte) {
	c := w.c
	if len(p) == 0 {
		return
	}
	if w.chunked {
		c.wbuf = strconv.AppendUint(c.wbuf, uint64(len(p)), 16)
		c.wbuf = append(c.wbuf, '\r', '\n')
	}
	if len(p) >= flushAt {
		if c.flush() {
			c.armWrite()
			if _, err := c.write(p); err != nil {
				c.werr, c.keep = err, false
			}
		}
	} else {
		c.wbuf = append(c.wbuf, p...)
	}
	if w.chunked {
		c.wbuf = append(c.wbuf, '\r', '\n')
	}
	if len(c.wbuf) >= flushAt {
		c.flush()
	}
}

// start puts the head in wbuf for a streamed body and sends what was held
// back.
func (w *ResponseWriter) start() {
	c := w.c
	w.started = true
	framed := w.declared >= 0 || w.head || !w.bodyAllowed()
	if !framed {
		if w.minor >= 1 {
			w.chunked = true
		} else {
			c.keep = false // HTTP/1.0: the body ends with the connection
		}
	}
	w.writeHead(w.declared)
	if !w.head {
		w.send(w.body)
	}
	w.body = w.body[:0]
}

// writeHead appends the status line and header section to wbuf, with a
// Content-Length of n unless n < 0.
func (w *ResponseWriter) writeHead(n int64) {
	c := w.c
	if w.closeAfter || c.srv.closing.Load() {
		c.keep = false
	}
	b := wire.AppendStatusLine(c.wbuf, w.minor, w.status)
	b = append(b, w.hdr...)
	if !w.hasDate {
		b = append(b, c.dateLine()...)
	}
	if w.bodyAllowed() {
		if !w.hasType && len(w.body) > 0 {
			b = append(b, "Content-Type: "...)
			b = append(b, http.DetectContentType(w.body)...)
			b = append(b, '\r', '\n')
		}
		if w.chunked {
			b = append(b, "Transfer-Encoding: chunked\r\n"...)
		} else if n >= 0 {
			b = append(b, "Content-Length: "...)
			b = strconv.AppendInt(b, n, 10)
			b = append(b, '\r', '\n')
		}
	}
	switch {
	case !c.keep:
		b = append(b, "Connection: close\r\n"...)
	case w.minor == 0:
		b = append(b, "Connection: keep-alive\r\n"...)
	}
	c.wbuf = append(b, '\r', '\n')
}

// finishResponse completes the response after the handler returned.
func (c *conn) finishResponse() {
	w := &c.resp
	if c.panicked {
		if w.started {
			c.keep = false // the body is cut short: closing says so
			return
		}
		w.reset(w.minor, w.head)
		w.WriteHeader(http.StatusInternalServerError)
		c.keep = false
	}
	if !w.fixed {
		w.WriteHeader(http.StatusOK)
	}
	if w.started {
		switch {
		case w.chunked:
			c.wbuf = append(c.wbuf, "0\r\n\r\n"...)
		case w.declared >= 0 && w.written != w.declared && !w.head && w.bodyAllowed():
			c.keep = false // short of its Content-Length: only a close ends it
		}
		if c.keep && !c.req.body.settle() {
			c.keep = false
		}
		return
	}
	// Settle the request body first: whether the connection stays open
	// goes in this head. (A connection that closes anyway discards what is
	// left while it lingers.)
	if c.keep && !c.req.body.settle() {
		c.keep = false
	}
	n := int64(len(w.body))
	if w.declared >= 0 {
		if w.declared != n && !w.head {
			c.keep = false // short of its Content-Length: only a close ends it
		}
		n = w.declared
	} else if w.head {
		n = w.written
		if n == 0 {
			n = -1 // as net/http: a HEAD handler that wrote nothing declares no length
		}
	}
	if !w.bodyAllowed() {
		n = -1
	}
	w.writeHead(n)
	if !w.head {
		c.wbuf = append(c.wbuf, w.body...)
	}
}
