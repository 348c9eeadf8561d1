// Command report measures hotpath against its peers on the machine it runs
// on and prints a Markdown report: the machine (CPU, features, caches,
// cores, Go version, the kernels hotpath chose), the correctness gates, one
// table per group with ours and every peer (ns/op median, spread, B/op,
// allocs/op, ours/peer ratio, goal and a ✓/✗ mark), a load test over real
// HTTP on loopback, the arm64 cost model (QEMU instruction counts and
// llvm-mca cycle estimates of the kernels against the standard library, see
// bench/armcost; when qemu-aarch64 and gcc are installed, and said loudly
// when not), and a summary of the goals.
//
// Usage, from the bench directory of a checkout:
//
//	go run ./cmd/report -quick          # about two and a half minutes: the goal rows, fewer and shorter rounds
//	go run ./cmd/report                 # the full run: every case, 7 rounds of 100ms per implementation
//	go run ./cmd/report -run 'routing|requests'
//	go run ./cmd/report -skip armcost      # without the arm64 cost model
//	go run ./cmd/report -quick -svg bytesx.svg -json report.json
//
// Implementations of a case are timed interleaved: ours, then each peer,
// then ours again, for several rounds, each run a testing.Benchmark with a
// fixed -test.benchtime. The routing suite's route sets are embedded from
// the repository (internal/routesets); -routes DIR reads other ones. For an
// ARM machine: GOARCH=arm64 go build -o report-arm64 ./cmd/report, copy the
// binary there and run it: it needs nothing beside it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hotpath-go/hotpath/bench/armcost"
	"github.com/hotpath-go/hotpath/bench/loadtest"
	"github.com/hotpath-go/hotpath/bench/suite"
)

// config is the command line.
type config struct {
	quick     bool
	run, skip string
	svg       string
	jsonOut   string
	out       string
	routes    string
	rounds    int
	benchtime string
	budget    time.Duration
	load      time.Duration
	list      bool
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.BoolVar(&c.quick, "quick", false, "run only the goal rows (Quick cases), with fewer and shorter rounds; finishes in under 3 minutes on 2 cores")
	fs.StringVar(&c.run, "run", "", "run only the cases whose group/name matches this regular expression (the load test is group \"load\", the arm64 cost model \"armcost\")")
	fs.StringVar(&c.skip, "skip", "", "skip the cases whose group/name matches this regular expression")
	fs.StringVar(&c.svg, "svg", "", "write a chart of bytes/ns against input length for the bytesx kernels and the standard library to this file")
	fs.StringVar(&c.jsonOut, "json", "", "also write every sample as JSON to this file")
	fs.StringVar(&c.out, "o", "", "write the report to this file instead of standard output")
	fs.StringVar(&c.routes, "routes", "", "read the route sets (static.txt, github.txt, gplus.txt, parse.txt) from this directory instead of the copies embedded from the repository")
	fs.IntVar(&c.rounds, "rounds", 0, "rounds per case (default 7, or 5 with -quick)")
	fs.StringVar(&c.benchtime, "benchtime", "", "benchtime of each run, a duration or Nx (default 100ms, or 25ms with -quick)")
	fs.DurationVar(&c.budget, "budget", 0, "time for all cases; rounds shrink to fit (default none, or 100s with -quick)")
	fs.DurationVar(&c.load, "load", 0, "load test duration per server and round (default 5s in 3 rounds, or 1s in 2 rounds with -quick)")
	fs.BoolVar(&c.list, "list", false, "list the selected cases and exit")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if c.rounds == 0 {
		c.rounds = 7
		if c.quick {
			c.rounds = 5
		}
	}
	if c.benchtime == "" {
		c.benchtime = "100ms"
		if c.quick {
			c.benchtime = "25ms"
		}
	}
	if c.budget == 0 && c.quick {
		c.budget = 100 * time.Second
	}
	if c.load == 0 {
		c.load = 5 * time.Second
		if c.quick {
			c.load = time.Second
		}
	}
	return c, nil
}

