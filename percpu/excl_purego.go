//go:build purego

package percpu

import "sync"

// excl is the shard's lock: without pinning, it is what gives a shard to one
// goroutine at a time.
type excl struct{ mu sync.Mutex }

const raceEnabled = false
