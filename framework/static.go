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
// hash reads the path's first and last 8 bytes and its length (two loads,
// two multiplications); each slot keeps three words of its path, so that a
// path of up to 24 bytes is compared without a call, and says whether a
// probe must go on past it, so that a miss (a request for a wildcard
// route) mostly costs one slot. ServeHTTP has the common cases of get
// written out. Paths that share length, first and last 8 bytes collide
// whatever the seed; they only make a probe longer, and a lookup never
// probes past the longest run a stored path needed (maxProbe), so a client
// cannot choose paths that cost more than the registered routes make it.
type staticTable struct {
	slots    []staticSlot // a power of two long, at most a third full; nil when empty
	mask     uint64       // len(slots) - 1
	shift    uint8        // 64 - log2(len(slots))
	seed     uint64
	n        int // paths stored
	maxProbe int // the longest probe a stored path needs, minus one
}

// staticSlot holds a path and its route, with the path's words: w0 and w1
// are its first and last 8 bytes, w2 the 8 from byte 8 on (0 under 16
// bytes), so that paths of 8 to 24 bytes compare with no call.
type staticSlot struct {
	w0, w1, w2 uint64
	path       string
	rt         *route // nil: an empty slot
	more       bool   // some path's probe went on past this slot
}

func staticHash(w0, w1 uint64, n int, seed uint64) uint64 {
	return ((w0^seed)*0x9E3779B97F4A7C15 ^ (w1 + uint64(n))) * 0xD6E8FEB86659FD93
}

// get returns the route stored for path, or nil. The common cases, the
// path in its home slot or the home slot empty, are decided here; the rest
// (a probe that goes on, paths under 8 bytes) is getSlow's.
func (s *staticTable) get(path string) *route {
	n := len(path)
	if n < 8 || len(s.slots) == 0 {
		return s.getSlow(path)
	}
	w0, w1 := swar.Head64(path), swar.Head64(path[n-8:])
	sl := &s.slots[(staticHash(w0, w1, n, s.seed)>>(s.shift&63))&s.mask]
	if sl.w0 == w0 && sl.w1 == w1 && len(sl.path) == n {
		if n <= 16 || sl.w2 == swar.Head64(path[8:]) && (n <= 24 || sl.path[16:n-8] == path[16:n-8]) {
			return sl.rt
		}
	} else if !sl.more {
		return nil // an empty slot's path is empty: it never matched above
	}
	return s.getSlow(path)
}

// getSlow is get the long way: the whole probe, comparing whole paths.
//
//go:noinline
func (s *staticTable) getSlow(path string) *route {
	if s.n == 0 {
		return nil
	}
	for i, h := 0, s.home(path); i <= s.maxProbe; i++ {
		sl := &s.slots[(h+uint64(i))&uint64(len(s.slots)-1)]
		if sl.rt == nil {
			return nil
		}
		if sl.path == path {
			return sl.rt
		}
	}
	return nil
}

// words returns the slot words of path.
func words(path string) (w0, w1, w2 uint64) {
	n := len(path)
	switch {
	case n >= 16:
		return swar.Head64(path), swar.Head64(path[n-8:]), swar.Head64(path[8:])
	case n >= 8:
		return swar.Head64(path), swar.Head64(path[n-8:]), 0
	case n > 0:
		return swar.ShortString(path), 0, 0
	}
	return 0, 0, 0
}

// home is the slot where the probe for path starts.
func (s *staticTable) home(path string) uint64 {
	w0, w1, _ := words(path)
	return staticHash(w0, w1, len(path), s.seed) >> (s.shift & 63)
}

// with returns a table holding s's paths and path (not in s), leaving s
// as it is.
func (s *staticTable) with(path string, rt *route) staticTable {
	if (s.n+1)*3 > len(s.slots) {
		entries := make([]staticSlot, 0, s.n+1)
		for _, sl := range s.slots {
			if sl.rt != nil {
				entries = append(entries, sl)
			}
		}
		entries = append(entries, staticSlot{path: path, rt: rt})
		size := 8
		for size < 3*len(entries) {
			size *= 2
		}
		return buildStatic(entries, 2*size)
	}
	t := *s
	t.slots = make([]staticSlot, len(s.slots))
	copy(t.slots, s.slots)
	t.insert(path, rt)
	return t
}

// buildStatic makes a table of size slots holding entries, trying a few
// seeds and keeping the one whose probes are shortest in total.
func buildStatic(entries []staticSlot, size int) staticTable {
	var best staticTable
	bestCost := -1
	for try := uint64(1); try <= 8; try++ {
		t := staticTable{
			slots: make([]staticSlot, size),
			mask:  uint64(size - 1),
			shift: uint8(64 - bits.TrailingZeros(uint(size))),
			seed:  try * 0x2545F4914F6CDD1D,
		}
		cost := 0
		for _, e := range entries {
			cost += t.insert(e.path, e.rt)
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

// insert stores path in t, which must be unpublished and have a free slot,
// and returns how far from its home slot it went.
func (t *staticTable) insert(path string, rt *route) int {
	w0, w1, w2 := words(path)
	mask := uint64(len(t.slots) - 1)
	h := t.home(path)
	for i := 0; ; i++ {
		sl := &t.slots[(h+uint64(i))&mask]
		if sl.rt == nil {
			*sl = staticSlot{w0, w1, w2, path, rt, sl.more}
			t.n++
			t.maxProbe = max(t.maxProbe, i)
			return i
		}
		sl.more = true
	}
}

// each calls f for every stored path.
func (s *staticTable) each(f func(path string, rt *route)) {
	for _, sl := range s.slots {
		if sl.rt != nil {
			f(sl.path, sl.rt)
		}
	}
}
