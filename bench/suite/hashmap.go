package suite

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/hashmap"
	"github.com/puzpuzpuz/xsync/v4"
)

// The hashmap group compares hashmap.Map with the builtin map (the peer each
// goal names) and, for lookups beside a writer, with sync.Map and xsync.Map.
//
// Keys of the route rows are the github route set's 203 "METHOD PATH" lines
// (the paths alone repeat across methods: 142 distinct), read from
// the repository's copy (internal/routesets) by LoadRoutes. Lookups cycle through the keys in a fixed
// shuffled order, so the branch predictor cannot learn one key, and use
// copies of the keys in other memory, as a request's path would be (a
// lookup with the very string that was inserted lets string comparison stop
// at pointer equality).

var sinkHM int

// hmRoutes returns the route keys, keys that miss (each route with a "/"
// appended: no route ends in one), and the same keys as byte slices.
var hmRoutes = sync.OnceValues(func() (hmFixture, error) {
	rs, err := LoadRoutes("github")
	if err != nil {
		return hmFixture{}, err
	}
	var f hmFixture
	for _, r := range rs {
		k := r.Method + " " + r.Path
		f.keys = append(f.keys, k)
		f.look = append(f.look, string([]byte(k)))
		f.miss = append(f.miss, k+"/")
		f.bkeys = append(f.bkeys, []byte(k))
	}
	r := rand.New(rand.NewPCG(5, 5))
	r.Shuffle(len(f.keys), func(i, j int) {
		f.keys[i], f.keys[j] = f.keys[j], f.keys[i]
		f.look[i], f.look[j] = f.look[j], f.look[i]
		f.miss[i], f.miss[j] = f.miss[j], f.miss[i]
		f.bkeys[i], f.bkeys[j] = f.bkeys[j], f.bkeys[i]
	})
	return f, nil
})

type hmFixture struct {
	keys  []string // the keys the maps are built with
	look  []string // the same keys in other memory, as a request's would be
	miss  []string
	bkeys [][]byte
}

func hmFix(b *testing.B) hmFixture {
	f, err := hmRoutes()
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// hmRandomKeys returns n distinct random printable keys of 16..64 bytes.
func hmRandomKeys(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	seen := make(map[string]bool, n)
	keys := make([]string, 0, n)
	buf := make([]byte, 64)
	for len(keys) < n {
		b := buf[:16+r.IntN(49)]
		for i := range b {
			b[i] = byte(' ' + r.IntN(95))
		}
		if k := string(b); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

const hm1M = 1 << 20

var hmMillion = sync.OnceValue(func() []string { return hmRandomKeys(hm1M, 7) })

// hmMillionLook is hmMillion copied to other memory, for lookups.
var hmMillionLook = sync.OnceValue(func() []string {
	ks := hmMillion()
	look := make([]string, len(ks))
	for i, k := range ks {
		look[i] = string([]byte(k))
	}
	return look
})

// hmLoop calls get(i) for i cycling over [0, n).
func hmLoop(b *testing.B, n int, get func(i int) int) {
	i := 0
	for b.Loop() {
		sinkHM += get(i)
		if i++; i == n {
			i = 0
		}
	}
}

func hmOurs(keys []string) *hashmap.Map[int] {
	m := hashmap.New[int](len(keys))
	for i, k := range keys {
		m.Set(k, i)
	}
	return m
}

func hmBuiltin(keys []string) map[string]int {
	m := make(map[string]int, len(keys))
	for i, k := range keys {
		m[k] = i
	}
	return m
}

// hmWriter Sets existing keys of set 1000 times a second until stop is
// closed, then signals done.
func hmWriter(keys []string, set func(k string, v int)) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-quit:
				return
			case <-t.C:
				set(keys[i%len(keys)], i)
			}
		}
	}()
	return func() { close(quit); <-done }
}

// hmParallel runs get over the keys from every goroutine of b.RunParallel,
// beside one writer.
func hmParallel(b *testing.B, f hmFixture, set func(string, int), get func(string) int) {
	keys := f.look
	stop := hmWriter(f.keys, set)
	defer stop()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i, s := rand.IntN(len(keys)), 0
		for pb.Next() {
			s += get(keys[i])
			if i++; i == len(keys) {
				i = 0
			}
		}
		sinkHMAtomic(s)
	})
}

var sinkMu sync.Mutex

func sinkHMAtomic(s int) { sinkMu.Lock(); sinkHM += s; sinkMu.Unlock() }

// hmHeap returns the live heap after a full collection.
func hmHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// hmMemory builds a 1M-entry map per iteration with build and reports the
// heap it keeps alive per entry (keys excluded: they exist before).
func hmMemory(b *testing.B, build func(keys []string) any) {
	keys := hmMillion()
	var perEntry float64
	for b.Loop() {
		b.StopTimer()
		before := hmHeap()
		b.StartTimer()
		m := build(keys)
		b.StopTimer()
		after := hmHeap()
		runtime.KeepAlive(m)
		perEntry = float64(after-before) / float64(len(keys))
		b.StartTimer()
	}
	b.ReportMetric(perEntry, "B/entry")
}

