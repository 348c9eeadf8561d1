package hashmap

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/swar"
)

const (
	groupSize = 16
	// maxLoadNum/8 of the slots may be full or DELETED before the table is
	// rebuilt; the rest stay EMPTY so that every probe ends.
	maxLoadNum = 7
)

// entry is one key and its value. It is never modified after it is
// published, so readers may use it without synchronization once they have
// loaded its pointer atomically.
type entry[V any] struct {
	entryHdr // first: the untyped table code sees every entry as entryHdr
	val      V
}

// entryHdr is the V-independent prefix of every entry[V]. The table stores
// *entry[V] as *entryHdr so that all probing code is compiled once, without
// generic dictionaries; only Map's methods convert back, to the type they
// allocated.
type entryHdr struct {
	key  string
	hash uint64 // the key's hash in this map, so growth need not rehash keys
}

// group is 16 slots and their control bytes. Keeping the control words next
// to the slots they describe puts a lookup's control load and entry-pointer
// load in the same or adjacent cache lines.
type group struct {
	ctrl  [2]atomic.Uint64
	slots [groupSize]atomic.Pointer[entryHdr]
}

// table is one generation of the map. Readers use whichever table they
// loaded for the whole lookup; the writer never writes a table again after
// it has published its successor.
type table struct {
	groups []group
	mask   uintptr // len(groups)-1; len(groups) is a power of two
	hmask  uint64  // ANDed into every hash; ^0 except in collision tests
	seed   hashSeed

	// Writer-only state (guarded by core.mu).
	growthLeft int // slots that may still go from EMPTY to full
	live       int
}

// core is the untyped map: everything but the entries' value type.
type core struct {
	tab   atomic.Pointer[table]
	count atomic.Int64
	mu    sync.Mutex // serializes writers
}

// Map is a string-keyed hash map whose reads never lock, beside one writer
// at a time. See the package documentation for the concurrency contract.
// Make maps with New; the zero Map is not usable.
type Map[V any] struct {
	c core
}

// New returns an empty map with room for sizeHint keys before it first
// grows. A negative sizeHint is treated as zero.
func New[V any](sizeHint int) *Map[V] {
	return newMasked[V](sizeHint, ^uint64(0))
}

// newMasked is New with every hash ANDed with hmask, for tests that need
// keys with equal tags or equal groups.
func newMasked[V any](sizeHint int, hmask uint64) *Map[V] {
	m := new(Map[V])
	m.c.tab.Store(newTable(groupsFor(sizeHint), newHashSeed(), hmask))
	return m
}

// groupsFor returns the power-of-two number of groups that holds n keys
// under the maximum load.
func groupsFor(n int) int {
	g := 1
	for g*groupSize*maxLoadNum/8 < n {
		g *= 2
	}
	return g
}

func newTable(ngroups int, seed hashSeed, hmask uint64) *table {
	t := &table{
		groups:     make([]group, ngroups),
		mask:       uintptr(ngroups - 1),
		seed:       seed,
		hmask:      hmask,
		growthLeft: ngroups * groupSize * maxLoadNum / 8,
	}
	// No reader can see t yet: plain stores (an atomic store is an XCHG
	// on amd64); the atomic store that publishes t orders them.
	for i := range t.groups {
		for k := range t.groups[i].ctrl {
			*(*uint64)(unsafe.Pointer(&t.groups[i].ctrl[k])) = swar.Lsb * ctrlEmpty
		}
	}
	return t
}

func (t *table) hash(key string) uint64 { return t.seed.hashString(key) & t.hmask }

// group returns group i&mask without a bounds check: mask is len-1.
func (t *table) group(i uintptr) *group {
	return (*group)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(t.groups)), (i&t.mask)*unsafe.Sizeof(group{})))
}

// Len returns the number of keys in the map.
func (m *Map[V]) Len() int { return int(m.c.count.Load()) }

// Range calls f for each key and value in the map, in no particular order,
// until f returns false. See the package documentation for what it sees of
// writes made while it runs.
func (m *Map[V]) Range(f func(key string, val V) bool) {
	t := m.c.tab.Load()
	for i := range t.groups {
		g := &t.groups[i]
		for j := range g.slots {
			if e := g.slots[j].Load(); e != nil && !f(e.key, (*entry[V])(unsafe.Pointer(e)).val) {
				return
			}
		}
	}
}

// Set stores val for key, replacing any value stored before.
func (m *Map[V]) Set(key string, val V) {
	e := &entry[V]{entryHdr: entryHdr{key: key}, val: val}
	m.c.set(&e.entryHdr)
}

// Delete removes key and reports whether it was present.
func (m *Map[V]) Delete(key string) bool { return m.c.delete(key) }

