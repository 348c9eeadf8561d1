package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/bench/armcost"
	"github.com/hotpath-go/hotpath/bench/suite"
)

var sinkTest []byte

func spin(n int) func(*testing.B) {
	return func(b *testing.B) {
		for b.Loop() {
			x := 0
			for i := range n {
				x += i * i
			}
			if x == -1 {
				b.Fatal("impossible")
			}
		}
	}
}

// tinyCases are fake cases with known outcomes: a fast ours (goal met), a
// slow ours (goal missed), an ours that allocates under ZeroAllocs (missed),
// and an incomparable pair (no verdict).
func tinyCases() []suite.Case {
	alloc := func(b *testing.B) {
		for b.Loop() {
			sinkTest = make([]byte, 64)
		}
	}
	return []suite.Case{
		{Group: "t", Name: "fast", Ours: suite.Bench{Name: "ours", F: spin(1)}, Peers: []suite.Bench{{Name: "slow", F: spin(5000)}, {Name: "other", F: spin(10)}}, Goal: 0.5, ZeroAllocs: true},
		{Group: "t", Name: "slow", Ours: suite.Bench{Name: "ours", F: spin(5000)}, Peers: []suite.Bench{{Name: "fast", F: spin(1)}}, Goal: 0.5},
		{Group: "t", Name: "allocs", Ours: suite.Bench{Name: "ours", F: alloc}, Peers: []suite.Bench{{Name: "peer", F: spin(1)}}, ZeroAllocs: true},
		{Group: "t", Name: "nc", Ours: suite.Bench{Name: "ours", F: spin(1)}, Peers: []suite.Bench{{Name: "peer", F: spin(1)}}, Incomparable: true},
	}
}

