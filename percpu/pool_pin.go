//go:build !purego

package percpu

import "unsafe"

// Get removes an object from the pool and returns it. The object belongs to
// the caller alone and is in whatever state its last user left it. When the
// pool is empty, Get returns p.New() or, if New is nil, nil.
func (p *Pool[T]) Get() *T {
	// The fast path is written out here, not shared with the slow path:
	// one call level and no interface is what makes it cheaper than
	// sync.Pool. n is loaded before pinning, so that a nil *Pool panics
	// here rather than while pinned.
	n := p.c.n.Load()
	pid := uintptr(procPin())
	if pid < n {
		s := p.c.shard(pid)
		s.ex.lock()
		if x := s.private; x != nil {
			s.private = nil
			s.ex.unlock()
			procUnpin()
			return (*T)(x)
		}
		s.ex.unlock()
	}
	procUnpin()
	return p.getSlow()
}

// Put adds x to the pool. The caller must not use x afterwards. Put(nil) is
// a no-op. When the pool is full, x (or an older object) is dropped for the
// garbage collector.
func (p *Pool[T]) Put(x *T) {
	if x == nil {
		return
	}
	n := p.c.n.Load()
	pid := uintptr(procPin())
	if pid < n {
		s := p.c.shard(pid)
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
	p.c.put(unsafe.Pointer(x))
}
