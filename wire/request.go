package wire

import (
	"encoding/binary"
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/ascii"
	"github.com/hotpath-go/hotpath/internal/swar"
)

// The default limits, used when a Request's limit field is zero.
const (
	// DefaultMaxHeaders is the most header fields a head may have.
	DefaultMaxHeaders = 100
	// DefaultMaxHeadBytes is the longest head, in bytes, request line and
	// final empty line included: room for a few kilobytes of cookies and
	// tokens, far below what would let a client pin much memory.
	DefaultMaxHeadBytes = 64 << 10
)

// Header is one header field as sent: Name exactly as in the head (case
// kept), Value with leading and trailing SP and HTAB removed. Both alias
// the buffer given to ParseRequest.
type Header struct{ Name, Value []byte }

// Request is a parsed request head. Every slice aliases the buffer it was
// parsed from, and is valid while that buffer is; a Request may be reused
// for the next head, which is what keeps parsing free of allocations.
// Method, Target, Minor and Headers are meaningful only after a call that
// returned a nil error.
type Request struct {
	Method  []byte
	Target  []byte   // request-target exactly as sent
	Minor   int      // 0 for HTTP/1.0, 1 for HTTP/1.1
	Headers []Header // reused: ParseRequest appends to Headers[:0]

	// MaxHeaders is the most header fields ParseRequest accepts before it
	// returns ErrTooManyHeaders; 0 (or less) means DefaultMaxHeaders.
	MaxHeaders int
	// MaxHeadBytes is the longest head ParseRequest accepts before it
	// returns ErrHeadTooLarge; 0 (or less) means DefaultMaxHeadBytes.
	MaxHeadBytes int

	prog progress // where an incomplete parse stopped, for ResumeRequest
}

// progress is where a parse that returned ErrIncomplete stopped, so that
// ResumeRequest can go on from there.
type progress struct {
	base  *byte // the buffer parsed; nil when there is nothing to resume
	n     int   // its length
	nh    int   // len(Headers) then
	stage uint8 // the part of the head being parsed
	line  int   // where that part starts
	from  int   // the bytes of the part before from are known to be good
	colon int   // stageField: the colon's offset, or -1 before the name ends
}

// The parts of a head, in order.
const (
	stageMethod = iota
	stageTarget
	stageVersion
	stageField
)

// ParseRequest parses the request head at the start of buf. n is the head's
// length including the empty line that ends it; what follows (a body, the
// next request) is buf[n:]. The rules it holds the head to are in the
// package doc.
//
// When buf holds only a prefix of a head that may still be valid,
// ParseRequest returns 0 and ErrIncomplete: read the bytes that follow,
// append them to buf and call again on the longer buffer, preferably with
// ResumeRequest. When no valid head starts with what buf holds, it returns
// 0 and a *SyntaxError (answer 400); when the head is, or is certain to
// become, longer than r.MaxHeadBytes or has more fields than
// r.MaxHeaders, it returns 0 and a *LimitError (answer 431), as soon as
// that is certain.
//
// ParseRequest allocates nothing once r.Headers has room for the head's
// fields, never reads outside buf, and never panics.
func ParseRequest(buf []byte, r *Request) (n int, err error) {
	return parse(buf, r, false)
}

// ResumeRequest is ParseRequest for a buf that extends the one the last
// call with r (ParseRequest or ResumeRequest) returned ErrIncomplete for:
// prev is that call's len(buf), buf starts at the same address, and its
// first prev bytes are unchanged. It goes on where that call stopped (the
// request line and every complete field line are kept in r, and the line
// that ran out is scanned from where it ran out), so a head that arrives a
// few bytes at a time costs time in proportion to its length, not to its
// square.
//
// When r holds no such progress (the last call returned something else,
// prev or the buffer's address differ, buf is no longer than prev,
// r.Headers no longer holds the fields parsed then), it
// parses buf from the start, as ParseRequest does: resuming is only ever
// an optimization. The caller vouches for the unchanged bytes; a buffer
// that was reused for other data must be parsed with ParseRequest.
func ResumeRequest(buf []byte, r *Request, prev int) (n int, err error) {
	ok := r.prog.base != nil && prev == r.prog.n && len(buf) > prev &&
		unsafe.SliceData(buf) == r.prog.base && len(r.Headers) == r.prog.nh
	return parse(buf, r, ok)
}

// Words of the version, little-endian.
var (
	http10 = binary.LittleEndian.Uint64([]byte("HTTP/1.0"))
	http11 = binary.LittleEndian.Uint64([]byte("HTTP/1.1"))
)

// getSP is "GET " as a little-endian word.
var getSP = binary.LittleEndian.Uint32([]byte("GET "))

