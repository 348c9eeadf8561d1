//go:build purego || !(amd64 || arm64)

package zero

// bytes is the kernel's twin on builds without assembly (Bytes never calls
// it there: kernelTakes is false).
func bytes(p *byte, n int) { bytesGeneric(p, n) }
