//go:build !purego

package percpu

import (
	"sync/atomic"
	_ "unsafe" // for go:linkname
)

// procPin disables preemption of the calling goroutine, so that it stays on
// its P until procUnpin, and returns the P's id (0 <= id < GOMAXPROCS). The
// runtime keeps it open to linkname (go.dev/issue/67401); sync.Pool uses the
// same two functions. Between the two calls nothing may block, allocate
// much, or run user code.
//
//go:linkname procPin runtime.procPin
func procPin() int

//go:linkname procUnpin runtime.procUnpin
func procUnpin()

// wantCells is the table size for n = GOMAXPROCS: one cell per P.
func wantCells(n int) int { return max(n, 1) }

// acquire pins the caller to its P and returns the P's shard, or unpins and
// returns nil when there are no shards yet or the P id is beyond them
// (GOMAXPROCS grew). n is loaded before pinning, so that a nil *Pool panics
// here, not while pinned (which the runtime would turn into a fatal error).
func (c *core) acquire() *shard {
	n := c.n.Load()
	pid := uintptr(procPin())
	if pid < n {
		s := c.shard(pid)
		s.ex.lock()
		return s
	}
	procUnpin()
	return nil
}

// release ends what acquire began.
func (c *core) release(s *shard) {
	s.ex.unlock()
	procUnpin()
}

// Add adds n to the counter.
func (c *Counter) Add(n int64) {
	cells := c.n.Load() // before pinning: a nil *Counter panics here
	pid := uintptr(procPin())
	if pid < cells {
		v := &c.cell(pid).v
		if plainAdd {
			*v += n
		} else {
			atomic.AddInt64(v, n)
		}
		procUnpin()
		return
	}
	procUnpin()
	c.addSlow(n)
}

// addSlow grows the cells to cover this P and retries once; if GOMAXPROCS grew
// again in between, n goes to the spill cell.
func (c *Counter) addSlow(n int64) {
	c.grow()
	cells := c.n.Load()
	pid := uintptr(procPin())
	if pid < cells {
		atomic.AddInt64(&c.cell(pid).v, n)
		procUnpin()
		return
	}
	procUnpin()
	c.spill.Add(n)
}
