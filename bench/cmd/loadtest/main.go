// Command loadtest measures the load test's servers (hotpath's engine,
// hotpath's framework on the engine and on net/http, gin, net/http.ServeMux, fasthttp,
// fiber), each a process of its own pinned to core 0 with GOMAXPROCS=1,
// driven by wrk pinned to core 1: plaintext and JSON at 64 connections,
// plaintext pipelined at depth 16. It prints req/s, p99 latency and server
// CPU time per request side by side, and the goal rows. It stops
// by itself after rounds × scenarios × servers × (duration + warm-up).
//
//	cd bench && go run ./cmd/loadtest -d 5s -rounds 3
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/hotpath-go/hotpath/bench/loadtest"
)

func main() {
	loadtest.ServeChild()
	d := flag.Duration("d", 5*time.Second, "duration per server, scenario and round")
	rounds := flag.Int("rounds", 3, "rounds (interleaved)")
	servers := flag.String("servers", "", "comma-separated servers (default all: "+strings.Join(loadtest.ServerNames(), ",")+")")
	scen := flag.String("scenarios", "", "comma-separated scenarios (default plaintext,pipelined,json)")
	wrk := flag.String("wrk", "", `path of wrk ("" = look it up in PATH, "-" = use the Go load generator)`)
	taskset := flag.String("taskset", "", `path of taskset ("" = look it up in PATH, "-" = run unpinned)`)
	flag.Parse()
	o := loadtest.Options{Duration: *d, Rounds: *rounds, Wrk: *wrk, Taskset: *taskset, Progress: os.Stderr}
	if *servers != "" {
		o.Servers = strings.Split(*servers, ",")
	}
	if *scen != "" {
		for _, n := range strings.Split(*scen, ",") {
			for _, s := range loadtest.Scenarios() {
				if s.Name == n {
					o.Scenarios = append(o.Scenarios, s)
				}
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rs, err := loadtest.Run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
	loadtest.WriteTable(os.Stdout, rs)
	fmt.Println()
	loadtest.WriteGoals(os.Stdout, loadtest.Goals(rs))
}
