package bytesx

import (
	"encoding/binary"
	"math/bits"

	"github.com/hotpath-go/hotpath/internal/ascii"
	"github.com/hotpath-go/hotpath/internal/swar"
)

// CanonicalHeaderKey returns the canonical form of the header name s: the
// first letter and every letter after a hyphen in upper case, every other
// letter in lower case ("content-type" becomes "Content-Type"). If s
// contains a byte that is not a tchar (a space, a colon, a byte >= 0x80, see
// ValidHeaderName), s is returned unchanged. The result is the same string
// value as net/textproto.CanonicalMIMEHeaderKey(s) for every input.
//
// It does not allocate when s is already canonical, when s is returned
// unchanged, or when the canonical form is one of a table of common header
// names (Content-Type, Accept-Encoding, X-Request-Id, ...), which are
// returned as shared strings.
func CanonicalHeaderKey(s string) string {
	n := len(s)
	if n == 0 || n > canonBuf {
		if n == 0 {
			return s
		}
		return canonicalLong(s)
	}
	// Keys up to canonBuf bytes are folded into a stack buffer, eight bytes
	// at a time (SWAR), all in this one function: header names are 4-30
	// bytes, where a call (let alone an assembly call's set-up) would be a
	// good part of the work. The last word overlaps the one before.
	b := bytesOf(s)
	if n >= 8 && n <= 16 {
		// Most header names: two words, the second overlapping the first,
		// in straight-line code. The second word's first byte follows
		// b[n-9] (for n == 8 it is the first word again).
		x0, x1 := swar.Word(b, 0), swar.Word(b, n-8)
		up1 := uint64(0x80)
		if n > 8 && b[n-9] != '-' {
			up1 = 0
		}
		// Classify both words (as canonWord does; written out here, as
		// canonWord is over the inliner's budget and this is the hot path):
		// letters, dashes and the bytes outside [A-Za-z0-9-].
		h0, h1 := x0&swar.Low7, x1&swar.Low7
		y0, y1 := h0|0x20*swar.Lsb, h1|0x20*swar.Lsb
		hi0, hi1 := ^x0&swar.Msb, ^x1&swar.Msb
		l0 := (swar.Ge(y0, 'a') ^ swar.Ge(y0, 'z'+1)) & hi0
		l1 := (swar.Ge(y1, 'a') ^ swar.Ge(y1, 'z'+1)) & hi1
		d0 := (swar.Ge(h0, '-') ^ swar.Ge(h0, '-'+1)) & hi0
		d1 := (swar.Ge(h1, '-') ^ swar.Ge(h1, '-'+1)) & hi1
		o0 := swar.Msb &^ (l0 | d0 | (swar.Ge(h0, '0')^swar.Ge(h0, '9'+1))&hi0)
		o1 := swar.Msb &^ (l1 | d1 | (swar.Ge(h1, '0')^swar.Ge(h1, '9'+1))&hi1)
		c0, c1 := caseChange(x0, l0, d0, 0x80), caseChange(x1, l1, d1, up1)
		if c0|c1 == 0 || (o0|o1) != 0 && !validName(b) {
			return s
		}
		x0, x1 = x0^c0>>2, x1^c1>>2
		var buf [16]byte // declared here: zeroing it is not free
		binary.LittleEndian.PutUint64(buf[:], x0)
		binary.LittleEndian.PutUint64(buf[n-8:], x1)
		return intern(buf[:n], x0, x1)
	}
	var buf [canonBuf + 8]byte
	var bad, changed, first, last uint64
	upAt := uint64(0x80) // the first byte is upper case
	for i := 0; ; {
		var x, m uint64
		if n < 8 {
			x, m = swar.Short(b), swar.LowBytes(n)
		} else {
			x, m = swar.Word(b, i), swar.Msb
		}
		// canonWord(x, upAt), inline.
		h := x & swar.Low7
		y := h | 0x20*swar.Lsb // letters of either case, as lower case
		letter := swar.Ge(y, 'a') ^ swar.Ge(y, 'z'+1)
		dash := (swar.Ge(h, '-') ^ swar.Ge(h, '-'+1)) &^ x & m
		common := (letter | swar.Ge(h, '0') ^ swar.Ge(h, '9'+1)) &^ x & m
		bad |= m &^ (common | dash)
		lower := x << 2 // bit 5, the case bit, moved to bit 7 of its byte
		change := letter &^ x & m &^ (lower ^ (dash<<8 | upAt))
		changed |= change
		last = x ^ change>>2
		binary.LittleEndian.PutUint64(buf[i:], last)
		if i == 0 {
			first = last
		}
		if i+8 >= n {
			break
		}
		i += 8
		if i > n-8 {
			i = n - 8
		}
		upAt = 0
		if b[i-1] == '-' {
			upAt = 0x80
		}
	}
	// bad marks the bytes outside [A-Za-z0-9-]; a key with one of the
	// other tchars takes a table walk to be sure it is valid.
	if changed == 0 || bad != 0 && !validName(b) {
		return s
	}
	return intern(buf[:n], first, last)
}

