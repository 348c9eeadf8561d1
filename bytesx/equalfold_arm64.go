//go:build !purego

package bytesx

import "github.com/hotpath-go/hotpath/internal/ascii"

// equalFold reports whether a[:n] and b[:n] are equal under ASCII case
// folding, for every n.
//
//go:noescape
func equalFold(a, b *byte, n int) bool

// foldTables is what equalFold reads, built here from internal/ascii so
// that the assembly can name it: ascii.Lower, for inputs of one to three
// bytes; then, for the vectors, 0x20 (the case bit) at c-('a'-1) for every
// lower-case letter c and 0 elsewhere, so that one TBL of (x|0x20)-('a'-1)
// finds the bytes where a difference of 0x20 is forgiven.
var foldTables = func() (t struct {
	lower  [256]byte
	letter [32]byte
}) {
	t.lower = ascii.Lower
	for c := range 256 {
		if ascii.Lower[c] != byte(c) { // c is a capital: c|0x20 is its lower case
			t.letter[c|0x20-('a'-1)] = 0x20
		}
	}
	return t
}()
