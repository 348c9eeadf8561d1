//go:build !purego

package bytesx

// equal reports whether a[:n] == b[:n], for every n.
//
//go:noescape
func equal(a, b *byte, n int) bool
