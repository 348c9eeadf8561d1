package percpu

import (
	"sync"
	"sync/atomic"
	"testing"
)

// The side-by-side goal benchmarks live in bench/suite/percpu.go; these
// isolate the parts, for profiling.

type ctx1300 struct {
	id  uint64
	p   *int
	buf [1288]byte
}

func BenchmarkPoolGetPut(b *testing.B) {
	p := Pool[ctx1300]{New: func() *ctx1300 { return new(ctx1300) }}
	for b.Loop() {
		p.Put(p.Get())
	}
}

func BenchmarkSyncPoolGetPut(b *testing.B) {
	p := sync.Pool{New: func() any { return new(ctx1300) }}
	for b.Loop() {
		p.Put(p.Get().(*ctx1300))
	}
}

func BenchmarkCounterAdd(b *testing.B) {
	var c Counter
	for b.Loop() {
		c.Add(1)
	}
}

func BenchmarkAtomicAdd(b *testing.B) {
	var c atomic.Int64
	for b.Loop() {
		c.Add(1)
	}
}

func BenchmarkCounterAddParallel(b *testing.B) {
	var c Counter
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Add(1)
		}
	})
}

func BenchmarkAtomicAddParallel(b *testing.B) {
	var c atomic.Int64
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			c.Add(1)
		}
	})
}
