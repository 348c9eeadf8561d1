//go:build !purego

package zero

// zeroAsm sets p[:n] to zero, for any n >= 0. p[:n] must hold no Go
// pointers: the stores bypass the write barrier.
//
//go:noescape
func zeroAsm(p *byte, n int)
