package hashmap

import "math/bits"

// Control bytes. A full slot's byte is its key's 7-bit tag (0x00..0x7f); the
// markers have the high bit set, and differ in bit 1 so that SWAR can tell
// them apart with one shift.
const (
	ctrlEmpty   = 0x80
	ctrlDeleted = 0xfe

	lsb  = 0x0101010101010101
	msb  = 0x8080808080808080
	low7 = 0x7f7f7f7f7f7f7f7f
)

// Control byte i of a group (0..15) is byte i%8 of word i/8, counted from the
// least significant end of the uint64 value, on every byte order. On amd64
// and arm64 (little-endian) that is also byte i of the group in memory, which
// is what the assembly kernels load.

// swarTag returns, for the 8 control bytes in w, 0x80 in each byte equal to
// tag and 0 elsewhere. It is exact (no false positives from borrows): a byte
// of x is zero iff adding 0x7f to its low 7 bits leaves the high bit clear
// and its own high bit is clear.
func swarTag(w, tag uint64) uint64 {
	x := w ^ (lsb * tag)
	return ^((x&low7 + low7) | x) & msb
}

// swarEmpty returns 0x80 in each byte of w that is ctrlEmpty: high bit set
// and bit 1 clear (ctrlDeleted has bit 1 set, full bytes the high bit clear).
func swarEmpty(w uint64) uint64 { return w &^ (w << 6) & msb }

// swarFree returns 0x80 in each byte of w that is EMPTY or DELETED.
func swarFree(w uint64) uint64 { return w & msb }

// pack8 turns a SWAR result (0x80 or 0 per byte) into 8 bits, bit i for
// byte i.
func pack8(m uint64) uint32 {
	return uint32(((m >> 7) * 0x0102040810204080) >> 56)
}

// matchGeneric is the pure-Go reference for the group kernels: for the 16
// control bytes in lo, hi, bit i of the result is set iff byte i equals tag
// and bit 16+i iff byte i is EMPTY.
func matchGeneric(lo, hi uint64, tag uint8) uint32 {
	t := uint64(tag)
	m := pack8(swarTag(lo, t)) | pack8(swarTag(hi, t))<<8
	e := pack8(swarEmpty(lo)) | pack8(swarEmpty(hi))<<8
	return m | e<<16
}

// slotOf is the slot (0..7) of the lowest byte flagged in SWAR result m.
func slotOf(m uint64) uintptr { return uintptr(bits.TrailingZeros64(m) >> 3) }
