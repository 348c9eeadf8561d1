// Command harness is the arm64 program armcost runs under QEMU with its
// counting plugin. It reads a plan from standard input, one item per line
// ("CASE SIDE N", or "baseline"), and for each item runs the case's loop in
// counting windows: a window opens when markerStart (or markerTrace, which
// also records the executed blocks) runs and closes when markerStop runs.
// For every window it prints "window ITEM KIND ITERS" on standard output, in
// the order the plugin sees them, so armcost can pair the two streams.
//
// It is built by armcost (GOARCH=arm64, and again with -tags purego); run it
// by hand only to debug armcost.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/bench/armcost/cases"
)

// The markers: empty and never inlined, so each is a function entry the
// plugin can recognise by address (armcost reads them with go tool nm).

//go:noinline
func markerStart() {}

//go:noinline
func markerTrace() {}

//go:noinline
func markerStop() {}

type item struct {
	name string // as read, for error messages
	tags string // build the item's side needs
	loop cases.Loop
	// period multiplies every window's iterations (cases.Case.Period).
	period int
}

func main() {
	n1 := flag.Int("n1", 2, "iterations of the short counting window")
	n2 := flag.Int("n2", 10, "iterations of the long counting window")
	reps := flag.Int("reps", 3, "repetitions of each counting window")
	trace := flag.Int("trace", 2, "iterations of the shorter of two traced windows (the other runs one more, both times the case's period); 0: no trace")
	flag.Parse()

	// Nothing may run on this thread between the markers but the loop: no
	// preemption (GODEBUG=asyncpreemptoff=1 is set by armcost), no GC, no
	// migration to another thread (the plugin counts per thread).
	runtime.LockOSThread()
	debug.SetGCPercent(-1)

	var plan []item
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		it, err := parseItem(line)
		if err != nil {
			fail(err)
		}
		if it.tags != buildTags {
			fail(fmt.Errorf("%s needs the build with tags %q; this one has %q", line, it.tags, buildTags))
		}
		plan = append(plan, it)
	}
	if err := sc.Err(); err != nil {
		fail(err)
	}

	out := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(out, "kernel %s\n", asm.Kernel())
	for i, it := range plan {
		p := it.period
		it.loop(*n2 * p) // warm up: stack growth, first use of every path
		for range *reps {
			window(out, i, "count", it.loop, *n1*p)
			window(out, i, "count", it.loop, *n2*p)
		}
		// Two pairs of traced windows: armcost uses the first whose
		// iterations repeat.
		for range min(*trace, 1) * 2 {
			window(out, i, "trace", it.loop, *trace*p)
			window(out, i, "trace", it.loop, (*trace+1)*p)
		}
	}
	if err := out.Flush(); err != nil {
		fail(err)
	}
}

// window runs loop iters times between markers and then says so.
func window(out *bufio.Writer, i int, kind string, loop cases.Loop, iters int) {
	// The runtime asks a goroutine that has run for 10ms to yield at its
	// next function call (even with asynchronous preemption off), which
	// would run the scheduler inside the window; yielding here restarts
	// that clock, and a window takes far less.
	runtime.Gosched()
	if kind == "trace" {
		markerTrace()
	} else {
		markerStart()
	}
	loop(iters)
	markerStop()
	fmt.Fprintf(out, "window %d %s %d\n", i, kind, iters)
}

func parseItem(line string) (item, error) {
	if line == "baseline" {
		return item{name: line, tags: buildTags, loop: cases.Baseline, period: 1}, nil
	}
	f := strings.Fields(line)
	if len(f) != 3 {
		return item{}, fmt.Errorf("plan line %q: want CASE SIDE N or baseline", line)
	}
	c, ok := cases.Lookup(f[0])
	if !ok {
		return item{}, fmt.Errorf("plan line %q: no case %s", line, f[0])
	}
	impl, err := c.Side(f[1])
	if err != nil {
		return item{}, err
	}
	n, err := strconv.Atoi(f[2])
	if err != nil || n < 0 {
		return item{}, fmt.Errorf("plan line %q: bad size", line)
	}
	return item{name: line, tags: impl.Tags, loop: impl.Setup(n), period: max(c.Period, 1)}, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "harness:", err)
	os.Exit(1)
}
