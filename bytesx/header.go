package bytesx

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
)

// ValidHeaderName reports whether b is an RFC 9110 field-name: a non-empty
// token, every byte a tchar (ALPHA / DIGIT / one of !#$%&'*+-.^_`|~). It
// gives the same answer as ValidHeaderFieldName in
// golang.org/x/net/http/httpguts for every input.
func ValidHeaderName(b []byte) bool {
	return len(b) != 0 && validHeaderNameK(unsafe.SliceData(b), len(b))
}

// ValidHeaderNameString is ValidHeaderName for a string.
func ValidHeaderNameString(s string) bool {
	return len(s) != 0 && validHeaderNameK(unsafe.StringData(s), len(s))
}

// ValidHeaderValue reports whether b may appear in an RFC 9110
// field-value: no control byte except HTAB, so no NUL, CR, LF or DEL;
// obs-text (0x80-0xff) is allowed, and the empty value is valid. It gives
// the same answer as ValidHeaderFieldValue in golang.org/x/net/http/httpguts
// for every input. Leading and trailing whitespace is not its concern.
func ValidHeaderValue(b []byte) bool {
	return validHeaderValueK(unsafe.SliceData(b), len(b))
}

// ValidHeaderValueString is ValidHeaderValue for a string.
func ValidHeaderValueString(s string) bool {
	return validHeaderValueK(unsafe.StringData(s), len(s))
}

// tcharTab is 1 for the tchars and 0 for every other byte.
var tcharTab = func() (t [256]uint8) {
	for c, ok := range tchar {
		if ok {
			t[c] = 1
		}
	}
	return t
}()

// validHeaderName is ValidHeaderName for p[:n], n > 0: the kernel from
// nameAsmMin bytes when an assembly family is selected, else the pure-Go
// code (every GOARCH, purego builds, the generic kernel in tests). Both
// live in one function so that a short name costs a single call.
func validHeaderName(p *byte, n int) bool {
	if haveAsm && n >= nameAsmMin && kernel != asm.Generic {
		return validHeaderNameAsm(p, n)
	}
	// A byte at a time from a table, eight lookups ANDed per branch: the
	// tchars are nine runs of byte values, and a SWAR test of all nine
	// takes eighteen adds a word, slower than eight table loads.
	b := unsafe.Slice(p, n)
	t := &tcharTab
	if n < 8 {
		if n >= 4 {
			// Two overlapping groups of four.
			return t[b[0]]&t[b[1]]&t[b[2]]&t[b[3]]&
				t[b[n-4]]&t[b[n-3]]&t[b[n-2]]&t[b[n-1]] != 0
		}
		return t[b[0]]&t[b[n/2]]&t[b[n-1]] != 0
	}
	for i := 0; ; i += 8 {
		if i > n-8 {
			i = n - 8 // the last eight overlap the eight before
		}
		c := b[i : i+8 : i+8]
		if t[c[0]]&t[c[1]]&t[c[2]]&t[c[3]]&t[c[4]]&t[c[5]]&t[c[6]]&t[c[7]] == 0 {
			return false
		}
		if i+8 >= n {
			return true
		}
	}
}

// valueBadWord returns a byte mask of the bytes of x that may not appear in
// a field value: below 0x20 except HTAB (0x09), and DEL (0x7f).
func valueBadWord(x uint64) uint64 {
	h := x & low7
	ctl := ^ge(h, 0x20) & (^ge(h, '\t') | ge(h, '\t'+1))
	del := ge(h, 0x7f)
	return (ctl | del) &^ x & msb
}

// validHeaderValue is ValidHeaderValue for p[:n]: the kernel from
// valueAsmMin bytes when an assembly family is selected, else the pure-Go
// code: eight bytes at a time (SWAR), four words per branch, the last word
// overlapping the one before.
func validHeaderValue(p *byte, n int) bool {
	if haveAsm && n >= valueAsmMin && kernel != asm.Generic {
		return validHeaderValueAsm(p, n)
	}
	b := unsafe.Slice(p, n)
	if n < 8 {
		if n < 4 {
			// Zero to three bytes: a byte loop ends before the word
			// assembly would.
			for _, c := range b {
				if c < ' ' && c != '\t' || c == 0x7f {
					return false
				}
			}
			return true
		}
		return valueBadWord(loadShort(b))&byteMask(n) == 0
	}
	i := 0
	for ; n-i > 32; i += 32 {
		if valueBadWord(load64(b, i))|valueBadWord(load64(b, i+8))|
			valueBadWord(load64(b, i+16))|valueBadWord(load64(b, i+24)) != 0 {
			return false
		}
	}
	for ; n-i > 8; i += 8 {
		if valueBadWord(load64(b, i)) != 0 {
			return false
		}
	}
	return valueBadWord(load64(b, n-8)) == 0
}
