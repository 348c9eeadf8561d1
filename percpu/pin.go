package percpu

import (
	"runtime"
	"sync"
	"unsafe" // for go:linkname, and the purego hint

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/race"
)

// How a goroutine finds its cell. Both ways are compiled into every build;
// the constant asm.Purego picks one and the compiler drops the other.
//
//   - Pinned (the default): procPin keeps the goroutine on its P and returns
//     the P's id, which indexes the cells. Pinning alone gives a cell to one
//     goroutine at a time.
//   - Hashed (-tags purego on amd64 and arm64, where asm.Purego is true):
//     nothing from the runtime. A goroutine hashes the address of its own
//     stack (stable for a goroutine, different between goroutines, free to
//     compute), so concurrent goroutines mostly land on different cells and
//     a goroutine keeps reusing one. The hash is only a hint: Pool cells are
//     claimed with the shard's lock and Counter cells updated atomically, so
//     a collision costs time, never correctness.

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

// locked says the shard's lock is taken: always when hashed, and under
// -race, where it is never contended but tells the race detector about the
// happens-before edge pinning provides (the detector cannot see the
// scheduler) and checks that pinning works.
const locked = asm.Purego || race.Enabled

// excl is the shard's lock. It is an unused word when pinned without -race.
type excl struct{ mu sync.Mutex }

// lock takes the shard of a pinned goroutine.
func (e *excl) lock() {
	if locked && !e.mu.TryLock() {
		procUnpin() // the runtime turns a panic while pinned into a fatal error
		panic("percpu: shard held twice while pinned")
	}
}

func (e *excl) unlock() {
	if locked {
		e.mu.Unlock()
	}
}

// wantCells is the table size for n = GOMAXPROCS: one cell per P when
// pinned. Hashed cells ignore GOMAXPROCS: the table is sized once for the
// machine's parallelism, a power of two, and never grows.
func wantCells(n int) int {
	if asm.Purego {
		c := 8
		for c < 4*runtime.NumCPU() {
			c *= 2
		}
		return c
	}
	return max(n, 1)
}

// hint hashes the caller's stack address: the hashed way's cell index.
//
//go:noinline
func hint() uintptr {
	var b byte
	x := uint64(uintptr(unsafe.Pointer(&b))) >> 9
	x *= 0x9e3779b97f4a7c15
	return uintptr(x >> 32)
}

// acquire returns the caller's shard, held (pinned, or locked when hashed),
// or nil. Pinned, it returns nil when there are no shards yet or the P id is
// beyond them (GOMAXPROCS grew); n is loaded before pinning, so that a nil
// *Pool panics here, not while pinned (which the runtime would turn into a
// fatal error). Hashed, it takes the hinted shard if free, else one of the
// next three, else waits for the hinted one; it returns nil only before the
// first table exists.
func (c *core) acquire() *shard {
	n := c.n.Load()
	if asm.Purego {
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
	if !asm.Purego {
		procUnpin()
	}
}