func (c *core) set(e *entryHdr) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.tab.Load()
	h := t.hash(e.key)
	e.hash = h // e is not published yet
	if g, i, ok := t.lookupSlot(e.key, h); ok {
		g.slots[i].Store(e)
		return
	}
	g, i, wasEmpty := t.freeSlot(h)
	if wasEmpty && t.growthLeft == 0 {
		t = c.rehash(t)
		g, i, wasEmpty = t.freeSlot(h) // same seed and mask: same hash
	}
	// Publish the entry before the control byte that makes it findable.
	g.slots[i].Store(e)
	setCtrl(g, i, h&0x7f)
	if wasEmpty {
		t.growthLeft--
	}
	t.live++
	c.count.Store(int64(t.live))
}

func (c *core) delete(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.tab.Load()
	g, i, ok := t.lookupSlot(key, t.hash(key))
	if !ok {
		return false
	}
	// A group that still has an EMPTY slot has ended every probe that
	// reached it since the table was built, so no key lies beyond it on a
	// probe sequence through this slot: the slot can go back to EMPTY.
	// Otherwise it must become a tombstone, which keeps later probes going.
	if swarEmpty(g.ctrl[0].Load())|swarEmpty(g.ctrl[1].Load()) != 0 {
		setCtrl(g, i, ctrlEmpty)
		t.growthLeft++
	} else {
		setCtrl(g, i, ctrlDeleted)
	}
	// Readers that loaded the old control byte may still load this pointer:
	// they see the entry or nil, and treat nil as no match.
	g.slots[i].Store(nil)
	t.live--
	c.count.Store(int64(t.live))
	return true
}

// setCtrl sets control byte i of g. Only the writer calls it, so a load and
// a store make an atomic update of the byte's word.
func setCtrl(g *group, i uintptr, c uint64) {
	w := &g.ctrl[i/8]
	s := (i % 8) * 8
	w.Store(w.Load()&^(0xff<<s) | c<<s)
}

// lookupSlot finds key's slot (writer side).
func (t *table) lookupSlot(key string, h uint64) (*group, uintptr, bool) {
	tag := byte(h & 0x7f)
	pos := uintptr(h >> 7)
	for step := uintptr(1); step <= t.mask+1; step++ {
		g := t.group(pos)
		lo, hi := g.ctrl[0].Load(), g.ctrl[1].Load()
		for k, w := range [2]uint64{lo, hi} {
			for m := swar.Eq(w, tag); m != 0; m &= m - 1 {
				i := 8*uintptr(k) + slotOf(m)
				if e := g.slots[i].Load(); e != nil && e.key == key {
					return g, i, true
				}
			}
		}
		if swarEmpty(lo)|swarEmpty(hi) != 0 {
			return nil, 0, false
		}
		pos += step
	}
	return nil, 0, false
}

// freeSlot returns the first EMPTY or DELETED slot on h's probe sequence and
// whether it is EMPTY. The table always has EMPTY slots (maxLoad < 1), and
// triangular probing over a power-of-two number of groups visits them all.
func (t *table) freeSlot(h uint64) (*group, uintptr, bool) {
	pos := uintptr(h >> 7)
	for step := uintptr(1); ; step++ {
		g := t.group(pos)
		for k := uintptr(0); k < 2; k++ {
			w := g.ctrl[k].Load()
			if m := swarFree(w); m != 0 {
				i := slotOf(m)
				return g, 8*k + i, (w>>(8*i))&0xff == ctrlEmpty
			}
		}
		pos += step
	}
}

// freeSlotUnpublished is freeSlot for a table no reader can see yet, which
// holds no DELETED slots: it reads control words without atomics.
func (t *table) freeSlotUnpublished(h uint64) (*group, uintptr) {
	pos := uintptr(h >> 7)
	for step := uintptr(1); ; step++ {
		g := t.group(pos)
		for k := uintptr(0); k < 2; k++ {
			if m := swarFree(*(*uint64)(unsafe.Pointer(&g.ctrl[k]))); m != 0 {
				return g, 8*k + slotOf(m)
			}
		}
		pos += step
	}
}

// rehash builds t's successor — twice the size, or the same size when at
// least half of the used slots are tombstones — fills it, publishes it and
// returns it. It runs once per Θ(len(t)) inserts, so Set stays amortized
// O(1).
func (c *core) rehash(t *table) *table {
	n := len(t.groups)
	if t.live >= n*groupSize*maxLoadNum/16 {
		n *= 2
	}
	nt := newTable(n, t.seed, t.hmask)
	for gi := range t.groups {
		g := &t.groups[gi]
		for j := range g.slots {
			e := g.slots[j].Load()
			if e == nil {
				continue
			}
			h := e.hash // same seed and mask: the same hash
			ng, i := nt.freeSlotUnpublished(h)
			// nt is not published yet: plain stores, in any order. The
			// atomic store that publishes nt orders them before any
			// reader's loads.
			*(**entryHdr)(unsafe.Pointer(&ng.slots[i])) = e
			w := (*uint64)(unsafe.Pointer(&ng.ctrl[i/8]))
			s := (i % 8) * 8
			*w = *w&^(0xff<<s) | (h&0x7f)<<s
		}
	}
	nt.live = t.live
	nt.growthLeft -= t.live
	c.tab.Store(nt)
	return nt
}
