package suite

import (
	"strings"
	"testing"
)

// BenchmarkSuite runs every case as Group/Name/Impl, ours first, so that
// `go test -bench Suite/bytesx/Equal/64 -count 10` gives both rows of one
// comparison in the same run, ready for benchstat.
func BenchmarkSuite(b *testing.B) {
	for _, c := range Cases() {
		b.Run(c.Group+"/"+c.Name, func(b *testing.B) {
			b.Run(benchName(c.Ours.Name), c.Ours.F)
			for _, p := range c.Peers {
				b.Run(benchName(p.Name), p.F)
			}
		})
	}
}

// benchName keeps sub-benchmark names free of the separators go test uses.
func benchName(s string) string { return strings.NewReplacer("/", "_", " ", "_").Replace(s) }

func TestCasesWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Cases() {
		key := c.Group + "/" + c.Name
		if seen[key] {
			t.Errorf("duplicate case %s", key)
		}
		seen[key] = true
		if c.Ours.F == nil || len(c.Peers) == 0 {
			t.Errorf("case %s lacks ours or a peer", key)
		}
		if groupRank(c.Group) == len(Groups) {
			t.Errorf("case %s: unknown group", key)
		}
		if c.Goal < 0 || c.MaxAllocs < 0 || (c.Incomparable && (c.Goal != 0 || c.ZeroAllocs)) {
			t.Errorf("case %s: goal %v, max allocs %d, incomparable %v", key, c.Goal, c.MaxAllocs, c.Incomparable)
		}
		impls := map[string]bool{c.Ours.Name: true}
		for _, p := range c.Peers {
			if p.F == nil || impls[p.Name] {
				t.Errorf("case %s: peer %q missing or named twice", key, p.Name)
			}
			impls[p.Name] = true
		}
	}
	for _, g := range Gates() {
		if groupRank(g.Group) == len(Groups) || g.Check == nil {
			t.Errorf("gate %q: unknown group %q or no check", g.Name, g.Group)
		}
	}
	if len(seen) == 0 {
		t.Fatal("no cases registered")
	}
}
