package hashmap

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/race"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// val is a value readers can check for tearing: a and b are always equal,
// and s is a string made from them.
type val struct {
	key  int    // which key it was written for
	a, b uint64 // the write's sequence number, twice
	s    string // fmt.Sprint(key, a)
}

func (v val) ok(key int) bool {
	return v.key == key && v.a == v.b && v.s == fmt.Sprint(key, "/", v.a)
}

// TestReadersRaceWriter runs readers (Get, GetBytes, Range, Len) beside one
// writer that sets, overwrites and deletes keys, through growth and
// same-size rehashes. Each key has an atomic "started" and "done" record of
// its latest write (sequence number << 1 | deleted). A reader loads done,
// then reads the key, then loads started, and checks that what it read was
// written for that key, is untorn, is no older than done and no newer than
// started, and that a key whose last completed write was a Set is present.
// Run it with -race.
func TestReadersRaceWriter(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, hm := range hashMasks[:2] {
			t.Run(hm.name, func(t *testing.T) { raceOnce(t, hm.mask) })
		}
	})
}

func raceOnce(t *testing.T, hmask uint64) {
	nkeys, writes := 3000, 60000
	if testing.Short() {
		nkeys, writes = 500, 8000
	}
	keys := make([]string, nkeys)
	for i := range keys {
		keys[i] = fmt.Sprintf("/repos/%d/issues/%d", i%37, i)
	}
	started := make([]atomic.Uint64, nkeys)
	done := make([]atomic.Uint64, nkeys)
	for i := range nkeys {
		// Before any write, every key is "deleted" at sequence 0.
		started[i].Store(1)
		done[i].Store(1)
	}
	m := newMasked[val](0, hmask)
	var stop atomic.Bool
	var errs atomic.Int64
	fail := func(format string, args ...any) {
		if errs.Add(1) <= 5 {
			t.Errorf(format, args...)
		}
	}

	check := func(k int, d uint64, v val, found bool, s uint64) {
		if !found {
			if d&1 == 0 && s == d {
				fail("key %d: missing after a completed Set (seq %d)", k, d>>1)
			}
			return
		}
		if !v.ok(k) {
			fail("key %d: read a value never written for it: %+v", k, v)
			return
		}
		if v.a < d>>1 || (d&1 == 1 && v.a == d>>1) {
			fail("key %d: read seq %d, older than completed write %d", k, v.a, d>>1)
		}
		if v.a > s>>1 {
			fail("key %d: read seq %d, newer than started write %d", k, v.a, s>>1)
		}
	}

	var wg sync.WaitGroup
	readers := max(2, runtime.GOMAXPROCS(0))
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, 64)
			for i := r; !stop.Load(); i++ {
				k := int(uint(i) * 7919 % uint(nkeys))
				d := done[k].Load()
				var v val
				var found bool
				switch i % 3 {
				case 0:
					v, found = get(m, keys[k])
				case 1:
					// Every probe keeps the contract too, and the reference
					// under the generic family.
					e := lookupGeneric(m.c.tab.Load(), keys[k])
					if p := probes[i/3%len(probes)]; kernel != asm.Generic && len(keys[k]) <= p.maxLen && (p.raceSafe || !race.Enabled) {
						e = p.f(m.c.tab.Load(), keys[k])
					}
					v, found = valueOf[val](e)
				default:
					buf = append(buf[:0], keys[k]...)
					v, found = getBytes(m, buf)
				}
				check(k, d, v, found, started[k].Load())
				if i%512 == 0 {
					m.Range(func(key string, v val) bool {
						if v.key < 0 || v.key >= nkeys || keys[v.key] != key || !v.ok(v.key) {
							fail("Range yielded %q = %+v", key, v)
						}
						return true
					})
					if n := m.Len(); n < 0 || n > nkeys {
						fail("Len() = %d", n)
					}
				}
			}
		}()
	}

	// The writer: mostly Sets (so the table grows), some Deletes.
	for seq := uint64(1); seq <= uint64(writes); seq++ {
		k := int((seq * 2654435761) % uint64(nkeys))
		if seq%5 == 0 {
			started[k].Store(seq<<1 | 1)
			m.Delete(keys[k])
			done[k].Store(seq<<1 | 1)
		} else {
			started[k].Store(seq << 1)
			m.Set(keys[k], val{key: k, a: seq, b: seq, s: fmt.Sprint(k, "/", seq)})
			done[k].Store(seq << 1)
		}
		if seq%64 == 0 {
			runtime.Gosched()
		}
	}
	stop.Store(true)
	wg.Wait()
}
