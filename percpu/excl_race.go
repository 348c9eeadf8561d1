//go:build !purego && race

package percpu

import "sync"

// excl is a mutex that is never contended: pinning already gives a shard to
// one goroutine at a time. Under -race it does two jobs. It tells the race
// detector about the happens-before edge that pinning provides (the
// detector cannot see the scheduler), and it checks that pinning works: a
// failed TryLock means two goroutines held one P's shard at once.
type excl struct{ mu sync.Mutex }

func (e *excl) lock() {
	if !e.mu.TryLock() {
		procUnpin() // the runtime turns a panic while pinned into a fatal error
		panic("percpu: shard held twice while pinned")
	}
}

func (e *excl) unlock() { e.mu.Unlock() }

const raceEnabled = true