// byteAt is b[i] for the b whose first byte is at base, for an i the
// caller has proved below len(b): the field loop's reads, where the
// compiler cannot see that bound.
func byteAt(base unsafe.Pointer, i int) byte { return *(*byte)(unsafe.Add(base, i)) }

// sliceAt is b[i:j:j] for the b at base, 0 <= i <= j <= len(b) proved by
// the caller.
func sliceAt(base unsafe.Pointer, i, j int) []byte {
	return unsafe.Slice((*byte)(unsafe.Add(base, i)), j-i)
}

// parse is ParseRequest, going on from r.prog when resume is set. It is
// one function with a label per part of the head, so that a resumed parse
// jumps to the part it stopped in and the common case runs straight
// through with its state in registers.
func parse(buf []byte, r *Request, resume bool) (int, error) {
	limit := r.MaxHeadBytes
	if limit <= 0 {
		limit = DefaultMaxHeadBytes
	}
	maxh := r.MaxHeaders
	if maxh <= 0 {
		maxh = DefaultMaxHeaders
	}
	b := buf
	if len(b) > limit {
		b = b[:limit]
	}
	var st progress
	hs := r.Headers[:0]
	if resume {
		st = r.prog
		hs = r.Headers
	}
	r.prog.base = nil
	var (
		i, tok, end, vs, ve int
		line, from, colon   int
		c                   byte
		err                 error
		base                = unsafe.Pointer(unsafe.SliceData(b))
		k                   int
	)
	switch st.stage {
	case stageTarget:
		goto target
	case stageVersion:
		goto version
	case stageField:
		goto field
	}

	// The method: a token, then one SP. Methods are a few bytes long: a
	// byte loop ends before a kernel call would, and GET skips it.
	i = st.from
	if i == 0 && len(b) >= 4 && binary.LittleEndian.Uint32(b) == getSP {
		i = 3
	}
	for i < len(b) && ascii.Tchar[b[i]] {
		i++
	}
	if i == len(b) {
		st.from = i
		goto incomplete
	}
	if b[i] != ' ' || i == 0 {
		if i == 0 && (b[0] == '\r' || b[0] == '\n') {
			return 0, ErrEmptyLine
		}
		return 0, ErrMethod
	}
	r.Method = b[:i:i]
	st.stage, st.line, st.from = stageTarget, i+1, i+1

target:
	// The request-target: visible ASCII up to one SP. A target that ends
	// within a word ("/", "/api") is found with SWAR, without a call.
	if st.from == len(b) {
		goto incomplete
	}
	if len(b)-st.from >= 8 {
		if m := targetStops(swar.Word(b, st.from)); m != 0 {
			end = st.from + swar.First(m)
			goto targetEnd
		}
	}
	_, end = scan(&b[st.from], len(b)-st.from, setTarget)
	end += st.from
	if end == len(b) {
		st.from = end
		goto incomplete
	}
targetEnd:
	if b[end] != ' ' || end == st.line {
		if end > st.line && (b[end] == '\r' || b[end] == '\n') {
			return 0, ErrVersion // no version (an HTTP/0.9 request line)
		}
		return 0, ErrTarget
	}
	r.Target = b[st.line:end:end]
	st.stage, st.line = stageVersion, end+1

version:
	// Exactly HTTP/1.0 or HTTP/1.1, then CRLF.
	i = st.line
	if len(b)-i < 10 {
		// A prefix: an error as soon as it can no longer become one.
		for j := i; j < len(b); j++ {
			c = b[j]
			switch k := j - i; {
			case k == 7:
				if c != '0' && c != '1' {
					return 0, ErrVersion
				}
			case k == 8 && c == '\n':
				return 0, ErrBareLF
			case k == 9 && c != '\n':
				return 0, ErrBareCR
			case c != "HTTP/1.1\r\n"[k]:
				return 0, ErrVersion
			}
		}
		goto incomplete
	}
	switch binary.LittleEndian.Uint64(b[i:]) {
	case http11:
		r.Minor = 1
	case http10:
		r.Minor = 0
	default:
		return 0, ErrVersion
	}
	if b[i+8] != '\r' {
		if b[i+8] == '\n' {
			return 0, ErrBareLF
		}
		return 0, ErrVersion
	}
	if b[i+9] != '\n' {
		return 0, ErrBareCR
	}
	st.stage, st.line, st.from, st.colon = stageField, i+10, i+10, -1

field:
	// Field lines, up to the empty line. Every index read below is
	// checked against len(b) first; byteAt and sliceAt skip the bounds
	// checks the compiler cannot drop. line, from and colon are st's
	// fields in locals, which the compiler keeps in registers.
	line, from, colon = st.line, st.from, st.colon
	for {
		// A run of plain lines in one call (lines.go); whatever follows it
		// goes through the line-at-a-time code below.
		if from == line && len(b)-line >= 32 && len(hs) < maxh {
			var out [linesMax][4]uint32 // the batch scan's offsets
			k = lines((*byte)(unsafe.Add(base, line)), min(len(b)-line, 1<<31-1), &out[0][0], min(linesMax, maxh-len(hs)))
			if k > 0 {
				n0 := len(hs)
				if cap(hs)-n0 < k {
					hs = append(hs, make([]Header, k)...)
				}
				hs = hs[:n0+k]
				// Pointers walk out and hs[n0:], without index arithmetic;
				// they never step past the last element (checkptr refuses
				// a pointer one past the end of an allocation).
				lb := unsafe.Add(base, line)
				o, h := unsafe.Pointer(&out[0]), unsafe.Pointer(&hs[n0])
				for left := k; ; {
					off := (*[4]uint32)(o)
					(*Header)(h).Name = unsafe.Slice((*byte)(unsafe.Add(lb, off[0])), off[1]-off[0])
					(*Header)(h).Value = unsafe.Slice((*byte)(unsafe.Add(lb, off[2])), off[3]-off[2])
					if left--; left == 0 {
						break
					}
					o, h = unsafe.Add(o, unsafe.Sizeof(out[0])), unsafe.Add(h, unsafe.Sizeof(Header{}))
				}
				line = line + int(out[k-1][3]) + 2
				from = line
				if k == linesMax {
					continue
				}
			}
		}
		if from == line {
			// A new line: the end of the head, or a field name.
			if line == len(b) {
				goto fieldIncomplete
			}
			if c = byteAt(base, line); c <= ' ' {
				switch c {
				case '\r':
					if line+1 == len(b) {
						goto fieldIncomplete
					}
					if byteAt(base, line+1) != '\n' {
						err = ErrBareCR
						goto fail
					}
					r.Headers = hs
					return line + 2, nil
				case '\n':
					err = ErrBareLF
					goto fail
				case ' ', '\t':
					err = ErrObsFold
					goto fail
				}
			}
			if len(hs) >= maxh {
				err = ErrTooManyHeaders
				goto fail
			}
		}
		if from == len(b) {
			goto fieldIncomplete
		}
		// One scan finds where the name ends and where the line does.
		tok, end = scan((*byte)(unsafe.Add(base, from)), len(b)-from, setField)
		tok += from
		end += from
		if colon < 0 {
			if tok == len(b) {
				from = tok
				goto fieldIncomplete
			}
			if c = byteAt(base, tok); c != ':' || tok == line {
				switch {
				case c == ' ' || c == '\t':
					err = ErrSpaceBeforeColon
				case (c == '\r' || c == '\n') && tok > line:
					err = ErrNoColon
				default:
					err = ErrFieldName
				}
				goto fail
			}
			colon = tok
		}
		if end+1 >= len(b) {
			if end < len(b) && byteAt(base, end) != '\r' {
				goto stop
			}
			from = end
			goto fieldIncomplete
		}
		if byteAt(base, end) != '\r' || byteAt(base, end+1) != '\n' {
			goto stop
		}
		// The value without leading and trailing SP and HTAB.
		vs, ve = colon+1, end
		for vs < ve && (byteAt(base, vs) == ' ' || byteAt(base, vs) == '\t') {
			vs++
		}
		for ve > vs && (byteAt(base, ve-1) == ' ' || byteAt(base, ve-1) == '\t') {
			ve--
		}
		if len(hs) == cap(hs) {
			hs = append(hs, Header{})[:len(hs)]
		}
		hs = hs[:len(hs)+1]
		h := &hs[len(hs)-1]
		h.Name = sliceAt(base, line, colon)
		h.Value = sliceAt(base, vs, ve)
		line, from, colon = end+2, end+2, -1
	}

fieldIncomplete:
	st.line, st.from, st.colon = line, from, colon
	goto incomplete

stop:
	// The field line's scan stopped at a byte other than CRLF.
	switch byteAt(base, end) {
	case '\r':
		err = ErrBareCR
	case '\n':
		err = ErrBareLF
	default:
		err = ErrFieldValue
	}
fail:
	r.Headers = hs
	return 0, err

incomplete:
	r.Headers = hs
	if len(buf) >= limit {
		return 0, ErrHeadTooLarge
	}
	st.base, st.n, st.nh = unsafe.SliceData(buf), len(buf), len(hs)
	r.prog = st
	return 0, ErrIncomplete
}
