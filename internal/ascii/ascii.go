// Package ascii is hotpath's one home for byte-class tables of HTTP/1.1
// text: which bytes are tchars (RFC 9110 token characters, the bytes of a
// header name or a method), which a field value may not hold, and the
// ASCII lower-case map. bytesx and wire read them; the generators in gen/
// derive their SIMD lookup tables from them, so no class is written twice.
//
// The tables are static data, indexed by the byte itself: one load each, no
// bounds check. They are variables only because Go has no constant arrays;
// nothing may write to them.
package ascii

// Tchar reports whether a byte is an RFC 9110 tchar:
//
//	tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
//	        "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
//
// It is the same set as isTokenTable in golang.org/x/net/http/httpguts.
var Tchar = [256]bool{
	'!': true, '#': true, '$': true, '%': true, '&': true, '\'': true, '*': true,
	'+': true, '-': true, '.': true, '^': true, '_': true, '`': true, '|': true, '~': true,
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'A': true, 'B': true, 'C': true, 'D': true, 'E': true, 'F': true, 'G': true, 'H': true, 'I': true,
	'J': true, 'K': true, 'L': true, 'M': true, 'N': true, 'O': true, 'P': true, 'Q': true, 'R': true,
	'S': true, 'T': true, 'U': true, 'V': true, 'W': true, 'X': true, 'Y': true, 'Z': true,
	'a': true, 'b': true, 'c': true, 'd': true, 'e': true, 'f': true, 'g': true, 'h': true, 'i': true,
	'j': true, 'k': true, 'l': true, 'm': true, 'n': true, 'o': true, 'p': true, 'q': true, 'r': true,
	's': true, 't': true, 'u': true, 'v': true, 'w': true, 'x': true, 'y': true, 'z': true,
}

// ValueCtl reports whether a byte is one of the controls a field value may
// not hold, as golang.org/x/net/http/httpguts.ValidHeaderFieldValue rules:
// 0x00-0x1f but HTAB, and DEL (0x7f). Every other byte (HTAB, SP, VCHAR,
// obs-text 0x80-0xff) may appear. It is the forbidden set rather than the
// allowed one because loops test for it: a hit ends the loop.
var ValueCtl = func() (t [256]bool) {
	for c := range t {
		t[c] = c < ' ' && c != '\t' || c == 0x7f
	}
	return t
}()

// Lower maps each byte to its ASCII lower case: 'A'..'Z' to 'a'..'z', every
// other byte (bytes >= 0x80 included) to itself.
var Lower = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// Nibbles returns the two 16-byte tables that decide membership of set from
// a byte's two halves, for SIMD table lookups (PSHUFB on amd64, TBL on
// arm64): c is in set iff lo[c&15] & hi[c>>4] != 0. Each distinct row of
// set (the bytes sharing a high nibble) gets one bit; it panics if set has
// more than eight distinct non-empty rows, which no table here has.
func Nibbles(set *[256]bool) (lo, hi [16]byte) {
	var rows []uint16 // distinct non-empty rows, as masks of low nibbles
	for h := range 16 {
		var row uint16
		for l := range 16 {
			if set[h<<4|l] {
				row |= 1 << l
			}
		}
		if row == 0 {
			continue
		}
		bit := -1
		for i, r := range rows {
			if r == row {
				bit = i
			}
		}
		if bit < 0 {
			bit = len(rows)
			rows = append(rows, row)
			if bit == 8 {
				panic("ascii.Nibbles: more than eight distinct rows")
			}
		}
		hi[h] = 1 << bit
		for l := range 16 {
			if row&(1<<l) != 0 {
				lo[l] |= 1 << bit
			}
		}
	}
	return lo, hi
}
