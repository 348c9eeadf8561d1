//go:build !purego

package bytesx

import "unsafe"

// equalAsmMin: see dispatch_amd64.go.
const equalAsmMin = 17

func equal(a, b []byte) bool {
	n := len(a)
	if n < equalAsmMin || kernel == kGeneric {
		return equalGeneric(a, b)
	}
	return equalNEON(unsafe.SliceData(a), unsafe.SliceData(b), n)
}
