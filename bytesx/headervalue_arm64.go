//go:build !purego

package bytesx

// validHeaderValueNEON reports whether p[:n] holds no control byte but HTAB; n >= 16.
//
//go:noescape
func validHeaderValueNEON(p *byte, n int) bool
