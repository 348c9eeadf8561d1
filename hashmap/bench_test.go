package hashmap

import (
	"fmt"
	"hash/maphash"
	"testing"

	"github.com/hotpath-go/hotpath/asm"
)

// BenchmarkKernels compares the lookup paths on one table: find (SWAR in
// Go), lookupSSE2 (all of a lookup in one assembly call, amd64) and findSIMD
// (Go calling the group kernel of each family once per group). Keys are
// ~40 bytes, so lookupSSE2 takes all of them. The bench module compares Map
// with the builtin map.
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
		type impl struct {
			name string
			find func(string) *entryHdr
			use  asm.Family // kernel family findSIMD dispatches to
		}
		impls := []impl{{"swar", t.find, asm.Kernel()}}
		if haveLookupAsm && asm.Kernel() != asm.Generic {
			impls = append(impls, impl{"lookupSSE2", t.lookupAsm, asm.Kernel()})
		}
		for _, k := range asm.Kernels() {
			if k != asm.Generic {
				impls = append(impls, impl{"simd-" + k.String(), t.findSIMD, k})
			}
		}
		for _, im := range impls {
			k, find := im.name, im.find
			kernel = im.use
			b.Run(fmt.Sprintf("hit/%d/%s", n, k), func(b *testing.B) {
				i := 0
				for b.Loop() {
					if find(keys[i]) == nil {
						b.Fatal("miss")
					}
					i++
					if i == len(keys) {
						i = 0
					}
				}
			})
			b.Run(fmt.Sprintf("miss/%d/%s", n, k), func(b *testing.B) {
				i := 0
				for b.Loop() {
					if find(miss[i]) != nil {
						b.Fatal("hit")
					}
					i++
					if i == len(keys) {
						i = 0
					}
				}
			})
		}
		kernel = asm.Kernel()
	}
}
