package loadtest

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/engine"
	"github.com/valyala/fasthttp"
)

// memConn hands out batch n times, one per Read, then io.EOF; writes are
// dropped. Serving over it measures a server's own work a request, with
// no system call: the part of the cost the two servers do not share.
type memConn struct {
	batch []byte
	n     int
}

func (c *memConn) Read(p []byte) (int, error) {
	if c.n == 0 {
		return 0, io.EOF
	}
	c.n--
	return copy(p, c.batch), nil
}
func (c *memConn) Write(p []byte) (int, error)      { return len(p), nil }
func (c *memConn) Close() error                     { return nil }
func (c *memConn) LocalAddr() net.Addr              { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80} }
func (c *memConn) RemoteAddr() net.Addr             { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000} }
func (c *memConn) SetDeadline(time.Time) error      { return nil }
func (c *memConn) SetReadDeadline(time.Time) error  { return nil }
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }

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
				s.serve(&memConn{batch: batch, n: 10})
				b.ReportAllocs()
				b.ResetTimer()
				s.serve(&memConn{batch: batch, n: (b.N + depth - 1) / depth})
			})
		}
	}
}
