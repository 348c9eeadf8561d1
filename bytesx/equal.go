package bytesx

import (
	"encoding/binary"
	"unsafe"
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

// equalGeneric is the pure-Go reference; len(a) == len(b). It compares eight
// bytes at a time (SWAR) with overlapping loads for the tail, so no length
// takes a byte-by-byte loop longer than three steps.
func equalGeneric(a, b []byte) bool {
	n := len(a)
	b = b[:n]
	switch {
	case n >= 8:
		// Four words per step while 32 bytes remain, then one word per step,
		// then the last eight bytes overlapping what was already compared.
		i := 0
		for ; n-i >= 32; i += 32 {
			x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
			x |= binary.LittleEndian.Uint64(a[i+8:]) ^ binary.LittleEndian.Uint64(b[i+8:])
			x |= binary.LittleEndian.Uint64(a[i+16:]) ^ binary.LittleEndian.Uint64(b[i+16:])
			x |= binary.LittleEndian.Uint64(a[i+24:]) ^ binary.LittleEndian.Uint64(b[i+24:])
			if x != 0 {
				return false
			}
		}
		for ; n-i > 8; i += 8 {
			if binary.LittleEndian.Uint64(a[i:]) != binary.LittleEndian.Uint64(b[i:]) {
				return false
			}
		}
		return binary.LittleEndian.Uint64(a[n-8:]) == binary.LittleEndian.Uint64(b[n-8:])
	case n >= 4:
		return (binary.LittleEndian.Uint32(a)^binary.LittleEndian.Uint32(b))|
			(binary.LittleEndian.Uint32(a[n-4:])^binary.LittleEndian.Uint32(b[n-4:])) == 0
	case n > 0:
		// 1..3 bytes: first, middle and last (some of them the same byte).
		return a[0] == b[0] && a[n/2] == b[n/2] && a[n-1] == b[n-1]
	}
	return true
}
