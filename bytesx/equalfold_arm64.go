//go:build !purego

package bytesx

// equalFoldNEON reports whether a[:n] and b[:n] are equal under ASCII case folding; n >= 16.
//
//go:noescape
func equalFoldNEON(a, b *byte, n int) bool
