// Package suite holds hotpath's side-by-side benchmarks: every case pairs
// one of ours with its peers, so that a single run measures both. The cases
// are plain functions of *testing.B, run two ways from the same code:
// `go test -bench` in this module (suite_test.go wraps each as a
// sub-benchmark) and the report command (cmd/report), which interleaves
// ours and the peers for several rounds and prints the ratios.
package suite

import (
	"slices"
	"sync"
	"testing"
)

// Bench is one measured function and the name it is reported under.
type Bench struct {
	Name string
	F    func(b *testing.B)
}

// Case is one row of a goal table: ours, the peers it is compared with (the
// first is the one the goal names), and the goal as a ceiling on ours/peer
// time (0 when the row has no goal, only a comparison).
type Case struct {
	Group string // "bytesx", "zero", "percpu", "hashmap", "routing", ...
	Name  string // the row, e.g. "Equal/64"
	Ours  Bench
	Peers []Bench
	Goal  float64
	// ZeroAllocs says the goal also requires 0 allocs/op for ours.
	ZeroAllocs bool
	// Quick marks the cases the -quick report runs.
	Quick bool
}

var (
	mu    sync.Mutex
	cases []Case
)

// Register adds cases; each group's file calls it from init.
func Register(cs ...Case) {
	mu.Lock()
	defer mu.Unlock()
	cases = append(cases, cs...)
}

// Cases returns every registered case, sorted by group then registration
// order.
func Cases() []Case {
	mu.Lock()
	defer mu.Unlock()
	out := slices.Clone(cases)
	slices.SortStableFunc(out, func(a, b Case) int { return groupRank(a.Group) - groupRank(b.Group) })
	return out
}

// Groups is the report's order of groups.
var Groups = []string{"bytesx", "zero", "percpu", "hashmap", "routing", "requests", "fasthttp"}

func groupRank(g string) int {
	if i := slices.Index(Groups, g); i >= 0 {
		return i
	}
	return len(Groups)
}
