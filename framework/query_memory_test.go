package framework

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/internal/race"
)

// Bug 7: the query is parsed once per request, by net/url, with its limits.

// TestQueryLimitLikeURLQuery puts the key past net/url's 10,000-parameter
// limit: Query agrees with r.URL.Query() (which a middleware may read).
func TestQueryLimitLikeURLQuery(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 10050; i++ {
		fmt.Fprintf(&b, "k%d=v&", i)
	}
	b.WriteString("target=found")
	r := httptest.NewRequest("GET", "/", nil)
	r.URL.RawQuery = b.String()
	app := New()
	var got, fromURL string
	app.GET("/", func(c *Context) error {
		fromURL = c.Request().URL.Query().Get("target")
		got = c.Query("target")
		return nil
	})
	app.ServeHTTP(httptest.NewRecorder(), r)
	if got != fromURL {
		t.Errorf("past the parameter limit: Query %q, URL.Query %q", got, fromURL)
	}
}

// TestQueryParsedOnce checks that a request's query is parsed at most
// once: a second call on a large query of escaped keys allocates nothing,
// and the first no more than url.ParseQuery does.
func TestQueryParsedOnce(t *testing.T) {
	if race.Enabled {
		t.Skip("allocation counts are checked without -race")
	}
	var b strings.Builder
	for b.Len() < 1<<20 {
		fmt.Fprintf(&b, "%%6B%d=%%76&", b.Len()) // escaped keys and values
	}
	q := b.String()
	r := httptest.NewRequest("GET", "/", nil)
	r.URL.RawQuery = q
	parseAllocs := testing.AllocsPerRun(1, func() { r.URL.Query() })
	c := &Context{r: r}
	first := testing.AllocsPerRun(1, func() {
		c.extra = nil
		c.Query("k1")
	})
	later := testing.AllocsPerRun(100, func() { c.Query("k1"); c.Query("nope") })
	if first > parseAllocs+2 || later != 0 {
		t.Errorf("first Query %v allocs (url.Query %v), later calls %v allocs", first, parseAllocs, later)
	}
	// A new request parses its own query.
	app := New()
	var vals []string
	app.GET("/", func(c *Context) error { vals = append(vals, c.Query("a")); return nil })
	serve(app, "GET", "/?a=1")
	serve(app, "GET", "/?a=2")
	serve(app, "GET", "/")
	if strings.Join(vals, ",") != "1,2," {
		t.Errorf("queries of successive requests: %q", vals)
	}
}

// Bug 9: after a burst of requests with large headers, the App keeps none
// of them alive.

// TestMemoryAfterBurst sends 32 concurrent requests with 512 KiB of
// headers over real sockets, waits for every connection to close, and
// measures the heap the App still holds: pooled Contexts must not keep
// their last request. (bench/ compares the same number with gin's.)
func TestMemoryAfterBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("a burst of 16 MiB")
	}
	held := burstHeld(t, New)
	t.Logf("%.2f MiB held after the burst", float64(held)/(1<<20))
	if held > 2<<20 {
		t.Errorf("%.1f MiB held after the burst, want under 2 MiB", float64(held)/(1<<20))
	}
}

// burstHeld returns the heap in use after a burst of 32 concurrent
// requests with 512 KiB headers, minus the heap in use before, with the
// App from newApp serving them on 127.0.0.1.
func burstHeld(t testing.TB, newApp func() *App) int64 {
	app := newApp()
	var arrived sync.WaitGroup
	arrived.Add(burstSize)
	all := make(chan struct{})
	go func() { arrived.Wait(); close(all) }()
	app.GET("/x", func(c *Context) error {
		// All the requests in flight at once, so that as many Contexts
		// are in use together and go back to the pool.
		arrived.Done()
		select {
		case <-all:
		case <-time.After(rawDeadline):
		}
		return c.String(200, c.Header("X-Big")[:1])
	})
	return measureBurst(t, app)
}

const burstSize = 32

func heapInUse() int64 {
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

func measureBurst(t testing.TB, h http.Handler) int64 {
	before := heapInUse()
	srv := httptest.NewUnstartedServer(h)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	big := strings.Repeat("b", 512<<10)
	var wg sync.WaitGroup
	var start sync.WaitGroup
	start.Add(1)
	for i := 0; i < burstSize; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.DialTimeout("tcp", l.Addr().String(), rawDeadline)
			if err != nil {
				t.Error(err)
				return
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(rawDeadline))
			start.Wait()
			fmt.Fprintf(conn, "GET /x HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\nX-Big: %s\r\n\r\n", big)
			var buf [4096]byte
			for n := 0; n < 1000; n++ { // read to EOF, bounded
				if _, err := conn.Read(buf[:]); err != nil {
					break
				}
			}
		}()
	}
	start.Done()
	wg.Wait()
	srv.Close()
	big = ""
	after := heapInUse()
	runtime.KeepAlive(h)
	return after - before
}
