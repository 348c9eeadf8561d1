// Package loadtest measures HTTP servers end to end on loopback: each
// server (hotpath's engine, hotpath's framework on the engine and on net/http, gin,
// net/http.ServeMux, fasthttp, fiber) runs as a process of its own pinned
// to one core with GOMAXPROCS=1, and wrk, pinned to the other core, drives
// it: plaintext and JSON at 64 connections, and plaintext pipelined at
// depth 16 (a wrk Lua script, as TechEmpower's plaintext test runs).
// Rounds are interleaved, each starting with a different server. It
// reports requests per second, p99 latency and the server's CPU time per
// request (user+sys of its process over the requests served).
//
// Without taskset the processes run unpinned, and without wrk a small
// load generator written in Go (in this process) drives them; the report
// says so. Every run is bounded in time and listens on 127.0.0.1 with a
// port the kernel picks.
package loadtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A Scenario is one kind of load.
type Scenario struct {
	Name  string
	Path  string // "/" or "/json"
	Conns int
	Depth int // requests per write (pipelining); 1 for none
}

// Scenarios are the three loads.
func Scenarios() []Scenario {
	return []Scenario{
		{"plaintext", "/", 64, 1},
		{"pipelined", "/", 64, 16},
		{"json", "/json", 64, 1},
	}
}

// Options bound a load test.
type Options struct {
	Duration  time.Duration // per server, scenario and round (wrk rounds up to whole seconds)
	Warmup    time.Duration // unmeasured load before each measurement
	Rounds    int           // rounds, interleaved
	Servers   []string      // names from Servers; nil means all
	Scenarios []Scenario    // nil means Scenarios()
	Wrk       string        // path of wrk, "" to look it up in PATH, "-" forces the Go generator
	Taskset   string        // path of taskset, "" to look it up, "-" runs unpinned
	Progress  io.Writer     // a line per run, or nil
}

// Result is one server under one scenario.
type Result struct {
	Server    string    `json:"server"`
	Scenario  string    `json:"scenario"`
	Driver    string    `json:"driver"` // "wrk" or "go"
	Pinned    bool      `json:"pinned"`
	PerSec    []float64 `json:"req_per_sec"`     // one per round
	P99       []float64 `json:"p99_us"`          // microseconds, one per round
	CPU       []float64 `json:"cpu_us_per_req"`  // user+sys
	User      []float64 `json:"user_us_per_req"` // user alone: the server's own code and the Go runtime
	Busy      []float64 `json:"server_busy"`     // server CPU time over wall time: near 1 when the server is the bottleneck
	Client    []float64 `json:"client_busy"`     // wrk's CPU time over wall time: near 1 when the load generator is the bottleneck (0: unknown)
	Errors    int64     `json:"errors"`
	MedianSec float64   `json:"median_req_per_sec"`
	MedianP99 float64   `json:"median_p99_us"`
	MedianCPU float64   `json:"median_cpu_us_per_req"`
	MedianUsr float64   `json:"median_user_us_per_req"`
	MedianBsy float64   `json:"median_server_busy"`
	MedianCli float64   `json:"median_client_busy"`
}

// childEnv names the server a child process serves.
const childEnv = "HOTPATH_LOADTEST_SERVER"

