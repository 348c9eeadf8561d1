package framework

import (
	"net"
	"net/http"
	"testing"

	"github.com/hotpath-go/hotpath/engine"
	"github.com/hotpath-go/hotpath/internal/race"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// loopConn is an in-memory connection (testutil.LoopConn).
type loopConn = testutil.LoopConn

// engineBenchApp is the App of the in-memory measurements: a static text
// route, a parameter route and a JSON route.
func engineBenchApp() *App {
	app := New()
	app.GET("/", func(c *Context) error { return c.String(http.StatusOK, "Hello, World!") })
	app.GET("/user/:name", func(c *Context) error { return c.String(http.StatusOK, c.Param("name")) })
	app.GET("/json", func(c *Context) error { return c.JSON(http.StatusOK, okValue) })
	app.GET("/agent", func(c *Context) error { return c.String(http.StatusOK, c.Header("User-Agent")) })
	return app
}

var engineCases = []struct {
	name, req string
	tail      int // bytes copied out of the connection's buffer (parameters, header values)
}{
	{"static", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0},
	{"param", "GET /user/gordon HTTP/1.1\r\nHost: a\r\n\r\n", len("gordon")},
	{"json", "GET /json HTTP/1.1\r\nHost: a\r\n\r\n", 0},
	{"header", "GET /agent HTTP/1.1\r\nHost: a\r\nUser-Agent: curl/8.5.0\r\n\r\n", len("curl/8.5.0")},
}

// holdClock keeps the engine's coarse clock running for the test (a
// connection that stays open), so that its goroutine's start and stop are
// not counted as a request's allocations.
func holdClock(t testing.TB, s *engine.Server) {
	client, server := net.Pipe()
	done := make(chan struct{})
	go func() { s.ServeConn(server); close(done) }()
	t.Cleanup(func() { client.Close(); <-done })
}

// TestServeZeroAlloc: the App on the engine allocates nothing per request
// for a static route, a parameter route, a header read and a JSON response
// (encoding/json pools its encoder state), except one 4 KiB block per 4 KiB
// of parameter and header values copied out of the connection's buffer.
func TestServeZeroAlloc(t *testing.T) {
	if race.Enabled || testing.Short() {
		t.Skip("allocation counts are checked in the native run")
	}
	app := engineBenchApp()
	s := &engine.Server{Handler: app}
	holdClock(t, s)
	for _, k := range engineCases {
		batch := []byte(k.req)
		check := &loopConn{Batch: batch, N: 1}
		s.ServeConn(check)
		if check.Writes != 1 {
			t.Fatalf("%s: %d writes", k.name, check.Writes)
		}
		s.ServeConn(&loopConn{Batch: batch, N: 100}) // warm the pools
		// Per-connection costs cancel out in the difference between a
		// short and a long connection.
		run := func(n int) float64 {
			return testing.AllocsPerRun(5, func() { s.ServeConn(&loopConn{Batch: batch, N: n}) })
		}
		short, long := run(1000), run(21000)
		perReq := (long - short) / 20000
		allowed := 0.0005 + 1.25*float64(k.tail)/arenaBlock
		t.Logf("%s: %.5f allocations a request", k.name, perReq)
		if perReq > allowed {
			t.Errorf("%s: %.5f allocations a request (%.0f for 1000, %.0f for 21000), want at most %.5f", k.name, perReq, short, long, allowed)
		}
	}
}

// BenchmarkServeEngine is a request of the App end to end on the engine
// over an in-memory connection: read, parse, route, handler, response,
// write.
func BenchmarkServeEngine(b *testing.B) {
	for _, k := range engineCases {
		b.Run(k.name, func(b *testing.B) {
			s := &engine.Server{Handler: engineBenchApp()}
			holdClock(b, s)
			s.ServeConn(&loopConn{Batch: []byte(k.req), N: 10})
			c := &loopConn{Batch: []byte(k.req), N: b.N}
			b.ReportAllocs()
			b.ResetTimer()
			s.ServeConn(c)
		})
	}
}
