package bytesx

import (
	"testing"
	"unsafe"
)

// The references in this file are written byte at a time from the specs
// and the standard libraries' rules, independently of the code under test.

// refLower is ASCII lower-casing of one byte.
func refLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func refEqualFold(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if refLower(a[i]) != refLower(b[i]) {
			return false
		}
	}
	return true
}

// tokenTable mirrors golang.org/x/net/http/httpguts' isTokenTable (the
// root module may not depend on x/net; bench/suite checks the two agree).
var tokenTable = func() (t [256]bool) {
	for _, c := range []byte("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~") {
		t[c] = true
	}
	return t
}()

// refValidName is httpguts.ValidHeaderFieldName's rule.
func refValidName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !tokenTable[c] {
			return false
		}
	}
	return true
}

// refValidValue is httpguts.ValidHeaderFieldValue's rule: no CTL (0-31,
// 127) unless it is linear white space (space, tab).
func refValidValue(b []byte) bool {
	for _, c := range b {
		ctl := c < ' ' || c == 0x7f
		lws := c == ' ' || c == '\t'
		if ctl && !lws {
			return false
		}
	}
	return true
}

// maxAllBytes is the longest input the every-byte-at-every-position tests
// walk.
const maxAllBytes = 64

// fill writes a repeating pattern drawn from set into b, shifted by seed.
func fill(b []byte, set string, seed int) {
	for i := range b {
		b[i] = set[(i*7+seed)%len(set)]
	}
}

// swapCase flips the case of every ASCII letter of b.
func swapCase(b []byte) {
	for i, c := range b {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			b[i] = c ^ 0x20
		}
	}
}

func TestReferencesAgreeWithSpec(t *testing.T) {
	// The tchar table against the RFC 9110 grammar written differently.
	for c := 0; c < 256; c++ {
		want := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		for _, s := range "!#$%&'*+-.^_`|~" {
			want = want || c == int(s)
		}
		if tokenTable[c] != want || tchar[c] != want {
			t.Fatalf("tchar %#x: table %v, package %v, want %v", c, tokenTable[c], tchar[c], want)
		}
	}
}

// str views b as a string without copying, so that the String variants can
// be checked in tight loops; b must not change while the result is used.
func str(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
