package engine

import (
	"bytes"
	"crypto/tls"
	"net"
	"net/http"
	"net/netip"
	"unsafe"

	"github.com/hotpath-go/hotpath/bytesx"
	"github.com/hotpath-go/hotpath/wire"
)

// Request is the view of one request the Handler gets. Every []byte it
// returns aliases the connection's buffers: it is valid until the Handler
// returns and must not be modified; copy what must outlive the request.
// Its capacity is its length (as for the []wire.Header slices), so an
// append copies it rather than write over the bytes after it.
// Reading it allocates nothing.
type Request struct {
	c *conn

	rawPath, query []byte // the target's path (as sent) and query
	host           []byte // from an absolute-form target, else the Host field
	hostHeader     []byte
	pathEscaped    bool   // rawPath holds a %XX escape
	pathDecoded    bool   // pathBuf holds rawPath decoded
	pathBuf        []byte // decoded path, reused
	contentLength  int64
	body           bodyState
	handle         *Body         // the Body handed out for this request, or nil
	trailerBuf     []byte        // the trailer section's lines, copied
	trailers       []wire.Header // aliases trailerBuf
}

func (r *Request) reset() {
	r.rawPath, r.query, r.host, r.hostHeader = nil, nil, nil, nil
	r.pathEscaped, r.pathDecoded = false, false
	r.pathBuf = r.pathBuf[:0]
	r.contentLength = 0
	r.body.reset()
	r.handle = nil
	r.trailerBuf, r.trailers = r.trailerBuf[:0], r.trailers[:0]
}

// Method returns the request method, such as GET, exactly as sent (methods
// are case-sensitive).
func (r *Request) Method() []byte { return r.c.wreq.Method }

// MethodString returns the method as a string, without allocating for the
// methods of RFC 9110 and PATCH (a constant is returned), allocating a
// copy for any other.
func (r *Request) MethodString() string {
	m := r.c.wreq.Method
	switch string(m) {
	case "GET":
		return "GET"
	case "POST":
		return "POST"
	case "HEAD":
		return "HEAD"
	case "PUT":
		return "PUT"
	case "DELETE":
		return "DELETE"
	case "PATCH":
		return "PATCH"
	case "OPTIONS":
		return "OPTIONS"
	case "TRACE":
		return "TRACE"
	}
	return string(m)
}

// Target returns the request-target exactly as sent: what net/http calls
// RequestURI.
func (r *Request) Target() []byte { return r.c.wreq.Target }

// Path returns the target's path with %XX escapes decoded, as net/http's
// URL.Path: "/a%20b" gives "/a b". For an absolute-form target
// ("http://host/p") it is the path part, possibly empty; for OPTIONS * it
// is "*". Decoding happens on the first call and only when the path holds
// an escape, into a buffer the connection reuses.
func (r *Request) Path() []byte {
	if !r.pathEscaped {
		return r.rawPath
	}
	if !r.pathDecoded {
		r.pathBuf = unescapePath(r.pathBuf[:0], r.rawPath)
		r.pathDecoded = true
	}
	return r.pathBuf[:len(r.pathBuf):len(r.pathBuf)]
}

// RawPath returns the target's path as sent, escapes and all.
func (r *Request) RawPath() []byte { return r.rawPath }

// RawQuery returns what follows the first '?' of the target, undecoded, as
// net/http's URL.RawQuery; nil when there is none.
func (r *Request) RawQuery() []byte { return r.query }

// Host returns the host the request is for: the authority of an
// absolute-form target, else the Host field (which HTTP/1.1 requires), as
// net/http's Request.Host. It may hold a port.
func (r *Request) Host() []byte { return r.host }

// ProtoMinor returns 1 for HTTP/1.1 and 0 for HTTP/1.0.
func (r *Request) ProtoMinor() int { return r.c.wreq.Minor }

