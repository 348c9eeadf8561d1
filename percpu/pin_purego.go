//go:build purego

package percpu

import (
	"runtime"
	"sync/atomic"
	"unsafe"
)

// The purego build links nothing from the runtime. A goroutine picks its
// cell by hashing the address of its own stack (stable for a goroutine,
// different between goroutines, free to compute), so concurrent goroutines
// mostly land on different cells and a goroutine keeps reusing one. The
// hash is only a hint: Pool cells are claimed with TryLock and Counter cells
// updated atomically, so a collision costs time, never correctness.

// wantCells ignores GOMAXPROCS: the cell is chosen by hash, not by P, so the
// table is sized once for the machine's parallelism and never grows.
func wantCells(int) int {
	n := 8
	for n < 4*runtime.NumCPU() {
		n *= 2
	}
	return n
}

// hint hashes the caller's stack address.
//
//go:noinline
func hint() uintptr {
	var b byte
	x := uint64(uintptr(unsafe.Pointer(&b))) >> 9
	x *= 0x9e3779b97f4a7c15
	return uintptr(x >> 32)
}

// acquire locks and returns a shard: the hinted one if free, else one of the
// next three; if all are busy it waits for the hinted one. It returns nil
// only before the first table exists.
func (c *core) acquire() *shard {
	n := c.n.Load() // a power of two, or 0 before the first Put
	if n == 0 {
		return nil
	}
	h := hint()
	for i := uintptr(0); i < min(n, 4); i++ {
		s := c.shard((h + i) & (n - 1))
		if s.ex.mu.TryLock() {
			return s
		}
	}
	s := c.shard(h & (n - 1))
	s.ex.mu.Lock()
	return s
}

func (c *core) release(s *shard) { s.ex.mu.Unlock() }

// Add adds n to the counter.
func (c *Counter) Add(n int64) {
	cells := c.n.Load() // a power of two, or 0 before the first Add
	if cells == 0 {
		c.grow()
		cells = c.n.Load()
	}
	atomic.AddInt64(&c.cell(hint()&(cells-1)).v, n)
}
