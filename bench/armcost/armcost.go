// Package armcost measures what hotpath's arm64 kernels cost without ARM
// hardware, beside the standard library's arm64 code: guest instructions
// per call, counted by a QEMU TCG plugin, and estimated cycles per call from
// llvm-mca's Neoverse N1 and V1 models. The command bench/cmd/armcost
// prints it; bench/cmd/report prints it as a section of its own.
//
// How a number is made:
//
//   - The harness (package harness, built here with GOARCH=arm64, and again
//     with -tags purego for the generic sides) runs each case's loop between
//     two marker functions, whose addresses come from `go tool nm`. It runs
//     under Debian's dynamic qemu-aarch64 (qemu-user; the -static build
//     cannot load plugins) with -cpu neoverse-n1: QEMU's default CPU reports
//     a 512-byte DC ZVA block where real cores have 64, which makes the
//     runtime's memclr look eight times cheaper.
//   - The plugin (plugin/count.c, embedded and compiled here with gcc
//     -shared -fPIC) counts the instructions the marker's thread executes in
//     each window, leaving out NOPs: they do no work, and Go's compiler puts
//     one where an inlined call leaves no instruction of its own (an inline
//     mark), so counting them would charge a function for being inlined.
//     With n1 and n2 iterations, one call costs
//     (W(n2) − W(n1)) / (n2 − n1) minus the same for an empty loop (W is the
//     minimum over repetitions; with GC off, asynchronous preemption off and
//     the goroutine locked to its thread, the repetitions agree exactly).
//   - Two more windows of t and t+1 iterations record the executed blocks;
//     their difference is one iteration, whose instructions (from
//     llvm-objdump, calls rewritten as plain branches, writeback accesses
//     split into the access and an add) go to llvm-mca.
//
// Limits, printed with every table: counts are not time (a 64-byte load and
// a scalar add each count 1); llvm-mca assumes every load hits L1 and every
// branch is predicted; differences under about 15% are noise for the model.
package armcost

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hotpath-go/hotpath/bench/armcost/cases"
)

//go:embed plugin/count.c
var pluginSource []byte

// harnessPkg is the arm64 program that runs the cases.
const harnessPkg = "github.com/hotpath-go/hotpath/bench/armcost/harness"

// Marker symbols in the harness.
const (
	symStart = "main.markerStart"
	symTrace = "main.markerTrace"
	symStop  = "main.markerStop"
)

// DefaultModels are the llvm-mca CPU models whose estimates are printed.
var DefaultModels = []string{"neoverse-n1", "neoverse-v1"}

// Options says what to measure and how.
type Options struct {
	// Run selects the cases whose name matches this regular expression
	// (all when empty).
	Run string
	// Quick measures each case's Quick sizes only.
	Quick bool
	// Check measures only the cases with Check set, at cases.CheckSizes.
	Check bool
	// Cycles adds llvm-mca estimates (needs llvm-mca and llvm-objdump 19 or
	// later; without them the cycles columns say why they are empty).
	Cycles bool
	// Models are llvm-mca CPU names (DefaultModels when empty).
	Models []string
	// Dir is a directory inside the bench module, where go build runs
	// (the current directory when empty).
	Dir string
	// Work keeps the intermediate files (plugin, harness binaries, plugin
	// output, llvm-mca input) in this directory instead of a removed
	// temporary one.
	Work string
	// N1, N2 and Reps are the counting windows' lengths and repetitions
	// (2, 10 and 3 when zero); Trace is the shorter traced window's length
	// (at least 2; 2 when zero).
	N1, N2, Reps, Trace int
	// Progress, when set, receives a line per step.
	Progress io.Writer
}

// Measure is one side of a row.
type Measure struct {
	// Name and Tags say what ran (Tags "purego": the generic code).
	Name string `json:"name"`
	Tags string `json:"tags,omitempty"`
	// Instructions is guest instructions per call, the empty loop's
	// subtracted.
	Instructions float64 `json:"instructions"`
	// Exact is false when the repetitions did not count the same (the
	// minimum is used).
	Exact bool `json:"exact"`
	// Cycles is llvm-mca's estimate per call, by CPU model, the empty
	// loop's subtracted.
	Cycles map[string]float64 `json:"cycles,omitempty"`
	// CyclesError says why Cycles is missing or incomplete.
	CyclesError string `json:"cycles_error,omitempty"`
}

