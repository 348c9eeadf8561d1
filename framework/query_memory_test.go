package framework

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/internal/race"
	"github.com/hotpath-go/hotpath/internal/testutil"
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

// burstHeld returns the heap still allocated after a burst of concurrent
// requests with 512 KiB headers (testutil.HeldAfterBurst), with the App
// from newApp serving them on 127.0.0.1.
func burstHeld(t testing.TB, newApp func() *App) int64 {
	app := newApp()
	b := testutil.NewBarrier()
	app.GET("/x", func(c *Context) error {
		// All the requests in flight at once, so that as many Contexts
		// are in use together and go back to the pool.
		b.Wait()
		return c.String(200, c.Header("X-Big")[:1])
	})
	return testutil.HeldAfterBurst(t, app)
}
