package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/bench/suite"
)

// Sample is one testing.Benchmark run of one implementation.
type Sample struct {
	NsPerOp     float64            `json:"ns_per_op"`
	BytesPerOp  int64              `json:"bytes_per_op"`
	AllocsPerOp int64              `json:"allocs_per_op"`
	Extra       map[string]float64 `json:"extra,omitempty"` // b.ReportMetric values
	N           int                `json:"n"`
}

// ImplResult is every round of one implementation of a case.
type ImplResult struct {
	Name    string   `json:"name"`
	Samples []Sample `json:"samples"`
	Err     string   `json:"error,omitempty"`
}

// CaseResult is one row of a goal table, measured.
type CaseResult struct {
	Group        string       `json:"group"`
	Name         string       `json:"name"`
	Goal         float64      `json:"goal,omitempty"`
	ZeroAllocs   bool         `json:"zero_allocs,omitempty"`
	MaxAllocs    int64        `json:"max_allocs,omitempty"`
	Incomparable bool         `json:"incomparable,omitempty"`
	Metric       string       `json:"metric,omitempty"` // "" = ns/op
	Floor        float64      `json:"floor,omitempty"`  // ours' Metric must reach it
	Rounds       int          `json:"rounds"`
	Impls        []ImplResult `json:"impls"` // [0] is ours, [1] the goal's peer
}

// Options control how cases are timed.
type Options struct {
	Rounds    int           // rounds per case (each round runs every implementation once)
	Benchtime string        // -test.benchtime of each run, e.g. "100ms"
	Budget    time.Duration // total time for all cases, 0 for none: rounds shrink to fit
	Progress  io.Writer     // one line per case, or nil
}

// setBenchtime sets the testing package's -test.benchtime, which
// testing.Benchmark reads.
func setBenchtime(d string) error {
	testing.Init()
	return flag.Set("test.benchtime", d)
}

// measure runs one benchmark function once with testing.Benchmark.
func measure(f func(*testing.B)) (Sample, error) {
	r := testing.Benchmark(f)
	if r.N == 0 {
		return Sample{}, fmt.Errorf("benchmark failed or was skipped")
	}
	s := Sample{
		NsPerOp:     float64(r.T.Nanoseconds()) / float64(r.N),
		BytesPerOp:  r.AllocedBytesPerOp(),
		AllocsPerOp: r.AllocsPerOp(),
		N:           r.N,
	}
	if len(r.Extra) > 0 {
		s.Extra = map[string]float64{}
		for k, v := range r.Extra {
			s.Extra[k] = v
		}
	}
	return s, nil
}

// RunCases times the cases: for each case, rounds of ours then every peer
// (A B C, A B C, ...), so that drift in the machine's speed hits every
// implementation alike. With a Budget, each case gets an equal share of
// what is left, and its rounds are cut to fit, but never below minRounds
// (or o.Rounds, if that is smaller): a median needs at least five samples
// to shrug off one disturbed run.
// minRounds is the fewest rounds a budget may leave a case (DESIGN.md: the
// median of at least 5 runs).
const minRounds = 5

func RunCases(cases []suite.Case, o Options) ([]CaseResult, error) {
	if o.Rounds < 1 {
		o.Rounds = 1
	}
	if err := setBenchtime(o.Benchtime); err != nil {
		return nil, fmt.Errorf("benchtime %q: %v", o.Benchtime, err)
	}
	start := time.Now()
	var out []CaseResult
	for i, c := range cases {
		benches := append([]suite.Bench{c.Ours}, c.Peers...)
		cr := CaseResult{
			Group: c.Group, Name: c.Name, Goal: c.Goal, ZeroAllocs: c.ZeroAllocs, MaxAllocs: c.MaxAllocs,
			Incomparable: c.Incomparable, Metric: c.Metric, Floor: c.Floor,
		}
		cr.Impls = make([]ImplResult, len(benches))
		for j, b := range benches {
			cr.Impls[j].Name = b.Name
		}
		rounds := o.Rounds
		t0 := time.Now()
		for r := 0; r < rounds; r++ {
			for j, b := range benches {
				if cr.Impls[j].Err != "" {
					continue
				}
				// The first round finds, within the benchtime, how many
				// iterations a run takes; later rounds run exactly that
				// many, which skips testing.Benchmark's ramp-up and keeps
				// the rounds alike.
				bt := o.Benchtime
				if r > 0 && len(cr.Impls[j].Samples) > 0 {
					bt = fmt.Sprintf("%dx", cr.Impls[j].Samples[0].N)
				}
				if err := setBenchtime(bt); err != nil {
					return nil, fmt.Errorf("benchtime %q: %v", bt, err)
				}
				s, err := measure(b.F)
				if err != nil {
					cr.Impls[j].Err = err.Error()
					continue
				}
				cr.Impls[j].Samples = append(cr.Impls[j].Samples, s)
			}
			cr.Rounds = r + 1
			if r == 0 && o.Budget > 0 {
				// Fit the remaining rounds into this case's equal share of
				// what is left of the budget.
				share := (o.Budget - time.Since(start)) / time.Duration(len(cases)-i)
				fit := int(share / max(time.Since(t0), time.Millisecond))
				rounds = max(min(minRounds, o.Rounds), min(fit, o.Rounds))
			}
		}
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "%-10s %-40s %d rounds, %v\n", c.Group, c.Name, cr.Rounds, time.Since(t0).Round(time.Millisecond))
		}
		out = append(out, cr)
	}
	return out, nil
}

