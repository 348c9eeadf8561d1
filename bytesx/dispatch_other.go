//go:build purego || !(amd64 || arm64)

package bytesx

// No assembly (purego, or a GOARCH without kernels): haveAsm turns the
// kernel branches of equalFold, validHeaderName and validHeaderValue into
// dead code, and these stubs are never called.
const haveAsm = false

const (
	foldAsmMin  = 0
	nameAsmMin  = 0
	valueAsmMin = 0
)

func equalFoldAsm(a, b *byte, n int) bool     { panic("bytesx: no assembly in this build") }
func validHeaderNameAsm(p *byte, n int) bool  { panic("bytesx: no assembly in this build") }
func validHeaderValueAsm(p *byte, n int) bool { panic("bytesx: no assembly in this build") }

// equalFoldK, validHeaderNameK and validHeaderValueK are what the exported
// functions call (see dispatch_amd64.go): here the Go functions, which call
// the kernels, if any, from their thresholds on.
func equalFoldK(p, q *byte, n int) bool     { return equalFold(p, q, n) }
func validHeaderNameK(p *byte, n int) bool  { return validHeaderName(p, n) }
func validHeaderValueK(p *byte, n int) bool { return validHeaderValue(p, n) }
