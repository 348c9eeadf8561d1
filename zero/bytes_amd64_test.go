//go:build !purego

package zero

import (
	"testing"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// TestBytesStreaming walks zeroAsm's non-temporal path, which normally
// starts at 32 MiB, at every length by lowering its threshold, and then
// once for real past 32 MiB.
func TestBytesStreaming(t *testing.T) {
	defer func(old int) { asmNTMin = old }(asmNTMin)
	lengths := lengths(2048)
	pattern := canary(64 + lengths[len(lengths)-1] + 128)
	buf := make([]byte, len(pattern))
	var big, bigPattern []byte
	if !testing.Short() && !raceOn {
		bigPattern = canary(ntMin + 256)
		big = make([]byte, len(bigPattern))
	}
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		if kernel == asm.Generic {
			t.Skip("no streaming path in the generic kernel")
		}
		asmNTMin = 0
		for _, n := range lengths {
			for _, off := range offsets() {
				if n > 4096 && off%16 != 1 {
					continue
				}
				checkZeroRange(t, "kernel(streaming)", rawZero, buf[:64+off+n+64], pattern, 64+off, n)
			}
		}
		asmNTMin = ntMin
		if big == nil {
			return
		}
		checkZeroRange(t, "kernel(32 MiB)", rawZero, big, bigPattern, 65, ntMin+33)
	})
}
