package suite

import (
	"flag"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestRoutingGate is the routing suite's correctness gate: every router
// answers every route of every set with status 200 from that route's own
// handler, with the right parameters (the report runs the same check
// before timing anything).
func TestRoutingGate(t *testing.T) {
	if err := routingGate(); err != nil {
		t.Fatal(err)
	}
}

// TestRouteSets checks the route files against the counts DESIGN.md gives.
func TestRouteSets(t *testing.T) {
	want := map[string]int{"static": 157, "github": 203, "gplus": 13, "parse": 26}
	for set, n := range want {
		rs, err := LoadRoutes(set)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != n {
			t.Errorf("%s: %d routes, want %d", set, len(rs), n)
		}
		seen := map[Route]bool{}
		for _, r := range rs {
			if seen[r] {
				t.Errorf("%s: duplicate %v", set, r)
			}
			seen[r] = true
		}
	}
}

func TestRoutersRegistered(t *testing.T) {
	var names []string
	for _, r := range orderedRouters() {
		names = append(names, r.name)
	}
	for _, n := range append([]string{oursRouter}, peerOrder...) {
		if !slices.Contains(names, n) {
			t.Errorf("router %s not registered (have %v)", n, names)
		}
	}
}

// TestGateCatchesWrongHandler makes sure the gate can fail: a router that
// answers every request with route 0's handler is rejected.
func TestGateCatchesWrongHandler(t *testing.T) {
	bad := routerImpl{"bad", func(routes []Route, mode handlerMode, h *hit) http.Handler {
		return http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			if h != nil {
				h.idx = 0
			}
		})
	}}
	rs, err := LoadRoutes("gplus")
	if err != nil {
		t.Fatal(err)
	}
	var errs []error
	if err := gateSet(bad, "gplus", rs, func(e error) { errs = append(errs, e) }); err != nil {
		t.Fatal(err)
	}
	if len(errs) == 0 {
		t.Fatal("gate accepted a router that answers everything with one handler")
	}
}

func TestPathHelpers(t *testing.T) {
	if got := bracePath("/a/:b/c/:d"); got != "/a/{b}/c/{d}" {
		t.Errorf("bracePath = %q", got)
	}
	if got := servemuxPattern(Route{"GET", "/"}); got != "GET /{$}" {
		t.Errorf("servemuxPattern(/) = %q", got)
	}
	if got := strings.Join(paramNames(param20Route), ""); got != "abcdefghijklmnopqrst" {
		t.Errorf("paramNames = %q", got)
	}
	p, want := concretePath("/x/:a/y/:b", 3)
	if p != "/x/v3-a/y/v3-b" || want["a"] != "v3-a" || want["b"] != "v3-b" {
		t.Errorf("concretePath = %q %v", p, want)
	}
}

// TestRoutingBenchesRun runs each routing case once per router, so a broken
// benchmark body fails the tests rather than the report.
func TestRoutingBenchesRun(t *testing.T) {
	defer setBenchtime(t, "1x")()
	for _, rc := range routingCases {
		for _, r := range orderedRouters() {
			res := testing.Benchmark(rc.bench(r))
			if res.N == 0 {
				t.Errorf("%s/%s: benchmark did not run", rc.name, r.name)
			}
		}
	}
}

// setBenchtime sets -test.benchtime for testing.Benchmark calls made by a
// test and returns the function that restores it.
func setBenchtime(t *testing.T, d string) func() {
	f := flag.Lookup("test.benchtime")
	if f == nil {
		t.Fatal("no test.benchtime flag")
	}
	old := f.Value.String()
	if err := f.Value.Set(d); err != nil {
		t.Fatal(err)
	}
	return func() { f.Value.Set(old) }
}

// TestRequestsGate checks the requests group's apps (see requestsGate).
func TestRequestsGate(t *testing.T) {
	if err := requestsGate(); err != nil {
		t.Fatal(err)
	}
}

func TestRequestsBenchesRun(t *testing.T) {
	defer setBenchtime(t, "1x")()
	for _, f := range orderedFrameworks() {
		for _, par := range []bool{false, true} {
			if res := testing.Benchmark(benchRequests(f, requestsParamPath, par)); res.N == 0 {
				t.Errorf("%s (parallel %v): benchmark did not run", f.name, par)
			}
		}
	}
}

func TestFiberGate(t *testing.T) {
	if err := fiberGate(); err != nil {
		t.Fatal(err)
	}
}

func TestFiberBenchesRun(t *testing.T) {
	defer setBenchtime(t, "1x")()
	for _, rc := range routingCases {
		if res := testing.Benchmark(rc.fiberBench); res.N == 0 {
			t.Errorf("fiber %s: benchmark did not run", rc.name)
		}
	}
}
