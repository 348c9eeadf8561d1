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
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/hotpath-go/hotpath/bench/loadtest"
)

func main() {
	name := flag.String("server", "engine", "server: "+strings.Join(loadtest.ServerNames(), ", "))
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	prof := flag.String("cpuprofile", "", "write a CPU profile here, from start until SIGINT or SIGTERM")
	flag.Parse()
	if *prof != "" {
		f, err := os.Create(*prof)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadserver:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		go func() {
			<-sig
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(0)
		}()
	}
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
