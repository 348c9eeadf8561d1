//go:build !purego

package hashmap

import (
	"math/bits"
	"unsafe"
)

// lookup is Get's probe on arm64, in Go: the SWAR probe (lookupGeneric) or
// the same probe matching each group with the NEON kernel (lookupNEON).
// Instruction counts favour SWAR, the cycle model NEON (issue 11 §3); this
// line is the switch, pending the arm64 cost tool (bench/cmd/armcost).
func lookup(t *table, key string) *entryHdr { return lookupGeneric(t, key) }

// lookupNEON is lookupGeneric with matchNEON matching a group's 16 control
// bytes in one call.
func lookupNEON(t *table, key string) *entryHdr {
	h := t.hash(key)
	tag := uint8(h & 0x7f)
	pos := uintptr(h >> 7)
	for step := uintptr(1); step <= t.mask+1; step++ {
		g := t.group(pos)
		r := matchNEON((*uint64)(unsafe.Pointer(&g.ctrl[0])), tag)
		for m := r & 0xffff; m != 0; m &= m - 1 {
			if e := g.slots[bits.TrailingZeros32(m)].Load(); e != nil && keyEqual(e.key, key) {
				return e
			}
		}
		if r>>16 != 0 {
			return nil
		}
		pos += step
	}
	return nil
}
