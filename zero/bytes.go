package zero

import (
	"runtime"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/race"
)

// Bytes sets every byte of b to zero. A nil or empty b is a no-op.
//
// It is clear(b), never slower: it hands b to an assembly kernel only at
// lengths where the kernel beats the runtime's memclr (today on amd64 with
// AVX2, from 2 KiB), and calls clear(b) itself everywhere else. It
// inlines (cost 79 of the 80 budget on amd64 and arm64).
func Bytes(b []byte) {
	if kernelTakes(len(b)) {
		if race.Enabled { // the detector cannot see the kernel's stores
			race.WriteRange(unsafe.Pointer(unsafe.SliceData(b)), len(b))
		}
		bytes(unsafe.SliceData(b), len(b))
		return
	}
	clear(b)
}

// The lengths Bytes hands to its kernel; docs/measurements.md has the
// numbers behind them.
const (
	// amd64 with AVX2: from 2 KiB, where the runtime's memclr switches to
	// REP STOSQ, whose start-up the kernel's aligned AVX2 loop beats.
	// Without AVX2 the runtime wins at every length.
	avx2Min = 2048
)

// kernelTakes reports whether Bytes hands n bytes to the kernel rather than
// to clear(). It folds to one or two compares on each GOARCH.
func kernelTakes(n int) bool {
	if !asm.Assembly {
		return false
	}
	// arm64 has no zero kernel: memclr is as cheap at every length.
	return runtime.GOARCH == "amd64" && n >= avx2Min && kernel == asm.AVX2
}

// bytesGeneric is the reference for the kernel, and its twin where there is
// no assembly: clear(), which the compiler lowers to the runtime's memclr,
// faster than any loop of Go stores.
func bytesGeneric(p *byte, n int) {
	clear(unsafe.Slice(p, n))
}
