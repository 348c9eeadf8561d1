package engine

import (
	"bytes"
	"errors"
	"io"
	"sync/atomic"

	"github.com/hotpath-go/hotpath/bytesx"
	"github.com/hotpath-go/hotpath/wire"
)

// The body errors. A body that fails leaves its connection to close after
// the response.
var (
	// ErrBodyTooLarge: the body is longer than Server.MaxBodyBytes.
	ErrBodyTooLarge = errors.New("engine: request body too large")
	// ErrMalformedChunk: the chunked framing of the body is broken (a bad
	// chunk size or extension, a missing CRLF, a bad trailer field, too
	// much framing for the data it carries).
	ErrMalformedChunk = errors.New("engine: malformed chunked request body")
)

const (
	bodyNone uint8 = iota
	bodyFixed
	bodyChunked
)

// The states of a chunked body.
const (
	csSize    uint8 = iota // before a chunk-size line
	csData                 // inside a chunk's data
	csDataEnd              // before the CRLF that ends a chunk's data
	csTrailer              // inside the trailer section
	csDone                 // after the trailer section
)

const (
	// maxChunkLine bounds a chunk-size line, extensions included (as
	// net/http bounds it).
	maxChunkLine = 4096
	// maxChunkExcess bounds the framing bytes beyond what a body's data
	// justifies, against a stream of tiny chunks with long extensions.
	maxChunkExcess = 16 << 10
	// directRead is the read size from which body bytes go straight from
	// the connection into the caller's buffer.
	directRead = 2048
)

// Body is a request body: an io.Reader over the connection that ends
// exactly where the body ends (Content-Length, or the chunked framing,
// whose chunk-size lines, extensions and trailer fields it removes). It
// returns io.EOF at the end, io.ErrUnexpectedEOF when the connection ends
// first, ErrBodyTooLarge or ErrMalformedChunk, or the connection's error
// (a timeout past Server.ReadTimeout).
//
// Like the rest of the Request, it must not be used after the Handler
// returns, nor by another goroutine while the Handler runs. A Body kept
// past its request is dead: its Read returns ErrBodyReadAfterClose, and
// not the bytes of the request the connection serves next, however many
// requests later it is read.
type Body struct {
	c    *conn
	live atomic.Bool // set while its request's Handler runs
}

// bodyHandles is the number of Body handles in a connection's ring, one
// per request whose Handler asks for its Body; a ring is used up once.
const bodyHandles = 32

// Read reads body bytes into p.
func (b *Body) Read(p []byte) (int, error) {
	if !b.live.Load() {
		return 0, ErrBodyReadAfterClose
	}
	return b.c.req.body.Read(p)
}

// bodyState is the state of the request body being read: the Request
// holds it, and the Body handle of the request reads it.
type bodyState struct {
	c      *conn
	kind   uint8
	cs     uint8
	expect bool // Expect: 100-continue, not answered yet
	n      int64
	read   int64 // body bytes returned so far
	excess int64
	err    error
}

func (b *bodyState) reset() { *b = bodyState{c: b.c} }

// done reports whether the whole body has been read.
func (b *bodyState) done() bool {
	switch b.kind {
	case bodyFixed:
		return b.n == 0
	case bodyChunked:
		return b.cs == csDone
	}
	return true
}

// Read reads body bytes into p.
func (b *bodyState) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	switch b.kind {
	case bodyFixed:
		return b.readFixed(p, false)
	case bodyChunked:
		return b.readChunked(p, false)
	}
	return 0, io.EOF
}

// fail records err as the body's (a body cut short is
// io.ErrUnexpectedEOF) and dooms the connection.
func (b *bodyState) fail(err error) error {
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	b.err = err
	b.c.keep = false
	return err
}

// continue100 answers Expect: 100-continue before the body's first read
// from the network, unless the response has already begun.
func (b *bodyState) continue100() {
	if !b.expect {
		return
	}
	b.expect = false
	c := b.c
	if c.rpos == c.rend && !c.resp.started {
		c.wbuf = append(c.wbuf, "HTTP/1.1 100 Continue\r\n\r\n"...)
	}
}

