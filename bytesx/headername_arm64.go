//go:build !purego

package bytesx

// validHeaderNameNEON reports whether every byte of p[:n] is a tchar; n >= 16.
//
//go:noescape
func validHeaderNameNEON(p *byte, n int) bool
