//go:build purego

package percpu

import "unsafe"

// Get removes an object from the pool and returns it. The object belongs to
// the caller alone and is in whatever state its last user left it. When the
// pool is empty, Get returns p.New() or, if New is nil, nil.
func (p *Pool[T]) Get() *T { return p.getSlow() }

// Put adds x to the pool. The caller must not use x afterwards. Put(nil) is
// a no-op. When the pool is full, x (or an older object) is dropped for the
// garbage collector.
func (p *Pool[T]) Put(x *T) {
	if x != nil {
		p.c.put(unsafe.Pointer(x))
	}
}
