//go:build !purego

package hashmap

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/testutil"
)

// The NEON group match and lookupNEON stay tested while the arm64 cost
// tool decides between them and SWAR (lookup_arm64.go).
func init() {
	probes = append(probes, probe{name: "lookupNEON", f: lookupNEON, maxLen: 1 << 30, raceSafe: true})
}

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

// checkMatch runs matchNEON on ctrl stored in memory at w (two words) and
// compares it with naiveMatch.
func checkMatch(t *testing.T, w []uint64, ctrl [16]byte, tag uint8) {
	t.Helper()
	w[0], w[1] = words(ctrl)
	if got, want := matchNEON(&w[0], tag), naiveMatch(ctrl, tag); got != want {
		t.Fatalf("matchNEON(% x, %#x) = %#x, want %#x", ctrl, tag, got, want)
	}
}

// ctrlValues are the control bytes a table can hold: tags, EMPTY, DELETED.
var ctrlValues = []byte{0x00, 0x01, 0x7e, 0x7f, 0x40, ctrlEmpty, ctrlDeleted}

func TestMatchNEON(t *testing.T) {
	w := make([]uint64, 2)
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
}

// TestMatchGuardPages puts a group's control words at the very end and the
// very start of an accessible region: a kernel that loads one byte outside
// its 16 faults.
func TestMatchGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 4096)
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
}
