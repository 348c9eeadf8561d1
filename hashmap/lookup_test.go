package hashmap

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// valueOf converts a lookup's result to Get's.
func valueOf[V any](e *entryHdr) (V, bool) {
	if e == nil {
		var zero V
		return zero, false
	}
	return (*entry[V])(unsafe.Pointer(e)).val, true
}

// get is Get as the family under test runs it: lookupGeneric, the
// reference, for the generic family; Get itself otherwise.
func get[V any](m *Map[V], key string) (V, bool) {
	if kernel == asm.Generic {
		return valueOf[V](lookupGeneric(m.c.tab.Load(), key))
	}
	return m.Get(key)
}

// getBytes is get for GetBytes. The generic family's key shares key's
// bytes, as GetBytes' does, so guard pages still fence it.
func getBytes[V any](m *Map[V], key []byte) (V, bool) {
	if kernel == asm.Generic {
		return valueOf[V](lookupGeneric(m.c.tab.Load(), unsafe.String(unsafe.SliceData(key), len(key))))
	}
	return m.GetBytes(key)
}

// A probe is a lookup that must find, for every key, the very entry
// lookupGeneric finds: lookup, Get's kernel entry (assembly on amd64, for
// keys of up to lookupMax bytes).
type probe struct {
	name     string
	f        func(*table, string) *entryHdr
	maxLen   int  // the longest key it takes
	raceSafe bool // may run beside a writer under -race
}

var probes = []probe{{
	name:   "lookup",
	f:      lookup,
	maxLen: lookupMax,
	// The amd64 kernel's loads are invisible to the race detector (see
	// lookupMax); elsewhere lookup is Go.
	raceSafe: !asm.Assembly || runtime.GOARCH != "amd64",
}}

// checkProbes checks every probe against lookupGeneric for key in t.
func checkProbes(t testing.TB, tab *table, key string) {
	t.Helper()
	want := lookupGeneric(tab, key)
	for _, p := range probes {
		if len(key) <= p.maxLen {
			if e := p.f(tab, key); e != want {
				t.Fatalf("%s(%.40q) = %p, lookupGeneric = %p", p.name, key, e, want)
			}
		}
	}
}

// TestLookupGuardPages stores keys whose bytes end exactly where a PROT_NONE
// page begins, and looks them up with keys that start exactly where one
// ends (and the other way round): a hash, probe or comparison that reads one
// byte outside either key faults. Every length up to past lookupMax, in
// every kernel family (the amd64 families run the assembly kernel), and
// through every probe.
func TestLookupGuardPages(t *testing.T) {
	ga, gb := testutil.NewGuard(t, 4096), testutil.NewGuard(t, 4096)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for n := 0; n <= 130; n++ {
			for _, pair := range [][2][]byte{{ga.End(n), gb.Start(n)}, {ga.Start(n), gb.End(n)}} {
				stored, look := pair[0], pair[1]
				for i := range stored {
					stored[i] = byte(i*7 + n)
				}
				copy(look, stored)
				m := New[int](0)
				// Neighbours of other lengths and contents share the table.
				for i := range 40 {
					m.Set(string(stored[:min(i, n)])+"x", i)
				}
				m.Set(unsafe.String(unsafe.SliceData(stored), n), 1000+n)
				if v, ok := getBytes(m, look); !ok || v != 1000+n {
					t.Fatalf("n=%d: GetBytes = %d, %v", n, v, ok)
				}
				ls := unsafe.String(unsafe.SliceData(look), n)
				if v, ok := get(m, ls); !ok || v != 1000+n {
					t.Fatalf("n=%d: Get = %d, %v", n, v, ok)
				}
				checkProbes(t, m.c.tab.Load(), ls)
				if n > 0 {
					look[n-1]++
					if _, ok := getBytes(m, look); ok {
						t.Fatalf("n=%d: found a key differing in its last byte", n)
					}
					checkProbes(t, m.c.tab.Load(), ls)
					look[n-1]--
					look[0]++
					if _, ok := getBytes(m, look); ok {
						t.Fatalf("n=%d: found a key differing in its first byte", n)
					}
					checkProbes(t, m.c.tab.Load(), ls)
					look[0]--
				}
			}
		}
	})
}
