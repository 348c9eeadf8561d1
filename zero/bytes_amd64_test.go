//go:build !purego

package zero

import (
	"testing"

	"github.com/hotpath-go/hotpath/internal/race"
)

// ntMin is where the amd64 kernel switches to non-temporal stores
// (gen/zero: the runtime's own threshold, 32 MiB).
const ntMin = 32 << 20

// TestBytesStreaming crosses the kernel's non-temporal threshold: lengths
// just past 32 MiB whose remainders after the 32-byte alignment and the
// 128-byte loop cover the loop's exits, at a few misalignments. The
// streaming loop is the cached loop with another store instruction, which
// TestBytesExhaustive walks at every length and offset. Bytes reaches the
// kernel on AVX2 CPUs; elsewhere this checks clear() at the same lengths.
func TestBytesStreaming(t *testing.T) {
	if testing.Short() || race.Enabled {
		t.Skip("32 MiB buffers: not under -short or -race")
	}
	const extra = 129
	pattern := canary(64 + 31 + ntMin + extra + 64)
	buf := make([]byte, len(pattern))
	for _, k := range []int{0, 1, 31, 32, 33, 96, 127, 128, extra} {
		for _, off := range []int{0, 1, 31} {
			checkZeroRange(t, "Bytes(streaming, "+kernel.String()+")", Bytes, buf[:64+off+ntMin+k+64], pattern, 64+off, ntMin+k)
		}
	}
}
