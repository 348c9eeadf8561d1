package loadtest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	ServeChild() // Run starts this test binary as each server
	os.Exit(m.Run())
}

// TestRunGo runs every server briefly in every scenario under the Go load
// generator, unpinned: each must answer, with no errors and a positive
// rate, and the tables must name them all.
func TestRunGo(t *testing.T) {
	rs, err := Run(context.Background(), Options{Duration: 150 * time.Millisecond, Warmup: 20 * time.Millisecond, Wrk: "-", Taskset: "-"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(Servers())*len(Scenarios()) {
		t.Fatalf("%d results, want %d", len(rs), len(Servers())*len(Scenarios()))
	}
	for _, r := range rs {
		if r.Driver != "go" || r.MedianSec <= 0 || r.Errors != 0 || r.Pinned {
			t.Errorf("%s %s: driver %s, %.0f req/s, %d errors, pinned %v", r.Server, r.Scenario, r.Driver, r.MedianSec, r.Errors, r.Pinned)
		}
	}
	var b strings.Builder
	WriteTable(&b, rs)
	for _, s := range ServerNames() {
		if !strings.Contains(b.String(), "| "+s+" |") && !strings.Contains(b.String(), "| **"+s+"** |") {
			t.Errorf("table lacks %s:\n%s", s, b.String())
		}
	}
	// Five req/s ratios, four by CPU per request (when /proc tells CPU
	// time), two p99 rows.
	if gs := Goals(rs); len(gs) < 7 || len(gs) > 11 {
		t.Errorf("%d goal rows, want 7 to 11 (a CPU row needs CPU ticks in both runs): %v", len(gs), gs)
	}
}

func TestParseWrk(t *testing.T) {
	out := `Running 2s test @ http://127.0.0.1:40000/
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   350.00us  200.00us   5.00ms   90.00%
    Req/Sec    40.00k     2.00k   45.00k    70.00%
  Latency Distribution
     50%  300.00us
     75%  400.00us
     90%  600.00us
     99%    1.25ms
  160000 requests in 2.00s, 20.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  80012.34
Transfer/sec:     10.00MB
`
	m, err := parseWrk(out)
	if err != nil || m.rate != 80012.34 || m.errs != 7 || m.p99 != 1250 {
		t.Fatalf("parseWrk = %+v, %v; want 80012.34 req/s, 7 errors, p99 1250 µs", m, err)
	}
	if _, err := parseWrk("garbage"); err == nil {
		t.Fatal("parseWrk accepted output without a rate")
	}
}

func TestOptions(t *testing.T) {
	if _, err := Run(context.Background(), Options{Servers: []string{}}); err != ErrNoServers {
		t.Fatalf("err = %v, want ErrNoServers", err)
	}
	if _, err := Run(context.Background(), Options{Servers: []string{"nginx"}}); err == nil {
		t.Fatal("an unknown server was accepted")
	}
}

func TestCPUTime(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: CPU time is reported as unknown")
	}
	if total, user := cpuTime(os.Getpid()); total < 0 || user < 0 || user > total {
		t.Fatal("cpuTime could not read this process")
	}
}
