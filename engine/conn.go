package engine

import (
	"bytes"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/hotpath-go/hotpath/percpu"
	"github.com/hotpath-go/hotpath/wire"
	"github.com/hotpath-go/hotpath/zero"
)

// The connection states Shutdown reads.
const (
	stateActive int32 = iota // reading or serving a request
	stateIdle                // waiting for the first byte of a request
	stateClosed              // closed by Shutdown or Close
)

const (
	// readBufSize is a connection's read buffer: a head up to about this
	// size, and everything a pipelining client sends in one go, takes one
	// read. Larger heads grow the buffer, up to MaxHeaderBytes, for one
	// request; the larger buffer is then left to the garbage collector.
	readBufSize = 4 << 10
	// writeBufSize is the initial capacity of the buffer a batch of
	// responses is gathered in before its one write.
	writeBufSize = 4 << 10
	// flushAt is where a batch's buffer is written out before the batch
	// ends, so that pipelined large responses do not pile up.
	flushAt = 64 << 10
	// keepBufMax is the largest buffer a pooled connection keeps.
	keepBufMax = 64 << 10
	// lingerTime bounds how long a closing connection reads and discards
	// what the client still sends, so that its last response is not lost
	// to a TCP reset.
	lingerTime = 500 * time.Millisecond
	// lingerBytes bounds what a closing connection discards.
	lingerBytes = 256 << 10
	// inlineHeaders is how many header fields a connection holds without
	// allocating.
	inlineHeaders = 32
)

// conn is one connection's whole state. It comes from a percpu.Pool and
// is reset with zero.Value when it goes back, keeping its buffers.
type conn struct {
	srv *Server
	cfg *config
	nc  net.Conn
	h   Handler

	state atomic.Int32

	// rbuf holds what was read and not yet used: rbuf[rpos:rend]. While a
	// request is served, rbuf[:floor] holds its head, which the Request
	// aliases: bytes below floor are never moved or overwritten.
	rbuf             []byte
	rpos, rend       int
	floor            int
	wbuf             []byte // responses not yet written
	rerr, werr       error  // the first read and write errors
	linger           bool   // close with a lingering close
	keep             bool   // the connection may serve another request
	panicked         bool
	now              int64 // coarse time (clock.now) of the last read, or of the flush before an idle wait
	reqStart         int64 // coarse time the engine began to read the current request
	wstart           int64 // coarse time WriteTimeout runs from: the end of the last head, or a refusal
	opened           int64 // coarse time the connection was accepted (or its TLS handshake done)
	begun            bool  // a request head has been read: the next waits are idle waits
	rdl, wdl         int64 // the deadlines set on nc (coarse time), 0 when none
	dateSec          int64
	dateLen          int
	date             [64]byte // "Date: ...\r\n" for dateSec
	wreq             wire.Request
	hdrs             [inlineHeaders]wire.Header
	req              Request
	resp             ResponseWriter
	tls              *tls.ConnectionState
	remote, local    net.Addr
	skippedEmptyLine bool
	// bodies is the ring of Body handles handed out in turn, bodySeq
	// counts them. Each slot is handed out once: after bodyHandles of them
	// the connection takes a new ring, so a Body kept past its request
	// never reads another request's bytes (one allocation per bodyHandles
	// body-reading requests). Both outlive the connection in the pool.
	bodies  *[bodyHandles]Body
	bodySeq uint32
	sk      sock
}

var connPool = percpu.Pool[conn]{New: func() *conn { return new(conn) }}

func getConn(s *Server, nc net.Conn) *conn {
	c := connPool.Get()
	c.srv, c.cfg, c.nc, c.h = s, &s.cfg, nc, s.Handler
	if c.rbuf == nil {
		c.rbuf = make([]byte, readBufSize)
	}
	if c.wbuf == nil {
		c.wbuf = make([]byte, 0, writeBufSize)
	}
	c.wreq.Headers = c.hdrs[:0]
	c.wreq.MaxHeaders = c.cfg.maxHeaders
	c.wreq.MaxHeadBytes = c.cfg.maxHeaderBytes
	c.req.c = c
	c.req.body.c = c
	c.resp.c = c
	c.remote, c.local = nc.RemoteAddr(), nc.LocalAddr()
	c.keep = true
	c.setSock()
	clock.acquire()
	c.opened = clock.now()
	return c
}