// Proto returns "HTTP/1.1" or "HTTP/1.0".
func (r *Request) Proto() string {
	if r.c.wreq.Minor == 0 {
		return "HTTP/1.0"
	}
	return "HTTP/1.1"
}

// Header returns the value of the first header field called name (compared
// without regard to ASCII case), or nil when there is none. Values have
// their leading and trailing whitespace removed; repeated fields are not
// merged (see Headers).
func (r *Request) Header(name string) []byte {
	hs := r.c.wreq.Headers
	for i := range hs {
		if len(hs[i].Name) == len(name) && bytesx.EqualFoldString(str(hs[i].Name), name) {
			return hs[i].Value
		}
	}
	return nil
}

// Headers returns every header field in the order sent, names as sent.
// Host, Content-Length and Transfer-Encoding are among them.
func (r *Request) Headers() []wire.Header {
	hs := r.c.wreq.Headers
	return hs[:len(hs):len(hs)]
}

// ContentLength returns the length of the body: the Content-Length, 0
// when the request has no body, or -1 for a chunked body, whose length is
// known only once it is read.
func (r *Request) ContentLength() int64 { return r.contentLength }

// Body returns the request body, which reads from the connection as the
// client sends it. It is never nil, and returns io.EOF at the body's end
// (at once for a request without a body). An Expect: 100-continue is
// answered on its first Read. The Body dies when the Handler returns: see
// Body.
func (r *Request) Body() *Body {
	if r.handle == nil {
		r.handle = r.c.nextBody()
	}
	return r.handle
}

// Trailers returns the trailer fields of a chunked body, once Body has
// returned io.EOF; they are never among Headers. Nil before, and for
// other bodies.
func (r *Request) Trailers() []wire.Header { return r.trailers[:len(r.trailers):len(r.trailers)] }

// RemoteAddr returns the client's address.
func (r *Request) RemoteAddr() net.Addr { return r.c.remote }

// LocalAddr returns the address the request came in on.
func (r *Request) LocalAddr() net.Addr { return r.c.local }

// TLS returns the connection's TLS state, or nil for plain HTTP.
func (r *Request) TLS() *tls.ConnectionState { return r.c.tls }

// WillClose reports whether the connection closes after this request's
// response: the client asked for it, or HTTP/1.0 without keep-alive, or
// the server is shutting down.
func (r *Request) WillClose() bool { return !r.c.keep }

// parseTarget splits the request-target into path and query and checks
// it, as url.ParseRequestURI does for net/http but more strictly: a
// non-zero code is the status to reject it with.
//
//   - origin-form "/path?query": the path's %XX escapes must be valid;
//   - asterisk-form "*": only for OPTIONS;
//   - absolute-form "http://authority/path?query", scheme http or https:
//     no userinfo, a host of RFC 3986 characters without %-escapes or a
//     bracketed IPv6 address without a zone, an optional numeric port;
//   - CONNECT (authority-form) is not implemented: the engine does not
//     tunnel.
func (r *Request) parseTarget(method, t []byte) (int, string) {
	if eqString(method, "CONNECT") {
		return http.StatusNotImplemented, "CONNECT is not supported"
	}
	switch {
	case t[0] == '/':
	case len(t) == 1 && t[0] == '*':
		if !eqString(method, "OPTIONS") {
			return http.StatusBadRequest, "* is a target for OPTIONS only"
		}
		r.rawPath = t
		return 0, ""
	default:
		rest, ok := cutScheme(t)
		if !ok {
			return http.StatusBadRequest, "malformed request-target"
		}
		end := len(rest)
		for i, b := range rest {
			if b == '/' || b == '?' {
				end = i
				break
			}
		}
		host := rest[:end:end]
		if len(host) == 0 || !validHost(host, false) {
			return http.StatusBadRequest, "malformed host in request-target"
		}
		r.host = host
		t = rest[end:]
	}
	path := t
	if i := bytes.IndexByte(t, '?'); i >= 0 {
		path, r.query = t[:i:i], t[i+1:]
	}
	if i := bytes.IndexByte(path, '%'); i >= 0 {
		if !validEscapes(path[i:]) {
			return http.StatusBadRequest, "malformed %-escape in path"
		}
		r.pathEscaped = true
	}
	r.rawPath = path
	return 0, ""
}