// intern returns the common header equal to k, whose first and last words
// are first and last, or else a new string copy of k.
func intern(k []byte, first, last uint64) string {
	for i := hashWords(first, last, len(k)); ; i = (i + 1) & (len(commonTable) - 1) {
		e := commonTable[i]
		if e == "" {
			return string(k)
		}
		if e == string(k) {
			return e
		}
	}
}

// caseChange returns the mask of the letters of x whose case is wrong:
// lower case at the start of a word (after a '-' in x, or where upAt says),
// upper case elsewhere. Bit 5 of a letter is its case; x<<2 moves it to
// bit 7 of the same byte.
func caseChange(x, letter, dash, upAt uint64) uint64 {
	return letter &^ (x<<2 ^ (dash<<8 | upAt))
}

// canonBuf is the longest key folded in a stack buffer; longer keys are
// scanned first and only then copied.
const canonBuf = 64

// canonicalLong is CanonicalHeaderKey for len(s) > canonBuf, without the
// interning: it scans s, and copies it only if it changes.
func canonicalLong(s string) string {
	b := bytesOf(s)
	other, changed := canonScan(nil, b)
	if changed == 0 || other != 0 && !validName(b) {
		return s
	}
	out := make([]byte, len(b))
	canonScan(out, b)
	return string(out)
}

// canonWord classifies the eight bytes of x. upAt is a byte mask of the
// positions whose letter should be upper case besides those right after a
// '-' in x itself (bit 0x80 of byte 0 when the byte before x is '-' or x
// starts the key). It returns the mask of bytes outside [A-Za-z0-9-] (the
// common header bytes: a key with any other must be checked against the
// tchar table), the mask of letters whose case is wrong, and the mask of
// '-' bytes. CanonicalHeaderKey repeats its body inline (it is over the
// inliner's budget).
//
// Letters are found after OR 0x20, which maps exactly 'A'..'Z' and
// 'a'..'z' onto 'a'..'z'; bit 5 is then the case. Six range adds a word,
// where an exact tchar test would take eighteen.
func canonWord(x, upAt uint64) (other, change, dash uint64) {
	h := x & swar.Low7
	y := h | 0x20*swar.Lsb
	letter := swar.Ge(y, 'a') ^ swar.Ge(y, 'z'+1)
	dash = (swar.Ge(h, '-') ^ swar.Ge(h, '-'+1)) &^ x & swar.Msb
	common := (letter | swar.Ge(h, '0') ^ swar.Ge(h, '9'+1)) &^ x & swar.Msb
	lower := x << 2
	change = letter &^ x & swar.Msb &^ (lower ^ (dash<<8 | upAt))
	return swar.Msb &^ (common | dash), change, dash
}

// validName reports whether every byte of b is a tchar, a byte at a time
// from the table: the exact test behind the SWAR common-byte test.
func validName(b []byte) bool {
	for _, c := range b {
		if !ascii.Tchar[c] {
			return false
		}
	}
	return true
}

// canonScan classifies b, len(b) >= 8, eight bytes at a time, and if dst is
// not nil writes the canonical form of b to dst[:len(b)]. It returns the
// masks of bytes outside [A-Za-z0-9-] and of letters whose case changes
// (each OR-ed over all words: only zero or non-zero matters).
func canonScan(dst, b []byte) (other, changed uint64) {
	n := len(b)
	upAt := uint64(0x80)
	for i := 0; ; {
		x := swar.Word(b, i)
		o, change, _ := canonWord(x, upAt)
		other |= o
		changed |= change
		if dst != nil {
			binary.LittleEndian.PutUint64(dst[i:], x^change>>2)
		}
		if i+8 >= n {
			return other, changed
		}
		i += 8
		if i > n-8 {
			i = n - 8 // the last word overlaps the one before
		}
		upAt = 0
		if b[i-1] == '-' {
			upAt = 0x80
		}
	}
}

