//go:build !purego

package zero

// bytes is the kernel's twin on arm64, which has no zero kernel: the
// runtime's memclr is as cheap at every length (docs/measurements.md), so
// Bytes never calls it there (kernelTakes is false).
func bytes(p *byte, n int) { bytesGeneric(p, n) }