// TestRunCasesEndToEnd runs the report's core on the tiny cases and checks
// the tables and verdicts.
func TestRunCasesEndToEnd(t *testing.T) {
	rs, err := RunCases(tinyCases(), Options{Rounds: 3, Benchtime: "2000x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 {
		t.Fatalf("%d results", len(rs))
	}
	for _, r := range rs {
		if r.Rounds != 3 {
			t.Errorf("%s: %d rounds, want 3", r.Name, r.Rounds)
		}
		for _, im := range r.Impls {
			if len(im.Samples) != 3 || im.Err != "" {
				t.Errorf("%s/%s: %d samples, err %q", r.Name, im.Name, len(im.Samples), im.Err)
			}
		}
	}
	want := map[string][2]bool{"fast": {true, true}, "slow": {false, true}, "allocs": {false, true}, "nc": {false, false}}
	for _, r := range rs {
		met, ok := r.Verdict()
		if w := want[r.Name]; met != w[0] || ok != w[1] {
			t.Errorf("%s: verdict (%v, %v), want %v (ratio %.3f, allocs %d)", r.Name, met, ok, w, r.Ratio(1), r.stats(0).Allocs)
		}
	}
	if r := rs[0].Ratio(2); math.IsNaN(r) || r <= 0 {
		t.Errorf("ratio vs second peer = %v", r)
	}
	var b strings.Builder
	WriteGroup(&b, "t", "a note", rs)
	met, missed := WriteSummary(&b, rs)
	out := b.String()
	if met != 1 || missed != 2 {
		t.Errorf("summary: %d met, %d missed; want 1, 2", met, missed)
	}
	for _, s := range []string{"### t", "a note", "| fast | **ours** |", "| | slow |", "✓", "✗", "n/c", "≤ 0.50 × slow", "### Goals"} {
		if !strings.Contains(strings.ReplaceAll(out, "|  |", "| |"), s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
}

func TestBudgetCutsRounds(t *testing.T) {
	cs := tinyCases()[:1]
	rs, err := RunCases(cs, Options{Rounds: 50, Benchtime: "200x", Budget: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Rounds != minRounds {
		t.Errorf("rounds = %d under an exhausted budget, want the floor %d", rs[0].Rounds, minRounds)
	}
	// A request for fewer rounds than the floor is honoured.
	rs, err = RunCases(cs, Options{Rounds: 3, Benchtime: "200x", Budget: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Rounds != 3 {
		t.Errorf("rounds = %d with -rounds 3, want 3", rs[0].Rounds)
	}
}

func TestMedian(t *testing.T) {
	if m := median([]float64{1, 2, 10}); m != 2 {
		t.Errorf("median odd = %v", m)
	}
	if m := median([]float64{1, 2, 4, 10}); m != 3 {
		t.Errorf("median even = %v", m)
	}
}

func TestSelect(t *testing.T) {
	all := append(tinyCases(), suite.Case{Group: "u", Name: "q", Quick: true})
	s, err := selectCases(config{run: "^t/(fast|slow)$"}, all)
	if err != nil || len(s.cases) != 2 || s.load {
		t.Errorf("run: %d cases, load %v, err %v", len(s.cases), s.load, err)
	}
	s, _ = selectCases(config{quick: true}, all)
	if len(s.cases) != 1 || !s.load {
		t.Errorf("quick: %d cases, load %v", len(s.cases), s.load)
	}
	s, _ = selectCases(config{skip: "load|^t/"}, all)
	if len(s.cases) != 1 || s.load {
		t.Errorf("skip: %d cases, load %v", len(s.cases), s.load)
	}
	if _, err := selectCases(config{run: "("}, all); err == nil {
		t.Error("bad regexp accepted")
	}
}

// TestRunReport runs the command's whole flow on one real routing case,
// with the gates, and checks the Markdown and the JSON file.
func TestRunReport(t *testing.T) {
	dir := t.TempDir()
	c, err := parseFlags([]string{"-run", "^routing/Param$", "-skip", "load", "-rounds", "2", "-benchtime", "100x",
		"-json", filepath.Join(dir, "r.json")})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := run(context.Background(), c, &b, io.Discard); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"- CPU:", "Kernels:", "GOMAXPROCS", "✓ routing", "### routing", "| Param | **hotpath** |", "| | gin |", "### Goals"} {
		if !strings.Contains(strings.ReplaceAll(out, "|  |", "| |"), s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, "r.json"))
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Machine Machine
		Cases   []CaseResult
	}
	if err := json.Unmarshal(raw, &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Cases) != 1 || len(js.Cases[0].Impls) < 7 || js.Machine.GOARCH == "" {
		t.Errorf("json: %d cases, machine %+v", len(js.Cases), js.Machine)
	}
}

func TestSVGWellFormed(t *testing.T) {
	panels, err := runSweep("20x", []int{1, 16, 64}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(panels) != len(sweepPairs) {
		t.Fatalf("%d panels", len(panels))
	}
	for _, p := range panels {
		for _, s := range p.Series {
			for _, y := range s.Y {
				if !(y > 0) {
					t.Errorf("%s/%s: bytes/ns %v", p.Title, s.Name, y)
				}
			}
		}
	}
	var b strings.Builder
	WriteSVG(&b, "t <&>", "sub", panels)
	d := xml.NewDecoder(strings.NewReader(b.String()))
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG not well-formed: %v\n%s", err, b.String())
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "polyline" {
			n++
		}
	}
	if n != 2*len(panels) {
		t.Errorf("%d polylines, want %d", n, 2*len(panels))
	}
}

func TestMachine(t *testing.T) {
	m := DetectMachine()
	var b strings.Builder
	m.Write(&b)
	if m.GOARCH == "" || m.Kernel == "" || !strings.Contains(b.String(), "Kernels: "+m.Kernel) {
		t.Errorf("machine: %+v\n%s", m, b.String())
	}
}

// TestMetricGoal checks a case whose goal is on a b.ReportMetric unit, and
// that other reported metrics are shown.
func TestMetricGoal(t *testing.T) {
	rep := func(v float64) func(*testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
			}
			b.ReportMetric(v, "B/entry")
			b.ReportMetric(2*v, "ns/key")
		}
	}
	cs := []suite.Case{{Group: "t", Name: "mem", Ours: suite.Bench{Name: "ours", F: rep(10)},
		Peers: []suite.Bench{{Name: "peer", F: rep(40)}}, Goal: 0.5, Metric: "B/entry"}}
	rs, err := RunCases(cs, Options{Rounds: 1, Benchtime: "10x"})
	if err != nil {
		t.Fatal(err)
	}
	if r := rs[0].Ratio(1); r != 0.25 {
		t.Errorf("ratio on B/entry = %v, want 0.25", r)
	}
	if met, ok := rs[0].Verdict(); !met || !ok {
		t.Errorf("verdict (%v, %v), want met", met, ok)
	}
	var b strings.Builder
	WriteGroup(&b, "t", "", rs)
	for _, s := range []string{"mem (goal on B/entry)", "10.0 B/entry", "20.0 ns/key", "other metrics"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("table lacks %q:\n%s", s, b.String())
		}
	}
}

// Without qemu-aarch64 and gcc the arm64 cost model's section says so in
// the report, under its own title, and there is no result for the JSON.
func TestArmcostSkipsLoudly(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	var w, progress strings.Builder
	if res := armcostSection(context.Background(), &w, &progress, true); res != nil {
		t.Fatalf("a result without the tools: %+v", res)
	}
	for _, s := range []string{"### " + armcost.Title, "**SKIPPED: ", "qemu-aarch64"} {
		if !strings.Contains(w.String(), s) {
			t.Errorf("section lacks %q:\n%s", s, w.String())
		}
	}
	if !strings.Contains(progress.String(), "SKIPPED") {
		t.Errorf("nothing said on the progress stream: %q", progress.String())
	}
}

func TestSelectArmcost(t *testing.T) {
	for _, tc := range []struct {
		c    config
		want bool
	}{
		{config{}, true},
		{config{quick: true}, true},
		{config{run: "armcost"}, true},
		{config{run: "^routing/"}, false},
		{config{skip: "armcost"}, false},
	} {
		s, err := selectCases(tc.c, tinyCases())
		if err != nil || s.armcost != tc.want {
			t.Errorf("%+v: armcost %v, want %v (err %v)", tc.c, s.armcost, tc.want, err)
		}
	}
}

// TestFloorGoal checks a case whose goal is a floor on ours' metric (GB/s).
func TestFloorGoal(t *testing.T) {
	rep := func(v float64) func(*testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
			}
			b.ReportMetric(v, "GB/s")
		}
	}
	cs := []suite.Case{
		{Group: "t", Name: "fast", Ours: suite.Bench{Name: "ours", F: rep(4)}, Peers: []suite.Bench{{Name: "peer", F: rep(1)}}, Metric: "GB/s", Floor: 3},
		{Group: "t", Name: "slow", Ours: suite.Bench{Name: "ours", F: rep(2)}, Peers: []suite.Bench{{Name: "peer", F: rep(1)}}, Metric: "GB/s", Floor: 3},
	}
	rs, err := RunCases(cs, Options{Rounds: 1, Benchtime: "10x"})
	if err != nil {
		t.Fatal(err)
	}
	if met, ok := rs[0].Verdict(); !met || !ok {
		t.Errorf("4 GB/s against a floor of 3: (%v, %v)", met, ok)
	}
	if met, ok := rs[1].Verdict(); met || !ok {
		t.Errorf("2 GB/s against a floor of 3: (%v, %v)", met, ok)
	}
	if g := rs[0].goalText(); g != "≥ 3.00 GB/s" {
		t.Errorf("goal text %q", g)
	}
}
