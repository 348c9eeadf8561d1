//go:build !purego

package bytesx

// equalNEON reports whether a[:n] == b[:n], for every n.
//
//go:noescape
func equalNEON(a *byte, b *byte, n int) bool