// cutScheme removes "http://" or "https://" (any case) from t.
func cutScheme(t []byte) ([]byte, bool) {
	for _, s := range [...]string{"http://", "https://"} {
		if len(t) >= len(s) && bytesx.EqualFoldString(str(t[:len(s)]), s) {
			return t[len(s):], true
		}
	}
	return nil, false
}

func validEscapes(p []byte) bool {
	for i := 0; i < len(p); i++ {
		if p[i] == '%' {
			if i+2 >= len(p) || unhex(p[i+1]) < 0 || unhex(p[i+2]) < 0 {
				return false
			}
			i += 2
		}
	}
	return true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

// unescapePath appends p with its (valid) %XX escapes decoded to dst.
func unescapePath(dst, p []byte) []byte {
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+2 < len(p) {
			dst = append(dst, byte(unhex(p[i+1])<<4|unhex(p[i+2])))
			i += 2
			continue
		}
		dst = append(dst, p[i])
	}
	return dst
}

// hostChar marks the bytes of an RFC 3986 reg-name or IPv4 address:
// unreserved, sub-delims, and '%' of pct-encoded.
var hostChar = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-._~!$&'()*+,;=%" {
		t[c] = true
	}
	return t
}()

// validHost checks uri-host [":" port] (RFC 9110 §7.2): a reg-name or
// IPv4 address of RFC 3986 characters, or a bracketed IPv6 address
// (netip's syntax, no zone), then an optional colon and digits.
//
// For a Host field (header) an empty value is valid (RFC 9112 §3.2: for a
// target without authority), and so are %XX escapes, which net/http
// leaves as sent. In the authority of an absolute-form target, where
// net/http's URL parser decodes them (and refuses most), a '%' is refused.
func validHost(h []byte, header bool) bool {
	if len(h) == 0 {
		return header
	}
	i := 0
	if h[0] == '[' {
		end := bytes.IndexByte(h, ']')
		if end < 0 || !validIPv6(h[1:end]) {
			return false
		}
		i = end + 1
		if i < len(h) && h[i] != ':' {
			return false
		}
	} else {
		for ; i < len(h) && hostChar[h[i]]; i++ {
			if h[i] == '%' && !validPct(h, i, header) {
				return false
			}
		}
		if i == 0 || i < len(h) && h[i] != ':' {
			return false
		}
	}
	if i < len(h) { // the port
		for _, b := range h[i+1:] {
			if b < '0' || b > '9' {
				return false
			}
		}
	}
	return true
}

// validPct reports whether h[i], a '%', starts a valid %XX escape in a
// host where escapes are allowed (a Host field, not a target).
func validPct(h []byte, i int, header bool) bool {
	return header && i+2 < len(h) && unhex(h[i+1]) >= 0 && unhex(h[i+2]) >= 0
}

// validIPv6 checks the inside of an IP literal as net/http's URL parser
// does: an IPv6 address (not an IPv4 one), here without a zone.
func validIPv6(a []byte) bool {
	if len(a) == 0 {
		return false
	}
	for _, b := range a {
		if unhex(b) < 0 && b != ':' && b != '.' {
			return false
		}
	}
	ip, err := netip.ParseAddr(str(a))
	return err == nil && ip.Is6()
}

// eqFold compares b with the lower-case ASCII s, ignoring b's case.
func eqFold(b []byte, s string) bool {
	return len(b) == len(s) && bytesx.EqualFoldString(str(b), s)
}

func eqString(b []byte, s string) bool { return string(b) == s }

// str views b as a string without copying, for calls that neither keep
// nor modify it.
func str(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// bs views s as bytes without copying, for calls that only read them.
func bs(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
