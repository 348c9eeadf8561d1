package hashmap

import (
	"fmt"
	"hash/maphash"
	"testing"
)

// BenchmarkKernels compares the lookup paths on one table: lookupGeneric
// (SWAR in Go) and every probe (lookup, the amd64 kernel: all of a lookup
// in one assembly call). Keys are ~40 bytes, so the amd64 kernel takes all
// of them. The bench module compares Map with the builtin map.
func BenchmarkKernels(b *testing.B) {
	for _, n := range []int{200, 1 << 16} {
		keys := make([]string, n)
		miss := make([]string, n)
		// A fixed seed, so that instruction counts (callgrind) of two runs
		// compare the same probe sequences.
		m := new(Map[int])
		m.c.tab.Store(newTable(1, hashSeed{k: [8]uint64{1, 3, 5, 7, 9, 11, 13, 15}, long: maphash.MakeSeed()}, ^uint64(0)))
		for i := range keys {
			keys[i] = fmt.Sprintf("/repos/%d/:owner/:repo/issues/%d", i%41, i)
			miss[i] = keys[i] + "/x"
			m.Set(keys[i], i)
		}
		t := m.c.tab.Load()
		impls := append([]probe{{name: "swar", f: lookupGeneric}}, probes...)
		for _, im := range impls {
			find := im.f
			b.Run(fmt.Sprintf("hit/%d/%s", n, im.name), func(b *testing.B) {
				i := 0
				for b.Loop() {
					if find(t, keys[i]) == nil {
						b.Fatal("miss")
					}
					i++
					if i == len(keys) {
						i = 0
					}
				}
			})
			b.Run(fmt.Sprintf("miss/%d/%s", n, im.name), func(b *testing.B) {
				i := 0
				for b.Loop() {
					if find(t, miss[i]) != nil {
						b.Fatal("hit")
					}
					i++
					if i == len(keys) {
						i = 0
					}
				}
			})
		}
	}
}
