// Command loadserver serves one of the load test's servers (GET / as
// plaintext, GET /json) on loopback, for measuring it by hand:
//
//	cd bench && go build ./cmd/loadserver
//	GOMAXPROCS=1 taskset -c 0 ./loadserver -server engine -addr 127.0.0.1:8080 &
//	taskset -c 1 wrk -t1 -c64 -d5s --latency http://127.0.0.1:8080/
//
// It prints "listening on ADDR" and serves until killed.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/hotpath-go/hotpath/bench/loadtest"
)

func main() {
	name := flag.String("server", "engine", "server: "+strings.Join(loadtest.ServerNames(), ", "))
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadserver:", err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	if err := loadtest.Serve(*name, ln); err != nil {
		fmt.Fprintln(os.Stderr, "loadserver:", err)
		os.Exit(1)
	}
}
