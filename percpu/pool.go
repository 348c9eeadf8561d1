package percpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
)

// Pool is a typed pool with one cache per P (the runtime's processor), so
// Get and Put take no lock and touch no shared cache line in the common case.
//
// A P keeps at most 14 objects; a shared list bounded at 16 objects per P
// takes the overflow and feeds Ps that run dry. Unlike [sync.Pool], a Pool
// keeps its objects across garbage collections (see the package doc for
// why). The zero value is an empty pool whose Get returns nil; a Pool must
// not be copied after first use.
type Pool[T any] struct {
	// New, if not nil, makes an object when the pool is empty. It is called
	// outside any pinned section and may be called concurrently. Set it
	// before the first Get.
	New func() *T

	c core
}

// Get removes an object from the pool and returns it. The object belongs to
// the caller alone and is in whatever state its last user left it. When the
// pool is empty, Get returns p.New() or, if New is nil, nil.
func (p *Pool[T]) Get() *T {
	if asm.Purego {
		return p.getSlow()
	}
	// The fast path is written out here, not shared with the slow path:
	// one call level and no interface is what makes it cheaper than
	// sync.Pool. The nil check comes before pinning, so that a nil *Pool
	// panics here rather than while pinned; n is loaded after it, so that
	// nothing but p has to live across the call.
	c := &p.c
	pid := uintptr(procPin())
	var x unsafe.Pointer
	if pid < c.n.Load() {
		s := c.shard(pid)
		s.ex.lock()
		x = s.private
		s.private = nil
		s.ex.unlock()
	}
	procUnpin()
	if x == nil {
		return p.getSlow()
	}
	return (*T)(x)
}

// Put adds x to the pool. The caller must not use x afterwards. Put(nil) is
// a no-op. When the pool is full, x (or an older object) is dropped for the
// garbage collector.
func (p *Pool[T]) Put(x *T) {
	if x == nil {
		return
	}
	if asm.Purego {
		p.c.put(unsafe.Pointer(x))
		return
	}
	c := &p.c // the nil check, before pinning (see Get)
	pid := uintptr(procPin())
	if pid < c.n.Load() {
		s := c.shard(pid)
		s.ex.lock()
		if s.private == nil {
			s.private = unsafe.Pointer(x)
			s.ex.unlock()
			procUnpin()
			return
		}
		s.ex.unlock()
	}
	procUnpin()
	c.put(unsafe.Pointer(x))
}

// getSlow is Get after the private slot of the caller's P came up empty.
//
//go:noinline
func (p *Pool[T]) getSlow() *T {
	if x := p.c.get(); x != nil {
		return (*T)(x)
	}
	if p.New != nil {
		return p.New()
	}
	return nil
}

const (
	// cacheLine is the padding unit: two 64-byte lines, because adjacent-line
	// prefetchers pull lines in pairs.
	cacheLine = 128
	ptrSize   = unsafe.Sizeof(uintptr(0))
	// shardBuf is the depth of a P's stack behind its private slot: what
	// fills the shard's cache line beside the lock, the private slot and
	// the count.
	shardBuf = 13
	// batch is how many objects move between a P and the shared list at once.
	batch = shardBuf / 2
	// sharedPerP bounds the shared list at sharedPerP objects per cell.
	sharedPerP = 16
)

// shard is one P's cache. Only the holder of the shard (the goroutine
// pinned to its P, or when hashed the holder of its lock) touches it.
type shard struct {
	// The padding leads: a zero-size last field would make the compiler
	// pad the struct past the cache line. On 64-bit platforms it is empty.
	_       [(cacheLine - (unsafe.Sizeof(excl{})+(2+shardBuf)*ptrSize)%cacheLine) % cacheLine]byte
	ex      excl // the shard's lock when hashed and under -race; unused otherwise
	private unsafe.Pointer
	n       uintptr // number of objects in buf
	buf     [shardBuf]unsafe.Pointer
}

// A shard must fill whole cache lines; this fails to compile otherwise.
const _ = -(unsafe.Sizeof(shard{}) % cacheLine)

// core is the untyped body of Pool: objects are held as unsafe.Pointer,
// which the garbage collector sees as pointers like any other.
//
// The shards form an array published as a (base, n) pair, the way
// sync.Pool publishes its own: grow stores base, then n; readers load n,
// then base. A reader that sees the new n therefore sees the new base, and
// one that sees the old n with the new base indexes a larger array than it
// needs. A replaced array is never written again by grow; goroutines that
// loaded it may still use its shards (each still owned by one P at a time)
// until they let go, and then it and what it holds are garbage.
type core struct {
	n    atomic.Uintptr        // number of shards at base; 0 until first use
	base atomic.Pointer[shard] // first shard of the current array

	mu        sync.Mutex       // guards shared and table growth
	shared    []unsafe.Pointer // overflow stack, at most sharedMax() long
	sharedLen atomic.Int32     // len(shared), read without mu to skip it when empty
}

func (c *core) get() unsafe.Pointer {
	if s := c.acquire(); s != nil {
		if x := s.private; x != nil {
			s.private = nil
			c.release(s)
			return x
		}
		if n := s.n; n > 0 && n <= shardBuf {
			x := s.buf[n-1]
			s.buf[n-1] = nil
			s.n = n - 1
			c.release(s)
			return x
		}
		c.release(s)
	}
	return c.getShared()
}

