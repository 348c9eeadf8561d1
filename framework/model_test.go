package framework

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// A reference matcher, written from the package doc and nothing else: a
// route matches when its segments match the path's one by one; among the
// routes that match, the winner has the smallest sequence of segment kinds
// (static < parameter < catch-all), compared from the left.

type modelRoute struct {
	method, pattern string
	segs            []string
}

func matchModel(r modelRoute, path string) (kinds []int, params map[string]string, ok bool) {
	if !strings.HasPrefix(path, "/") {
		return nil, nil, false
	}
	ps := strings.Split(path[1:], "/")
	params = map[string]string{}
	for i, s := range r.segs {
		switch {
		case strings.HasPrefix(s, "*"):
			if i > len(ps)-1 {
				return nil, nil, false
			}
			params[s[1:]] = strings.Join(ps[i:], "/")
			return append(kinds, 2), params, true
		case i >= len(ps):
			return nil, nil, false
		case strings.HasPrefix(s, ":"):
			if ps[i] == "" {
				return nil, nil, false
			}
			params[s[1:]] = ps[i]
			kinds = append(kinds, 1)
		default:
			if ps[i] != s {
				return nil, nil, false
			}
			kinds = append(kinds, 0)
		}
	}
	return kinds, params, len(ps) == len(r.segs)
}

func bestModel(routes []modelRoute, method, path string) (int, map[string]string) {
	if path == "" {
		path = "/" // RFC 9110: an empty path is "/"
	}
	best, bestKinds := -1, []int(nil)
	var bestParams map[string]string
	for i, r := range routes {
		if r.method != method {
			continue
		}
		if k, p, ok := matchModel(r, path); ok && (best < 0 || slices.Compare(k, bestKinds) < 0) {
			best, bestKinds, bestParams = i, k, p
		}
	}
	return best, bestParams
}

var modelPatterns = []string{
	"/", "/a", "/a/", "/a/b", "/a/b/c", "/a/:x", "/a/:x/c", "/a/:x/:y", "/a/b/:y", "/a/*rest",
	"/ab", "/abc/:p", "/abd/*q", "/:top", "/:top/b", "/:top/:second/c", "/users/new", "/users/:id",
	"/users/:id/posts/:pid", "/users/:id/*any", "/files/*path", "/files/upload", "/x/:a/y/:b/z",
	"/x/:a/y/*c", "/x/y/y/z/z", "/long/segment/that/goes/on/and/on/:end", "/longer/:a/segment/:b",
}

func modelApp() (*App, []modelRoute, *int, *map[string]string) {
	app := New()
	var routes []modelRoute
	got, params := -1, map[string]string{}
	for _, m := range []string{"GET", "POST"} {
		for j, p := range modelPatterns {
			if m == "POST" && j%3 != 0 {
				continue
			}
			i := len(routes)
			routes = append(routes, modelRoute{m, p, strings.Split(p[1:], "/")})
			names := wildcardNames(p)
			app.Handle(m, p, func(c *Context) error {
				got = i
				params = map[string]string{}
				for _, n := range names {
					params[n] = c.Param(n)
				}
				return nil
			})
		}
	}
	return app, routes, &got, &params
}

func checkModel(t *testing.T, app *App, routes []modelRoute, got *int, params *map[string]string, method, path string) {
	want, wantParams := bestModel(routes, method, path)
	*got, *params = -1, nil
	r := httptest.NewRequest(method, "/", nil)
	r.URL.Path = path
	w := httptest.NewRecorder()
	app.ServeHTTP(w, r)
	if *got != want {
		name := func(i int) string {
			if i < 0 {
				return "none"
			}
			return routes[i].method + " " + routes[i].pattern
		}
		t.Fatalf("%s %q: routed to %s (status %d), the model says %s", method, path, name(*got), w.Code, name(want))
	}
	if want >= 0 {
		for k, v := range wantParams {
			if (*params)[k] != v {
				t.Fatalf("%s %q (%s): param %s = %q, want %q", method, path, routes[want].pattern, k, (*params)[k], v)
			}
		}
	} else if w.Code == http.StatusOK {
		t.Fatalf("%s %q: no route, but status 200", method, path)
	}
}

// TestRoutingModel compares the App with the reference matcher on paths
// built from the patterns' own segments, so that near misses abound.
func TestRoutingModel(t *testing.T) {
	app, routes, got, params := modelApp()
	words := []string{"", "a", "b", "c", "ab", "abc", "abd", "users", "new", "posts", "files", "upload",
		"x", "y", "z", "long", "segment", "that", "goes", "on", "and", "end", "longer", "zzz", "a:b", "*"}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 40000
	if testing.Short() {
		n = 4000
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		for j := rng.IntN(9); j >= 0; j-- {
			b.WriteByte('/')
			b.WriteString(words[rng.IntN(len(words))])
		}
		method := "GET"
		if rng.IntN(4) == 0 {
			method = "POST"
		}
		checkModel(t, app, routes, got, params, method, b.String())
	}
}

