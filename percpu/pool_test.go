package percpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
)

// obj is a pooled object that knows whether someone holds it.
type obj struct {
	owner atomic.Int32 // 1 while a goroutine holds it
	by    int          // written by the holder, checked before Put
	free  atomic.Int32 // 1 while in the pool (or fresh from New)
	_     [64]byte
}

// take claims x for goroutine id, failing the test if someone else holds it.
func take(t testing.TB, x *obj, id int) {
	if !x.owner.CompareAndSwap(0, 1) {
		t.Errorf("goroutine %d got an object someone else holds", id)
		return
	}
	if !x.free.CompareAndSwap(1, 0) {
		t.Errorf("goroutine %d got an object that was never given back", id)
	}
	x.by = id
}

// newObj is the New of the tests' pools: a fresh object counts as free.
func newObj(made *atomic.Int64) func() *obj {
	return func() *obj {
		made.Add(1)
		x := new(obj)
		x.free.Store(1)
		return x
	}
}

// give checks that x is still ours and releases it, ready for Put.
func give(t testing.TB, x *obj, id int) {
	if x.by != id {
		t.Errorf("object written by %d while held by %d", x.by, id)
	}
	if !x.owner.CompareAndSwap(1, 0) {
		t.Errorf("goroutine %d: object released by someone else", id)
	}
	x.free.Store(1)
}

// iters trims loop counts under -short (emulated architectures).
func iters(n int) int {
	if testing.Short() {
		return max(n/10, 1)
	}
	return n
}

func TestShardSize(t *testing.T) {
	if s := unsafe.Sizeof(shard{}); s%cacheLine != 0 || ptrSize == 8 && s != cacheLine {
		t.Fatalf("shard is %d bytes, want one %d-byte line on 64-bit platforms, a multiple of it elsewhere", s, cacheLine)
	}
	if s := unsafe.Sizeof(cell{}); s != cacheLine {
		t.Fatalf("cell is %d bytes, want %d", s, cacheLine)
	}
}

func TestPoolZeroValue(t *testing.T) {
	var p Pool[obj]
	if x := p.Get(); x != nil {
		t.Fatalf("zero Pool: Get = %p, want nil", x)
	}
	p.Put(nil)
	if x := p.Get(); x != nil {
		t.Fatalf("after Put(nil): Get = %p, want nil", x)
	}
	a := new(obj)
	p.Put(a)
	// The goroutine may have moved to another P between Put and Get, so
	// drain: a must come back exactly once unless it went to a cell this
	// goroutine no longer sees.
	seen := 0
	for range 64 {
		x := p.Get()
		if x == nil {
			break
		}
		if x != a {
			t.Fatalf("Get returned %p, never Put", x)
		}
		seen++
	}
	if seen > 1 {
		t.Fatalf("one Put came back %d times", seen)
	}
}

func TestPoolPutGetSameP(t *testing.T) {
	// With one P every Get sees every Put's cell, so the pool's behaviour
	// is exact.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var p Pool[obj]
	if p.Get() != nil {
		t.Fatal("empty pool returned an object")
	}
	a := new(obj)
	p.Put(a)
	if x := p.Get(); x != a && !asm.Purego {
		t.Fatalf("Get after Put = %p, want %p", x, a)
	} else if x != a && x != nil {
		t.Fatalf("Get after Put = %p, want %p or nil", x, a)
	}
	if x := p.Get(); x != nil {
		t.Fatalf("pool emptied twice: got %p", x)
	}
}

func TestPoolNew(t *testing.T) {
	var made atomic.Int64
	p := Pool[obj]{New: newObj(&made)}
	x := p.Get()
	if x == nil || made.Load() != 1 {
		t.Fatalf("Get on empty pool with New: got %p after %d calls of New", x, made.Load())
	}
	p.Put(nil) // no-op, must not count as an object
	p.Put(x)
	y := p.Get()
	if y == nil {
		t.Fatal("Get returned nil although New is set")
	}
	if y != x && made.Load() != 2 {
		t.Fatalf("Get returned a stranger %p: neither the Put object nor a New one", y)
	}
}

func TestPoolBounded(t *testing.T) {
	var p Pool[obj]
	const n = 1000
	put := make(map[*obj]bool, n)
	for range n {
		x := new(obj)
		put[x] = true
		p.Put(x)
	}
	got := map[*obj]bool{}
	for {
		x := p.Get()
		if x == nil {
			break
		}
		if !put[x] {
			t.Fatalf("Get returned %p, never Put", x)
		}
		if got[x] {
			t.Fatalf("Get returned %p twice", x)
		}
		got[x] = true
		if len(got) > n {
			break
		}
	}
	cells := int(max(p.c.n.Load(), 1))
	limit := cells * (1 + shardBuf + sharedPerP)
	if len(got) > limit {
		t.Fatalf("pool kept %d objects, bound is %d for %d cells", len(got), limit, cells)
	}
	if len(got) < sharedPerP {
		// At least the shared list is visible from every P.
		t.Fatalf("pool kept only %d of %d objects", len(got), n)
	}
}

// TestPoolOwnership: many goroutines take objects, mark them, check the
// mark, unmark and give them back, sometimes holding several at once. An
// object is never held by two goroutines or returned while in the pool.
func TestPoolOwnership(t *testing.T) {
	var made atomic.Int64
	p := Pool[obj]{New: newObj(&made)}
	workers := 4 * runtime.GOMAXPROCS(0)
	n := iters(5000)
	var gets atomic.Int64
	var wg sync.WaitGroup
	for id := range workers {
		wg.Go(func() {
			var held []*obj
			for i := range n {
				k := 1 + (i+id)%(2*shardBuf) // hold up to 28: spills and refills
				if i%3 != 0 {
					k = 1
				}
				for range k {
					x := p.Get()
					gets.Add(1)
					take(t, x, id)
					held = append(held, x)
				}
				if i%64 == 0 {
					runtime.Gosched()
				}
				for _, x := range held {
					give(t, x, id)
					p.Put(x)
				}
				held = held[:0]
			}
		})
	}
	wg.Wait()
	if made.Load() >= gets.Load() {
		t.Fatalf("no reuse: %d New calls for %d Gets", made.Load(), gets.Load())
	}
	t.Logf("%d Gets, %d New calls", gets.Load(), made.Load())
}