// readFixed reads (or with skip, discards) up to len(p) bytes of a
// Content-Length body.
func (b *bodyState) readFixed(p []byte, skip bool) (int, error) {
	if b.n == 0 {
		b.err = io.EOF
		return 0, io.EOF
	}
	c := b.c
	want := b.n
	if !skip && int64(len(p)) < want {
		want = int64(len(p))
	}
	var n int
	if c.rpos == c.rend {
		b.continue100()
		if !skip && want >= directRead {
			k, err := c.readDirect(p[:want])
			if k == 0 {
				return 0, b.fail(err)
			}
			n = k
		} else if !c.fillBody() {
			return 0, b.fail(c.rerr)
		}
	}
	if n == 0 {
		n = int(min(want, int64(c.rend-c.rpos)))
		if !skip {
			copy(p, c.rbuf[c.rpos:c.rpos+n])
		}
		c.rpos += n
	}
	b.n -= int64(n)
	b.read += int64(n)
	if b.n == 0 {
		b.err = io.EOF
		return n, io.EOF
	}
	return n, nil
}

// readChunked reads (or with skip, discards) chunked body data.
func (b *bodyState) readChunked(p []byte, skip bool) (int, error) {
	c := b.c
	for {
		switch b.cs {
		case csSize, csTrailer:
			line, err := c.chunkLine()
			if err != nil {
				return 0, b.fail(err)
			}
			if line == nil {
				b.continue100()
				if !c.fillBody() {
					return 0, b.fail(c.rerr)
				}
				continue
			}
			if b.cs == csTrailer {
				if len(line) == 0 {
					b.cs = csDone
					c.req.finishTrailers()
					b.err = io.EOF
					return 0, io.EOF
				}
				if !c.req.addTrailer(line) {
					return 0, b.fail(ErrMalformedChunk)
				}
				continue
			}
			size, ok := parseChunkSize(line)
			if !ok {
				return 0, b.fail(ErrMalformedChunk)
			}
			b.excess += int64(len(line)) + 2
			b.excess = max(b.excess-16-2*int64(min(size, 1<<40)), 0)
			if b.excess > maxChunkExcess {
				return 0, b.fail(ErrMalformedChunk)
			}
			if size == 0 {
				b.cs = csTrailer
				continue
			}
			if size > uint64(c.cfg.maxBody-b.read) {
				return 0, b.fail(ErrBodyTooLarge)
			}
			b.n = int64(size)
			b.cs = csData
		case csData:
			if c.rpos == c.rend && !c.fillBody() {
				return 0, b.fail(c.rerr)
			}
			n := int(min(b.n, int64(c.rend-c.rpos)))
			if !skip {
				n = min(n, len(p))
				copy(p, c.rbuf[c.rpos:c.rpos+n])
			}
			c.rpos += n
			b.n -= int64(n)
			b.read += int64(n)
			if b.n == 0 {
				b.cs = csDataEnd
			}
			return n, nil
		case csDataEnd:
			if c.rend-c.rpos < 2 {
				if !c.fillBody() {
					return 0, b.fail(c.rerr)
				}
				continue
			}
			if c.rbuf[c.rpos] != '\r' || c.rbuf[c.rpos+1] != '\n' {
				return 0, b.fail(ErrMalformedChunk)
			}
			c.rpos += 2
			b.cs = csSize
		default:
			b.err = io.EOF
			return 0, io.EOF
		}
	}
}

// settle reads and discards what the handler left of the body, up to
// MaxUnreadBodyBytes, and reports whether the connection can serve the
// next request.
func (b *bodyState) settle() bool {
	if b.done() {
		return true
	}
	if b.err != nil {
		return false
	}
	c := b.c
	if b.expect && c.rpos == c.rend {
		// The client waits for 100 Continue, which it will not get: it
		// may or may not send the body, so the framing is lost.
		return false
	}
	budget := c.cfg.maxUnread
	if b.kind == bodyFixed && b.n > budget+int64(c.rend-c.rpos) {
		return false
	}
	for budget >= 0 && !b.done() {
		var n int
		var err error
		if b.kind == bodyFixed {
			n, err = b.readFixed(nil, true)
		} else {
			n, err = b.readChunked(nil, true)
		}
		budget -= int64(n)
		if err != nil && err != io.EOF {
			return false
		}
	}
	return b.done()
}

