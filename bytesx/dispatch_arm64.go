//go:build !purego

package bytesx

// haveAsm says this build has assembly kernels.
const haveAsm = true

// equal: see dispatch_amd64.go. equalNEON takes every length.
func equal(p, q *byte, n int) bool { return equalNEON(p, q, n) }

// foldAsmMin, nameAsmMin, valueAsmMin: see dispatch_amd64.go. The NEON
// kernels need at least 16 bytes.
const (
	foldAsmMin  = 16
	nameAsmMin  = 16
	valueAsmMin = 16
)

// The NEON kernels under the names the shared dispatch calls; each is a
// single call, so it inlines away.
func equalFoldAsm(a, b *byte, n int) bool     { return equalFoldNEON(a, b, n) }
func validHeaderNameAsm(p *byte, n int) bool  { return validHeaderNameNEON(p, n) }
func validHeaderValueAsm(p *byte, n int) bool { return validHeaderValueNEON(p, n) }

// equalFoldK, validHeaderNameK and validHeaderValueK are what the exported
// functions call (see dispatch_amd64.go): here the Go functions, which call
// the kernels, if any, from their thresholds on.
func equalFoldK(p, q *byte, n int) bool     { return equalFold(p, q, n) }
func validHeaderNameK(p *byte, n int) bool  { return validHeaderName(p, n) }
func validHeaderValueK(p *byte, n int) bool { return validHeaderValue(p, n) }