// Row is one case at one size.
type Row struct {
	Case    string  `json:"case"`
	N       int     `json:"n"`
	Unit    string  `json:"unit"`
	PerByte bool    `json:"per_byte,omitempty"`
	Check   bool    `json:"check,omitempty"`
	Ours    Measure `json:"ours"`
	Peer    Measure `json:"peer"`
	// Ratio is Ours.Instructions / Peer.Instructions.
	Ratio float64 `json:"ratio"`
}

// Result is a whole run.
type Result struct {
	Rows []Row `json:"rows"`
	// Models are the llvm-mca models of the Cycles maps (empty: no cycles).
	Models []string `json:"models,omitempty"`
	// CyclesSkipped says why there are no cycles at all.
	CyclesSkipped string `json:"cycles_skipped,omitempty"`
	// Kernels is the kernel family asm chose in each harness build, by tags
	// ("" is the default build).
	Kernels map[string]string `json:"kernels"`
	// Baseline is the empty loop's instructions per iteration, by tags.
	Baseline map[string]float64 `json:"baseline"`
	QEMU     string             `json:"qemu"`
	CPU      string             `json:"cpu"`
	MCA      string             `json:"mca,omitempty"`
	Go       string             `json:"go"`
	Window   string             `json:"window"`
	Elapsed  time.Duration      `json:"elapsed_ns"`
}

// Tools are the programs a run needs, as paths.
type Tools struct {
	// QEMU is the dynamic qemu-aarch64, GCC builds the plugin, Go the
	// harness.
	QEMU, GCC, Go string
	// MCA and Objdump are LLVM 19 or later, both empty when either is
	// missing (MissingLLVMReason says so).
	MCA, Objdump      string
	MissingLLVMReason string
	// MCAVersion and QEMUVersion are for the tables' method lines.
	MCAVersion, QEMUVersion string
}

// FindTools looks for qemu-aarch64 and gcc (required) and LLVM 19 or later
// (for cycles). The error says what to install.
func FindTools() (Tools, error) {
	var t Tools
	var missing []string
	var err error
	if t.QEMU, err = exec.LookPath("qemu-aarch64"); err != nil {
		missing = append(missing, "qemu-aarch64 (Debian package qemu-user; qemu-aarch64-static cannot load plugins)")
	}
	if t.GCC, err = exec.LookPath("gcc"); err != nil {
		missing = append(missing, "gcc (to build the QEMU plugin)")
	}
	if t.Go, err = exec.LookPath("go"); err != nil {
		missing = append(missing, "go (to build the arm64 harness)")
	}
	if len(missing) > 0 {
		return t, fmt.Errorf("armcost needs %s", strings.Join(missing, " and "))
	}
	if out, err := exec.Command(t.QEMU, "--version").Output(); err == nil {
		t.QEMUVersion, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	}
	t.MCA, t.MCAVersion = findLLVM("llvm-mca")
	t.Objdump, _ = findLLVM("llvm-objdump")
	if t.MCA == "" || t.Objdump == "" {
		t.MCA, t.Objdump = "", ""
		t.MissingLLVMReason = "no llvm-mca and llvm-objdump of LLVM 19 or later (Debian package llvm-19; older ones lack real Neoverse models)"
	}
	return t, nil
}

var llvmVersion = regexp.MustCompile(`LLVM version (\d+)\.[0-9.]*`)

// findLLVM finds an LLVM tool of version 19 or later, by versioned name
// first.
func findLLVM(tool string) (path, version string) {
	for _, name := range []string{tool + "-19", tool + "-20", tool + "-21", tool + "-22", tool} {
		p, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		out, _ := exec.Command(p, "--version").Output()
		m := llvmVersion.FindSubmatch(out)
		if m == nil {
			continue
		}
		var major int
		fmt.Sscan(string(m[1]), &major)
		if major >= 19 {
			return p, filepath.Base(p) + ", " + string(m[0])
		}
	}
	return "", ""
}

// planItem is one loop the harness runs.
type planItem struct {
	tags     string
	caseName string // "" for the baseline
	side     string
	n        int
}

func (p planItem) line() string {
	if p.caseName == "" {
		return "baseline"
	}
	return fmt.Sprintf("%s %s %d", p.caseName, p.side, p.n)
}