// FuzzRoute routes arbitrary paths: no panic, and the same answer as the
// reference matcher.
func FuzzRoute(f *testing.F) {
	for _, p := range modelPatterns {
		f.Add(p)
		f.Add(strings.ReplaceAll(p, ":", ""))
	}
	f.Add("")
	f.Add("//")
	f.Add("/users/1/posts/")
	f.Add("/a/b/c/d/e/f/g/h/i/j")
	f.Add("/\x00/\xff")
	app, routes, got, params := modelApp()
	f.Fuzz(func(t *testing.T, path string) {
		checkModel(t, app, routes, got, params, "GET", path)
		checkModel(t, app, routes, got, params, "POST", path)
		// and the App's own answers (redirects, 405, OPTIONS) do not panic
		for _, m := range []string{"PUT", "OPTIONS", "HEAD"} {
			r := httptest.NewRequest(m, "/", nil)
			r.URL.Path = path
			app.ServeHTTP(httptest.NewRecorder(), r)
		}
	})
}

// TestSegmentEnd checks the SWAR segment scan against strings.IndexByte,
// for every suffix of paths of every length up to 40 with slashes
// everywhere.
func TestSegmentEnd(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for mask := 0; mask < 64; mask++ {
			b := []byte(strings.Repeat("x", n))
			for k := 0; k < 6; k++ {
				if mask&(1<<k) != 0 {
					b[(k*7+mask)%n] = '/'
				}
			}
			b[0] = '/'
			full := string(b)
			for i := 1; i < len(full); i++ {
				s := full[i:]
				want := strings.IndexByte(s, '/')
				if want < 0 {
					want = len(s)
				}
				if got := segmentEnd(s); got != want {
					t.Fatalf("segmentEnd(%q) in %q = %d, want %d", s, full, got, want)
				}
			}
		}
	}
}

// TestRoutingModelChains compares the App with the reference matcher on
// routes of consecutive parameters, added in random orders, so that a "/"
// node between two parameters gains a route, a static child or a
// catch-all before or after the parameter routes through it.
func TestRoutingModelChains(t *testing.T) {
	patterns := []string{"/:a/:b/:c", "/:a/:b/:c/:d/:e", "/:a/:b/", "/:a/:b/c", "/:a/:b/:c/*r",
		"/:a/:b/:c/", "/:a/:b/c/:d", "/:a/x/:c", "/p/:a/:b/:c", "/p/:a/:b/", "/p/:a/q"}
	words := []string{"", "a", "b", "c", "x", "p", "q", "test"}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := 0; round < 200; round++ {
		app := New()
		var routes []modelRoute
		got, params := -1, map[string]string{}
		for _, j := range rng.Perm(len(patterns))[:1+rng.IntN(len(patterns))] {
			p := patterns[j]
			i := len(routes)
			routes = append(routes, modelRoute{"GET", p, strings.Split(p[1:], "/")})
			names := wildcardNames(p)
			app.GET(p, func(c *Context) error {
				got = i
				params = map[string]string{}
				for _, n := range names {
					params[n] = c.Param(n)
				}
				return nil
			})
		}
		for k := 0; k < 200; k++ {
			var b strings.Builder
			for j := rng.IntN(7); j >= 0; j-- {
				b.WriteByte('/')
				b.WriteString(words[rng.IntN(len(words))])
			}
			checkModel(t, app, routes, &got, &params, "GET", b.String())
		}
	}
}

// TestSlashBits checks the bitmap of slashes against a byte loop, for every
// length up to 64, with '.' (one above '/') and bytes above 0x7f around
// the slashes, where a borrow or a carry between bytes would show.
func TestSlashBits(t *testing.T) {
	const alphabet = "./0a\x80\xaf\xff/./"
	for n := 0; n <= 64; n++ {
		for seed := 0; seed < 200; seed++ {
			b := make([]byte, n)
			for k := range b {
				b[k] = alphabet[(k*seed+k*k+seed)%len(alphabet)]
			}
			var want uint64
			for k := range b {
				if b[k] == '/' {
					want |= 1 << k
				}
			}
			if got := slashBits(string(b)); got != want {
				t.Fatalf("slashBits(%q) = %b, want %b", b, got, want)
			}
		}
	}
}
