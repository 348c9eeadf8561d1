//go:build !purego

package wire

// lines takes a run of plain field lines from p[:n], at most max, writing
// four offsets per line to out; see linesGeneric. NEON, 32-byte blocks.
//
//go:noescape
func lines(p *byte, n int, out *uint32, max int) int
