package engine

import (
	"encoding/json"
	"io"
	"testing"

	"github.com/hotpath-go/hotpath/internal/race"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// loopConn is an in-memory connection for benchmarks (testutil.LoopConn).
type loopConn = testutil.LoopConn

// wrkRequest is the request wrk sends.
const wrkRequest = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n"

// browserRequest is a 9-header browser request.
const browserRequest = "GET /products/catalog?page=2&sort=price HTTP/1.1\r\n" +
	"Host: shop.example.com\r\n" +
	"Connection: keep-alive\r\n" +
	"Upgrade-Insecure-Requests: 1\r\n" +
	"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36\r\n" +
	"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r\n" +
	"Sec-Fetch-Site: same-origin\r\n" +
	"Sec-Fetch-Mode: navigate\r\n" +
	"Referer: https://shop.example.com/products/catalog?page=1\r\n" +
	"Accept-Encoding: gzip, deflate, br, zstd\r\n\r\n"

func benchServe(b *testing.B, h Handler, req string, depth int) {
	var batch []byte
	for range depth {
		batch = append(batch, req...)
	}
	s := &Server{Handler: h}
	// A first connection warms the pool and the buffers.
	s.ServeConn(&loopConn{Batch: batch, N: 10})
	c := &loopConn{Batch: batch, N: (b.N + depth - 1) / depth}
	b.ReportAllocs()
	b.SetBytes(int64(len(req)))
	b.ResetTimer()
	s.ServeConn(c)
	b.StopTimer()
	if c.Writes != (b.N+depth-1)/depth {
		b.Fatalf("%d writes for %d batches", c.Writes, (b.N+depth-1)/depth)
	}
}

// BenchmarkServe measures a request end to end over an in-memory
// connection: read, parse, handler, response, write; it must not allocate.
func BenchmarkServe(b *testing.B) {
	b.Run("plaintext", func(b *testing.B) { benchServe(b, hello, wrkRequest, 1) })
	b.Run("plaintext/pipelined16", func(b *testing.B) { benchServe(b, hello, wrkRequest, 16) })
	b.Run("browser", func(b *testing.B) { benchServe(b, hello, browserRequest, 1) })
	b.Run("json", func(b *testing.B) { benchServe(b, jsonHandler, "GET /json HTTP/1.1\r\nHost: a\r\n\r\n", 1) })
	b.Run("post", func(b *testing.B) {
		benchServe(b, drain, "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 32\r\n\r\n0123456789abcdef0123456789abcdef", 1)
	})
}

var jsonHandler = HandlerFunc(func(w *ResponseWriter, r *Request) {
	w.SetHeader("Content-Type", "application/json")
	json.NewEncoder(w).Encode(struct {
		Message string `json:"message"`
	}{"Hello, World!"})
})

var drain = HandlerFunc(func(w *ResponseWriter, r *Request) {
	if _, err := io.Copy(io.Discard, r.Body()); err != nil {
		w.WriteHeader(400)
	}
	w.WriteString("ok")
})

// TestZeroAlloc holds the plaintext path to zero allocations a request. A
// request whose handler takes its Body pays its share of the ring of Body
// handles (one ring per bodyHandles of them: a kept Body never revives).
func TestZeroAlloc(t *testing.T) {
	if race.Enabled {
		t.Skip("the race detector allocates, and drops sync.Pool items on purpose")
	}
	for _, k := range []struct {
		name  string
		h     Handler
		req   string
		depth int
		body  bool // the handler takes r.Body()
	}{
		{"plaintext", hello, wrkRequest, 1, false},
		{"pipelined", hello, wrkRequest, 16, false},
		{"browser", hello, browserRequest, 1, false},
		{"post", drain, "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 32\r\n\r\n0123456789abcdef0123456789abcdef", 1, true},
		{"chunked", drain, "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 1, true},
		{"path", echoless, "GET /a%20b/c?x=1 HTTP/1.1\r\nHost: a\r\nX-Y: z\r\n\r\n", 1, false},
	} {
		var batch []byte
		for range k.depth {
			batch = append(batch, k.req...)
		}
		s := &Server{Handler: k.h}
		clock.acquire() // keeps the clock's goroutine (and its allocations) out of the runs
		s.ServeConn(&loopConn{Batch: batch, N: 10})
		// Per-connection costs (a pool miss, under purego) cancel out in
		// the difference between a short and a long connection.
		run := func(batches int) float64 {
			return testing.AllocsPerRun(5, func() { s.ServeConn(&loopConn{Batch: batch, N: batches}) })
		}
		short, long := run(1000), run(20000)
		allowed := 0.001
		if k.body {
			allowed += 1.0 / bodyHandles
		}
		if perReq := (long - short) / float64(19000*k.depth); perReq > allowed {
			t.Errorf("%s: %.4f allocations a request (%.0f for 1000 batches, %.0f for 20000)", k.name, perReq, short, long)
		}
		clock.release()
	}
}

// echoless reads the request's parts without printing them.
var echoless = HandlerFunc(func(w *ResponseWriter, r *Request) {
	n := len(r.Path()) + len(r.RawQuery()) + len(r.Header("x-y")) + len(r.Host()) + len(r.MethodString())
	if n == 0 {
		w.WriteHeader(500)
	}
	w.WriteString("ok")
})
