package bytesx

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/ascii"
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

// refValidName is httpguts.ValidHeaderFieldName's rule, on internal/ascii's
// tchar table (tested there against RFC 9110, and in bench/suite against
// httpguts itself: the root module may not depend on x/net).
func refValidName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !ascii.Tchar[c] {
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

// genericOnly says the checks should call the fooGeneric references alone:
// the generic family is selected and the build has assembly (the exported
// functions would run it). Without assembly (purego, other GOARCHes) the
// exported functions are checked instead: their short paths and entries
// reach the same references.
func genericOnly() bool { return kernel == asm.Generic && asm.Assembly }

// str views b as a string without copying, so that the String variants can
// be checked in tight loops; b must not change while the result is used.
func str(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