// sizesFor are the sizes of c a run with o measures.
func sizesFor(c cases.Case, o Options) []int {
	switch {
	case o.Check:
		var s []int
		for _, n := range c.Sizes {
			if slices.Contains(cases.CheckSizes, n) {
				s = append(s, n)
			}
		}
		return s
	case o.Quick:
		return c.Quick
	}
	return c.Sizes
}

// selectCases applies Run and Check.
func selectCases(all []cases.Case, o Options) ([]cases.Case, error) {
	var re *regexp.Regexp
	if o.Run != "" {
		var err error
		if re, err = regexp.Compile(o.Run); err != nil {
			return nil, fmt.Errorf("-run: %v", err)
		}
	}
	var sel []cases.Case
	for _, c := range all {
		if (re == nil || re.MatchString(c.Name)) && (!o.Check || c.Check) && len(sizesFor(c, o)) > 0 {
			sel = append(sel, c)
		}
	}
	if len(sel) == 0 {
		return nil, fmt.Errorf("no case matches -run %q", o.Run)
	}
	return sel, nil
}

// makePlan lists each build's items, the baseline first.
func makePlan(sel []cases.Case, o Options) map[string][]planItem {
	plan := map[string][]planItem{}
	add := func(it planItem) {
		if len(plan[it.tags]) == 0 {
			plan[it.tags] = []planItem{{tags: it.tags}}
		}
		plan[it.tags] = append(plan[it.tags], it)
	}
	for _, c := range sel {
		for _, n := range sizesFor(c, o) {
			add(planItem{c.Ours.Tags, c.Name, cases.Ours, n})
			add(planItem{c.Peer.Tags, c.Name, cases.Peer, n})
		}
	}
	return plan
}

// measured is what a build says about one of its items.
type measured struct {
	count  itemCount
	cycles map[string]float64 // per iteration, baseline not subtracted
	cerr   error
}

// buildRun is one harness build's run.
type buildRun struct {
	tags   string
	items  []planItem
	kernel string
	counts []itemCount
	asm    []mcaItem // nil entries (name "") when an iteration has no assembly
	asmErr []error
}

func (o *Options) defaults() {
	if o.N1 == 0 {
		o.N1 = 2
	}
	if o.N2 == 0 {
		o.N2 = 10
	}
	if o.Reps == 0 {
		o.Reps = 3
	}
	if o.Trace == 0 {
		o.Trace = 2
	}
	if len(o.Models) == 0 {
		o.Models = DefaultModels
	}
}

func (o Options) logf(format string, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, "armcost: "+format+"\n", args...)
	}
}

