//go:build !purego

package bytesx

// equalNEON reports whether a[:n] == b[:n]; n >= 17.
//
//go:noescape
func equalNEON(a *byte, b *byte, n int) bool