// chunkLine returns the next CRLF-terminated line of a chunked body
// without its CRLF, or nil (and no error) when it is not all buffered.
func (c *conn) chunkLine() ([]byte, error) {
	buf := c.rbuf[c.rpos:c.rend]
	if len(buf) > maxChunkLine+2 {
		buf = buf[:maxChunkLine+2]
	}
	i := bytes.IndexByte(buf, '\n')
	if i < 0 {
		if len(buf) == maxChunkLine+2 {
			return nil, ErrMalformedChunk
		}
		if j := bytes.IndexByte(buf, '\r'); j >= 0 && j < len(buf)-1 {
			return nil, ErrMalformedChunk // a CR not followed by LF
		}
		return nil, nil
	}
	if i == 0 || buf[i-1] != '\r' || bytes.IndexByte(buf[:i-1], '\r') >= 0 {
		return nil, ErrMalformedChunk // bare LF, or a CR inside the line
	}
	c.rpos += i + 1
	return buf[: i-1 : i-1], nil
}

// parseChunkSize parses chunk-size [ ";" chunk-ext ]: 1 to 16 hex digits,
// then nothing or ';' and extension bytes free of control bytes. It
// refuses whitespace anywhere net/http refuses it and where it would
// trim it (after the size), so the two never frame a body differently.
func parseChunkSize(line []byte) (uint64, bool) {
	var n uint64
	i := 0
	for ; i < len(line); i++ {
		d := unhex(line[i])
		if d < 0 {
			break
		}
		if i == 16 {
			return 0, false
		}
		n = n<<4 | uint64(d)
	}
	if i == 0 {
		return 0, false
	}
	if i == len(line) {
		return n, true
	}
	if line[i] != ';' || !bytesx.ValidHeaderValue(line[i+1:]) {
		return 0, false
	}
	return n, true
}

// addTrailer checks one trailer field line and keeps a copy.
func (r *Request) addTrailer(line []byte) bool {
	if line[0] == ' ' || line[0] == '\t' {
		return false // obs-fold
	}
	colon := bytes.IndexByte(line, ':')
	if colon <= 0 || !bytesx.ValidHeaderName(line[:colon]) || !bytesx.ValidHeaderValue(line[colon+1:]) {
		return false
	}
	cfg := r.c.cfg
	if len(r.trailerBuf)+len(line)+1 > cfg.maxHeaderBytes || len(r.trailers) >= cfg.maxHeaders {
		return false
	}
	r.trailerBuf = append(r.trailerBuf, line...)
	r.trailerBuf = append(r.trailerBuf, '\n')
	r.trailers = append(r.trailers, wire.Header{}) // counts them; filled by finishTrailers
	return true
}

// finishTrailers points r.trailers into trailerBuf, which no longer grows.
func (r *Request) finishTrailers() {
	rest := r.trailerBuf
	for i := range r.trailers {
		nl := bytes.IndexByte(rest, '\n')
		line := rest[:nl]
		rest = rest[nl+1:]
		colon := bytes.IndexByte(line, ':')
		v := trimOWS(line[colon+1:])
		r.trailers[i] = wire.Header{Name: line[:colon:colon], Value: v[:len(v):len(v)]}
	}
}

// readDirect reads body bytes from the connection straight into p.
func (c *conn) readDirect(p []byte) (int, error) {
	if c.rerr != nil {
		return 0, c.rerr
	}
	if !c.flush() {
		return 0, c.werr
	}
	c.armRead(c.reqStart, c.cfg.readTimeout)
	for range 4 {
		n, err := c.read(p)
		c.now = clock.now()
		if n > 0 {
			return n, nil
		}
		if err != nil {
			c.rerr = err
			return 0, err
		}
	}
	c.rerr = errNoProgress
	return 0, c.rerr
}

// fillBody reads more body bytes into rbuf, never moving the head below
// floor, within ReadTimeout.
func (c *conn) fillBody() bool {
	if c.rpos == c.rend {
		c.rpos, c.rend = c.floor, c.floor
	}
	if len(c.rbuf)-c.rend < 1024 {
		if c.rpos > c.floor {
			c.rend = c.floor + copy(c.rbuf[c.floor:], c.rbuf[c.rpos:c.rend])
			c.rpos = c.floor
		}
		if len(c.rbuf)-c.rend < 1024 {
			// The head leaves too little room: carry on in a new buffer;
			// the old one, which the Request aliases, goes to the GC
			// after the request.
			nb := make([]byte, max(readBufSize, 2*(c.rend-c.rpos)+1024))
			c.rend = copy(nb, c.rbuf[c.rpos:c.rend])
			c.rpos, c.floor = 0, 0
			c.rbuf = nb
		}
	}
	return c.fill(c.reqStart, c.cfg.readTimeout)
}