func init() {
	Register(
		Case{
			Group: "hashmap", Name: "Get/hit/github203", Goal: 0.5, ZeroAllocs: true, Quick: true,
			Ours: Bench{"hashmap.Map", func(b *testing.B) {
				f := hmFix(b)
				m := hmOurs(f.keys)
				hmLoop(b, len(f.look), func(i int) int { v, _ := m.Get(f.look[i]); return v })
			}},
			Peers: []Bench{{"map[string]int", func(b *testing.B) {
				f := hmFix(b)
				m := hmBuiltin(f.keys)
				hmLoop(b, len(f.look), func(i int) int { return m[f.look[i]] })
			}}},
		},
		Case{
			Group: "hashmap", Name: "Get/miss/github203", Goal: 0.5, ZeroAllocs: true, Quick: true,
			Ours: Bench{"hashmap.Map", func(b *testing.B) {
				f := hmFix(b)
				m := hmOurs(f.keys)
				hmLoop(b, len(f.miss), func(i int) int { v, _ := m.Get(f.miss[i]); return v })
			}},
			Peers: []Bench{{"map[string]int", func(b *testing.B) {
				f := hmFix(b)
				m := hmBuiltin(f.keys)
				hmLoop(b, len(f.miss), func(i int) int { return m[f.miss[i]] })
			}}},
		},
		Case{
			Group: "hashmap", Name: "GetBytes/hit/github203", Goal: 0.5, ZeroAllocs: true,
			Ours: Bench{"hashmap.Map", func(b *testing.B) {
				f := hmFix(b)
				m := hmOurs(f.keys)
				hmLoop(b, len(f.bkeys), func(i int) int { v, _ := m.GetBytes(f.bkeys[i]); return v })
			}},
			Peers: []Bench{{"map[string(b)]", func(b *testing.B) {
				f := hmFix(b)
				m := hmBuiltin(f.keys)
				hmLoop(b, len(f.bkeys), func(i int) int { return m[string(f.bkeys[i])] })
			}}},
		},
		Case{
			Group: "hashmap", Name: "Get/hit/1M", Goal: 0.7, ZeroAllocs: true,
			Ours: Bench{"hashmap.Map", func(b *testing.B) {
				keys := hmMillion()
				m := hmOurs(keys)
				look, order := hmMillionLook(), hmOrder(len(keys))
				hmLoop(b, len(keys), func(i int) int { v, _ := m.Get(look[order[i]]); return v })
			}},
			Peers: []Bench{{"map[string]int", func(b *testing.B) {
				keys := hmMillion()
				m := hmBuiltin(keys)
				look, order := hmMillionLook(), hmOrder(len(keys))
				hmLoop(b, len(keys), func(i int) int { return m[look[order[i]]] })
			}}},
		},
		Case{
			Group: "hashmap", Name: "Get/hit/parallel+writer", Goal: 0.25, ZeroAllocs: true,
			Ours: Bench{"hashmap.Map", func(b *testing.B) {
				f := hmFix(b)
				m := hmOurs(f.keys)
				hmParallel(b, f, m.Set, func(k string) int { v, _ := m.Get(k); return v })
			}},
			Peers: []Bench{
				{"map+RWMutex", func(b *testing.B) {
					f := hmFix(b)
					m := hmBuiltin(f.keys)
					var mu sync.RWMutex
					hmParallel(b, f,
						func(k string, v int) { mu.Lock(); m[k] = v; mu.Unlock() },
						func(k string) int { mu.RLock(); v := m[k]; mu.RUnlock(); return v })
				}},
				{"sync.Map", func(b *testing.B) {
					f := hmFix(b)
					var m sync.Map
					for i, k := range f.keys {
						m.Store(k, i)
					}
					hmParallel(b, f, func(k string, v int) { m.Store(k, v) },
						func(k string) int { v, _ := m.Load(k); return v.(int) })
				}},
				{"xsync.Map", func(b *testing.B) {
					f := hmFix(b)
					m := xsync.NewMap[string, int]()
					for i, k := range f.keys {
						m.Store(k, i)
					}
					hmParallel(b, f, m.Store, func(k string) int { v, _ := m.Load(k); return v })
				}},
			},
		},
		Case{
			Group: "hashmap", Name: "Set/1M-from-empty", Goal: 2.0,
			Ours: Bench{"hashmap.Map", func(b *testing.B) {
				keys := hmMillion()
				for b.Loop() {
					m := hashmap.New[int](0)
					for i, k := range keys {
						m.Set(k, i)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(keys)), "ns/key")
			}},
			Peers: []Bench{{"map[string]int", func(b *testing.B) {
				keys := hmMillion()
				for b.Loop() {
					m := map[string]int{}
					for i, k := range keys {
						m[k] = i
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(keys)), "ns/key")
			}}},
		},
		Case{
			// The goal is on B/entry (heap kept per entry, keys excluded),
			// not on time.
			Group: "hashmap", Name: "Memory/1M", Goal: 1.5, Metric: "B/entry",
			Ours: Bench{"hashmap.Map", func(b *testing.B) {
				hmMemory(b, func(keys []string) any {
					m := hashmap.New[int](0)
					for i, k := range keys {
						m.Set(k, i)
					}
					return m
				})
			}},
			Peers: []Bench{{"map[string]int", func(b *testing.B) {
				hmMemory(b, func(keys []string) any {
					m := map[string]int{}
					for i, k := range keys {
						m[k] = i
					}
					return m
				})
			}}},
		},
	)
}

// hmOrder is a fixed random permutation of [0, n), so 1M-key lookups miss
// the caches as real ones would.
func hmOrder(n int) []int32 {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	r := rand.New(rand.NewPCG(9, 9))
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}