// value is the compared quantity of a sample: ns/op or the case's metric.
func (c CaseResult) value(s Sample) (float64, bool) {
	if c.Metric == "" {
		return s.NsPerOp, true
	}
	v, ok := s.Extra[c.Metric]
	return v, ok
}

// Stats are the median, min and max of an implementation's values.
type Stats struct {
	Median, Min, Max float64
	Bytes, Allocs    int64 // medians
	OK               bool
}

func (c CaseResult) stats(i int) Stats {
	im := c.Impls[i]
	var vs []float64
	var bs, as []int64
	for _, s := range im.Samples {
		if v, ok := c.value(s); ok {
			vs = append(vs, v)
		}
		bs = append(bs, s.BytesPerOp)
		as = append(as, s.AllocsPerOp)
	}
	if len(vs) == 0 {
		return Stats{}
	}
	slices.Sort(vs)
	slices.Sort(bs)
	slices.Sort(as)
	return Stats{Median: median(vs), Min: vs[0], Max: vs[len(vs)-1], Bytes: bs[len(bs)/2], Allocs: as[len(as)/2], OK: true}
}

func median(v []float64) float64 {
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// Ratio is ours/impl i on the compared quantity (NaN if unknown).
func (c CaseResult) Ratio(i int) float64 {
	a, b := c.stats(0), c.stats(i)
	if !a.OK || !b.OK || b.Median == 0 {
		return math.NaN()
	}
	return a.Median / b.Median
}

// Verdict says whether the case's goal is met. It has no verdict (ok false)
// when the case has no goal or could not be measured.
func (c CaseResult) Verdict() (met, ok bool) {
	if c.Incomparable || (c.Goal == 0 && !c.ZeroAllocs && c.Floor == 0) || len(c.Impls) < 2 {
		return false, false
	}
	ours := c.stats(0)
	if !ours.OK {
		return false, true
	}
	met = true
	if c.Goal > 0 {
		r := c.Ratio(1)
		if math.IsNaN(r) || r > c.Goal {
			met = false
		}
	}
	if c.Floor > 0 && ours.Median < c.Floor {
		met = false
	}
	if c.ZeroAllocs && ours.Allocs > c.MaxAllocs {
		met = false
	}
	return met, true
}

// goalText describes the goal, e.g. "≤ 0.40 × gin, 0 allocs".
func (c CaseResult) goalText() string {
	var parts []string
	if c.Goal > 0 && len(c.Impls) > 1 {
		unit := ""
		if c.Metric != "" {
			unit = " (" + c.Metric + ")"
		}
		parts = append(parts, fmt.Sprintf("≤ %.2f × %s%s", c.Goal, c.Impls[1].Name, unit))
	}
	if c.Floor > 0 {
		parts = append(parts, fmt.Sprintf("≥ %s %s", fmtNum(c.Floor), c.Metric))
	}
	if c.ZeroAllocs {
		if c.MaxAllocs == 0 {
			parts = append(parts, "0 allocs")
		} else {
			parts = append(parts, fmt.Sprintf("≤ %d allocs", c.MaxAllocs))
		}
	}
	return strings.Join(parts, ", ")
}

// fmtNum prints a value with a precision that suits its size.
func fmtNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case v < 10:
		return fmt.Sprintf("%.2f", v)
	case v < 100:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}

