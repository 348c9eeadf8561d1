package framework

import (
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/internal/race"
)

// These benchmarks mirror the public go-http-routing-benchmark harness (one
// reused request, a ResponseWriter whose Header returns a new map each call,
// the pattern as the path for the *All cases), to watch ns/op and allocs
// while optimizing. The comparison with gin lives in bench/.

type mockWriter struct{}

func (mockWriter) Header() http.Header               { return http.Header{} }
func (mockWriter) Write(p []byte) (int, error)       { return len(p), nil }
func (mockWriter) WriteString(s string) (int, error) { return len(s), nil }
func (mockWriter) WriteHeader(int)                   {}

func nop(*Context) error { return nil }

func loadApp(routes []routeLine) *App {
	app := New()
	for _, r := range routes {
		app.Handle(r.method, r.path, nop)
	}
	return app
}

func benchRoutes(b *testing.B, app http.Handler, routes []routeLine) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	w := mockWriter{}
	r, _ := http.NewRequest(http.MethodGet, "/", nil)
	u := r.URL
	rq := u.RawQuery
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, rt := range routes {
			r.Method = rt.method
			r.RequestURI = rt.path
			u.Path = rt.path
			u.RawQuery = rq
			app.ServeHTTP(w, r)
		}
	}
}

func benchRequest(b *testing.B, app http.Handler, r *http.Request) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	w := mockWriter{}
	u := r.URL
	rq := u.RawQuery
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.RawQuery = rq
		app.ServeHTTP(w, r)
	}
}

func BenchmarkStaticAll(b *testing.B) {
	routes := loadRoutes(b, "static.txt")
	benchRoutes(b, loadApp(routes), routes)
}

func BenchmarkGithubAll(b *testing.B) {
	routes := loadRoutes(b, "github.txt")
	benchRoutes(b, loadApp(routes), routes)
}

func BenchmarkGPlusAll(b *testing.B) {
	routes := loadRoutes(b, "gplus.txt")
	benchRoutes(b, loadApp(routes), routes)
}

func BenchmarkParseAll(b *testing.B) {
	routes := loadRoutes(b, "parse.txt")
	benchRoutes(b, loadApp(routes), routes)
}

func BenchmarkGithubStatic(b *testing.B) {
	app := loadApp(loadRoutes(b, "github.txt"))
	r, _ := http.NewRequest(http.MethodGet, "/user/repos", nil)
	benchRequest(b, app, r)
}

func BenchmarkGithubParam(b *testing.B) {
	app := loadApp(loadRoutes(b, "github.txt"))
	r, _ := http.NewRequest(http.MethodGet, "/repos/julienschmidt/httprouter/stargazers", nil)
	benchRequest(b, app, r)
}

func BenchmarkParam(b *testing.B) {
	app := New()
	app.GET("/user/:name", nop)
	r, _ := http.NewRequest(http.MethodGet, "/user/gordon", nil)
	benchRequest(b, app, r)
}

func BenchmarkParam5(b *testing.B) {
	app := New()
	app.GET("/:a/:b/:c/:d/:e", nop)
	r, _ := http.NewRequest(http.MethodGet, "/test/test/test/test/test", nil)
	benchRequest(b, app, r)
}

func BenchmarkParam20(b *testing.B) {
	var pat, path strings.Builder
	for i := 0; i < 20; i++ {
		pat.WriteString("/:" + string(rune('a'+i)))
		path.WriteString("/" + string(rune('a'+i)))
	}
	app := New()
	app.GET(pat.String(), nop)
	r, _ := http.NewRequest(http.MethodGet, path.String(), nil)
	benchRequest(b, app, r)
}

func BenchmarkParamWrite(b *testing.B) {
	app := New()
	app.GET("/user/:name", func(c *Context) error {
		_, err := io.WriteString(c.Response(), c.Param("name"))
		return err
	})
	r, _ := http.NewRequest(http.MethodGet, "/user/gordon", nil)
	benchRequest(b, app, r)
}

// headerWriter reuses one header map, as a real server's writer does.
type headerWriter struct{ h http.Header }

