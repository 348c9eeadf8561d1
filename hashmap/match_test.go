package hashmap

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/testutil"
)

// naiveMatch is the byte-at-a-time definition the kernels must meet.
func naiveMatch(ctrl [16]byte, tag uint8) uint32 {
	var r uint32
	for i, c := range ctrl {
		if c == tag {
			r |= 1 << i
		}
		if c == ctrlEmpty {
			r |= 1 << (16 + i)
		}
	}
	return r
}

// words packs 16 control bytes into the two words, byte i at bits 8*(i%8)
// of word i/8 (the package's byte order, on every GOARCH).
func words(ctrl [16]byte) (lo, hi uint64) {
	return binary.LittleEndian.Uint64(ctrl[:8]), binary.LittleEndian.Uint64(ctrl[8:])
}

// checkMatch runs matchGroup on ctrl stored in memory at w (two words) and
// matchGeneric on the words, and compares both with naiveMatch.
func checkMatch(t *testing.T, w []uint64, ctrl [16]byte, tag uint8) {
	t.Helper()
	lo, hi := words(ctrl)
	w[0], w[1] = lo, hi
	want := naiveMatch(ctrl, tag)
	if got := matchGeneric(lo, hi, tag); got != want {
		t.Fatalf("matchGeneric(% x, %#x) = %#x, want %#x", ctrl, tag, got, want)
	}
	if got := matchGroup(&w[0], tag); got != want {
		t.Fatalf("matchGroup(% x, %#x) = %#x, want %#x", ctrl, tag, got, want)
	}
}

// ctrlValues are the control bytes a table can hold: tags, EMPTY, DELETED.
var ctrlValues = []byte{0x00, 0x01, 0x7e, 0x7f, 0x40, ctrlEmpty, ctrlDeleted}

func TestMatchKernels(t *testing.T) {
	w := make([]uint64, 2)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		var ctrl [16]byte
		// Every single position holding every value in a background of
		// every value: finds byte-order and lane mistakes.
		for _, bg := range ctrlValues {
			for i := range ctrl {
				ctrl[i] = bg
			}
			for pos := 0; pos < 16; pos++ {
				for _, v := range ctrlValues {
					ctrl[pos] = v
					for tag := 0; tag < 128; tag++ {
						checkMatch(t, w, ctrl, uint8(tag))
					}
					ctrl[pos] = bg
				}
			}
		}
		// Random groups, including ones with runs of equal tags next to
		// tag±1 (where a borrowing SWAR would give false positives).
		r := rand.New(rand.NewPCG(1, 2))
		n := 200000
		if testing.Short() {
			n = 20000
		}
		for range n {
			tag := uint8(r.IntN(128))
			for i := range ctrl {
				switch r.IntN(5) {
				case 0:
					ctrl[i] = tag
				case 1:
					ctrl[i] = tag ^ 1
				case 2:
					ctrl[i] = ctrlValues[r.IntN(len(ctrlValues))]
				default:
					ctrl[i] = uint8(r.IntN(128))
				}
			}
			checkMatch(t, w, ctrl, tag)
		}
	})
}

// TestMatchGuardPages puts a group's control words at the very end and the
// very start of an accessible region: a kernel that loads one byte outside
// its 16 faults.
func TestMatchGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 4096)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, b := range [][]byte{g.End(16), g.Start(16)} {
			w := unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), 2)
			var ctrl [16]byte
			for i := range ctrl {
				ctrl[i] = byte(i * 9 % 128)
			}
			ctrl[3], ctrl[15] = ctrlEmpty, ctrlDeleted
			for tag := 0; tag < 128; tag++ {
				checkMatch(t, w, ctrl, uint8(tag))
			}
		}
	})
}

func TestPack8(t *testing.T) {
	for v := 0; v < 256; v++ {
		var m uint64
		for i := 0; i < 8; i++ {
			if v&(1<<i) != 0 {
				m |= 0x80 << (8 * i)
			}
		}
		if got := pack8(m); got != uint32(v) {
			t.Fatalf("pack8(%#x) = %#x, want %#x", m, got, v)
		}
	}
}

// TestLookupGuardPages stores keys whose bytes end exactly where a PROT_NONE
// page begins, and looks them up with keys that start exactly where one
// ends (and the other way round): a hash, probe or comparison that reads one
// byte outside either key faults. Every length up to past lookupMax, in
// every kernel family (the amd64 families run lookupSSE2).
func TestLookupGuardPages(t *testing.T) {
	ga, gb := testutil.NewGuard(t, 4096), testutil.NewGuard(t, 4096)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for n := 0; n <= 130; n++ {
			for _, pair := range [][2][]byte{{ga.End(n), gb.Start(n)}, {ga.Start(n), gb.End(n)}} {
				stored, look := pair[0], pair[1]
				for i := range stored {
					stored[i] = byte(i*7 + n)
				}
				copy(look, stored)
				m := New[int](0)
				// Neighbours of other lengths and contents share the table.
				for i := range 40 {
					m.Set(string(stored[:min(i, n)])+"x", i)
				}
				m.Set(unsafe.String(unsafe.SliceData(stored), n), 1000+n)
				if v, ok := m.GetBytes(look); !ok || v != 1000+n {
					t.Fatalf("n=%d: GetBytes = %d, %v", n, v, ok)
				}
				if v, ok := m.Get(unsafe.String(unsafe.SliceData(look), n)); !ok || v != 1000+n {
					t.Fatalf("n=%d: Get = %d, %v", n, v, ok)
				}
				if n > 0 {
					look[n-1]++
					if _, ok := m.GetBytes(look); ok {
						t.Fatalf("n=%d: found a key differing in its last byte", n)
					}
					look[n-1]--
					look[0]++
					if _, ok := m.GetBytes(look); ok {
						t.Fatalf("n=%d: found a key differing in its first byte", n)
					}
					look[0]--
				}
			}
		}
	})
}