// fmtRatio prints a ratio with three decimals, so that one just above a
// goal never prints as the goal itself.
func fmtRatio(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.3f", v)
}

func mark(met, ok bool) string {
	switch {
	case !ok:
		return ""
	case met:
		return "✓"
	}
	return "✗"
}

// extras is the median of each b.ReportMetric value of implementation i
// other than the case's Metric, as "v unit" pairs.
func (c CaseResult) extras(i int) string {
	units := map[string][]float64{}
	for _, s := range c.Impls[i].Samples {
		for u, v := range s.Extra {
			if u != c.Metric {
				units[u] = append(units[u], v)
			}
		}
	}
	keys := slices.Sorted(maps.Keys(units))
	var parts []string
	for _, u := range keys {
		v := units[u]
		slices.Sort(v)
		parts = append(parts, fmtNum(median(v))+" "+u)
	}
	return strings.Join(parts, ", ")
}

// WriteGroup prints one group's table. Values are ns/op unless a case
// compares another metric, which its name and values then say.
func WriteGroup(w io.Writer, group, note string, rs []CaseResult) {
	fmt.Fprintf(w, "\n### %s\n\n", group)
	if note != "" {
		fmt.Fprintf(w, "%s\n\n", note)
	}
	hasExtra := false
	for _, c := range rs {
		for i := range c.Impls {
			hasExtra = hasExtra || c.extras(i) != ""
		}
	}
	extraHead, extraSep := "", ""
	if hasExtra {
		extraHead, extraSep = " other metrics |", "---|"
	}
	fmt.Fprintf(w, "| case | impl | ns/op (median) | spread (min–max), rounds | B/op | allocs/op |%s ours / this | goal | met |\n", extraHead)
	fmt.Fprintf(w, "|---|---|--:|---|--:|--:|%s--:|---|:-:|\n", extraSep)
	for _, c := range rs {
		unit := ""
		if c.Metric != "" {
			unit = " " + c.Metric
		}
		for i, im := range c.Impls {
			name := ""
			if i == 0 {
				name = c.Name
				if c.Metric != "" {
					name += " (goal on " + c.Metric + ")"
				}
			}
			impl := im.Name
			if i == 0 {
				impl = "**" + impl + "**"
			}
			st := c.stats(i)
			ratio, goal, m := "", "", ""
			if i == 0 {
				goal = c.goalText()
				m = mark(c.Verdict())
			} else if !c.Incomparable {
				ratio = fmtRatio(c.Ratio(i))
				if i == 1 && c.Goal > 0 {
					ratio = "**" + ratio + "**"
				}
			} else {
				ratio = "n/c"
			}
			extra := ""
			if hasExtra {
				extra = " " + c.extras(i) + " |"
			}
			if im.Err != "" || !st.OK {
				msg := im.Err
				if msg == "" {
					msg = "no " + c.Metric + " reported"
				}
				fmt.Fprintf(w, "| %s | %s | error: %s | | | |%s | %s | %s |\n", name, impl, msg, extra, goal, m)
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %s%s | %s–%s, %d | %d | %d |%s %s | %s | %s |\n",
				name, impl, fmtNum(st.Median), unit, fmtNum(st.Min), fmtNum(st.Max), len(im.Samples),
				st.Bytes, st.Allocs, extra, ratio, goal, m)
		}
	}
}

// WriteSummary prints the goal rows of every group in one table.
func WriteSummary(w io.Writer, rs []CaseResult) (met, missed int) {
	fmt.Fprintf(w, "\n### Goals\n\n")
	fmt.Fprintf(w, "| group | case | ours | peer | ours / peer | goal | allocs (ours) | met |\n")
	fmt.Fprintf(w, "|---|---|--:|--:|--:|---|--:|:-:|\n")
	for _, c := range rs {
		ok, has := c.Verdict()
		if !has {
			continue
		}
		if ok {
			met++
		} else {
			missed++
		}
		a, b := c.stats(0), c.stats(1)
		unit := "ns"
		if c.Metric != "" {
			unit = c.Metric
		}
		fmt.Fprintf(w, "| %s | %s | %s %s | %s %s (%s) | %s | %s | %d | %s |\n", c.Group, c.Name,
			fmtNum(a.Median), unit, fmtNum(b.Median), unit, c.Impls[1].Name, fmtRatio(c.Ratio(1)), c.goalText(), a.Allocs, mark(ok, true))
	}
	fmt.Fprintf(w, "\n%d goals met, %d missed.\n", met, missed)
	return met, missed
}
