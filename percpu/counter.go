package percpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/race"
)

// Counter is a sum spread over per-P cells: Add is cheap under contention,
// Load sums the cells.
//
// The zero value is zero and ready to use; a Counter must not be copied
// after first use. It costs 128 bytes per P. See the package doc for what
// Load sees while Adds are running.
type Counter struct {
	// n and base publish the current cells as core's do for shards.
	n     atomic.Uintptr
	base  atomic.Pointer[cell]
	gens  atomic.Pointer[cellGen] // every array ever published, newest first
	mu    sync.Mutex              // guards growth
	spill atomic.Int64            // Adds that found no cell (GOMAXPROCS grew under them)
}

// cell is one P's share of a Counter, alone in its 128 bytes.
type cell struct {
	v int64
	_ [cacheLine - 8]byte
}

// cellGen is one published array of cells. Growth does not copy the old
// array into the new one: an Add that loaded the old array may still be
// writing to it. Instead every array stays in the list of generations and
// Load sums them all, so no Add is ever lost. Growth at least doubles the
// array, so there are few generations.
type cellGen struct {
	cells []cell
	prev  *cellGen
}

// cell returns cell i of the current array; the caller has checked i < n
// with an n loaded before base.
func (c *Counter) cell(i uintptr) *cell {
	return (*cell)(unsafe.Add(unsafe.Pointer(c.base.Load()), i*unsafe.Sizeof(cell{})))
}

// plainAdd says Add may update its pinned cell with a plain load and store:
// pinning makes the caller the only writer, and on 64-bit platforms an
// aligned 64-bit store is never torn, so a concurrent Load reads either the
// old or the new value. Under -race the detector must see a synchronising
// operation, and on 32-bit platforms the store would tear; both use an
// atomic add instead.
const plainAdd = !race.Enabled && ptrSize == 8

// Add adds n to the counter.
func (c *Counter) Add(n int64) {
	cells := c.n.Load() // before pinning: a nil *Counter panics here
	if asm.Purego {
		if cells == 0 { // a power of two once grown
			c.grow()
			cells = c.n.Load()
		}
		atomic.AddInt64(&c.cell(hint()&(cells-1)).v, n)
		return
	}
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

// addSlow grows the cells to cover this P and retries once; if GOMAXPROCS
// grew again in between, n goes to the spill cell. Pinned only.
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

// Load returns the sum of every Add that happened before it, plus any subset
// of the Adds running concurrently with it.
func (c *Counter) Load() int64 {
	sum := c.spill.Load()
	for g := c.gens.Load(); g != nil; g = g.prev {
		for i := range g.cells {
			sum += atomic.LoadInt64(&g.cells[i].v)
		}
	}
	return sum
}

// grow publishes a table covering GOMAXPROCS (hashed: the machine's fixed
// cell count; see wantCells). It runs unpinned.
func (c *Counter) grow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := int(c.n.Load())
	n := wantCells(runtime.GOMAXPROCS(0))
	if old >= n {
		return
	}
	if old > 0 {
		n = max(n, 2*old)
	}
	g := &cellGen{cells: make([]cell, n), prev: c.gens.Load()}
	// Generations first: an Add that writes to the new array and happens
	// before a Load must be seen by it, so the Load must find the array.
	c.gens.Store(g)
	c.base.Store(&g.cells[0])
	c.n.Store(uintptr(n))
}
