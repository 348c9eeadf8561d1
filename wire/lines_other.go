//go:build purego || !(amd64 || arm64)

package wire

// lines is the batch scan: the pure-Go reference on builds without
// assembly.
func lines(p *byte, n int, out *uint32, max int) int { return linesGeneric(p, n, out, max) }