func (c *core) put(x unsafe.Pointer) {
	if s := c.acquire(); s != nil {
		if s.private == nil {
			s.private = x
			c.release(s)
			return
		}
		if n := s.n; n < shardBuf {
			s.buf[n] = x
			s.n = n + 1
			c.release(s)
			return
		}
		// Full: keep x (the most recently used, so the warmest) and move
		// the older half of the stack to the shared list.
		var spill [batch]unsafe.Pointer
		copy(spill[:], s.buf[:batch])
		copy(s.buf[:], s.buf[batch:])
		for i := shardBuf - batch; i < shardBuf; i++ {
			s.buf[i] = nil
		}
		s.buf[shardBuf-batch] = x
		s.n = shardBuf - batch + 1
		c.release(s)
		c.pushShared(spill[:])
		return
	}
	// No usable shard: the table is missing or too small for this P.
	c.grow()
	if s := c.acquire(); s != nil {
		if s.private == nil {
			s.private = x
			c.release(s)
			return
		}
		c.release(s)
	}
	c.pushShared([]unsafe.Pointer{x})
}

// getShared takes objects from the shared list: one to return, and up to
// batch-1 more to refill the caller's shard. It returns nil when the list is
// empty.
func (c *core) getShared() unsafe.Pointer {
	if c.sharedLen.Load() == 0 {
		return nil
	}
	var got [batch]unsafe.Pointer
	c.mu.Lock()
	k := min(len(c.shared), batch)
	base := len(c.shared) - k
	copy(got[:], c.shared[base:])
	clear(c.shared[base:])
	c.shared = c.shared[:base]
	c.sharedLen.Store(int32(base))
	c.mu.Unlock()
	if k <= 1 {
		return got[0]
	}
	rest := got[1:k]
	if s := c.acquire(); s != nil {
		for len(rest) > 0 && s.n < shardBuf {
			s.buf[s.n] = rest[0]
			s.n++
			rest = rest[1:]
		}
		c.release(s)
	}
	c.pushShared(rest)
	return got[0]
}

// pushShared adds xs to the shared list, dropping what exceeds its bound.
func (c *core) pushShared(xs []unsafe.Pointer) {
	if len(xs) == 0 {
		return
	}
	c.mu.Lock()
	room := c.sharedMax() - len(c.shared)
	if room > len(xs) {
		room = len(xs)
	}
	if room > 0 {
		c.shared = append(c.shared, xs[:room]...)
		c.sharedLen.Store(int32(len(c.shared)))
	}
	c.mu.Unlock()
}

// sharedMax is the bound of the shared list.
func (c *core) sharedMax() int {
	return sharedPerP * int(max(c.n.Load(), 1))
}

// shard returns shard i of the current array; the caller has checked
// i < n with an n loaded before base.
func (c *core) shard(i uintptr) *shard {
	return (*shard)(unsafe.Add(unsafe.Pointer(c.base.Load()), i*unsafe.Sizeof(shard{})))
}

// grow makes sure a table exists that covers every P id up to GOMAXPROCS.
// It runs unpinned, under c.mu.
func (c *core) grow() {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := int(c.n.Load())
	n := wantCells(runtime.GOMAXPROCS(0))
	if old >= n {
		// Somebody grew it already, or this build's table does not follow
		// GOMAXPROCS; either way the retry will find a shard.
		return
	}
	if old > 0 {
		n = max(n, 2*old)
	}
	shards := make([]shard, n)
	c.base.Store(&shards[0])
	c.n.Store(uintptr(n))
}

// Pinned is the P of a goroutine pinned by Pin, for TakePinned and
// PutPinned: a caller on the hot path writes the fast paths of Get and Put
// out in its own body, with no call level of the Pool's. Between Pin and
// Unpin nothing may block, allocate, panic or run user code. Under the
// hashed way (asm.Purego) there is nothing to pin: TakePinned and
// PutPinned always fail, and the caller falls back to Get and Put.
type Pinned struct{ id uintptr }

// Pin pins the calling goroutine to its P until Unpin.
func Pin() Pinned {
	if asm.Purego {
		return Pinned{^uintptr(0)}
	}
	return Pinned{uintptr(procPin())}
}

// Unpin ends what Pin began.
func (Pinned) Unpin() {
	if !asm.Purego {
		procUnpin()
	}
}

// TakePinned is Get's fast path: it takes the object in the private slot
// of the pinned P, or returns nil (then call Get, after Unpin). A nil p
// gets nil too, not a panic: a panic while pinned is fatal.
func (p *Pool[T]) TakePinned(pin Pinned) *T {
	if p == nil {
		return nil
	}
	c := &p.c
	if pin.id >= c.n.Load() {
		return nil
	}
	s := c.shard(pin.id)
	s.ex.lock()
	x := s.private
	s.private = nil
	s.ex.unlock()
	return (*T)(x)
}

// PutPinned is Put's fast path: it puts x (not nil) in the private slot of
// the pinned P if that is empty, and reports whether it did (if not, call
// Put, after Unpin). A nil p gets false (see TakePinned).
func (p *Pool[T]) PutPinned(pin Pinned, x *T) bool {
	if p == nil {
		return false
	}
	c := &p.c
	if pin.id >= c.n.Load() {
		return false
	}
	s := c.shard(pin.id)
	s.ex.lock()
	ok := s.private == nil
	if ok {
		s.private = unsafe.Pointer(x)
	}
	s.ex.unlock()
	return ok
}