// ServeChild makes the running program a load-test server when it was
// started as one by Run: it then serves and never returns. Every main (and
// TestMain) that calls Run must call ServeChild first.
func ServeChild() {
	name := os.Getenv(childEnv)
	if name == "" {
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest child:", err)
		os.Exit(2)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	err = Serve(name, ln)
	fmt.Fprintln(os.Stderr, "loadtest child:", err)
	os.Exit(2)
}

// Run measures every server under every scenario. ctx cancels it.
func Run(ctx context.Context, o Options) ([]Result, error) {
	if o.Duration <= 0 {
		o.Duration = 5 * time.Second
	}
	if o.Warmup <= 0 {
		o.Warmup = min(o.Duration/4, time.Second)
	}
	if o.Rounds < 1 {
		o.Rounds = 1
	}
	if o.Servers == nil {
		o.Servers = ServerNames()
	}
	if len(o.Servers) == 0 {
		return nil, ErrNoServers
	}
	for _, n := range o.Servers {
		if _, ok := lookup(n); !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnknownServer, n)
		}
	}
	if o.Scenarios == nil {
		o.Scenarios = Scenarios()
	}
	wrk := find(o.Wrk, "wrk")
	taskset := find(o.Taskset, "taskset")
	if runtime.NumCPU() < 2 {
		taskset = "" // nothing to pin apart
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var res []Result
	idx := map[[2]string]int{}
	for _, sc := range o.Scenarios {
		for _, n := range o.Servers {
			idx[[2]string{sc.Name, n}] = len(res)
			res = append(res, Result{Server: n, Scenario: sc.Name})
		}
	}
	for r := 0; r < o.Rounds; r++ {
		for _, sc := range o.Scenarios {
			// Each round starts with a different server.
			for k := range o.Servers {
				n := o.Servers[(k+r)%len(o.Servers)]
				m, err := runOne(ctx, exe, n, sc, o, wrk, taskset)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %v", n, sc.Name, err)
				}
				x := &res[idx[[2]string{sc.Name, n}]]
				x.Driver, x.Pinned = m.driver, taskset != ""
				x.PerSec = append(x.PerSec, m.rate)
				x.P99 = append(x.P99, m.p99)
				x.CPU = append(x.CPU, m.cpu)
				x.User = append(x.User, m.user)
				x.Busy = append(x.Busy, m.busy)
				x.Client = append(x.Client, m.client)
				x.Errors += m.errs
				if o.Progress != nil {
					fmt.Fprintf(o.Progress, "load  %-9s %-9s round %d: %8.0f req/s  p99 %7.0f µs  CPU %5.2f µs/req (user %5.2f) (%s)\n",
						sc.Name, n, r+1, m.rate, m.p99, m.cpu, m.user, m.driver)
				}
			}
		}
	}
	for i := range res {
		res[i].MedianSec = median(res[i].PerSec)
		res[i].MedianP99 = median(res[i].P99)
		res[i].MedianCPU = median(res[i].CPU)
		res[i].MedianUsr = median(res[i].User)
		res[i].MedianBsy = median(res[i].Busy)
		res[i].MedianCli = median(res[i].Client)
	}
	return res, nil
}

func find(opt, name string) string {
	switch opt {
	case "-":
		return ""
	case "":
		p, err := exec.LookPath(name)
		if err != nil {
			return ""
		}
		return p
	}
	return opt
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v)%2 == 0 {
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return v[len(v)/2]
}

type measurement struct {
	rate, p99, cpu, user float64 // req/s, µs, µs per request (user+sys, user)
	busy                 float64 // server CPU time over the run's wall time
	client               float64 // wrk's CPU time over its wall time (0 for the Go generator)
	errs                 int64
	driver               string
}

// runOne starts the server as a child process (pinned to core 0 when
// taskset is there), checks it, warms it up and measures it.
func runOne(ctx context.Context, exe, name string, sc Scenario, o Options, wrk, taskset string) (measurement, error) {
	args := []string{exe}
	if taskset != "" {
		args = []string{taskset, "-c", "0", exe}
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = append(os.Environ(), childEnv+"="+name, "GOMAXPROCS=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return measurement{}, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return measurement{}, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	addr, err := readAddr(out)
	if err != nil {
		return measurement{}, err
	}
	go io.Copy(io.Discard, out)
	url := "http://" + addr + sc.Path
	if err := check(ctx, url); err != nil {
		return measurement{}, err
	}
	pid := cmd.Process.Pid
	if wrk != "" {
		if _, err := runWrk(ctx, wrk, taskset, url, sc, o.Warmup); err != nil {
			return measurement{}, err
		}
		cpu0, user0 := cpuTime(pid)
		m, err := runWrk(ctx, wrk, taskset, url, sc, o.Duration)
		if err != nil {
			return measurement{}, err
		}
		cpu1, user1 := cpuTime(pid)
		m.cpu = perRequest(cpu1-cpu0, m.rate, o.Duration)
		m.user = perRequest(user1-user0, m.rate, o.Duration)
		m.busy = busy(cpu1-cpu0, cpu0, max((o.Duration+time.Second-1)/time.Second*time.Second, time.Second))
		m.driver = "wrk"
		return m, nil
	}
	runGo(ctx, addr, sc, o.Warmup)
	cpu0, user0 := cpuTime(pid)
	start := time.Now()
	m := runGo(ctx, addr, sc, o.Duration)
	el := time.Since(start)
	cpu1, user1 := cpuTime(pid)
	m.cpu = perRequest(cpu1-cpu0, m.rate, el)
	m.user = perRequest(user1-user0, m.rate, el)
	m.busy = busy(cpu1-cpu0, cpu0, el)
	m.driver = "go"
	return m, nil
}

func perRequest(cpu time.Duration, rate float64, d time.Duration) float64 {
	if cpu < 0 || rate <= 0 {
		return 0
	}
	// wrk's duration is whole seconds.
	secs := float64((d + time.Second - 1) / time.Second)
	if d < time.Second {
		secs = d.Seconds()
	}
	return float64(cpu.Microseconds()) / (rate * secs)
}

// busy is the share of wall time d the server spent on a CPU (0 when its
// CPU time is unknown).
func busy(cpu, before, d time.Duration) float64 {
	if before < 0 || cpu < 0 || d <= 0 {
		return 0
	}
	return cpu.Seconds() / d.Seconds()
}

// cpuTime returns the user+system and the user time of process pid, -1
// when unknown (outside Linux).
func cpuTime(pid int) (total, user time.Duration) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1, -1
	}
	// Fields after the command name, which is in parentheses.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1, -1
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return -1, -1
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1, -1
	}
	const clkTck = 100 // USER_HZ on Linux
	return time.Duration(ut+st) * time.Second / clkTck, time.Duration(ut) * time.Second / clkTck
}

