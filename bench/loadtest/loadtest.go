// Package loadtest runs hello-world servers of hotpath's framework, gin and
// net/http.ServeMux on loopback and drives them with real HTTP load: wrk when
// it is installed, otherwise a small load generator written in Go. It
// reports requests per second side by side.
//
// Every run is bounded in time (Options.Duration per server and round) and
// listens on 127.0.0.1 with a port the kernel picks; servers are shut down
// when their run ends. The load generator shares the machine with the
// server, so the absolute numbers say as much about the machine as about the
// framework: read the ratios.
package loadtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/hotpath-go/hotpath/framework"
)

// Hello is the body every app answers GET / with.
const Hello = "Hello, World!"

// App is one hello-world server.
type App struct {
	Name    string
	Handler http.Handler
}

// Apps returns the hello-world apps: hotpath first, then gin and ServeMux.
func Apps() []App {
	hp := framework.New()
	hp.GET("/", func(c *framework.Context) error { return c.String(http.StatusOK, Hello) })

	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	g.GET("/", func(c *gin.Context) { c.String(http.StatusOK, Hello) })

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, Hello)
	})
	return []App{{"hotpath", hp}, {"gin", g}, {"ServeMux", mux}}
}

// Options bound a load test.
type Options struct {
	Duration time.Duration // per server and round; wrk rounds it up to whole seconds
	Rounds   int           // rounds of every app, interleaved (A B C, B C A, ...)
	Conns    int           // concurrent connections
	Threads  int           // wrk threads (the Go generator uses Conns goroutines)
	Wrk      string        // path of wrk, "" to look it up in PATH; "-" forces the Go generator
	Progress io.Writer     // a line per run, or nil
}

// Result is one app's outcome.
type Result struct {
	Name       string    `json:"name"`
	Driver     string    `json:"driver"`      // "wrk" or "go"
	PerSec     []float64 `json:"req_per_sec"` // one per round
	Errors     int64     `json:"errors"`      // failed requests and non-200 answers, all rounds
	MedianRate float64   `json:"median_req_per_sec"`
}

// Run serves each app on loopback in turn and measures it. ctx cancels it.
func Run(ctx context.Context, apps []App, o Options) ([]Result, error) {
	if len(apps) == 0 {
		return nil, ErrNoApps
	}
	if o.Duration <= 0 {
		o.Duration = 5 * time.Second
	}
	if o.Rounds < 1 {
		o.Rounds = 1
	}
	if o.Conns < 1 {
		o.Conns = 32
	}
	if o.Threads < 1 {
		o.Threads = 2
	}
	wrk := o.Wrk
	if wrk == "" {
		if p, err := exec.LookPath("wrk"); err == nil {
			wrk = p
		}
	}
	if wrk == "-" {
		wrk = ""
	}
	res := make([]Result, len(apps))
	for i, a := range apps {
		res[i].Name = a.Name
	}
	for r := 0; r < o.Rounds; r++ {
		// Each round starts with a different app, so that no app is
		// always the first one measured.
		for k := range apps {
			i := (k + r) % len(apps)
			a := apps[i]
			rate, errs, driver, err := runOne(ctx, a, o, wrk)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", a.Name, err)
			}
			res[i].Driver = driver
			res[i].PerSec = append(res[i].PerSec, rate)
			res[i].Errors += errs
			if o.Progress != nil {
				fmt.Fprintf(o.Progress, "load       %-10s round %d: %.0f req/s (%s)\n", a.Name, r+1, rate, driver)
			}
		}
	}
	for i := range res {
		v := slices.Clone(res[i].PerSec)
		slices.Sort(v)
		res[i].MedianRate = v[len(v)/2]
		if len(v)%2 == 0 {
			res[i].MedianRate = (v[len(v)/2-1] + v[len(v)/2]) / 2
		}
	}
	return res, nil
}

