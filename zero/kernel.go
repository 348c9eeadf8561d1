package zero

import "github.com/hotpath-go/hotpath/asm"

// Kernel families, as a small integer so the dispatch is one compare.
const (
	kGeneric = iota
	kSSE2
	kAVX2
	kNEON
)

// kernel is the family the package dispatches to. It is set once at init
// from asm and changed only by tests (useKernel), never per call.
var kernel = kernelID(asm.Kernel())

func kernelID(family string) int {
	switch family {
	case asm.AVX2:
		return kAVX2
	case asm.SSE2:
		return kSSE2
	case asm.NEON:
		return kNEON
	}
	return kGeneric
}

func init() { setAsmFlags() }

// useKernel switches the package to family; tests walk asm.Kernels() with it.
func useKernel(family string) {
	kernel = kernelID(family)
	setAsmFlags()
}

const maxInt = int(^uint(0) >> 1)
