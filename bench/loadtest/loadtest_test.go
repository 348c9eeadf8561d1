package loadtest

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestRunGo runs every app briefly under the Go load generator: each must
// answer, with no errors and a positive rate.
func TestRunGo(t *testing.T) {
	rs, err := Run(context.Background(), Apps(), Options{Duration: 150 * time.Millisecond, Conns: 4, Wrk: "-"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 {
		t.Fatalf("%d results, want 3", len(rs))
	}
	for _, r := range rs {
		if r.Driver != "go" || r.MedianRate <= 0 || r.Errors != 0 {
			t.Errorf("%s: driver %s, %.0f req/s, %d errors", r.Name, r.Driver, r.MedianRate, r.Errors)
		}
	}
	var b strings.Builder
	WriteTable(&b, rs)
	if !strings.Contains(b.String(), "| **hotpath** |") {
		t.Errorf("table lacks hotpath:\n%s", b.String())
	}
}

func TestParseWrk(t *testing.T) {
	out := `Running 2s test @ http://127.0.0.1:40000/
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   350.00us  200.00us   5.00ms   90.00%
    Req/Sec    40.00k     2.00k   45.00k    70.00%
  160000 requests in 2.00s, 20.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  80012.34
Transfer/sec:     10.00MB
`
	rate, errs, err := parseWrk(out)
	if err != nil || rate != 80012.34 || errs != 7 {
		t.Fatalf("parseWrk = %v, %d, %v; want 80012.34, 7, nil", rate, errs, err)
	}
	if _, _, err := parseWrk("garbage"); err == nil {
		t.Fatal("parseWrk accepted output without a rate")
	}
}

func TestNoApps(t *testing.T) {
	if _, err := Run(context.Background(), nil, Options{}); err != ErrNoApps {
		t.Fatalf("err = %v, want ErrNoApps", err)
	}
}
