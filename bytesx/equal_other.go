//go:build purego || !(amd64 || arm64)

package bytesx

import "unsafe"

func equal(p, q *byte, n int) bool { return equalGeneric(unsafe.Slice(p, n), unsafe.Slice(q, n)) }
