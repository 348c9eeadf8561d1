package bytesx

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/swar"
)

// EqualFold reports whether a and b are equal under ASCII case folding:
// 'A'..'Z' equal 'a'..'z', and every other byte, including every byte >=
// 0x80, must match exactly. It is what HTTP means by a case-insensitive
// comparison of tokens; on ASCII input it gives the same answer as
// bytes.EqualFold. Unlike bytes.EqualFold it does not fold Unicode, so
// "\u212a" (Kelvin sign) does not equal "k".
func EqualFold(a, b []byte) bool {
	return len(a) == len(b) && equalFold(unsafe.SliceData(a), unsafe.SliceData(b), len(a))
}

// EqualFoldString is EqualFold for strings.
func EqualFoldString(a, b string) bool {
	return len(a) == len(b) && equalFold(unsafe.StringData(a), unsafe.StringData(b), len(a))
}

// foldBad returns zero iff the eight bytes of x equal those of y under ASCII
// case folding. It looks at the difference first: a byte pair may differ
// only in the case bit (0x20), and only where x's byte is a letter.
func foldBad(x, y uint64) uint64 {
	l := x | 0x20*swar.Lsb // a letter of either case, as lower case
	h := l & swar.Low7
	letter := (swar.Ge(h, 'a') ^ swar.Ge(h, 'z'+1)) &^ l & swar.Msb
	return (x ^ y) &^ (letter >> 2) // 0x80 >> 2 == 0x20, the case bit
}

// equalFoldGeneric is the pure-Go reference for EqualFold(p[:n], q[:n]).
// Sixteen bytes at a time (SWAR), then the last sixteen overlapping what
// was already compared; under eight bytes, one word of each built by
// swar.Short.
func equalFoldGeneric(p, q *byte, n int) bool {
	a, b := unsafe.Slice(p, n), unsafe.Slice(q, n)
	if n < 8 {
		return n == 0 || foldBad(swar.Short(a), swar.Short(b)) == 0
	}
	i := 0
	for ; n-i > 16; i += 16 {
		x0, y0 := swar.Word(a, i), swar.Word(b, i)
		x1, y1 := swar.Word(a, i+8), swar.Word(b, i+8)
		if (x0^y0)|(x1^y1) != 0 && foldBad(x0, y0)|foldBad(x1, y1) != 0 {
			return false
		}
	}
	if n-i > 8 && foldBad(swar.Word(a, i), swar.Word(b, i)) != 0 {
		return false
	}
	return foldBad(swar.Word(a, n-8), swar.Word(b, n-8)) == 0
}