// nextBody hands out the next Body handle, alive until the Handler
// returns.
func (c *conn) nextBody() *Body {
	if c.bodies == nil || c.bodySeq == bodyHandles {
		c.bodies, c.bodySeq = new([bodyHandles]Body), 0
	}
	b := &c.bodies[c.bodySeq]
	c.bodySeq++
	b.c = c
	b.live.Store(true)
	return b
}

// putConn resets c with zero.Value, keeping its buffers unless they grew
// past keepBufMax, and gives it back to the pool.
func putConn(c *conn) {
	rbuf, wbuf := c.rbuf, c.wbuf[:0]
	body, hdr := c.resp.body[:0], c.resp.hdr[:0]
	path, trailer := c.req.pathBuf[:0], c.req.trailerBuf[:0]
	trailers := c.req.trailers[:0]
	bodies, seq := c.bodies, c.bodySeq           // dead handles: killBody ran
	readFn, writeFn := c.sk.readFn, c.sk.writeFn // bound to c, which stays c
	zero.Value(c)
	c.bodies, c.bodySeq = bodies, seq
	c.sk.readFn, c.sk.writeFn = readFn, writeFn
	if len(rbuf) == readBufSize {
		c.rbuf = rbuf
	}
	if cap(wbuf) <= keepBufMax {
		c.wbuf = wbuf
	}
	if cap(body) <= keepBufMax {
		c.resp.body = body
	}
	if cap(hdr) <= keepBufMax {
		c.resp.hdr = hdr
	}
	if cap(path) <= keepBufMax {
		c.req.pathBuf = path
	}
	if cap(trailer) <= keepBufMax && cap(trailers) <= inlineHeaders {
		c.req.trailerBuf, c.req.trailers = trailer, trailers
	}
	connPool.Put(c)
}

// serve is the connection's goroutine: requests in order until one of
// them or the connection ends it.
func (c *conn) serve() {
	defer c.finish()
	if tc, ok := c.nc.(*tls.Conn); ok {
		if !c.handshake(tc) {
			return
		}
		c.opened = clock.now()
	}
	for c.readRequest() && c.serveRequest() {
	}
}

// finish flushes what is left, closes the connection (lingering when the
// client may still be sending) and releases c. It also stops a panic of
// the engine itself from taking the process down: the connection is
// dropped and the panic logged.
func (c *conn) finish() {
	if p := recover(); p != nil {
		c.srv.logf("engine: panic serving %v: %v\n%s", c.remote, p, debug.Stack())
		c.linger = false
	}
	if c.state.Load() != stateClosed {
		c.flush()
		if c.linger && c.werr == nil {
			c.lingerClose()
		}
	}
	c.nc.Close()
	c.srv.forget(c)
	clock.release()
	putConn(c)
}

// lingerClose ends the write side and reads what the client still sends,
// for a bounded time and size, so that the response just written is not
// destroyed by a reset caused by unread input.
//
// Past lingerBytes it stops reading but still waits out lingerTime, as
// net/http does: a client still sending then blocks on a full window and
// reads the response, instead of losing it to the reset that closing a
// socket with unread input sends.
func (c *conn) lingerClose() {
	if cw, ok := c.nc.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	}
	end := time.Now().Add(lingerTime)
	c.nc.SetReadDeadline(end)
	for n := 0; n < lingerBytes; {
		k, err := c.nc.Read(c.rbuf)
		n += k
		if err != nil || k == 0 {
			return
		}
	}
	time.Sleep(time.Until(end))
}

func (c *conn) handshake(tc *tls.Conn) bool {
	d := c.cfg.readHeaderTimeout
	if d <= 0 {
		d = c.cfg.idleTimeout // a handshake is never left without a bound unless both are off
	}
	if d > 0 {
		c.rdl = after(after(clock.now(), d), slack(d))
		c.wdl = c.rdl
		tc.SetDeadline(toTime(c.rdl))
	}
	if err := tc.Handshake(); err != nil {
		return false
	}
	st := tc.ConnectionState()
	if p := st.NegotiatedProtocol; p != "" && p != "http/1.1" {
		return false // h2 or anything else: the engine speaks HTTP/1.1 only
	}
	c.tls = &st
	return true
}

