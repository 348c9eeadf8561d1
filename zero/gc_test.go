package zero

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// The GC stress test zeroes pointer-holding values with Value and Slice in
// a loop while other goroutines hold, and keep checking, the objects those
// values pointed to, with the collector running almost all the time. If a
// zeroing ever overwrote a pointer without the write barrier during a mark
// phase, an object reachable only from a checker's stack could go unmarked,
// be freed and be reused: the checker would see its contents change, or the
// runtime (with GODEBUG=gccheckmark=1, which re-verifies every mark) would
// throw.

// gcNode is a pointee with contents that can be checked: its own id, a
// string and a byte slice derived from it, and a pointer to a child.
type gcNode struct {
	id    uint64
	name  string
	data  []byte
	child *gcNode
}

func newGCNode(id uint64) *gcNode {
	n := &gcNode{id: id, name: fmt.Sprint("node-", id), data: make([]byte, 48+id%64)}
	for i := range n.data {
		n.data[i] = byte(id) + byte(i)
	}
	n.child = &gcNode{id: ^id, name: "child"}
	return n
}

func (n *gcNode) check() error {
	if n.name != fmt.Sprint("node-", n.id) || len(n.data) != int(48+n.id%64) {
		return fmt.Errorf("node %d corrupted: name %q, %d bytes", n.id, n.name, len(n.data))
	}
	for i, b := range n.data {
		if b != byte(n.id)+byte(i) {
			return fmt.Errorf("node %d corrupted: data[%d] = %d", n.id, i, b)
		}
	}
	if n.child == nil || n.child.id != ^n.id || n.child.name != "child" {
		return fmt.Errorf("node %d: child corrupted", n.id)
	}
	return nil
}

// gcSmall goes through Value's inline path, gcCtx through its call window
// (memclrHasPointers), and gcList through Slice's call (zeroAt).
type gcSmall struct {
	a, b *gcNode
	n    int
}

type gcCtx struct {
	nodes [16]*gcNode
	pad   [1100]byte
	last  *gcNode
}

type gcList [512]*gcNode

// gcHolders is one round's worth of values to zero: the only heap
// references to their nodes.
type gcHolders struct {
	ctx   gcCtx
	small gcSmall
	list  gcList
}

const gcHeld = 16 + 1 + 2 + 2 // pointers a checker copies out of one gcHolders

func (h *gcHolders) fill(id *uint64) {
	next := func() *gcNode { *id++; return newGCNode(*id) }
	for j := range h.ctx.nodes {
		h.ctx.nodes[j] = next()
	}
	h.ctx.last, h.small.a, h.small.b = next(), next(), next()
	for j := range h.list {
		if j%256 == 0 {
			h.list[j] = next()
		} else {
			h.list[j] = h.list[j-j%256]
		}
	}
}

// copyOut loads h's pointers into dst, an array on the caller's stack.
// Loads have no write barrier and stack writes need none: if the
// collector has already scanned this goroutine's stack in the current
// cycle, the only thing that keeps these nodes alive is the barrier that
// zeroing h must run.
func (h *gcHolders) copyOut(dst *[gcHeld]*gcNode) {
	copy(dst[:16], h.ctx.nodes[:])
	dst[16], dst[17], dst[18] = h.ctx.last, h.small.a, h.small.b
	dst[19], dst[20] = h.list[0], h.list[256]
}

func (h *gcHolders) zero() error {
	Value(&h.ctx)
	Value(&h.small)
	Slice(h.list[:])
	if h.ctx.last != nil || h.ctx.nodes[7] != nil || h.small.a != nil || h.list[257] != nil {
		return errors.New("zeroing left a pointer behind")
	}
	return nil
}

// gcStress runs the stress for about d and returns the first corruption
// seen.
func gcStress(d time.Duration) error {
	// Value's call path, whatever this CPU would choose (its inline path is
	// the compiler's typed zeroing).
	defer func(w uintptr) { valueWindow = w }(valueWindow)
	valueWindow = 1
	const checkers = 4
	holders := make([]gcHolders, checkers)
	var (
		start = make([]chan bool, checkers) // main -> checker: holders[i] is filled; false: stop
		ack   = make(chan int, checkers)    // checker -> main: copied out, zero it
		done  = make(chan error, checkers)  // checker -> main: checked, or what broke
	)
	sinks := make([]*gcNode, checkers) // churn kept alive, one slot per checker
	var wg sync.WaitGroup
	for c := range checkers {
		start[c] = make(chan bool)
		wg.Add(1)
		go func() {
			defer wg.Done()
			var held [gcHeld]*gcNode
			for <-start[c] {
				holders[c].copyOut(&held)
				ack <- c
				var err error
				// Keep checking while the collector cycles and the heap
				// churns with objects of the same size classes, so that a
				// node freed too early is reused and seen to change.
				for round := 0; round < 20 && err == nil; round++ {
					for k := range 8 {
						sinks[c] = newGCNode(uint64(round*8 + k))
					}
					for _, n := range held {
						if err = n.check(); err != nil {
							break
						}
					}
				}
				done <- err
			}
		}()
	}

	id := uint64(0)
	deadline := time.Now().Add(d)
	var err error
	for time.Now().Before(deadline) && err == nil {
		for c := range checkers {
			holders[c].fill(&id)
		}
		for c := range checkers {
			start[c] <- true
		}
		for range checkers {
			if e := holders[<-ack].zero(); e != nil && err == nil {
				err = e
			}
		}
		for range checkers {
			if e := <-done; e != nil && err == nil {
				err = e
			}
		}
	}
	for c := range checkers {
		start[c] <- false
	}
	wg.Wait()
	return err
}

// TestGCStress runs gcStress with GOGC=1 and GODEBUG=gccheckmark=1 in a
// child process (gccheckmark is read at start-up only). Where the test
// binary cannot run itself (GOARCH emulated by qemu-user without binfmt,
// or no os/exec), it runs in-process with debug.SetGCPercent(1) instead.
func TestGCStress(t *testing.T) {
	d := 2 * time.Second
	if testing.Short() {
		d = 500 * time.Millisecond
	}
	if os.Getenv("ZERO_GC_STRESS_CHILD") == "1" {
		// The child: the environment already has GOGC=1 and gccheckmark.
		if err := gcStress(d); err != nil {
			t.Fatal(err)
		}
		return
	}
	exe, err := os.Executable()
	if err == nil {
		cmd := exec.Command(exe, "-test.run=^TestGCStress$", "-test.count=1", fmt.Sprintf("-test.short=%v", testing.Short()))
		cmd.Env = append(os.Environ(), "ZERO_GC_STRESS_CHILD=1", "GOGC=1", "GODEBUG=gccheckmark=1")
		var out []byte
		out, err = cmd.CombinedOutput()
		if err == nil {
			if !strings.Contains(string(out), "PASS") {
				t.Fatalf("child did not report PASS:\n%s", out)
			}
			t.Logf("ran in a child process with GOGC=1 GODEBUG=gccheckmark=1")
			return
		}
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			t.Fatalf("GC stress child failed: %v\n%s", err, out)
		}
	}
	// The binary could not be started (for example an arm64 test binary
	// run by qemu-aarch64-static on an amd64 host without binfmt).
	t.Logf("cannot re-run the test binary (%v); stressing in-process with SetGCPercent(1), without gccheckmark", err)
	defer debug.SetGCPercent(debug.SetGCPercent(1))
	if err := gcStress(d); err != nil {
		t.Fatal(err)
	}
}
