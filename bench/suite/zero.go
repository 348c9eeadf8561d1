package suite

import (
	"fmt"
	"testing"

	"github.com/hotpath-go/hotpath/zero"
)

// zeroFlat is a pointer-free 1.3 KB (1344-byte) struct: a request context
// reduced to ids, offsets and an inline buffer.
type zeroFlat struct {
	id      uint64
	status  int
	offsets [32]uint32
	buf     [1200]byte
}

// zeroCtx is a pointer-holding 1.3 KB (1344-byte) struct, shaped like a
// framework's request context: strings, a slice, a map, parameters and an
// inline buffer.
type zeroCtx struct {
	id       uint64
	method   string
	path     string
	handlers []func()
	keys     map[string]any
	params   [8]struct{ k, v string }
	buf      [1016]byte
}

// Package-level pointers and slices: the compiler cannot prove the stores
// dead, so neither ours nor the peer's work is elided.
var (
	zeroFlatP = new(zeroFlat)
	zeroCtxP  = new(zeroCtx)
	zeroBufs  [4][]byte
)

func init() {
	for i, n := range []int{64, 1344, 64 << 10, 4 << 20} {
		zeroBufs[i] = make([]byte, n)
		Register(Case{
			Group: "zero",
			Name:  fmt.Sprintf("Bytes/%s", sizeName(n)),
			Ours: Bench{"zero.Bytes", func(b *testing.B) {
				b.SetBytes(int64(n))
				for range warmup(n) {
					zero.Bytes(zeroBufs[i])
				}
				for b.Loop() {
					zero.Bytes(zeroBufs[i])
				}
			}},
			Peers: []Bench{{"clear", func(b *testing.B) {
				b.SetBytes(int64(n))
				for range warmup(n) {
					clear(zeroBufs[i])
				}
				for b.Loop() {
					clear(zeroBufs[i])
				}
			}}},
			Goal:       1.05,
			ZeroAllocs: true,
			Quick:      true,
		})
	}
	Register(
		Case{
			Group: "zero",
			Name:  "Value/1344B/pointer-free",
			Ours: Bench{"zero.Value", func(b *testing.B) {
				for b.Loop() {
					zero.Value(zeroFlatP)
				}
			}},
			Peers: []Bench{{"*p = T{}", func(b *testing.B) {
				for b.Loop() {
					*zeroFlatP = zeroFlat{}
				}
			}}},
			Goal:       0.8,
			ZeroAllocs: true,
			Quick:      true,
		},
		Case{
			Group: "zero",
			Name:  "Value/1344B/pointers",
			Ours: Bench{"zero.Value", func(b *testing.B) {
				for b.Loop() {
					zero.Value(zeroCtxP)
				}
			}},
			Peers: []Bench{{"*p = T{}", func(b *testing.B) {
				for b.Loop() {
					*zeroCtxP = zeroCtx{}
				}
			}}},
			Goal:       1.05,
			ZeroAllocs: true,
			Quick:      true,
		},
	)
}

// warmup is how many untimed calls each Bytes benchmark, ours and the
// peer alike, makes before b.Loop starts timing: 20 MB of zeroing, 0.2 to
// 1 ms. Without it the first sub-benchmark of a case was seen to run slower
// than the very same code run later in the case (zero.Bytes registered
// twice, 64 B), which at that size is a swing of 10% or more against
// whoever runs first.
func warmup(n int) int { return max(1, (20<<20)/n) }

// sizeName prints a byte count the way the goal table does.
func sizeName(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}
