package suite

import (
	"testing"

	"github.com/hotpath-go/hotpath/hashmap"
)

// TestHashmapFixtures is the hashmap group's correctness gate: the maps the
// benchmarks build answer every lookup the benchmarks make the same way as
// the builtin map, so that the rows compare equal work.
func TestHashmapFixtures(t *testing.T) {
	f, err := hmRoutes()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.keys) != 203 {
		t.Fatalf("%d route keys, want the github set's 203", len(f.keys))
	}
	ours, peer := hmOurs(f.keys), hmBuiltin(f.keys)
	if ours.Len() != len(peer) || len(peer) != 203 {
		t.Fatalf("Len %d, builtin %d: route keys are not distinct", ours.Len(), len(peer))
	}
	for i := range f.keys {
		want := peer[f.look[i]]
		if v, ok := ours.Get(f.look[i]); !ok || v != want {
			t.Fatalf("Get(%q) = %d, %v; want %d", f.look[i], v, ok, want)
		}
		if v, ok := ours.GetBytes(f.bkeys[i]); !ok || v != want {
			t.Fatalf("GetBytes(%q) = %d, %v; want %d", f.bkeys[i], v, ok, want)
		}
		if _, ok := peer[f.miss[i]]; ok {
			t.Fatalf("miss key %q is a route", f.miss[i])
		}
		if _, ok := ours.Get(f.miss[i]); ok {
			t.Fatalf("Get(%q) found a missing key", f.miss[i])
		}
	}
	keys := hmRandomKeys(1000, 3)
	m := hashmap.New[int](0)
	for i, k := range keys {
		m.Set(k, i)
	}
	for i, k := range keys {
		if n := len(k); n < 16 || n > 64 {
			t.Fatalf("random key of %d bytes", n)
		}
		if v, ok := m.Get(k); !ok || v != i {
			t.Fatalf("Get(%q) = %d, %v", k, v, ok)
		}
	}
}
