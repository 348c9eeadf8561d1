package bytesx

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/ascii"
)

// ValidHeaderName reports whether b is an RFC 9110 field-name: a non-empty
// token, every byte a tchar (ALPHA / DIGIT / one of !#$%&'*+-.^_`|~). It
// gives the same answer as ValidHeaderFieldName in
// golang.org/x/net/http/httpguts for every input.
func ValidHeaderName(b []byte) bool {
	if len(b) == 1 { // here in the caller: a call costs more than one byte
		return ascii.Tchar[b[0]]
	}
	return validHeaderName(unsafe.String(unsafe.SliceData(b), len(b)))
}

// ValidHeaderNameString is ValidHeaderName for a string.
func ValidHeaderNameString(s string) bool {
	if len(s) == 1 { // here in the caller: a call costs more than one byte
		return ascii.Tchar[s[0]]
	}
	return validHeaderName(s)
}

// validHeaderNameGeneric is the pure-Go reference. A byte at a time from
// the table, eight lookups per branch: the tchars are nine runs of byte
// values, and a SWAR test of all nine takes eighteen adds a word, slower
// than eight table loads.
func validHeaderNameGeneric(s string) bool {
	n := len(s)
	t := &ascii.Tchar
	if n < 8 {
		if n >= 4 {
			// Two overlapping groups of four.
			return t[s[0]] && t[s[1]] && t[s[2]] && t[s[3]] &&
				t[s[n-4]] && t[s[n-3]] && t[s[n-2]] && t[s[n-1]]
		}
		return n > 0 && t[s[0]] && t[s[n/2]] && t[s[n-1]]
	}
	for i := 0; ; i += 8 {
		if i > n-8 {
			i = n - 8 // the last eight overlap the eight before
		}
		c := s[i : i+8]
		if !(t[c[0]] && t[c[1]] && t[c[2]] && t[c[3]] && t[c[4]] && t[c[5]] && t[c[6]] && t[c[7]]) {
			return false
		}
		if i+8 >= n {
			return true
		}
	}
}
