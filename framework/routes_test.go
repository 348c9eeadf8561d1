package framework

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/internal/routesets"
)

// A routeLine is one line of a route set.
type routeLine struct{ method, path string }

// loadRoutes returns a route set the repository carries
// (internal/routesets), by file name ("github.txt").
func loadRoutes(tb testing.TB, name string) []routeLine {
	tb.Helper()
	rs, err := routesets.Load(strings.TrimSuffix(name, ".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]routeLine, len(rs))
	for i, r := range rs {
		out[i] = routeLine{r.Method, r.Path}
	}
	return out
}

// wildcardNames returns the :names of a route, in order.
func wildcardNames(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "*") {
			out = append(out, seg[1:])
		}
	}
	return out
}

// concrete replaces each :name by a value derived from the route index, so
// that a wrong parameter shows.
func concrete(path string, i int) (string, map[string]string) {
	segs := strings.Split(path, "/")
	want := map[string]string{}
	for j, seg := range segs {
		if strings.HasPrefix(seg, ":") {
			v := seg[1:] + "-" + strings.Repeat("v", j) + "-" + itoa(i)
			segs[j] = v
			want[seg[1:]] = v
		}
	}
	return strings.Join(segs, "/"), want
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// TestRouteSets registers every route of the four standard route sets and
// checks that each answers 200 from its own handler with its parameters,
// both with the pattern itself as the path (as the benchmark does) and with
// concrete values.
func TestRouteSets(t *testing.T) {
	for _, set := range []string{"static.txt", "github.txt", "gplus.txt", "parse.txt"} {
		t.Run(set, func(t *testing.T) {
			routes := loadRoutes(t, set)
			app := New()
			var got struct {
				idx    int
				params map[string]string
			}
			for i, rt := range routes {
				names := wildcardNames(rt.path)
				app.Handle(rt.method, rt.path, func(c *Context) error {
					got.idx = i
					got.params = map[string]string{}
					for _, n := range names {
						got.params[n] = c.Param(n)
					}
					return c.NoContent(http.StatusOK)
				})
			}
			for i, rt := range routes {
				for pass := 0; pass < 2; pass++ {
					path, want := rt.path, map[string]string{}
					if pass == 0 {
						for _, n := range wildcardNames(rt.path) {
							want[n] = ":" + n
						}
					} else {
						path, want = concrete(rt.path, i)
					}
					got.idx, got.params = -1, nil
					w := httptest.NewRecorder()
					app.ServeHTTP(w, httptest.NewRequest(rt.method, path, nil))
					if w.Code != http.StatusOK || got.idx != i {
						t.Fatalf("%s %s: status %d, handler %d; want 200 from route %d (%s %s)",
							rt.method, path, w.Code, got.idx, i, rt.method, rt.path)
					}
					for k, v := range want {
						if got.params[k] != v {
							t.Fatalf("%s %s (route %s): param %s = %q, want %q", rt.method, path, rt.path, k, got.params[k], v)
						}
					}
				}
			}
		})
	}
}
