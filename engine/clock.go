package engine

import (
	"sync"
	"sync/atomic"
	"time"
)

// clockTick is the coarse clock's resolution: the Date field and the
// deadlines' starting points are at most this stale.
const clockTick = 50 * time.Millisecond

// clock is a coarse clock for the request path, where time.Now (one or two
// vDSO calls, about 100 ns on some virtual machines) would be paid on every
// read: one goroutine stores the time every clockTick while any connection
// is open, and readers pay one atomic load. The goroutine ends within a
// tick of the last connection's end.
var clock coarseClock

type coarseClock struct {
	mu      sync.Mutex
	users   int
	running bool
	nanos   atomic.Int64 // since clockBase, monotonic
	unix    atomic.Int64 // wall clock, seconds since 1970
}

// clockBase carries the monotonic reading every coarse time is built on.
var clockBase = time.Now()

// now returns the coarse monotonic time in nanoseconds since clockBase, at
// most clockTick behind time.Now while the clock has users. Deadlines are
// kept in this form: comparing them is comparing integers.
func (k *coarseClock) now() int64 { return k.nanos.Load() }

// seconds returns the coarse wall-clock time in seconds since 1970.
func (k *coarseClock) seconds() int64 { return k.unix.Load() }

// toTime converts a coarse time to a time.Time for SetDeadline.
func toTime(nanos int64) time.Time { return clockBase.Add(time.Duration(nanos)) }

func (k *coarseClock) set() {
	now := time.Now()
	k.nanos.Store(int64(now.Sub(clockBase)))
	k.unix.Store(now.Unix())
}

func (k *coarseClock) acquire() {
	k.mu.Lock()
	k.users++
	if !k.running {
		k.running = true
		k.set()
		go k.run()
	}
	k.mu.Unlock()
}

func (k *coarseClock) release() {
	k.mu.Lock()
	k.users--
	k.mu.Unlock()
}

func (k *coarseClock) run() {
	t := time.NewTicker(clockTick)
	defer t.Stop()
	for range t.C {
		k.set()
		k.mu.Lock()
		if k.users == 0 {
			k.running = false
			k.mu.Unlock()
			return
		}
		k.mu.Unlock()
	}
}
