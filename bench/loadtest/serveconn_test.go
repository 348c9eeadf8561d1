package loadtest

import (
	"net"
	"testing"

	"github.com/hotpath-go/hotpath/engine"
	"github.com/hotpath-go/hotpath/internal/testutil"
	"github.com/valyala/fasthttp"
)

const wrkRequest = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"

// BenchmarkServeConn compares the engine, hotpath's framework on the
// engine and fasthttp serving the same plaintext requests over an
// in-memory connection, interleaved by -count: one request per read, and
// 16 pipelined.
func BenchmarkServeConn(b *testing.B) {
	eng := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		w.SetHeader("Content-Type", "text/plain; charset=utf-8")
		w.WriteString(Hello)
	})}
	app := &engine.Server{Handler: frameworkApp()}
	fh := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) {
		ctx.SetContentType("text/plain; charset=utf-8")
		ctx.WriteString(Hello)
	}}
	for _, depth := range []int{1, 16} {
		var batch []byte
		for range depth {
			batch = append(batch, wrkRequest...)
		}
		for _, s := range []struct {
			name  string
			serve func(net.Conn) error
		}{{"engine", eng.ServeConn}, {"hotpath/engine", app.ServeConn}, {"fasthttp", fh.ServeConn}} {
			b.Run(s.name+"/depth"+string(rune('0'+depth/10))+string(rune('0'+depth%10)), func(b *testing.B) {
				s.serve(&testutil.LoopConn{Batch: batch, N: 10})
				b.ReportAllocs()
				b.ResetTimer()
				s.serve(&testutil.LoopConn{Batch: batch, N: (b.N + depth - 1) / depth})
			})
		}
	}
}
