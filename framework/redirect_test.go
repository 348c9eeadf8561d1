package framework

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// Bug 1 (open redirect) and bug 2 (redirect to a 404): every Location the
// App builds stays on the site, and leads to the route that was found.

// redirectApps are Apps whose trailing-slash redirects take any path: a
// parameter route with and without a final slash, and a few static ones.
func redirectApps() []*App {
	a := New()
	a.GET("/:name", echoRoute)
	b := New()
	b.GET("/:slug/", echoRoute)
	c := New()
	for _, p := range []string{"/a/b", "/d/", "/files/*p", "/x/:y/z/", "/sp ace", "/caf\u00e9"} {
		c.GET(p, echoRoute)
	}
	c.POST("/post/:id", echoRoute)
	d := New()
	d.CleanPath(true)
	d.GET("/:name", echoRoute)
	d.GET("/a/:b/", echoRoute)
	return []*App{a, b, c, d}
}

// checkLocation fails unless loc is a redirect target within the site: a
// path-absolute reference (one '/', never "//" or "/\", which browsers
// read as another host) of visible ASCII without a backslash, that
// resolves against the site to the site itself.
func checkLocation(t testing.TB, target, loc string) {
	t.Helper()
	if loc == "" || loc[0] != '/' || (len(loc) > 1 && (loc[1] == '/' || loc[1] == '\\')) {
		t.Fatalf("%q: Location %q is not a path on this site", target, loc)
	}
	for i := 0; i < len(loc); i++ {
		if b := loc[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			t.Fatalf("%q: Location %q holds byte %#x", target, loc, b)
		}
	}
	u, err := url.Parse(loc)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil {
		t.Fatalf("%q: Location %q parses as %#v (%v)", target, loc, u, err)
	}
	base, _ := url.Parse("http://site.test/some/page")
	if r := base.ResolveReference(u); r.Host != "site.test" || r.Scheme != "http" {
		t.Fatalf("%q: Location %q leaves the site: %s", target, loc, r)
	}
}

// TestRedirectStaysOnSite is bug 1 over real sockets: the raw requests
// that produced "Location: /\evil.com" and the like.
func TestRedirectStaysOnSite(t *testing.T) {
	want := map[string]string{ // exact answers, gin's for the first two
		"/\\evil.com/":  "/%5Cevil.com",
		"/%5Cevil.com/": "/%5Cevil.com",
	}
	targets := []string{
		"/\\evil.com/", "/\\evil.com", "/%5Cevil.com/", "/%5cevil.com", "/\\\\evil.com/", "/%2F%2Fevil.com/",
		"/%2Fevil.com/", "/%09/evil.com/", "/%0D%0Aevil.com/", "/%00evil.com/", "/\\/evil.com/", "/%5C%5Cevil.com",
		"/.%5Cevil.com/", "/a/b%2F", "/a%2Fb/", "/files", "/x/%5C/z", "/sp%20ace/", "/caf%C3%A9/", "/evil.com/?q=%0D%0A",
		"/evil.com/?\\x", "/a/..%5C..%5Cevil.com/", "//evil.com/", "/./evil.com/", "/x//evil.com/",
	}
	for _, app := range redirectApps() {
		srv := newRawServer(t, app)
		for _, target := range targets {
			res := rawGet(t, srv, "GET", target)
			if res.err != nil {
				t.Fatalf("GET %q: %v", target, res.err)
			}
			code := res.status()
			if code != http.StatusMovedPermanently && code != http.StatusPermanentRedirect {
				continue
			}
			loc := res.header("Location")
			checkLocation(t, target, loc)
			// Following the redirect reaches a route, never a 404 or
			// another redirect (bug 2).
			if next := rawGet(t, srv, "GET", loc); next.status() != http.StatusOK {
				t.Errorf("GET %q -> %d %q -> %s", target, code, loc, next)
			}
		}
	}
	srv := newRawServer(t, redirectApps()[0])
	for target, loc := range want {
		if res := rawGet(t, srv, "GET", target); res.status() != http.StatusMovedPermanently || res.header("Location") != loc {
			t.Errorf("GET %q: %s, want 301 to %q", target, res, loc)
		}
	}
}