// slack is how far past its due time a deadline may be set, so that the
// deadline on the connection need not be moved on every request: the
// timeouts fire between d and d+d/8 after their start.
func slack(d time.Duration) time.Duration { return d / 8 }

// farFuture is where deadlines saturate: 2^62 ns (146 years) after
// clockBase, so that no timeout, however large, overflows into the past.
const farFuture = 1 << 62

// after returns the coarse time t+d for t >= 0 and d >= 0, saturated at
// farFuture.
func after(t int64, d time.Duration) int64 {
	if int64(d) >= farFuture-t {
		return farFuture
	}
	return t + int64(d)
}

// armRead makes sure the read deadline lies in [want, want+slack(d)], or
// clears it when d is 0. Calling SetReadDeadline costs a timer update, so
// a deadline that is still good enough is left alone.
func (c *conn) armRead(start int64, d time.Duration) {
	if d <= 0 {
		if c.rdl != 0 {
			c.rdl = 0
			c.nc.SetReadDeadline(time.Time{})
		}
		return
	}
	want := after(start, d)
	if hi := after(want, slack(d)); c.rdl < want || c.rdl > hi {
		c.rdl = hi
		c.nc.SetReadDeadline(toTime(c.rdl))
	}
}

func (c *conn) armWrite() {
	d := c.cfg.writeTimeout
	if d <= 0 {
		if c.wdl != 0 {
			c.wdl = 0
			c.nc.SetWriteDeadline(time.Time{})
		}
		return
	}
	// From the end of the last head: a batch of pipelined responses, written
	// together, has WriteTimeout from the end of its last request's head
	// (net/http writes each response before it reads the next head).
	want := after(c.wstart, d)
	if hi := after(want, slack(d)); c.wdl < want || c.wdl > hi {
		c.wdl = hi
		c.nc.SetWriteDeadline(toTime(c.wdl))
	}
}

// flush writes the gathered responses: the one write of a batch.
func (c *conn) flush() bool {
	if c.werr != nil {
		c.wbuf = c.wbuf[:0]
		return false
	}
	if len(c.wbuf) == 0 {
		return true
	}
	c.armWrite()
	_, err := c.write(c.wbuf)
	c.wbuf = c.wbuf[:0]
	if err != nil {
		c.werr = err
		c.keep = false
		return false
	}
	return true
}

// fill reads more bytes into rbuf[rend:], first writing out the responses
// gathered so far (the client may wait for them before it sends more).
// The read deadline is d after start.
func (c *conn) fill(start int64, d time.Duration) bool {
	if c.rerr != nil || !c.flush() {
		return false
	}
	if c.rend == len(c.rbuf) {
		c.rerr = errNoRoom
		return false
	}
	c.armRead(start, d)
	for range 4 { // a Read that returns 0, nil again and again is a broken conn
		n, err := c.read(c.rbuf[c.rend:])
		c.now = clock.now()
		if n > 0 {
			c.rend += n
			return true // err, if any, comes back on the next Read
		}
		if err != nil {
			c.rerr = err
			return false
		}
	}
	c.rerr = errNoProgress
	return false
}

var (
	errNoRoom     = errors.New("engine: read buffer full")
	errNoProgress = errors.New("engine: Read returned no bytes and no error")
)

// waitIdle waits for the first bytes of the next request: the connection
// is idle, which Shutdown may end. The wait is bounded by IdleTimeout, but
// for the first request: as with net/http, the wait for it is part of its
// head's ReadHeaderTimeout, from the accept.
func (c *conn) waitIdle() bool {
	if !c.flush() {
		return false
	}
	c.now = clock.now()
	c.state.Store(stateIdle)
	if c.srv.closing.Load() {
		return false
	}
	start, d := c.now, c.cfg.idleTimeout
	if !c.begun {
		start, d = c.opened, c.cfg.firstTimeout
	}
	ok := c.fill(start, d)
	return c.state.CompareAndSwap(stateIdle, stateActive) && ok
}

