package bytesx

import "github.com/hotpath-go/hotpath/asm"

// Kernel families (asm.IDOf), short names for the dispatch code.
const (
	kGeneric = asm.GenericID
	kSSE2    = asm.SSE2ID
	kAVX2    = asm.AVX2ID
	kNEON    = asm.NEONID
)

// kernel is the family the package dispatches to. It is set once at init
// from asm and changed only by tests (useKernel), never per call.
var kernel = asm.IDOf(asm.Kernel())

// useKernel switches the package to family; tests walk asm.Kernels() with it.
func useKernel(family string) { kernel = asm.IDOf(family) }
