package wire

import "github.com/hotpath-go/hotpath/asm"

// kernel is the family the package dispatches to; its assembly reads it
// (gen/internal/emit.UnlessFamily). It is set once at init and changed only
// by tests (testutil.ForEachKernel), never per call.
var kernel = asm.Kernel()