// TestPoolHandoff sends objects from producers to consumers on other
// goroutines (so, usually, other Ps): every object is taken by one consumer
// at a time, and objects flow back through the shared list.
func TestPoolHandoff(t *testing.T) {
	var made atomic.Int64
	p := Pool[obj]{New: newObj(&made)}
	n := iters(20000)
	ch := make(chan *obj, 64)
	var wg sync.WaitGroup
	for id := range 2 {
		wg.Go(func() {
			for range n {
				x := p.Get()
				take(t, x, id)
				give(t, x, id)
				ch <- x
			}
		})
	}
	var cons sync.WaitGroup
	for id := 2; id < 4; id++ {
		cons.Go(func() {
			for x := range ch {
				take(t, x, id)
				give(t, x, id)
				p.Put(x)
			}
		})
	}
	wg.Wait()
	close(ch)
	cons.Wait()
	if made.Load() >= int64(2*n) {
		t.Fatalf("no reuse across goroutines: %d New calls for %d Gets", made.Load(), 2*n)
	}
}

func TestNilPoolPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Get":     func() { (*Pool[obj])(nil).Get() },
		"Put":     func() { (*Pool[obj])(nil).Put(new(obj)) },
		"Add":     func() { (*Counter)(nil).Add(1) },
		"Load":    func() { (*Counter)(nil).Load() },
		"PutNil?": func() { (*Pool[obj])(nil).Put(nil) },
	} {
		func() {
			defer func() {
				if recover() == nil && name != "PutNil?" {
					t.Errorf("%s on nil receiver did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestPoolKeepsAcrossGC: objects in the pool survive garbage collection
// (the pool holds real pointers the collector sees), and, unlike
// sync.Pool, the pool is not emptied by it.
func TestPoolKeepsAcrossGC(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	type big struct {
		canary [64]uint64
		next   *big
	}
	var p Pool[big]
	const n = 20
	for i := range n {
		x := &big{next: &big{}}
		for j := range x.canary {
			x.canary[j] = uint64(i*1000 + j)
			x.next.canary[j] = ^x.canary[j]
		}
		p.Put(x)
	}
	for range 3 {
		runtime.GC()
		// Churn the heap so freed memory would be reused and scribbled on.
		var junk [][]uint64
		for range 1000 {
			b := make([]uint64, 72)
			for k := range b {
				b[k] = 0xdeadbeef
			}
			junk = append(junk, b)
		}
		runtime.KeepAlive(junk)
	}
	got := 0
	for x := p.Get(); x != nil; x = p.Get() {
		got++
		i := x.canary[0] / 1000
		for j := range x.canary {
			if x.canary[j] != i*1000+uint64(j) || x.next.canary[j] != ^x.canary[j] {
				t.Fatalf("object %d corrupted after GC at word %d", i, j)
			}
		}
	}
	if want := 1 + shardBuf + sharedPerP; !asm.Purego && got != min(n, want) {
		// One P: every object is in its shard or the shared list.
		t.Fatalf("got %d objects back after GC, want %d", got, min(n, want))
	} else if got == 0 {
		t.Fatal("GC emptied the pool")
	}
}

// TestPoolPinned: TakePinned and PutPinned are Get's and Put's fast paths
// on the private slot: they share it with Get and Put, and fail (nil,
// false) where the fast paths would (no table yet, a full or empty slot,
// and always under the hashed way).
func TestPoolPinned(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var p Pool[obj]
	pin := Pin()
	x, ok := p.TakePinned(pin), p.PutPinned(pin, new(obj))
	pin.Unpin()
	if x != nil || ok {
		t.Fatalf("no table yet: TakePinned = %p, PutPinned = %v, want nil, false", x, ok)
	}
	a, b := new(obj), new(obj)
	p.Put(a) // makes the table; a is in the private slot
	pin = Pin()
	okB := p.PutPinned(pin, b)
	x = p.TakePinned(pin)
	y := p.TakePinned(pin)
	pin.Unpin()
	if asm.Purego {
		if okB || x != nil || y != nil {
			t.Fatalf("hashed: PutPinned = %v, TakePinned = %p, %p, want false, nil, nil", okB, x, y)
		}
		return
	}
	if okB || x != a || y != nil {
		t.Fatalf("PutPinned on a full slot = %v, then TakePinned = %p, %p, want false, %p, nil", okB, x, y, a)
	}
	pin = Pin()
	okB = p.PutPinned(pin, b)
	pin.Unpin()
	if !okB {
		t.Fatal("PutPinned on an empty slot failed")
	}
	if x := p.Get(); x != b {
		t.Fatalf("Get after PutPinned = %p, want %p", x, b)
	}
}

// TestPoolPinnedNil: the pinned fast paths answer a nil pool with nil and
// false instead of panicking, which while pinned would be fatal.
func TestPoolPinnedNil(t *testing.T) {
	var p *Pool[obj]
	pin := Pin()
	x, ok := p.TakePinned(pin), p.PutPinned(pin, new(obj))
	pin.Unpin()
	if x != nil || ok {
		t.Fatalf("nil pool: TakePinned = %p, PutPinned = %v, want nil, false", x, ok)
	}
}
