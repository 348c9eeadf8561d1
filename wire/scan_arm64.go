//go:build !purego

package wire

// scan returns, for p[:n], the index of the first byte that is not a tchar
// (tok) and of the first byte in stop set set (end), each n if there is
// none; see scanGeneric. NEON, 16 bytes per step.
//
//go:noescape
func scan(p *byte, n int, set int) (tok int, end int)