func main() {
	loadtest.ServeChild() // the load test runs its servers as children of this binary
	c, err := parseFlags(os.Args[1:])
	if err == flag.ErrHelp {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(2)
	}
	w := io.Writer(os.Stdout)
	if c.out != "" {
		f, err := os.Create(c.out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "report:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = io.MultiWriter(os.Stdout, f)
	}
	if err := run(context.Background(), c, w, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// selection is what a config picks.
type selection struct {
	cases   []suite.Case
	load    bool
	armcost bool
}

func selectCases(c config, all []suite.Case) (selection, error) {
	var runRe, skipRe *regexp.Regexp
	var err error
	if c.run != "" {
		if runRe, err = regexp.Compile(c.run); err != nil {
			return selection{}, fmt.Errorf("-run: %v", err)
		}
	}
	if c.skip != "" {
		if skipRe, err = regexp.Compile(c.skip); err != nil {
			return selection{}, fmt.Errorf("-skip: %v", err)
		}
	}
	pick := func(key string) bool {
		return (runRe == nil || runRe.MatchString(key)) && (skipRe == nil || !skipRe.MatchString(key))
	}
	var s selection
	for _, k := range all {
		if c.quick && !k.Quick {
			continue
		}
		if pick(k.Group + "/" + k.Name) {
			s.cases = append(s.cases, k)
		}
	}
	s.load = pick("load")
	s.armcost = pick("armcost")
	return s, nil
}

// groupsOf lists the groups of cs in report order.
func groupsOf(cs []suite.Case) []string {
	var gs []string
	for _, k := range cs {
		if !slices.Contains(gs, k.Group) {
			gs = append(gs, k.Group)
		}
	}
	return gs
}

// run is the whole report; w gets the Markdown, progress the running log.
func run(ctx context.Context, c config, w, progress io.Writer) error {
	start := time.Now()
	if c.routes != "" {
		suite.SetRoutesDir(c.routes)
	}
	sel, err := selectCases(c, suite.Cases())
	if err != nil {
		return err
	}
	if c.list {
		for _, k := range sel.cases {
			names := []string{k.Ours.Name}
			for _, p := range k.Peers {
				names = append(names, p.Name)
			}
			fmt.Fprintf(w, "%s/%s: %s\n", k.Group, k.Name, strings.Join(names, ", "))
		}
		if sel.load {
			fmt.Fprintf(w, "load: %s over loopback HTTP\n", strings.Join(loadtest.ServerNames(), ", "))
		}
		if sel.armcost {
			fmt.Fprintln(w, "armcost: hotpath's arm64 kernels vs the standard library under qemu-aarch64 (instructions per call, llvm-mca cycles)")
		}
		return nil
	}
	if len(sel.cases) == 0 && !sel.load && !sel.armcost && c.svg == "" {
		return fmt.Errorf("no case matches -run %q", c.run)
	}

	mode := "full"
	if c.quick {
		mode = "quick"
	}
	fmt.Fprintf(w, "## hotpath benchmark report\n\n")
	fmt.Fprintf(w, "`%s` — %s run, %s, %d rounds of %s per implementation (interleaved)",
		strings.Join(append([]string{"report"}, os.Args[1:]...), " "), mode, time.Now().UTC().Format("2006-01-02 15:04 MST"), c.rounds, c.benchtime)
	if c.budget > 0 {
		fmt.Fprintf(w, ", rounds cut to fit a %v budget", c.budget)
	}
	fmt.Fprintf(w, "\n\n")
	m := DetectMachine()
	m.Write(w)

	// Correctness first: no number is printed for a group whose gate fails.
	groups := groupsOf(sel.cases)
	fmt.Fprintf(w, "\n### Correctness gates\n\n")
	gateFailed := false
	for _, g := range suite.Gates() {
		if !slices.Contains(groups, g.Group) {
			continue
		}
		if err := g.Check(); err != nil {
			gateFailed = true
			fmt.Fprintf(w, "- ✗ %s: %s\n\n```\n%v\n```\n", g.Group, g.Name, err)
			continue
		}
		fmt.Fprintf(w, "- ✓ %s: %s\n", g.Group, g.Name)
	}
	if gateFailed {
		return fmt.Errorf("a correctness gate failed: nothing was timed")
	}
	for _, g := range []string{"routing", "requests", "fasthttp"} {
		if slices.Contains(groups, g) {
			continue
		}
		if c.run == "" && c.skip == "" {
			fmt.Fprintf(w, "- (no %s cases in this binary: hotpath's framework did not build into it)\n", g)
		}
	}

	var results []CaseResult
	loadEst := time.Duration(0)
	if sel.load {
		n := time.Duration(len(loadtest.ServerNames()) * len(loadtest.Scenarios()))
		loadEst = 3 * n * (c.load + c.load/4 + time.Second)
		if c.quick {
			loadEst = 2 * n * (c.load + c.load/4 + time.Second)
		}
	}
	if sel.armcost {
		// The arm64 cost model runs after the timed cases (it keeps both
		// cores busy): leave it its time too.
		armEst := 40 * time.Second
		if c.quick {
			armEst = 15 * time.Second
		}
		loadEst += armEst
	}
	for _, g := range groups {
		var gc []suite.Case
		for _, k := range sel.cases {
			if k.Group == g {
				gc = append(gc, k)
			}
		}
		o := Options{Rounds: c.rounds, Benchtime: c.benchtime, Progress: progress}
		if c.budget > 0 {
			left := len(sel.cases) - len(results)
			remain := c.budget - time.Since(start) - loadEst
			o.Budget = max(remain*time.Duration(len(gc))/time.Duration(left), time.Millisecond)
		}
		rs, err := RunCases(gc, o)
		if err != nil {
			return err
		}
		results = append(results, rs...)
		WriteGroup(w, g, suite.Note(g), rs)
	}

	var load []loadtest.Result
	if sel.load {
		rounds := 3
		if c.quick {
			rounds = 2
		}
		pinned := "each server a process of its own pinned to core 0 (`taskset -c 0`, GOMAXPROCS=1), wrk pinned to core 1"
		if _, err := exec.LookPath("taskset"); err != nil {
			pinned = "taskset is not installed: servers and load generator run unpinned and share the cores"
		}
		driver := "wrk (`-t1 -c64 --latency`; depth 16 by a Lua script sending 16 requests per write)"
		if _, err := exec.LookPath("wrk"); err != nil {
			driver = "wrk is not installed: a Go load generator in the report's process drives the servers"
		}
		fmt.Fprintf(w, "\n### load\n\nServers on 127.0.0.1: %s; driven by %s. %d round(s) of %v per server and scenario after a %v warm-up, "+
			"interleaved, each round starting with a different server. Plaintext (`GET /`, Hello, World!) and JSON (`GET /json`, "+
			"{\"message\":\"Hello, World!\"} encoded per request) at 64 connections; plaintext pipelined at depth 16. "+
			"Server CPU / req is the user+sys time of the server's process over the requests it served, and \"of which user\" its user part (the server's code and the Go runtime; the rest is the kernel, mostly the loopback TCP path); server busy is that CPU time over the run's wall time, and wrk busy the same for wrk. A req/s ratio says which server is faster only where wrk is not busy near 100%%: where it is, wrk (one core, like the server) sets the rate, the goal rows say client-bound, and CPU per request is the measure. "+
			"floor (Linux) is not an HTTP server but the least one can do on this kernel (one epoll loop, one raw read and write per ready connection, canned answers): the rate wrk allows. "+
			"engine ÷ this is the engine's rate over this server's (higher: the engine is faster). "+
			"engine is the engine with a raw engine.Handler; hotpath/engine is hotpath's framework (the same App as the hotpath row) served by App.Serve on the engine.\n\n",
			pinned, driver, rounds, c.load, min(c.load/4, time.Second))
		load, err = loadtest.Run(ctx, loadtest.Options{Duration: c.load, Rounds: rounds, Progress: progress})
		if err != nil {
			fmt.Fprintf(w, "load test failed: %v\n", err)
		} else {
			loadtest.WriteTable(w, load)
			fmt.Fprintln(w)
			loadtest.WriteGoals(w, loadtest.Goals(load))
		}
	}

	var arm *armcost.Result
	if sel.armcost {
		arm = armcostSection(ctx, w, progress, c.quick)
	}

	if len(results) > 0 {
		WriteSummary(w, results)
	}

	if c.svg != "" {
		bt := "50ms"
		if c.quick {
			bt = "10ms"
		}
		if err := writeSweepSVG(c.svg, bt, m, progress); err != nil {
			return fmt.Errorf("-svg: %v", err)
		}
		fmt.Fprintf(w, "\nChart of bytes/ns against input length: %s\n", c.svg)
	}
	if c.jsonOut != "" {
		b, err := json.MarshalIndent(struct {
			Machine Machine           `json:"machine"`
			Mode    string            `json:"mode"`
			Cases   []CaseResult      `json:"cases"`
			Load    []loadtest.Result `json:"load,omitempty"`
			Armcost *armcost.Result   `json:"armcost,omitempty"`
		}{m, mode, results, load, arm}, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nTotal time: %v.\n", time.Since(start).Round(time.Second))
	return nil
}
