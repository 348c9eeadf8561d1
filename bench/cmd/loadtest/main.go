// Command loadtest serves the hello-world apps of hotpath, gin and
// net/http.ServeMux on loopback and drives each with wrk (or a Go load
// generator when wrk is not installed), printing requests/s side by side.
// It stops by itself after rounds × apps × duration.
//
//	cd bench && go run ./cmd/loadtest -d 5s -rounds 3
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/hotpath-go/hotpath/bench/loadtest"
)

func main() {
	d := flag.Duration("d", 5*time.Second, "duration per server and round")
	rounds := flag.Int("rounds", 3, "rounds (A B C A B C ...)")
	conns := flag.Int("c", 32, "connections")
	threads := flag.Int("t", 2, "wrk threads")
	wrk := flag.String("wrk", "", `path of wrk ("" = look it up in PATH, "-" = use the Go load generator)`)
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rs, err := loadtest.Run(ctx, loadtest.Apps(), loadtest.Options{
		Duration: *d, Rounds: *rounds, Conns: *conns, Threads: *threads, Wrk: *wrk, Progress: os.Stderr,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
	loadtest.WriteTable(os.Stdout, rs)
}