// readRequest reads and checks the next request head. On a bad head it
// queues the error response and returns false.
func (c *conn) readRequest() bool {
	cfg := c.cfg
	c.floor = 0
	c.skippedEmptyLine = false
	// Now, not the time of the last read: a pipelined request's head gets
	// its own ReadHeaderTimeout, from when the engine begins to read it.
	c.now = clock.now()
	c.reqStart = c.now
	if !c.begun {
		c.reqStart = c.opened
	}
	resume, prev := false, 0
	for {
		if c.rpos == c.rend {
			c.rpos, c.rend = 0, 0
			if len(c.rbuf) != readBufSize {
				c.rbuf = make([]byte, readBufSize) // the large one goes to the GC
			}
			if !c.waitIdle() {
				return false
			}
			if c.begun {
				c.reqStart = c.now
			}
			resume = false
		}
		buf := c.rbuf[c.rpos:c.rend]
		if buf[0] == '\r' && !c.skippedEmptyLine {
			// RFC 9112 §2.2: one empty line before the request line is
			// skipped (a client's stray CRLF after a body).
			if len(buf) >= 2 && buf[1] == '\n' {
				c.rpos += 2
				c.skippedEmptyLine = true
				continue
			}
			if len(buf) == 1 {
				if !c.moreHead(buf) {
					return false
				}
				continue
			}
		}
		if len(buf) > cfg.maxLine && bytes.IndexByte(buf[:cfg.maxLine], '\n') < 0 {
			return c.reject(http.StatusRequestURITooLong, "request line too long")
		}
		var n int
		var err error
		if resume {
			n, err = wire.ResumeRequest(buf, &c.wreq, prev)
		} else {
			n, err = wire.ParseRequest(buf, &c.wreq)
		}
		if err == nil {
			if lineLen(&c.wreq) > cfg.maxLine {
				return c.reject(http.StatusRequestURITooLong, "request line too long")
			}
			c.rpos += n
			c.floor = c.rpos
			c.begun = true
			c.wstart = clock.now()
			return c.prepare()
		}
		if err != wire.ErrIncomplete {
			var le *wire.LimitError
			if errors.As(err, &le) {
				return c.reject(http.StatusRequestHeaderFieldsTooLarge, err.Error())
			}
			return c.reject(http.StatusBadRequest, err.Error())
		}
		start := &c.rbuf[c.rpos]
		if !c.moreHead(buf) {
			return false
		}
		// wire resumes only on the same bytes at the same address.
		resume, prev = start == &c.rbuf[c.rpos], len(buf)
	}
}