func readAddr(r io.Reader) (string, error) {
	ch := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		ch <- line
	}()
	select {
	case line := <-ch:
		addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
		if !ok {
			return "", fmt.Errorf("server said %q", line)
		}
		return addr, nil
	case <-time.After(10 * time.Second):
		return "", errors.New("server did not start")
	}
}

// check asks url once, as a correctness gate before any measurement.
func check(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	want := Hello
	if strings.HasSuffix(url, "/json") {
		want = JSONBody
	}
	if resp.StatusCode != http.StatusOK || strings.TrimSuffix(string(b), "\n") != want {
		return fmt.Errorf("GET %s: %d %q, want 200 %q", url, resp.StatusCode, b, want)
	}
	return nil
}

// pipelineLua makes wrk send depth requests in each write (depth is the
// script's argument).
const pipelineLua = `-- Sends args[1] requests per write, as TechEmpower's plaintext test does.
init = function(args)
  local depth = tonumber(args[1]) or 1
  local r = {}
  for i = 1, depth do
    r[i] = wrk.format()
  end
  batch = table.concat(r)
end

request = function()
  return batch
end
`

var (
	wrkRate   = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkNon2xx = regexp.MustCompile(`Non-2xx or 3xx responses:\s+([0-9]+)`)
	wrkSocket = regexp.MustCompile(`Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)`)
	wrkP99    = regexp.MustCompile(`(?m)^\s*99%\s+([0-9.]+)(us|ms|s)\s*$`)
)

// runWrk runs wrk (pinned to core 1 when taskset is there) and parses its
// summary.
func runWrk(ctx context.Context, wrk, taskset, url string, sc Scenario, d time.Duration) (measurement, error) {
	secs := max(int((d+time.Second-1)/time.Second), 1)
	ctx, cancel := context.WithTimeout(ctx, time.Duration(secs)*time.Second+15*time.Second)
	defer cancel()
	args := []string{wrk, "-t1", "-c", strconv.Itoa(sc.Conns), "-d", strconv.Itoa(secs) + "s", "--timeout", "2s", "--latency"}
	if taskset != "" {
		args = append([]string{taskset, "-c", "1"}, args...)
	}
	if sc.Depth > 1 {
		f, err := os.CreateTemp("", "pipeline-*.lua")
		if err != nil {
			return measurement{}, err
		}
		defer os.Remove(f.Name())
		f.WriteString(pipelineLua)
		f.Close()
		args = append(args, "-s", f.Name(), url, "--", strconv.Itoa(sc.Depth))
	} else {
		args = append(args, url)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	el := time.Since(start)
	if err != nil {
		return measurement{}, fmt.Errorf("wrk: %v: %s", err, out)
	}
	m, err := parseWrk(string(out))
	if err != nil {
		return m, err
	}
	// taskset execs wrk, so the process waited for is wrk itself.
	if ps := cmd.ProcessState; ps != nil && el > 0 {
		m.client = (ps.UserTime() + ps.SystemTime()).Seconds() / el.Seconds()
	}
	return m, nil
}

// parseWrk reads requests/s, p99 latency and the error counts from wrk's
// output (run with --latency).
func parseWrk(out string) (measurement, error) {
	m := wrkRate.FindStringSubmatch(out)
	if m == nil {
		return measurement{}, fmt.Errorf("wrk: no Requests/sec in output: %s", out)
	}
	rate, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return measurement{}, err
	}
	res := measurement{rate: rate}
	if m := wrkP99.FindStringSubmatch(out); m != nil {
		v, _ := strconv.ParseFloat(m[1], 64)
		switch m[2] {
		case "ms":
			v *= 1e3
		case "s":
			v *= 1e6
		}
		res.p99 = v
	}
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		res.errs += n
	}
	if m := wrkSocket.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.ParseInt(s, 10, 64)
			res.errs += n
		}
	}
	return res, nil
}