// runOne serves one app on 127.0.0.1:0 for one measurement.
func runOne(ctx context.Context, a App, o Options, wrk string) (rate float64, errs int64, driver string, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, "", err
	}
	srv := &http.Server{Handler: a.Handler, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		srv.Serve(ln)
		close(done)
	}()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(sctx) != nil {
			srv.Close()
		}
		<-done
	}()
	url := "http://" + ln.Addr().String() + "/"
	// A first request checks the app before it is measured.
	if err := check(ctx, url); err != nil {
		return 0, 0, "", err
	}
	// A short warm-up with the Go generator, not counted, so that the
	// measured run does not pay for the server's first connections.
	warm := o
	warm.Duration = min(o.Duration/8, 250*time.Millisecond)
	runGo(ctx, url, warm)
	if wrk != "" {
		rate, errs, err = runWrk(ctx, wrk, url, o)
		return rate, errs, "wrk", err
	}
	rate, errs = runGo(ctx, url, o)
	return rate, errs, "go", nil
}

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
	if resp.StatusCode != http.StatusOK || string(b) != Hello {
		return fmt.Errorf("GET /: %d %q, want 200 %q", resp.StatusCode, b, Hello)
	}
	return nil
}

var (
	wrkRate   = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkNon2xx = regexp.MustCompile(`Non-2xx or 3xx responses:\s+([0-9]+)`)
	wrkSocket = regexp.MustCompile(`Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)`)
)

// runWrk runs wrk against url and parses its summary.
func runWrk(ctx context.Context, wrk, url string, o Options) (float64, int64, error) {
	secs := int((o.Duration + time.Second - 1) / time.Second)
	ctx, cancel := context.WithTimeout(ctx, time.Duration(secs)*time.Second+10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, wrk, "-t", strconv.Itoa(min(o.Threads, o.Conns)), "-c", strconv.Itoa(o.Conns),
		"-d", strconv.Itoa(secs)+"s", "--timeout", "2s", url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, 0, fmt.Errorf("wrk: %v: %s", err, out)
	}
	return parseWrk(string(out))
}

// parseWrk reads requests/s and the error counts from wrk's output.
func parseWrk(out string) (float64, int64, error) {
	m := wrkRate.FindStringSubmatch(out)
	if m == nil {
		return 0, 0, fmt.Errorf("wrk: no Requests/sec in output: %s", out)
	}
	rate, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, 0, err
	}
	var errs int64
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		errs += n
	}
	if m := wrkSocket.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			n, _ := strconv.ParseInt(s, 10, 64)
			errs += n
		}
	}
	return rate, errs, nil
}

// runGo is the load generator used when wrk is absent: o.Conns goroutines,
// each with its own keep-alive connection, sending GET / back to back until
// the duration is over. Only complete 200 answers with the right body count.
func runGo(ctx context.Context, url string, o Options) (float64, int64) {
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var ok, bad atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range o.Conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
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
			req, _ := http.NewRequest(http.MethodGet, url, nil)
			for ctx.Err() == nil {
				if err := req.Write(conn); err != nil {
					break
				}
				resp, err := http.ReadResponse(br, req)
				if err != nil {
					break
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					break
				}
				if resp.StatusCode == http.StatusOK && string(b) == Hello {
					ok.Add(1)
				} else {
					bad.Add(1)
				}
			}
			if ctx.Err() == nil {
				bad.Add(1) // the connection failed before the end
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	return float64(ok.Load()) / el.Seconds(), bad.Load()
}

// WriteTable prints the results as a Markdown table, with each app's rate
// relative to the first app's.
func WriteTable(w io.Writer, rs []Result) {
	fmt.Fprintf(w, "| server | requests/s (median) | rounds | ours / this | errors | driver |\n|---|--:|--:|--:|--:|---|\n")
	for i, r := range rs {
		ratio := ""
		if i > 0 && r.MedianRate > 0 {
			// ours/this on time per request = this rate / ours rate.
			ratio = fmt.Sprintf("%.2f", r.MedianRate/rs[0].MedianRate)
		}
		name := r.Name
		if i == 0 {
			name = "**" + name + "**"
		}
		fmt.Fprintf(w, "| %s | %.0f | %d | %s | %d | %s |\n", name, r.MedianRate, len(r.PerSec), ratio, r.Errors, r.Driver)
	}
}

// ErrNoApps is returned when there is nothing to run.
var ErrNoApps = errors.New("loadtest: no apps")