// canonicalKeyGeneric is the plain byte-at-a-time reference the tests hold
// the SWAR code to (besides net/textproto).
func canonicalKeyGeneric(s string) string {
	for i := 0; i < len(s); i++ {
		if !ascii.Tchar[s[i]] {
			return s
		}
	}
	b := []byte(s)
	upper := true
	for i, c := range b {
		if upper && 'a' <= c && c <= 'z' {
			b[i] = c - 0x20
		} else if !upper && 'A' <= c && c <= 'Z' {
			b[i] = c + 0x20
		}
		upper = c == '-'
	}
	return string(b)
}

// commonHeaders are interned: CanonicalHeaderKey returns these strings
// instead of allocating. textproto's own list plus the names HTTP servers
// see most (CORS, proxies, tracing, fetch metadata).
var commonHeaders = []string{
	"A-Im", "Accept", "Accept-Charset", "Accept-Datetime", "Accept-Encoding",
	"Accept-Language", "Accept-Patch", "Accept-Ranges",
	"Access-Control-Allow-Credentials", "Access-Control-Allow-Headers",
	"Access-Control-Allow-Methods", "Access-Control-Allow-Origin",
	"Access-Control-Expose-Headers", "Access-Control-Max-Age",
	"Access-Control-Request-Headers", "Access-Control-Request-Method",
	"Age", "Allow", "Alt-Svc", "Authorization", "Cache-Control", "Cc",
	"Connection", "Content-Disposition", "Content-Encoding", "Content-Id",
	"Content-Language", "Content-Length", "Content-Location", "Content-Md5",
	"Content-Range", "Content-Security-Policy", "Content-Transfer-Encoding",
	"Content-Type", "Cookie", "Date", "Dkim-Signature", "Dnt", "Early-Data",
	"Etag", "Expect", "Expires", "Forwarded", "From", "Host", "Http2-Settings",
	"If-Match", "If-Modified-Since", "If-None-Match", "If-Range",
	"If-Unmodified-Since", "In-Reply-To", "Keep-Alive", "Last-Event-Id",
	"Last-Modified", "Link", "Location", "Max-Forwards", "Message-Id",
	"Mime-Version", "Origin", "Pragma", "Prefer", "Priority",
	"Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "Range",
	"Received", "Referer", "Refresh", "Retry-After", "Return-Path",
	"Sec-Ch-Ua", "Sec-Ch-Ua-Mobile", "Sec-Ch-Ua-Platform", "Sec-Fetch-Dest",
	"Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User", "Sec-Websocket-Accept",
	"Sec-Websocket-Extensions", "Sec-Websocket-Key", "Sec-Websocket-Protocol",
	"Sec-Websocket-Version", "Server", "Server-Timing", "Set-Cookie",
	"Strict-Transport-Security", "Subject", "Te", "Timing-Allow-Origin", "To",
	"Traceparent", "Tracestate", "Trailer", "Transfer-Encoding", "Upgrade",
	"Upgrade-Insecure-Requests", "User-Agent", "Vary", "Via", "Warning",
	"Www-Authenticate", "X-Content-Type-Options", "X-Correlation-Id",
	"X-Csrf-Token", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
	"X-Frame-Options", "X-Http-Method-Override", "X-Imforwards", "X-Powered-By",
	"X-Real-Ip", "X-Request-Id", "X-Requested-With", "X-Xss-Protection",
}

// The interned table: open addressing with linear probing over a
// power-of-two array at most a quarter full, keyed by keyHash.
const commonBits = 9

var commonTable = func() (t [1 << commonBits]string) {
	for _, h := range commonHeaders {
		i := keyHash(bytesOf(h))
		for t[i] != "" {
			i = (i + 1) & (len(t) - 1)
		}
		t[i] = h
	}
	return t
}()

// keyHash mixes the length and the first and last eight bytes of k,
// len(k) > 0, into a table index.
func keyHash(k []byte) int {
	if len(k) < 8 {
		w := swar.Short(k)
		return hashWords(w, w, len(k))
	}
	return hashWords(swar.Word(k, 0), swar.Word(k, len(k)-8), len(k))
}

// hashWords is keyHash from k's first and last words (the same word when
// len(k) < 8, zero-padded), which CanonicalHeaderKey has in registers.
func hashWords(first, last uint64, n int) int {
	return int((first ^ bits.RotateLeft64(last, 31) ^ uint64(n)) * 0x9e3779b97f4a7c15 >> (64 - commonBits))
}
