package percpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestCounterZeroValue(t *testing.T) {
	var c Counter
	if v := c.Load(); v != 0 {
		t.Fatalf("zero Counter: Load = %d", v)
	}
	c.Add(0)
	c.Add(5)
	c.Add(-7)
	if v := c.Load(); v != -2 {
		t.Fatalf("Load = %d, want -2", v)
	}
}

func TestCounterExact(t *testing.T) {
	var c Counter
	workers := 4 * runtime.GOMAXPROCS(0)
	n := iters(100000)
	var want atomic.Int64
	var wg sync.WaitGroup
	for id := range workers {
		wg.Go(func() {
			var sum int64
			for i := range n {
				d := int64(i%7 - 2 + id) // mixed signs
				c.Add(d)
				sum += d
				if i%1024 == 0 {
					runtime.Gosched()
				}
			}
			want.Add(sum)
		})
	}
	wg.Wait()
	if got := c.Load(); got != want.Load() {
		t.Fatalf("Load = %d, want %d", got, want.Load())
	}
}

// TestCounterMonotone: with only positive Adds, successive Loads by one
// goroutine never go down, and never exceed what was added.
func TestCounterMonotone(t *testing.T) {
	var c Counter
	var added atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				added.Add(1) // before the Add: Load can never pass it
				c.Add(1)
			}
		})
	}
	last := int64(0)
	for range iters(20000) {
		v := c.Load()
		if v < last {
			t.Fatalf("Load went down: %d after %d", v, last)
		}
		if a := added.Load(); v > a {
			t.Fatalf("Load = %d, more than the %d added", v, a)
		}
		last = v
	}
	close(stop)
	wg.Wait()
	if got := c.Load(); got != added.Load() {
		t.Fatalf("final Load = %d, want %d", got, added.Load())
	}
}

// TestGOMAXPROCSChanges moves GOMAXPROCS up and down while goroutines use
// a Pool and a Counter: no index goes out of range, no object is held
// twice, no Add is lost.
func TestGOMAXPROCSChanges(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var c Counter
	var made atomic.Int64
	p := Pool[obj]{New: newObj(&made)}
	stop := make(chan struct{})
	var want atomic.Int64
	var wg sync.WaitGroup
	for id := range 8 {
		wg.Go(func() {
			var sum int64
			defer func() { want.Add(sum) }()
			for i := 0; ; i++ {
				if i%64 == 0 {
					select {
					case <-stop:
						return
					default:
					}
					// Let the goroutine changing GOMAXPROCS run even
					// when there is a single P.
					runtime.Gosched()
				}
				x := p.Get()
				take(t, x, id)
				c.Add(int64(id + 1))
				sum += int64(id + 1)
				give(t, x, id)
				p.Put(x)
			}
		})
	}
	procs := []int{1, 4, 2, 8, 3, 1, 16, 5, 2, 32, 1, 7}
	for i := range iters(240) {
		runtime.GOMAXPROCS(procs[i%len(procs)])
		runtime.Gosched()
		// Load while the table may be growing under it.
		if v := c.Load(); v < 0 {
			t.Fatalf("Load = %d, below zero with only positive Adds", v)
		}
	}
	close(stop)
	wg.Wait()
	if got := c.Load(); got != want.Load() {
		t.Fatalf("Load = %d, want %d", got, want.Load())
	}
	if c.n.Load() == 0 || p.c.n.Load() == 0 {
		t.Fatal("no cells after use")
	}
	t.Logf("%d Adds; Counter %d cells, Pool %d cells", want.Load(), c.n.Load(), p.c.n.Load())
}
