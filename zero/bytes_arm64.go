//go:build !purego

package zero

// bytes sets p[:n] to zero with NEON and pair stores, for any n >= 0. p[:n]
// must hold no Go pointers: the stores bypass the write barrier.
//
//go:noescape
func bytes(p *byte, n int)