// Run measures the selected cases.
func Run(ctx context.Context, o Options) (*Result, error) {
	start := time.Now()
	o.defaults()
	if o.N1 >= o.N2 || o.N1 < 1 || o.Reps < 1 || o.Trace < 2 {
		return nil, fmt.Errorf("need 1 ≤ n1 < n2, reps ≥ 1, trace ≥ 2")
	}
	tools, err := FindTools()
	if err != nil {
		return nil, err
	}
	sel, err := selectCases(cases.All(), o)
	if err != nil {
		return nil, err
	}
	res := &Result{
		Kernels:  map[string]string{},
		Baseline: map[string]float64{},
		QEMU:     tools.QEMUVersion,
		CPU:      "neoverse-n1",
		Window:   fmt.Sprintf("(W(%d) − W(%d)) / %d, W(n) the instructions of n calls (the fewest of %d runs)", o.N2, o.N1, o.N2-o.N1, o.Reps),
	}
	if o.Cycles {
		if tools.MCA == "" {
			res.CyclesSkipped = tools.MissingLLVMReason
			o.Cycles = false
		} else {
			res.Models, res.MCA = o.Models, tools.MCAVersion
		}
	} else {
		res.CyclesSkipped = "not asked for"
	}
	if v, err := exec.Command(tools.Go, "env", "GOVERSION").Output(); err == nil {
		res.Go = strings.TrimSpace(string(v))
	}

	work := o.Work
	if work == "" {
		if work, err = os.MkdirTemp("", "armcost-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(work)
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	if work, err = filepath.Abs(work); err != nil {
		return nil, err
	}

	plugins := &pluginBuilder{gcc: tools.GCC, dir: work}
	o.logf("building the QEMU plugin")
	if _, err := plugins.get(ctx, 1); err != nil {
		return nil, err
	}

	plan := makePlan(sel, o)
	var tagsList []string
	for t := range plan {
		tagsList = append(tagsList, t)
	}
	slices.Sort(tagsList)
	runs := make([]*buildRun, len(tagsList))
	errs := make([]error, len(tagsList))
	var wg sync.WaitGroup
	for i, tags := range tagsList {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs[i], errs[i] = runBuild(ctx, tools, o, work, plugins, tags, plan[tags])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	// Cycles: one llvm-mca run per model over every build's iterations.
	got := map[string]*measured{} // by tags + item line
	key := func(tags, line string) string { return tags + "|" + line }
	var items []mcaItem
	for _, r := range runs {
		res.Kernels[r.tags] = r.kernel
		for i, it := range r.items {
			m := &measured{count: r.counts[i], cycles: map[string]float64{}}
			got[key(r.tags, it.line())] = m
			if !o.Cycles {
				continue
			}
			if r.asmErr[i] != nil {
				m.cerr = r.asmErr[i]
				continue
			}
			items = append(items, r.asm[i])
		}
	}
	if o.Cycles && len(items) > 0 {
		o.logf("llvm-mca: %d loops, %d models", len(items), len(o.Models))
		type modelOut struct {
			cyc  map[string]float64
			errs map[string]error
			err  error
		}
		outs := make([]modelOut, len(o.Models))
		var wg sync.WaitGroup
		for i, model := range o.Models {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, e, err := modelCycles(ctx, tools.MCA, model, items)
				outs[i] = modelOut{c, e, err}
			}()
		}
		wg.Wait()
		var models, failed []string
		for i, model := range o.Models {
			if outs[i].err != nil {
				// A model this llvm-mca lacks, or a tool failure: no column.
				failed = append(failed, outs[i].err.Error())
				continue
			}
			models = append(models, model)
			for k, m := range got {
				name := mcaName(k)
				if c, ok := outs[i].cyc[name]; ok {
					// A traced iteration may hold a period of several calls.
					m.cycles[model] = c / float64(max(m.count.traceCalls, 1))
				} else if e, ok := outs[i].errs[name]; ok && m.cerr == nil {
					m.cerr = e
				}
			}
		}
		res.Models = models
		if len(failed) > 0 {
			res.CyclesSkipped = strings.Join(failed, "; ")
		}
	}

	for _, r := range runs {
		res.Baseline[r.tags] = got[key(r.tags, "baseline")].count.perIter
	}
	for _, c := range sel {
		for _, n := range sizesFor(c, o) {
			row := Row{Case: c.Name, N: n, Unit: c.Unit, PerByte: c.PerByte, Check: c.Check}
			if row.Unit == "" {
				row.Unit = "B"
			}
			for _, s := range []struct {
				side string
				impl cases.Impl
				dst  *Measure
			}{{cases.Ours, c.Ours, &row.Ours}, {cases.Peer, c.Peer, &row.Peer}} {
				m := got[key(s.impl.Tags, planItem{s.impl.Tags, c.Name, s.side, n}.line())]
				base := got[key(s.impl.Tags, "baseline")]
				*s.dst = toMeasure(s.impl, m, base, res.Models)
			}
			row.Ratio = row.Ours.Instructions / row.Peer.Instructions
			res.Rows = append(res.Rows, row)
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// mcaName is the llvm-mca region name of an item key: letters, digits and
// underscores only.
func mcaName(key string) string {
	var b strings.Builder
	for _, r := range key {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// toMeasure subtracts the empty loop from an item's numbers.
func toMeasure(impl cases.Impl, m, base *measured, models []string) Measure {
	out := Measure{
		Name:         impl.Name,
		Tags:         impl.Tags,
		Instructions: m.count.perIter - base.count.perIter,
		Exact:        m.count.exact && base.count.exact,
	}
	var missing []string
	for _, model := range models {
		c, ok1 := m.cycles[model]
		b, ok2 := base.cycles[model]
		if !ok1 || !ok2 {
			missing = append(missing, model)
			continue
		}
		if out.Cycles == nil {
			out.Cycles = map[string]float64{}
		}
		out.Cycles[model] = c - b
	}
	if len(missing) > 0 {
		why := errors.Join(m.cerr, base.cerr)
		if why == nil {
			why = fmt.Errorf("no estimate")
		}
		out.CyclesError = fmt.Sprintf("%s: %v", strings.Join(missing, ", "), why)
	}
	return out
}
