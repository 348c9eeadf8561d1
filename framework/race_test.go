package framework

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// TestConcurrentServeAndAdd serves requests from several goroutines while
// another adds static and wildcard routes (run it with -race). Every
// request must get either 404 (route not added yet) or its route's own
// answer, and routes added before a request started must always answer.
func TestConcurrentServeAndAdd(t *testing.T) {
	app := New()
	app.GET("/base/:id", func(c *Context) error { return c.String(200, "base "+c.Param("id")) })
	n := 400
	if testing.Short() {
		n = 100
	}
	var added atomic.Int64 // routes 0..added-1 are registered
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var failures atomic.Int64
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				k := (i*7 + g) % n
				ready := int64(k) < added.Load()
				var path, want string
				if k%2 == 0 {
					path, want = fmt.Sprintf("/s/%d", k), fmt.Sprintf("static %d", k)
				} else {
					path, want = fmt.Sprintf("/p/%d/v%d/%d", k, i, k), fmt.Sprintf("param %d v%d", k, i)
				}
				w := serve(app, "GET", path)
				switch {
				case w.Code == 200 && w.Body.String() == want:
				case w.Code == 404 && !ready:
				default:
					if failures.Add(1) < 5 {
						t.Errorf("GET %s: %d %q (ready=%v), want %q", path, w.Code, w.Body.String(), ready, want)
					}
				}
				if w := serve(app, "GET", "/base/"+strconv.Itoa(i)); w.Body.String() != "base "+strconv.Itoa(i) {
					if failures.Add(1) < 5 {
						t.Errorf("base route: %d %q", w.Code, w.Body.String())
					}
				}
			}
		}(g)
	}
	for k := 0; k < n; k++ {
		if k%2 == 0 {
			app.GET(fmt.Sprintf("/s/%d", k), func(c *Context) error { return c.String(200, fmt.Sprintf("static %d", k)) })
		} else {
			app.GET(fmt.Sprintf("/p/%d/:v/%d", k, k), func(c *Context) error {
				return c.String(200, fmt.Sprintf("param %d %s", k, c.Param("v")))
			})
		}
		added.Store(int64(k + 1))
	}
	close(stop)
	wg.Wait()
}

// TestConcurrentRequests hammers one App from many goroutines with the
// four route sets, checking each answer.
func TestConcurrentRequests(t *testing.T) {
	routes := loadRoutes(t, "github.txt")
	app := New()
	for i, rt := range routes {
		names := wildcardNames(rt.path)
		app.Handle(rt.method, rt.path, func(c *Context) error {
			s := strconv.Itoa(i)
			for _, n := range names {
				s += " " + c.Param(n)
			}
			return c.String(http.StatusOK, s)
		})
	}
	var wg sync.WaitGroup
	rounds := 20
	if testing.Short() {
		rounds = 3
	}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				for i, rt := range routes {
					path, want := concrete(rt.path, i+g)
					s := strconv.Itoa(i)
					for _, n := range wildcardNames(rt.path) {
						s += " " + want[n]
					}
					w := httptest.NewRecorder()
					app.ServeHTTP(w, httptest.NewRequest(rt.method, path, nil))
					if w.Body.String() != s {
						t.Errorf("%s %s: %q, want %q", rt.method, path, w.Body.String(), s)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}