// TestRedirectRawPathKeepsEscapes is bug 2: the slash taken off or put on
// is the one the path routed ends or does not end with, in the request's
// own escaping.
func TestRedirectRawPathKeepsEscapes(t *testing.T) {
	app := New()
	app.GET("/a/b", echoRoute)
	app.GET("/a%2Fb", echoRoute) // decoded: "/a%2Fb" is a literal route, never reached by "/a%2Fb"
	app.GET("/c/:x", echoRoute)
	app.GET("/d/:x/", echoRoute)
	srv := newRawServer(t, app)
	for target, loc := range map[string]string{
		"/a/b%2F":       "/a/b",     // the decoded path ends in '/', which came escaped
		"/a/b/":         "/a/b",     //
		"/c/x%3Fy/":     "/c/x%3Fy", // escapes inside are kept
		"/d/x%23y":      "/d/x%23y/",
		"/d/%5C%5Cx":    "/d/%5C%5Cx/", // escapes kept as sent when valid
		"/d/%5c":        "/d/%5c/",     //
		"/c/a%20b/?q=1": "/c/a%20b?q=1",
	} {
		res := rawGet(t, srv, "GET", target)
		if res.status() != http.StatusMovedPermanently || res.header("Location") != loc {
			t.Errorf("GET %q: %s, want 301 to %q", target, res, loc)
			continue
		}
		if next := rawGet(t, srv, "GET", loc); next.status() != http.StatusOK {
			t.Errorf("GET %q -> %q -> %s", target, loc, next)
		}
	}
}

// TestLocationEscapes checks location on targets and queries that no
// request parser would hand over, as a second front end might.
func TestLocationEscapes(t *testing.T) {
	for _, tc := range []struct{ target, q, want string }{
		{"/\\evil.com", "", "/%5Cevil.com"},
		{"//evil.com", "", "/"},
		{"/a b", "x y", "/a%20b?x%20y"},
		{"/\t/evil.com", "", "/%09/evil.com"},
		{"/a", "\r\nSet-Cookie: x", "/a?%0D%0ASet-Cookie:%20x"},
		{"/a", "#frag", "/a?%23frag"},
		{"", "", "/"},
		{"/\x80", "\xff", "/%80?%FF"},
	} {
		if got := location(tc.target, tc.q); got != tc.want {
			t.Errorf("location(%q, %q) = %q, want %q", tc.target, tc.q, got, tc.want)
		}
	}
}

// FuzzRedirectLocation sends any request target through the request
// parser net/http's server uses, then through the redirecting Apps: a
// redirect's Location always stays on the site and leads to a route.
func FuzzRedirectLocation(f *testing.F) {
	for _, s := range []string{
		"/\\evil.com/", "/%5Cevil.com", "/a/b%2F", "/a%2Fb/", "//evil.com/", "/%2F/evil.com/", "/x/%5C/z",
		"/evil.com/?%0D%0A", "/a/./b/", "/a/../../b", "/caf%C3%A9/", "/files", "/post/1/", "http://site.test",
	} {
		f.Add(s)
	}
	apps := redirectApps()
	f.Fuzz(func(t *testing.T, target string) {
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + target + " HTTP/1.1\r\nHost: site.test\r\n\r\n")))
		if err != nil {
			return // net/http refuses it before any handler
		}
		for _, app := range apps {
			w := httptest.NewRecorder()
			app.ServeHTTP(w, r)
			if w.Code != http.StatusMovedPermanently && w.Code != http.StatusPermanentRedirect {
				continue
			}
			loc := w.Header().Get("Location")
			checkLocation(t, target, loc)
			r2, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + loc + " HTTP/1.1\r\nHost: site.test\r\n\r\n")))
			if err != nil {
				t.Fatalf("%q: Location %q is not a request target: %v", target, loc, err)
			}
			w2 := httptest.NewRecorder()
			app.ServeHTTP(w2, r2)
			if w2.Code != http.StatusOK {
				t.Fatalf("%q -> %q -> %d", target, loc, w2.Code)
			}
		}
	})
}

// TestCleanPath checks the path-cleaning option: off by default, and when
// on, a redirect to the cleaned path (final slash kept) before routing.
func TestCleanPath(t *testing.T) {
	app := New()
	app.GET("/a/b", echoRoute)
	app.GET("/files/*p", echoRoute)
	app.POST("/p/:x", echoRoute)
	if w := serve(app, "GET", "/a/../a/b"); w.Code != http.StatusNotFound {
		t.Errorf("cleaning off: %d", w.Code)
	}
	app.CleanPath(true)
	runCases(t, app, []routeCase{
		{"GET", "/a/../a/b", 301, "", map[string]string{"Location": "/a/b"}},
		{"GET", "//a/b?x=1", 301, "", map[string]string{"Location": "/a/b?x=1"}},
		{"GET", "/a/./b", 301, "", map[string]string{"Location": "/a/b"}},
		{"GET", "/files/x/../../../etc/passwd", 404, "", nil}, // cleaned, it matches no route: no redirect to a 404
		{"GET", "/files/x/../y", 301, "", map[string]string{"Location": "/files/y"}},
		{"GET", "/files/a//b/", 301, "", map[string]string{"Location": "/files/a/b/"}},
		{"POST", "/p/./1", 308, "", map[string]string{"Location": "/p/1"}},
		{"GET", "/a/b", 200, "GET /a/b", nil},
		{"GET", "/files/.well-known/x", 200, `GET /files/*p p=".well-known/x"`, nil},
		{"GET", "/a/b/", 301, "", map[string]string{"Location": "/a/b"}},
	})
}
