//go:build !purego

package bytesx

// haveAsm says this build has assembly kernels.
const haveAsm = true

// equal is a single call of equalAsm, small enough to inline into Equal and
// Equal into its caller, as bytes.Equal inlines into a call of
// runtime.memequal. equalAsm takes every length itself (general-purpose
// loads up to 16 bytes, then the AVX2 or SSE2 body as kernel says): a Go
// short path in front of it would add a second call to every input. The
// generic kernel is tested through equalGeneric directly.
func equal(p, q *byte, n int) bool { return equalAsm(p, q, n) }

// foldAsmMin, nameAsmMin and valueAsmMin are the lengths from which the
// Go functions (equalFold, validHeaderName, validHeaderValue) call the
// kernels when an assembly family is selected; the exported functions call
// the kernels directly on amd64 (below).
const (
	foldAsmMin  = 16
	nameAsmMin  = 16
	valueAsmMin = 16
)

// equalFoldK, validHeaderNameK and validHeaderValueK are what the exported
// functions call: on amd64 the kernels themselves, for every length. Up to
// 16 bytes they read one vector of each input that never leaves the
// input's page, which beats a Go call plus SWAR or table code; above, one
// assembly call replaces a Go call followed by an assembly call. As for
// Equal, the generic kernel is tested through the Go functions directly
// (equalFold, validHeaderName, validHeaderValue).
func equalFoldK(p, q *byte, n int) bool     { return equalFoldAsm(p, q, n) }
func validHeaderNameK(p *byte, n int) bool  { return validHeaderNameAsm(p, n) }
func validHeaderValueK(p *byte, n int) bool { return validHeaderValueAsm(p, n) }
