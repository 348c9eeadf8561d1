//go:build purego || !(amd64 || arm64)

package wire

// scan is the line scan: the pure-Go reference on builds without assembly.
func scan(p *byte, n int, set int) (tok, end int) { return scanGeneric(p, n, set) }
