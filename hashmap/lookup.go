package hashmap

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/race"
	"github.com/hotpath-go/hotpath/internal/swar"
)

// Get returns the value stored for key and whether it was present.
func (m *Map[V]) Get(key string) (V, bool) {
	t := m.c.tab.Load()
	var e *entryHdr
	if len(key) <= lookupMax && !race.Enabled {
		e = lookup(t, key)
	} else {
		e = lookupGeneric(t, key)
	}
	if e != nil {
		return (*entry[V])(unsafe.Pointer(e)).val, true
	}
	var zero V
	return zero, false
}

// GetBytes is Get for a key held in a byte slice. It neither copies nor
// retains key, and does not allocate.
func (m *Map[V]) GetBytes(key []byte) (V, bool) {
	// The string shares key's bytes only for the duration of the lookup:
	// it is hashed and compared, never stored. (Get's body, repeated: a
	// call to Get would cost a tenth of the lookup.)
	k := unsafe.String(unsafe.SliceData(key), len(key))
	t := m.c.tab.Load()
	var e *entryHdr
	if len(k) <= lookupMax && !race.Enabled {
		e = lookup(t, k)
	} else {
		e = lookupGeneric(t, k)
	}
	if e != nil {
		return (*entry[V])(unsafe.Pointer(e)).val, true
	}
	var zero V
	return zero, false
}

// lookupMax is the longest key Get hands to lookup: the amd64 kernel
// implements the hash up to 64 bytes, not the maphash that takes over after
// (elsewhere lookup is Go and would take any key).
//
// -race builds read through lookupGeneric: the race detector cannot see the
// ordering of the amd64 kernel's plain loads (every load there is an
// acquire), so it would report the reader's use of an entry the kernel
// loaded as racing with the writer that published it; lookupGeneric's
// atomic loads it does see.
const lookupMax = 64

// How readers and the kernels share memory with the writer. Readers load
// control words and slot pointers while the writer stores them. Go code
// loads them with sync/atomic (a plain MOV on amd64, LDAR on arm64). A
// kernel reads a group's 16 control bytes with one vector load: on amd64
// an aligned 8-byte half of a 16-byte load is single-copy atomic, and on
// arm64 the NEON load uses 64-bit lanes (VLD1 .D2), whose elements are
// single-copy atomic. The load may see one word from before a concurrent
// store and the other from after it, and, on arm64, be ordered after the
// slot-pointer load that follows it. Both are harmless: every combination
// of old and new words is a state a reader of the words one after the
// other could have seen, control bytes never go back to EMPTY while a key
// lies beyond them, and every candidate slot's entry pointer is loaded (by
// Go atomically, by the amd64 kernel with one aligned 8-byte MOV, an
// acquire load on amd64) and its key compared, so a stale or early read
// can only miss a write that had not completed, never return a value
// written for another key. Entries are immutable once published. The
// kernels store nothing but their results; the amd64 kernel's result is
// the entry pointer it loaded, written to its own result slot on the stack
// (no heap memory, so no write barrier is owed).

// lookupGeneric returns key's entry in t, or nil: hash, then probe with
// SWAR over the two control words of each group. It is the reference for
// the kernels, and what Get runs for longer keys, under -race, and where
// there is no assembly. (Merging the two words' flags into one loop
// measured slower.)
func lookupGeneric(t *table, key string) *entryHdr {
	h := t.hash(key)
	tag := byte(h & 0x7f)
	pos := uintptr(h >> 7)
	for step := uintptr(1); step <= t.mask+1; step++ {
		g := t.group(pos)
		lo := g.ctrl[0].Load()
		for m := swar.Eq(lo, tag); m != 0; m &= m - 1 {
			if e := g.slots[slotOf(m)].Load(); e != nil && keyEqual(e.key, key) {
				return e
			}
		}
		hi := g.ctrl[1].Load()
		for m := swar.Eq(hi, tag); m != 0; m &= m - 1 {
			if e := g.slots[8+slotOf(m)].Load(); e != nil && keyEqual(e.key, key) {
				return e
			}
		}
		if swarEmpty(lo)|swarEmpty(hi) != 0 {
			return nil
		}
		pos += step
	}
	return nil
}

// keyEqual is a == b. Up to 32 bytes it compares words inline (loads that
// overlap for lengths between the multiples of 8), which costs less than the
// runtime's memequal call for the short keys of routes and headers.
func keyEqual(a, b string) bool {
	n := uintptr(len(a))
	if n != uintptr(len(b)) {
		return false
	}
	p, q := unsafe.Pointer(unsafe.StringData(a)), unsafe.Pointer(unsafe.StringData(b))
	switch {
	case n > 32:
		return a == b
	case n > 16:
		return (swar.Load64(p)^swar.Load64(q))|
			(swar.Load64(unsafe.Add(p, 8))^swar.Load64(unsafe.Add(q, 8)))|
			(swar.Load64(unsafe.Add(p, n-16))^swar.Load64(unsafe.Add(q, n-16)))|
			(swar.Load64(unsafe.Add(p, n-8))^swar.Load64(unsafe.Add(q, n-8))) == 0
	case n >= 8:
		return (swar.Load64(p)^swar.Load64(q))|
			(swar.Load64(unsafe.Add(p, n-8))^swar.Load64(unsafe.Add(q, n-8))) == 0
	}
	return a == b
}
