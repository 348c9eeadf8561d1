package framework

import (
	"math/bits"

	"github.com/hotpath-go/hotpath/internal/swar"
)

// A staticTable maps the paths of one method's wildcard-free routes to
// them. It is immutable once published (adding a path copies it), so it
// needs no lock and no atomic load of its own: it is part of the table.
//
// It is open addressing with linear probing, built for the lookup: the
// hash reads every byte 8 at a time (one multiplication a word); each slot
// keeps three words of its path beside the route (whose pattern is the
// path), so that a path of up to 24 bytes is compared without a call, and
// a bit per slot says whether a probe must go on past it, so that a miss
// (a request for a wildcard route) mostly costs one slot, or none when no
// stored path has its length. Slots are 32
// bytes and at most half full, so that the table of a large API stays in
// the first-level cache. ServeHTTP has the common cases of get written
// out. The seed is chosen at build among a few for the shortest probes,
// and a lookup never probes past the longest run a stored path needed
// (maxProbe), so a client cannot choose paths that cost more than the
// registered routes make it.
type staticTable struct {
	slots    []staticSlot // a power of two long, at most half full; nil when empty
	more     []uint64     // bit i: some path's probe went on past slot i
	mask     uint64       // len(slots) - 1
	shift    uint8        // 64 - log2(len(slots))
	seed     uint64
	n        int // paths stored
	maxProbe int // the longest probe a stored path needs, minus one

	// shortLens has bit n set when a path of n <= 24 bytes is stored, so
	// that a request whose path length no route has (most requests for a
	// wildcard route) skips the hash.
	shortLens uint32

	// long is a Bloom filter (one hash, of the last 8 bytes and the
	// length) over the paths of more than 24 bytes, whose full hash is a
	// loop: most requests for a method's wildcard routes skip it.
	long [1024 / 64]uint64
}

// longBit is the bit of path (more than 24 bytes) in staticTable.long.
func longBit(path string) uint {
	return uint((swar.Head64(path[len(path)-8:]) ^ uint64(len(path))) * mulWord0 >> (64 - 10))
}

// mayHaveLong reports whether path (more than 24 bytes) may be stored:
// false is sure.
func (s *staticTable) mayHaveLong(path string) bool {
	b := longBit(path)
	return s.long[b/64]&(1<<(b%64)) != 0
}

// goesOn reports whether a probe must go on past slot i.
func (s *staticTable) goesOn(i uint64) bool { return s.more[i/64]&(1<<(i%64)) != 0 }

// staticSlot holds a route and the words of its path (its pattern): w0 and
// w1 are the first and last 8 bytes, w2 the 8 from byte 8 on (0 under 17
// bytes), so that paths of 8 to 24 bytes compare as words, with no call.
type staticSlot struct {
	w0, w1, w2 uint64
	rt         *route // nil: an empty slot
}

// Hash multipliers (odd, with well-mixed bits).
const (
	mulWord0 = 0x9E3779B97F4A7C15
	mulWord2 = 0xC2B2AE3D27D4EB4F
	mulFinal = 0xD6E8FEB86659FD93
)

// staticHash hashes every byte of path (at least 8 bytes): the first and
// last words and the length, then the word at byte 8 and the words in
// between, 8 bytes to a multiplication. ServeHTTP has it written out for
// paths of up to 24 bytes.
func staticHash(path string, seed uint64) uint64 {
	n := len(path)
	h := (swar.Head64(path)^seed)*mulWord0 ^ (swar.Head64(path[n-8:]) + uint64(n))
	if n > 16 {
		h ^= swar.Head64(path[8:]) * mulWord2
		for i := 16; i+8 < n; i += 8 {
			h = (h ^ swar.Head64(path[i:])) * mulWord2
		}
	}
	return h * mulFinal
}

// shortHash is staticHash for paths under 8 bytes: their bytes as the
// first word, and 0 as the last.
func shortHash(path string, seed uint64) uint64 {
	var w uint64
	if len(path) > 0 {
		w = swar.ShortString(path)
	}
	return ((w^seed)*mulWord0 ^ uint64(len(path))) * mulFinal
}

// home is the slot where the probe for path starts.
func (s *staticTable) home(path string) uint64 {
	var h uint64
	if len(path) >= 8 {
		h = staticHash(path, s.seed)
	} else {
		h = shortHash(path, s.seed)
	}
	return (h >> (s.shift & 63)) & s.mask
}

// words returns the slot words of path.
func words(path string) (w0, w1, w2 uint64) {
	n := len(path)
	switch {
	case n > 16:
		return swar.Head64(path), swar.Head64(path[n-8:]), swar.Head64(path[8:])
	case n >= 8:
		return swar.Head64(path), swar.Head64(path[n-8:]), 0
	case n > 0:
		return swar.ShortString(path), 0, 0
	}
	return 0, 0, 0
}

// get returns the route stored for path, or nil.
func (s *staticTable) get(path string) *route {
	if s.n == 0 {
		return nil
	}
	h := s.home(path)
	for i := uint64(0); i <= uint64(s.maxProbe); i++ {
		j := (h + i) & s.mask
		if rt := s.slots[j].rt; rt != nil && rt.pattern == path {
			return rt
		}
		if !s.goesOn(j) {
			return nil
		}
	}
	return nil
}

// with returns a table holding s's routes and rt (whose pattern is not in
// s), leaving s as it is.
func (s *staticTable) with(rt *route) staticTable {
	if (s.n+1)*2 > len(s.slots) {
		entries := make([]*route, 0, s.n+1)
		for _, sl := range s.slots {
			if sl.rt != nil {
				entries = append(entries, sl.rt)
			}
		}
		entries = append(entries, rt)
		size := 16
		for size < 2*len(entries) {
			size *= 2
		}
		return buildStatic(entries, size)
	}
	t := *s
	t.slots = append([]staticSlot(nil), s.slots...)
	t.more = append([]uint64(nil), s.more...)
	t.insert(rt)
	return t
}

// buildStatic makes a table of size slots holding the routes, trying a few
// seeds and keeping the one whose probes are shortest in total.
func buildStatic(routes []*route, size int) staticTable {
	var best staticTable
	bestCost := -1
	for try := uint64(1); try <= 8; try++ {
		t := staticTable{
			slots: make([]staticSlot, size),
			more:  make([]uint64, (size+63)/64),
			mask:  uint64(size - 1),
			shift: uint8(64 - bits.TrailingZeros(uint(size))),
			seed:  try * 0x2545F4914F6CDD1D,
		}
		cost := 0
		for _, rt := range routes {
			cost += t.insert(rt)
		}
		if bestCost < 0 || cost < bestCost {
			best, bestCost = t, cost
		}
		if cost == 0 {
			break
		}
	}
	return best
}

// insert stores rt under its pattern in t, which must be unpublished and
// have a free slot, and returns how far from its home slot it went.
func (t *staticTable) insert(rt *route) int {
	path := rt.pattern
	w0, w1, w2 := words(path)
	h := t.home(path)
	if len(path) > 24 {
		b := longBit(path)
		t.long[b/64] |= 1 << (b % 64)
	} else {
		t.shortLens |= 1 << len(path)
	}
	for i := uint64(0); ; i++ {
		j := (h + i) & t.mask
		if t.slots[j].rt == nil {
			t.slots[j] = staticSlot{w0, w1, w2, rt}
			t.n++
			t.maxProbe = max(t.maxProbe, int(i))
			return int(i)
		}
		t.more[j/64] |= 1 << (j % 64)
	}
}
