//go:build !purego

package bytesx

import "unsafe"

// equalAsmMin is the length from which Equal calls assembly. Below it the Go
// path (two overlapping 8-byte loads) finishes before an assembly call's
// setup would.
const equalAsmMin = 17

func equal(a, b []byte) bool {
	n := len(a)
	if n < equalAsmMin || kernel == kGeneric {
		return equalGeneric(a, b)
	}
	p, q := unsafe.SliceData(a), unsafe.SliceData(b)
	if kernel == kAVX2 {
		return equalAVX2(p, q, n)
	}
	return equalSSE2(p, q, n)
}
