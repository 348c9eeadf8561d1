// Package suite holds hotpath's side-by-side benchmarks: every case pairs
// one of ours with its peers, so that a single run measures both. The cases
// are plain functions of *testing.B, run two ways from the same code:
// `go test -bench` in this module (suite_test.go wraps each as a
// sub-benchmark) and the report command (cmd/report), which interleaves
// ours and the peers for several rounds and prints the ratios.
//
// Each group registers its cases from init in its own file (bytesx.go,
// zero.go, percpu.go, hashmap.go, wire.go, routing.go, requests.go,
// fasthttp.go).
// A group may also register a Gate, a correctness check the report runs
// before timing anything of that group (the routing suite's "every route
// answers 200 from its own handler"; the tests run the same checks), and a
// note the report prints under the group's heading.
//
// Registration happens during package initialization; afterwards Cases,
// Gates and Note may be called from any goroutine.
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
	// MaxAllocs, when positive, relaxes ZeroAllocs: ours meets the
	// allocation part of the goal with at most this many allocs/op (for
	// example the ones encoding/json makes by itself).
	MaxAllocs int64
	// Incomparable says ours and the peers do not measure the same thing
	// (fiber runs on fasthttp, not net/http): the report prints their
	// numbers side by side but no ratio.
	Incomparable bool
	// Metric, when set, is the b.ReportMetric unit the goal compares
	// (for example "B/entry") instead of ns/op.
	Metric string
	// Floor, when positive, is an absolute goal on ours: the median of its
	// Metric must be at least Floor (for example 3 with Metric "GB/s").
	// The ratio to the peers is then shown for orientation; Goal is
	// usually 0 on such a row.
	Floor float64
}

// Gate is a correctness check that must pass before any case of its group
// is timed (the routing suite's "every route answers 200 with the right
// handler").
type Gate struct {
	Group string
	Name  string
	Check func() error
}

var (
	mu    sync.Mutex
	cases []Case
	gates []Gate
	notes = map[string]string{}
)

// RegisterGate adds a correctness gate for a group.
func RegisterGate(g Gate) {
	mu.Lock()
	defer mu.Unlock()
	gates = append(gates, g)
}

// Gates returns every registered gate, in group order.
func Gates() []Gate {
	mu.Lock()
	defer mu.Unlock()
	out := slices.Clone(gates)
	slices.SortStableFunc(out, func(a, b Gate) int { return groupRank(a.Group) - groupRank(b.Group) })
	return out
}

// SetNote attaches a note to a group; the report prints it under the
// group's heading (what is measured, how, and what not to compare).
func SetNote(group, note string) {
	mu.Lock()
	defer mu.Unlock()
	notes[group] = note
}

// Note returns the note of a group, or "".
func Note(group string) string {
	mu.Lock()
	defer mu.Unlock()
	return notes[group]
}

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
var Groups = []string{"bytesx", "zero", "percpu", "hashmap", "wire", "routing", "requests", "fasthttp"}

func groupRank(g string) int {
	if i := slices.Index(Groups, g); i >= 0 {
		return i
	}
	return len(Groups)
}