// moreHead makes room for more of the head buf (the unparsed bytes at
// rbuf[rpos:rend]) and reads, within ReadHeaderTimeout.
func (c *conn) moreHead(buf []byte) bool {
	cfg := c.cfg
	if c.rend == len(c.rbuf) {
		switch {
		case c.rpos > 0:
			c.rend = copy(c.rbuf, buf)
			c.rpos = 0
		case len(c.rbuf) < cfg.maxHeaderBytes+2:
			nb := make([]byte, min(max(2*len(c.rbuf), readBufSize), cfg.maxHeaderBytes+2))
			c.rend = copy(nb, buf)
			c.rbuf = nb
		default:
			return c.reject(http.StatusRequestHeaderFieldsTooLarge, "request head too large")
		}
	}
	if !c.fill(c.reqStart, cfg.readHeaderTimeout) {
		if isTimeout(c.rerr) {
			return c.reject(http.StatusRequestTimeout, "timeout reading the request head")
		}
		return false
	}
	return true
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func lineLen(w *wire.Request) int { return len(w.Method) + 1 + len(w.Target) + len(" HTTP/1.1\r\n") }

// reject queues a minimal error response and marks the connection to
// close once it is written.
func (c *conn) reject(code int, reason string) bool {
	c.keep = false
	c.linger = true
	c.wstart = clock.now()
	text := http.StatusText(code)
	b := wire.AppendStatusLine(c.wbuf, 1, code)
	b = append(b, "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"...)
	b = append(b, c.dateLine()...)
	b, _ = wire.AppendHeaderInt(b, "Content-Length", int64(4+len(text)+2+len(reason)+1))
	b = wire.AppendEndOfHead(b)
	b = appendCode(b, code)
	b = append(b, ' ')
	b = append(b, text...)
	b = append(b, ": "...)
	b = append(b, reason...)
	b = append(b, '\n')
	c.wbuf = b
	return false
}

func appendCode(b []byte, code int) []byte {
	return append(b, byte('0'+code/100), byte('0'+code/10%10), byte('0'+code%10))
}

// dateLine returns the Date field line, formatted once a second from the
// coarse clock.
func (c *conn) dateLine() []byte {
	if sec := clock.seconds(); sec != c.dateSec || c.dateLen == 0 {
		if sec == 0 {
			sec = time.Now().Unix() // a conn outside Serve, as in tests
		}
		c.dateSec = sec
		b := append(c.date[:0], "Date: "...)
		b = time.Unix(sec, 0).UTC().AppendFormat(b, http.TimeFormat)
		b = append(b, '\r', '\n')
		c.dateLen = len(b)
	}
	return c.date[:c.dateLen]
}

// prepare checks the head's framing and semantics (Host, Content-Length,
// Transfer-Encoding, Connection, Expect) and sets the Request up. A bad
// head gets its error response and false.
func (c *conn) prepare() bool {
	w := &c.wreq
	r := &c.req
	r.reset()
	if code, why := r.parseTarget(w.Method, w.Target); code != 0 {
		return c.reject(code, why)
	}
	var (
		hosts, tes, cls int
		conns           int
		cl, te          []byte
		close, ka       bool
		trailer         bool
		cont, badExpect bool
	)
	for i := range w.Headers {
		h := &w.Headers[i]
		// The fields below start with c, e, h, t: most others are passed
		// over on their first byte, without a call.
		if first := h.Name[0] | 0x20; first != 'c' && first != 'e' && first != 'h' && first != 't' {
			continue
		}
		switch len(h.Name) {
		case 4:
			if eqFold(h.Name, "host") {
				hosts++
				r.hostHeader = h.Value
			}
		case 6:
			if eqFold(h.Name, "expect") {
				// Every element of every Expect field: 100-continue (any
				// case) or 417.
				forTokens(h.Value, func(t []byte) {
					if eqFold(t, "100-continue") {
						cont = true
					} else {
						badExpect = true
					}
				})
			}
		case 7:
			if eqFold(h.Name, "trailer") {
				trailer = true
			}
		case 10:
			if eqFold(h.Name, "connection") {
				// As net/http, or closing where it would not: "close"
				// anywhere as a word (net/http looks for it as a word in
				// the first field and as a list element in every field),
				// and for HTTP/1.0 "keep-alive" as a list element of the
				// first field (net/http: a word of the first field).
				// The usual values take one comparison.
				switch v := h.Value; {
				case eqFold(v, "keep-alive"):
					ka = ka || conns == 0
				case eqFold(v, "close"):
					close = true
				default:
					close = close || hasWord(v, "close")
					if conns == 0 {
						ka = hasToken(v, "keep-alive")
					}
				}
				conns++
			}
		case 14:
			if eqFold(h.Name, "content-length") {
				if cls > 0 && !bytes.Equal(cl, h.Value) {
					return c.reject(http.StatusBadRequest, "differing Content-Length fields")
				}
				cls++
				cl = h.Value
			}
		case 17:
			if eqFold(h.Name, "transfer-encoding") {
				tes++
				te = h.Value
			}
		}
	}
	if w.Minor == 0 {
		c.keep = ka && !close
	} else {
		c.keep = !close
	}
	c.keep = c.keep && c.cfg.keepAlive
	if hosts > 1 {
		return c.reject(http.StatusBadRequest, "more than one Host field")
	}
	if hosts == 0 && w.Minor == 1 {
		return c.reject(http.StatusBadRequest, "missing required Host header")
	}
	if hosts == 1 && !validHost(r.hostHeader, true) {
		return c.reject(http.StatusBadRequest, "malformed Host header")
	}
	if r.host == nil {
		r.host = r.hostHeader
	}
	b := &r.body
	switch {
	case tes > 0 && w.Minor == 0:
		return c.reject(http.StatusBadRequest, "Transfer-Encoding in an HTTP/1.0 request")
	case tes > 1:
		return c.reject(http.StatusNotImplemented, "more than one Transfer-Encoding field")
	case tes == 1 && !eqFold(te, "chunked"):
		return c.reject(http.StatusNotImplemented, "unsupported transfer encoding")
	case tes == 1 && cls > 0:
		return c.reject(http.StatusBadRequest, "both Transfer-Encoding and Content-Length")
	case tes == 1:
		b.kind = bodyChunked
		r.contentLength = -1
		if trailer && !c.trailerOK() {
			return c.reject(http.StatusBadRequest, "bad Trailer field")
		}
	case cls > 0:
		n, ok := parseContentLength(cl)
		if !ok {
			return c.reject(http.StatusBadRequest, "bad Content-Length")
		}
		if n > c.cfg.maxBody {
			return c.reject(http.StatusRequestEntityTooLarge, "request body too large")
		}
		r.contentLength = n
		if n > 0 {
			b.kind = bodyFixed
			b.n = n
		}
	}
	// As net/http: an expectation other than 100-continue gets 417 (here
	// in any Expect field, where net/http reads the first); 100-continue is
	// honoured for an HTTP/1.1 request with a body, and ignored on HTTP/1.0
	// (RFC 9110 §10.1.1) and without a body.
	if badExpect {
		return c.reject(http.StatusExpectationFailed, "unsupported expectation")
	}
	b.expect = cont && w.Minor == 1 && r.contentLength != 0
	if c.srv.closing.Load() {
		c.keep = false
	}
	return true
}

// trailerOK checks the Trailer field's names as net/http does: the
// framing fields may not be announced as trailers.
func (c *conn) trailerOK() bool {
	ok := true
	for i := range c.wreq.Headers {
		h := &c.wreq.Headers[i]
		if len(h.Name) == 7 && eqFold(h.Name, "trailer") {
			forTokens(h.Value, func(t []byte) {
				if eqFold(t, "transfer-encoding") || eqFold(t, "trailer") || eqFold(t, "content-length") {
					ok = false
				}
			})
		}
	}
	return ok
}

// parseContentLength accepts 1*DIGIT below 2^63, as net/http does.
func parseContentLength(v []byte) (int64, bool) {
	if len(v) == 0 || len(v) > 19 {
		return 0, false
	}
	var n uint64
	for _, d := range v {
		if d < '0' || d > '9' {
			return 0, false
		}
		n = n*10 + uint64(d-'0')
	}
	if n >= 1<<63 {
		return 0, false
	}
	return int64(n), true
}

// forTokens calls f with each element of a comma-separated list, OWS
// trimmed, empty elements skipped.
func forTokens(v []byte, f func(t []byte)) {
	for len(v) > 0 {
		i := bytes.IndexByte(v, ',')
		t := v
		if i >= 0 {
			t, v = v[:i], v[i+1:]
		} else {
			v = nil
		}
		t = trimOWS(t)
		if len(t) > 0 {
			f(t)
		}
	}
}

func hasToken(v []byte, token string) bool {
	found := false
	forTokens(v, func(t []byte) { found = found || eqFold(t, token) })
	return found
}

// hasWord reports whether word (lower case) occurs in v, without regard to
// case, with SP, HTAB, a comma or the end of v on each side.
func hasWord(v []byte, word string) bool {
	for i := 0; i+len(word) <= len(v); i++ {
		// The first byte first: most positions end there.
		if v[i]|0x20 == word[0] && (i == 0 || wordSep(v[i-1])) &&
			(i+len(word) == len(v) || wordSep(v[i+len(word)])) && eqFold(v[i:i+len(word)], word) {
			return true
		}
	}
	return false
}

func wordSep(b byte) bool { return b == ' ' || b == '\t' || b == ',' }

func trimOWS(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// serveRequest runs the handler and completes the response and the
// request body. It reports whether the connection goes on.
func (c *conn) serveRequest() bool {
	c.resp.reset(c.wreq.Minor, eqString(c.wreq.Method, "HEAD"))
	c.callHandler()
	c.killBody()
	c.finishResponse()
	if c.werr != nil {
		return false
	}
	if len(c.wbuf) >= flushAt && !c.flush() {
		return false
	}
	if !c.keep {
		// Unread input (a pipelined request, an unread body) gets a
		// lingering close, so this response is not lost to a reset.
		c.linger = c.linger || c.rpos < c.rend || !c.req.body.done()
		return false
	}
	c.floor = 0
	return true
}

func (c *conn) callHandler() {
	defer func() {
		if p := recover(); p != nil {
			c.panicked = true
			c.keep = false
			if p != http.ErrAbortHandler {
				c.srv.logf("engine: panic serving %v: %v\n%s", c.remote, p, debug.Stack())
			}
		}
	}()
	c.h.ServeHTTP1(&c.resp, &c.req)
}

// killBody ends the life of the Body handed out for the request, if any.
func (c *conn) killBody() {
	if b := c.req.handle; b != nil {
		b.live.Store(false)
	}
}
