//go:build !purego

package bytesx

import "github.com/hotpath-go/hotpath/internal/ascii"

// validHeaderName reports whether s is not empty and every byte of it is a
// tchar.
//
//go:noescape
func validHeaderName(s string) bool

// nameTables is what validHeaderName reads: the bytes that are not tchars,
// built from internal/ascii here so that the assembly can name it.
var nameTables = newScanTables(func(c byte) bool { return !ascii.Tchar[c] })

// scanTables are the tables of a byte class that validHeaderName and
// validHeaderValue test for: bad[c] for inputs of one to three bytes, and
// ascii.Nibbles of the same class for the vectors, with the nibble mask
// after them so that one load fetches all three.
type scanTables struct {
	bad          [256]bool
	lo, hi, low4 [16]byte
}

func newScanTables(bad func(c byte) bool) (t scanTables) {
	for c := range t.bad {
		t.bad[c] = bad(byte(c))
	}
	t.lo, t.hi = ascii.Nibbles(&t.bad)
	for i := range t.low4 {
		t.low4[i] = 0x0f
	}
	return t
}
