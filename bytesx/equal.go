package bytesx

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/swar"
)

// Equal reports whether a and b have the same length and contain the same
// bytes. A nil argument is equivalent to an empty slice. It gives the same
// answer as bytes.Equal for every input.
func Equal(a, b []byte) bool {
	return len(a) == len(b) && equal(unsafe.SliceData(a), unsafe.SliceData(b), len(a))
}

// EqualString reports whether a and b are the same string; it is a == b,
// computed by the same kernels as Equal.
func EqualString(a, b string) bool {
	return len(a) == len(b) && equal(unsafe.StringData(a), unsafe.StringData(b), len(a))
}

// equalGeneric is the pure-Go reference for a[:n] == b[:n]. It compares
// eight bytes at a time (SWAR) with overlapping loads for the tail, so no
// length takes a byte-by-byte loop longer than three steps.
func equalGeneric(p, q *byte, n int) bool {
	a, b := unsafe.Slice(p, n), unsafe.Slice(q, n)
	switch {
	case n >= 8:
		// Four words per step while 32 bytes remain, then one word per step,
		// then the last eight bytes overlapping what was already compared.
		i := 0
		for ; n-i >= 32; i += 32 {
			x := swar.Word(a, i) ^ swar.Word(b, i)
			x |= swar.Word(a, i+8) ^ swar.Word(b, i+8)
			x |= swar.Word(a, i+16) ^ swar.Word(b, i+16)
			x |= swar.Word(a, i+24) ^ swar.Word(b, i+24)
			if x != 0 {
				return false
			}
		}
		for ; n-i > 8; i += 8 {
			if swar.Word(a, i) != swar.Word(b, i) {
				return false
			}
		}
		return swar.Word(a, n-8) == swar.Word(b, n-8)
	case n >= 4:
		return swar.Short(a) == swar.Short(b)
	case n > 0:
		// 1..3 bytes: first, middle and last (some of them the same byte).
		return a[0] == b[0] && a[n/2] == b[n/2] && a[n-1] == b[n-1]
	}
	return true
}

// bytesOf views s as a byte slice without copying; the result is never
// written.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
