package loadtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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

// TestWrkClientBusy runs runWrk on two stand-ins for wrk that print wrk's
// summary: one spins on its CPU first, one sleeps. The measured client
// share must tell them apart, or the table's "client-bound" mark means
// nothing.
func TestWrkClientBusy(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	summary := "  1 threads and 64 connections\n     99%    1.25ms\n  1000 requests in 1.00s, 1.00MB read\nRequests/sec:  1000.00\n"
	dir := t.TempDir()
	fake := func(name, work string) string {
		p := filepath.Join(dir, name)
		body := "#!" + sh + "\n" + work + "\ncat <<'EOF'\n" + summary + "EOF\n"
		if err := os.WriteFile(p, []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	spin := fake("spin", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done")
	idle := fake("idle", "sleep 0.3")
	sc := Scenario{Name: "plaintext", Path: "/", Conns: 64, Depth: 1}
	ms, err := runWrk(context.Background(), spin, "", "http://127.0.0.1:1/", sc, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	mi, err := runWrk(context.Background(), idle, "", "http://127.0.0.1:1/", sc, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if ms.rate != 1000 || mi.rate != 1000 {
		t.Fatalf("rates %v and %v, want 1000", ms.rate, mi.rate)
	}
	t.Logf("client busy: spinning %.2f, sleeping %.2f", ms.client, mi.client)
	if ms.client < 0.2 || mi.client > 0.1 {
		t.Fatalf("client busy: spinning %.2f, sleeping %.2f; want > 0.2 and < 0.1", ms.client, mi.client)
	}
}
