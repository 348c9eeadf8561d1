package hashmap

import (
	"math/bits"

	"github.com/hotpath-go/hotpath/internal/swar"
)

// Control bytes. A full slot's byte is its key's 7-bit tag (0x00..0x7f); the
// markers have the high bit set, and differ in bit 1 so that SWAR can tell
// them apart with one shift.
const (
	ctrlEmpty   = 0x80
	ctrlDeleted = 0xfe
)

// Control byte i of a group (0..15) is byte i%8 of word i/8, counted from the
// least significant end of the uint64 value, on every byte order. On amd64
// and arm64 (little-endian) that is also byte i of the group in memory, which
// is what the assembly kernels load. Matching a word against a tag is
// swar.Eq.

// swarEmpty returns 0x80 in each byte of w that is ctrlEmpty: high bit set
// and bit 1 clear (ctrlDeleted has bit 1 set, full bytes the high bit clear).
func swarEmpty(w uint64) uint64 { return w &^ (w << 6) & swar.Msb }

// swarFree returns 0x80 in each byte of w that is EMPTY or DELETED.
func swarFree(w uint64) uint64 { return w & swar.Msb }

// slotOf is the slot (0..7) of the lowest byte flagged in SWAR result m.
func slotOf(m uint64) uintptr { return uintptr(bits.TrailingZeros64(m) >> 3) }
