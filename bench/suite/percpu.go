package suite

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hotpath-go/hotpath/percpu"
)

// reqCtx stands for a framework's per-request context: about 1.3 KB, with a
// few pointer fields and a large inline buffer.
type reqCtx struct {
	id       uint64
	method   string
	path     string
	handlers []func()
	keys     map[string]any
	params   [8]struct{ k, v string }
	buf      [1000]byte
}

var sinkCtx *reqCtx

func init() {
	Register(
		Case{
			Group: "percpu",
			Name:  "Pool/GetPut/serial",
			Ours: Bench{"percpu.Pool", func(b *testing.B) {
				p := percpu.Pool[reqCtx]{New: func() *reqCtx { return new(reqCtx) }}
				for b.Loop() {
					x := p.Get()
					p.Put(x)
				}
			}},
			Peers: []Bench{{"sync.Pool", func(b *testing.B) {
				p := sync.Pool{New: func() any { return new(reqCtx) }}
				for b.Loop() {
					x := p.Get().(*reqCtx)
					p.Put(x)
				}
			}}},
			Goal:       0.5,
			ZeroAllocs: true,
			Quick:      true,
		},
		Case{
			Group: "percpu",
			Name:  "Pool/GetPut/parallel",
			Ours: Bench{"percpu.Pool", func(b *testing.B) {
				p := percpu.Pool[reqCtx]{New: func() *reqCtx { return new(reqCtx) }}
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						x := p.Get()
						p.Put(x)
					}
				})
			}},
			Peers: []Bench{{"sync.Pool", func(b *testing.B) {
				p := sync.Pool{New: func() any { return new(reqCtx) }}
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						x := p.Get().(*reqCtx)
						p.Put(x)
					}
				})
			}}},
			Goal:       0.5,
			ZeroAllocs: true,
			Quick:      true,
		},
		Case{
			Group: "percpu",
			Name:  "Counter/Add/parallel",
			Ours: Bench{"percpu.Counter", func(b *testing.B) {
				var c percpu.Counter
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						c.Add(1)
					}
				})
				if c.Load() != int64(b.N) {
					b.Fatalf("Counter = %d after %d Adds", c.Load(), b.N)
				}
			}},
			Peers: []Bench{{"atomic.Int64", func(b *testing.B) {
				var c atomic.Int64
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						c.Add(1)
					}
				})
			}}},
			Goal:       0.5,
			ZeroAllocs: true,
			Quick:      true,
		},
	)
}