// runGo is the load generator used when wrk is absent: sc.Conns
// goroutines, each with its own keep-alive connection, sending sc.Depth
// requests per write and reading as many responses, until d is over. Only
// complete 200 answers count; latency is per batch.
func runGo(ctx context.Context, addr string, sc Scenario, d time.Duration) measurement {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var ok, bad atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	batch := strings.Repeat("GET "+sc.Path+" HTTP/1.1\r\nHost: "+addr+"\r\n\r\n", max(sc.Depth, 1))
	for range sc.Conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
			if err != nil {
				if ctx.Err() == nil {
					bad.Add(1)
				}
				return
			}
			defer conn.Close()
			stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
			defer stop()
			br := bufio.NewReader(conn)
			var mine []time.Duration
			for ctx.Err() == nil {
				t0 := time.Now()
				if _, err := io.WriteString(conn, batch); err != nil {
					break
				}
				good := true
				for range max(sc.Depth, 1) {
					resp, err := http.ReadResponse(br, nil)
					if err != nil {
						good = false
						break
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode == http.StatusOK {
						ok.Add(1)
					} else {
						bad.Add(1)
					}
				}
				if !good {
					break
				}
				mine = append(mine, time.Since(t0))
			}
			if ctx.Err() == nil {
				bad.Add(1) // the connection failed before the end
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	el := time.Since(start)
	m := measurement{rate: float64(ok.Load()) / el.Seconds(), errs: bad.Load()}
	if len(lat) > 0 {
		slices.Sort(lat)
		m.p99 = float64(lat[len(lat)*99/100].Microseconds())
	}
	return m
}

// WriteTable prints the results as Markdown: per scenario, each server's
// median req/s (and the spread over rounds), p99 latency, CPU time per
// request, how busy the server's core and wrk's core were, and the
// engine's rate relative to it. A req/s ratio says which server is faster
// only where the servers are busy near 100% and wrk is not: where wrk's
// core is full, the load generator (one core, like the server) is the
// bottleneck, and CPU per request is the measure.
func WriteTable(w io.Writer, rs []Result) {
	fmt.Fprintf(w, "| scenario | server | req/s (median) | spread (min–max) | p99 (median) | server CPU / req | of which user | server busy | wrk busy | engine ÷ this (req/s) | rounds | errors | driver |\n")
	fmt.Fprintf(w, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n")
	ref := map[string]float64{}
	for _, r := range rs {
		if r.Server == "engine" {
			ref[r.Scenario] = r.MedianSec
		}
	}
	for _, r := range rs {
		ratio := ""
		if e := ref[r.Scenario]; e > 0 && r.MedianSec > 0 && r.Server != "engine" {
			ratio = fmt.Sprintf("%.2f×", e/r.MedianSec)
		}
		name := r.Server
		if name == "engine" {
			name = "**engine**"
		}
		driver := r.Driver
		if !r.Pinned {
			driver += ", unpinned"
		}
		lo, hi := slices.Min(r.PerSec), slices.Max(r.PerSec)
		fmt.Fprintf(w, "| %s | %s | %.0f | %.0f–%.0f | %s | %s | %s | %s | %s | %s | %d | %d | %s |\n", r.Scenario, name, r.MedianSec, lo, hi,
			fmtMicros(r.MedianP99), fmtMicros(r.MedianCPU), fmtMicros(r.MedianUsr), fmtShare(r.MedianBsy), fmtShare(r.MedianCli), ratio, len(r.PerSec), r.Errors, driver)
	}
}

// fmtShare prints a busy share as a percentage, "–" when unknown.
func fmtShare(x float64) string {
	if x <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*x)
}

func fmtMicros(us float64) string {
	switch {
	case us <= 0:
		return "–"
	case us >= 1000:
		return fmt.Sprintf("%.2f ms", us/1000)
	case us >= 100:
		return fmt.Sprintf("%.0f µs", us)
	case us >= 10:
		return fmt.Sprintf("%.1f µs", us)
	}
	return fmt.Sprintf("%.2f µs", us)
}

// Goal is one row of the goal table.
type Goal struct {
	Row   string
	Value string
	Goal  string
	Met   bool
}

// clientBound is the share of its core above which wrk, not the server,
// sets the request rate: the server then answers as fast as wrk asks, and
// a faster server cannot show a higher rate.
const clientBound = 0.95

// Goals evaluates the goals on rs: the engine against fasthttp
// (req/s in each scenario, p99 at 64 connections) and against hotpath's
// framework on net/http (plaintext req/s).
func Goals(rs []Result) []Goal {
	get := func(server, sc string) *Result {
		for i := range rs {
			if rs[i].Server == server && rs[i].Scenario == sc {
				return &rs[i]
			}
		}
		return nil
	}
	var gs []Goal
	ratio := func(row, peer, sc string, goal float64) {
		e, p := get("engine", sc), get(peer, sc)
		if e == nil || p == nil || p.MedianSec == 0 {
			return
		}
		x := e.MedianSec / p.MedianSec
		v := fmt.Sprintf("%.2f×", x)
		if e.MedianCli >= clientBound {
			v += fmt.Sprintf(" (client-bound: wrk %.0f%% busy)", 100*e.MedianCli)
		}
		gs = append(gs, Goal{row, v, fmt.Sprintf("≥ %.2f×", goal), x >= goal})
	}
	// The same ratios from the server CPU time a request costs (the peer's
	// over the engine's): what the req/s ratio is when the server has its
	// core to itself, and far steadier than req/s when other work shares
	// the machine.
	cpuRatio := func(row, peer, sc string, goal float64) {
		e, p := get("engine", sc), get(peer, sc)
		if e == nil || p == nil || e.MedianCPU <= 0 || p.MedianCPU <= 0 {
			return
		}
		x := p.MedianCPU / e.MedianCPU
		gs = append(gs, Goal{row, fmt.Sprintf("%.2f×", x), fmt.Sprintf("≥ %.2f×", goal), x >= goal})
	}
	ratio("engine vs fasthttp, plaintext, req/s", "fasthttp", "plaintext", 1.15)
	cpuRatio("… by server CPU per request", "fasthttp", "plaintext", 1.15)
	ratio("engine vs fasthttp, pipelined depth 16, req/s", "fasthttp", "pipelined", 1.15)
	cpuRatio("… by server CPU per request", "fasthttp", "pipelined", 1.15)
	ratio("engine vs fasthttp, JSON, req/s", "fasthttp", "json", 1.15)
	cpuRatio("… by server CPU per request", "fasthttp", "json", 1.15)
	ratio("engine vs hotpath on net/http, plaintext, req/s", "hotpath", "plaintext", 2.5)
	cpuRatio("… by server CPU per request", "hotpath", "plaintext", 2.5)
	// The same App, served by App.Serve and by net/http: what a user of
	// the framework gains from the engine.
	if e, p := get("hotpath/engine", "plaintext"), get("hotpath", "plaintext"); e != nil && p != nil && p.MedianSec > 0 {
		x := e.MedianSec / p.MedianSec
		gs = append(gs, Goal{"hotpath's App on the engine vs on net/http, plaintext, req/s", fmt.Sprintf("%.2f×", x), "≥ 2.50×", x >= 2.5})
	}
	for _, sc := range []string{"plaintext", "json"} {
		if e, p := get("engine", sc), get("fasthttp", sc); e != nil && p != nil && e.MedianP99 > 0 && p.MedianP99 > 0 {
			gs = append(gs, Goal{"p99 latency at 64 connections, " + sc + ", engine vs fasthttp",
				fmtMicros(e.MedianP99) + " vs " + fmtMicros(p.MedianP99), "≤ fasthttp's", e.MedianP99 <= p.MedianP99})
		}
	}
	return gs
}

// WriteGoals prints the goal table.
func WriteGoals(w io.Writer, gs []Goal) {
	if len(gs) == 0 {
		return
	}
	fmt.Fprintf(w, "| row | measured | goal | |\n|---|--:|--:|---|\n")
	for _, g := range gs {
		mark := "✗"
		if g.Met {
			mark = "✓"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", g.Row, g.Value, g.Goal, mark)
	}
}

// ErrNoServers is returned when there is nothing to run.
var ErrNoServers = errors.New("loadtest: no servers")