func (w *headerWriter) Header() http.Header               { return w.h }
func (w *headerWriter) Write(p []byte) (int, error)       { return len(p), nil }
func (w *headerWriter) WriteString(s string) (int, error) { return len(s), nil }
func (w *headerWriter) WriteHeader(int)                   {}

type okBody struct {
	OK bool `json:"ok"`
}

var okValue = &okBody{OK: true}

// BenchmarkJSON is a full request: a static route among 20 and a route with
// two parameters, each writing {"ok":true} with encoding/json.
func BenchmarkJSON(b *testing.B) {
	app := New()
	for i := 0; i < 19; i++ {
		app.GET("/api/static/"+itoa(i), nop)
	}
	app.GET("/api/ok", func(c *Context) error { return c.JSON(http.StatusOK, okValue) })
	app.GET("/api/users/:id/posts/:pid", func(c *Context) error {
		if c.Param("id") == "" || c.Param("pid") == "" {
			return c.NoContent(http.StatusBadRequest)
		}
		return c.JSON(http.StatusOK, okValue)
	})
	for _, p := range []string{"/api/ok", "/api/users/42/posts/7"} {
		b.Run(strings.ReplaceAll(p[1:], "/", "_"), func(b *testing.B) {
			w := &headerWriter{h: http.Header{}}
			r, _ := http.NewRequest(http.MethodGet, p, nil)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				app.ServeHTTP(w, r)
			}
		})
	}
}

// TestZeroAllocs checks that routing and the JSON path allocate nothing.
func TestZeroAllocs(t *testing.T) {
	if testing.Short() || race.Enabled {
		t.Skip("allocation counts are checked in the native run")
	}
	routes := loadRoutes(t, "github.txt")
	app := loadApp(routes)
	app.GET("/json/:x", func(c *Context) error { return c.JSON(http.StatusOK, okValue) })
	w := mockWriter{}
	r, _ := http.NewRequest(http.MethodGet, "/", nil)
	allocs := testing.AllocsPerRun(20, func() {
		for _, rt := range routes {
			r.Method = rt.method
			r.URL.Path = rt.path
			app.ServeHTTP(w, r)
		}
	})
	if allocs != 0 {
		t.Errorf("GithubAll: %v allocs per run, want 0", allocs)
	}
	hw := &headerWriter{h: http.Header{}}
	r.Method, r.URL.Path = http.MethodGet, "/json/1"
	if a := testing.AllocsPerRun(100, func() { app.ServeHTTP(hw, r) }); a != 0 {
		t.Errorf("JSON request: %v allocs, want 0", a)
	}
}

// reuseWriter mirrors the requests suite's writer in bench/: one header map,
// cleared before every request.
type reuseWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *reuseWriter) Header() http.Header { return w.h }
func (w *reuseWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += len(p)
	return len(p), nil
}
func (w *reuseWriter) WriteString(s string) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.n += len(s)
	return len(s), nil
}
func (w *reuseWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

// BenchmarkRequests is the requests suite's static scenario: one of 20
// static routes answering {"ok":true}, on a writer whose header map is
// cleared between requests.
func BenchmarkRequests(b *testing.B) {
	app := New()
	for i := 0; i < 20; i++ {
		app.GET("/api/s"+itoa(i), func(c *Context) error { return c.JSON(http.StatusOK, okValue) })
	}
	app.GET("/api/users/:id/posts/:pid", func(c *Context) error {
		if c.Param("id") == "" || c.Param("pid") == "" {
			return c.NoContent(http.StatusBadRequest)
		}
		return c.JSON(http.StatusOK, okValue)
	})
	for _, p := range []string{"/api/s10", "/api/users/42/posts/7"} {
		b.Run(strings.ReplaceAll(p[1:], "/", "_"), func(b *testing.B) {
			w := &reuseWriter{h: make(http.Header, 4)}
			r, _ := http.NewRequest(http.MethodGet, p, nil)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				clear(w.h)
				w.status, w.n = 0, 0
				app.ServeHTTP(w, r)
			}
		})
	}
}
