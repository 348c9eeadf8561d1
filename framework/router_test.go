package framework

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func serve(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

// echoRoute answers with the route pattern and its parameters, so a test
// sees which route ran and with what.
func echoRoute(c *Context) error {
	var b strings.Builder
	b.WriteString(c.Request().Method + " " + c.Route())
	if c.route != nil {
		for _, n := range c.route.names {
			fmt.Fprintf(&b, " %s=%q", n, c.Param(n))
		}
	}
	return c.String(http.StatusOK, b.String())
}

type routeCase struct {
	method, path string
	code         int
	body         string // for 200: the route and params echoRoute writes
	header       map[string]string
}

func runCases(t *testing.T, app *App, cases []routeCase) {
	t.Helper()
	for _, tc := range cases {
		w := serve(app, tc.method, tc.path)
		if w.Code != tc.code {
			t.Errorf("%s %s: status %d, want %d (body %q)", tc.method, tc.path, w.Code, tc.code, w.Body.String())
			continue
		}
		if tc.body != "" && w.Body.String() != tc.body {
			t.Errorf("%s %s: body %q, want %q", tc.method, tc.path, w.Body.String(), tc.body)
		}
		for k, v := range tc.header {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s %s: header %s = %q, want %q", tc.method, tc.path, k, got, v)
			}
		}
	}
}

func TestParamsAndCatchAll(t *testing.T) {
	app := New()
	for _, p := range []string{
		"/", "/cmd/:tool/", "/cmd/:tool/:sub", "/src/*filepath", "/search/", "/search/:query",
		"/user_:name", "/user/:name", "/user/:name/about", "/files/:dir/*filepath", "/doc/", "/doc/go_faq.html",
		"/info/:user/public", "/info/:user/project/:project", "/a/b/c", "/a/:x/d", "/a/:x/:y",
		"/users/new", "/users/:id", "/users/:id/edit", "/static/*rest", "/static/css/:file",
	} {
		if strings.Contains(p, "user_:") {
			continue // a wildcard inside a segment is refused (tested below)
		}
		app.GET(p, echoRoute)
	}
	ok := func(path, body string) routeCase { return routeCase{"GET", path, 200, body, nil} }
	runCases(t, app, []routeCase{
		ok("/", `GET /`),
		ok("/cmd/test/", `GET /cmd/:tool/ tool="test"`),
		ok("/cmd/test/3", `GET /cmd/:tool/:sub tool="test" sub="3"`),
		ok("/src/", `GET /src/*filepath filepath=""`),
		ok("/src/some/file.png", `GET /src/*filepath filepath="some/file.png"`),
		ok("/search/", `GET /search/`),
		ok("/search/someth!ng+in+ünìcodé", `GET /search/:query query="someth!ng+in+ünìcodé"`),
		ok("/user/gopher", `GET /user/:name name="gopher"`),
		ok("/user/gopher/about", `GET /user/:name/about name="gopher"`),
		ok("/files/js/inc/framework.js", `GET /files/:dir/*filepath dir="js" filepath="inc/framework.js"`),
		ok("/info/gordon/public", `GET /info/:user/public user="gordon"`),
		ok("/info/gordon/project/go", `GET /info/:user/project/:project user="gordon" project="go"`),
		ok("/doc/go_faq.html", `GET /doc/go_faq.html`),
		// static beats param, with backtracking
		ok("/a/b/c", `GET /a/b/c`),
		ok("/a/b/d", `GET /a/:x/d x="b"`),
		ok("/a/b/e", `GET /a/:x/:y x="b" y="e"`),
		ok("/users/new", `GET /users/new`),
		ok("/users/42", `GET /users/:id id="42"`),
		ok("/users/new/edit", `GET /users/:id/edit id="new"`),
		ok("/static/css/x.css", `GET /static/css/:file file="x.css"`),
		ok("/static/css/x/y.css", `GET /static/*rest rest="css/x/y.css"`),
		ok("/static/css/", `GET /static/*rest rest="css/"`),
		ok("/static/js", `GET /static/*rest rest="js"`),
		// a parameter never matches an empty segment
		{"GET", "/cmd//", 404, "", nil},
		{"GET", "/user//about", 404, "", nil},
		{"GET", "/nope", 404, "", nil},
		{"GET", "/info/gordon/project", 404, "", nil},
	})
}

// TestParamValuesAreSubstrings checks that parameter values share the
// request path's memory.
func TestParamValuesAreSubstrings(t *testing.T) {
	app := New()
	var got, path string
	app.GET("/x/:a/*b", func(c *Context) error {
		got, path = c.Param("a")+"|"+c.Param("b"), c.Request().URL.Path
		if !within(c.Param("a"), path) || !within(c.Param("b"), path) {
			t.Error("parameter value is not a substring of r.URL.Path")
		}
		if c.Param("nope") != "" {
			t.Error(`Param("nope") != ""`)
		}
		return nil
	})
	serve(app, "GET", "/x/"+strings.Repeat("y", 40)+"/z/w")
	if got != strings.Repeat("y", 40)+"|z/w" {
		t.Fatalf("params %q", got)
	}
}

func within(sub, s string) bool {
	if sub == "" {
		return true
	}
	p := unsafeStringData(sub)
	b := unsafeStringData(s)
	return p >= b && p+uintptr(len(sub)) <= b+uintptr(len(s))
}

func TestPerMethodMatching(t *testing.T) {
	app := New()
	app.POST("/files/upload", echoRoute)
	app.GET("/files/*path", echoRoute)
	app.PUT("/things/:id", echoRoute)
	app.DELETE("/things/special", echoRoute)
	app.Handle("PURGE", "/cache/:key", echoRoute)
	runCases(t, app, []routeCase{
		{"GET", "/files/upload", 200, `GET /files/*path path="upload"`, nil},
		{"POST", "/files/upload", 200, `POST /files/upload`, nil},
		{"PUT", "/things/special", 200, `PUT /things/:id id="special"`, nil},
		{"DELETE", "/things/special", 200, `DELETE /things/special`, nil},
		{"DELETE", "/things/other", 405, "", map[string]string{"Allow": "OPTIONS, PUT"}},
		{"PURGE", "/cache/k1", 200, `PURGE /cache/:key key="k1"`, nil},
		{"GET", "/cache/k1", 405, "", map[string]string{"Allow": "OPTIONS, PURGE"}},
		{"PATCH", "/files/a/b", 405, "", map[string]string{"Allow": "GET, HEAD, OPTIONS"}},
		{"POST", "/files/x", 405, "", map[string]string{"Allow": "GET, HEAD, OPTIONS"}},
		{"BREW", "/files/x", 405, "", map[string]string{"Allow": "GET, HEAD, OPTIONS"}},
	})
}

func TestHEAD(t *testing.T) {
	app := New()
	app.GET("/page", func(c *Context) error {
		c.SetHeader("X-Route", "get")
		return c.String(http.StatusOK, "body of the page")
	})
	app.GET("/p/:id", func(c *Context) error { return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id")}) })
	app.HEAD("/both", func(c *Context) error { return c.NoContent(http.StatusAccepted) })
	app.GET("/both", func(c *Context) error { return c.String(http.StatusOK, "get") })
	for _, path := range []string{"/page", "/p/7"} {
		w := serve(app, "HEAD", path)
		if w.Code != 200 || w.Body.Len() != 0 {
			t.Errorf("HEAD %s: status %d, body %q; want 200 with no body", path, w.Code, w.Body.String())
		}
		g := serve(app, "GET", path)
		if g.Body.Len() == 0 || g.Header().Get("Content-Type") != w.Header().Get("Content-Type") {
			t.Errorf("GET %s: body %q, Content-Type %q vs HEAD's %q", path, g.Body.String(),
				g.Header().Get("Content-Type"), w.Header().Get("Content-Type"))
		}
	}
	if w := serve(app, "HEAD", "/page"); w.Header().Get("X-Route") != "get" {
		t.Errorf("HEAD /page did not run the GET handler")
	}
	if w := serve(app, "HEAD", "/both"); w.Code != http.StatusAccepted {
		t.Errorf("HEAD /both: status %d, want the HEAD route's 202", w.Code)
	}
	if w := serve(app, "HEAD", "/nope"); w.Code != 404 {
		t.Errorf("HEAD /nope: %d", w.Code)
	}
}

func TestRedirects(t *testing.T) {
	app := New()
	app.GET("/noslash", echoRoute)
	app.GET("/slash/", echoRoute)
	app.POST("/post/:id", echoRoute)
	app.PUT("/putdir/:id/", echoRoute)
	app.GET("/files/*p", echoRoute)
	app.GET("/", echoRoute)
	app.GET("/a/b", echoRoute)
	app.GET("/sp ace", echoRoute)
	runCases(t, app, []routeCase{
		{"GET", "/noslash/", 301, "", map[string]string{"Location": "/noslash"}},
		{"HEAD", "/noslash/", 301, "", map[string]string{"Location": "/noslash"}},
		{"GET", "/slash", 301, "", map[string]string{"Location": "/slash/"}},
		{"GET", "/slash?x=1&y=2", 301, "", map[string]string{"Location": "/slash/?x=1&y=2"}},
		{"POST", "/post/5/", 308, "", map[string]string{"Location": "/post/5"}},
		{"PUT", "/putdir/5", 308, "", map[string]string{"Location": "/putdir/5/"}},
		{"GET", "/files", 301, "", map[string]string{"Location": "/files/"}},
		{"GET", "/sp%20ace/", 301, "", map[string]string{"Location": "/sp%20ace"}},
		{"GET", "/a%2Fb/", 301, "", map[string]string{"Location": "/a%2Fb"}},
		// both forms missing: no redirect
		{"GET", "/x/y/", 404, "", nil},
		// a protocol-relative target is never produced
		{"GET", "//evil.com/", 404, "", nil},
		// the method's own routes only
		{"GET", "/post/5/", 404, "", nil},
	})
}

func TestNotFoundMethodNotAllowedOptions(t *testing.T) {
	app := New()
	app.GET("/r", echoRoute)
	app.POST("/r", echoRoute)
	app.DELETE("/r/:id", echoRoute)
	app.OPTIONS("/own", func(c *Context) error { return c.String(200, "own options") })
	app.PATCH("/own", echoRoute)
	runCases(t, app, []routeCase{
		{"PUT", "/r", 405, "Method Not Allowed", map[string]string{"Allow": "GET, HEAD, OPTIONS, POST"}},
		{"OPTIONS", "/r", 204, "", map[string]string{"Allow": "GET, HEAD, OPTIONS, POST"}},
		{"OPTIONS", "/r/1", 204, "", map[string]string{"Allow": "DELETE, OPTIONS"}},
		{"OPTIONS", "/own", 200, "own options", nil},
		{"GET", "/own", 405, "", map[string]string{"Allow": "OPTIONS, PATCH"}},
		{"OPTIONS", "*", 204, "", map[string]string{"Allow": "DELETE, GET, HEAD, OPTIONS, PATCH, POST"}},
		{"OPTIONS", "/none", 404, "", nil},
		{"GET", "/none", 404, "Not Found", nil},
	})
	app.NotFound(func(c *Context) error { return c.String(http.StatusNotFound, "custom 404") })
	app.MethodNotAllowed(func(c *Context) error {
		return c.String(http.StatusMethodNotAllowed, "custom 405, allow "+c.Response().Header().Get("Allow"))
	})
	runCases(t, app, []routeCase{
		{"GET", "/none", 404, "custom 404", nil},
		{"PUT", "/r", 405, "custom 405, allow GET, HEAD, OPTIONS, POST", nil},
	})
}

func TestBadPatternsPanic(t *testing.T) {
	cases := []struct {
		routes [][2]string
		want   []string // substrings of the panic message
	}{
		{[][2]string{{"GET", "/x/:id"}, {"GET", "/x/:name"}}, []string{"/x/:name", "/x/:id", "conflicts"}},
		{[][2]string{{"GET", "/f/*a"}, {"GET", "/f/*b"}}, []string{"/f/*b", "/f/*a"}},
		{[][2]string{{"GET", "/a/:x/b"}, {"GET", "/a/:y/b"}}, []string{"/a/:y/b", "/a/:x/b"}},
		{[][2]string{{"GET", "/dup"}, {"GET", "/dup"}}, []string{"duplicate", "/dup"}},
		{[][2]string{{"GET", "/dup/:x"}, {"GET", "/dup/:x"}}, []string{"duplicate", "/dup/:x"}},
		{[][2]string{{"GET", "/x/:"}}, []string{"empty wildcard name", "/x/:"}},
		{[][2]string{{"GET", "/x/*"}}, []string{"empty wildcard name", "/x/*"}},
		{[][2]string{{"GET", "/x/*rest/more"}}, []string{"catch-all", "/x/*rest/more"}},
		{[][2]string{{"GET", "/x/:a:b"}}, []string{"two wildcards", "/x/:a:b"}},
		{[][2]string{{"GET", "/x/:a*b"}}, []string{"two wildcards", "/x/:a*b"}},
		{[][2]string{{"GET", "/x/pre:a"}}, []string{"wildcard inside segment", "/x/pre:a"}},
		{[][2]string{{"GET", "/x/:a/:a"}}, []string{"used twice", "/x/:a/:a"}},
		{[][2]string{{"GET", "noslash"}}, []string{"must begin with '/'", "noslash"}},
		{[][2]string{{"GET", ""}}, []string{"must begin with '/'"}},
		{[][2]string{{"BAD METHOD", "/x"}}, []string{"bad method"}},
	}
	for _, tc := range cases {
		app := New()
		msg := func() (msg string) {
			defer func() {
				if v := recover(); v != nil {
					msg = fmt.Sprint(v)
				}
			}()
			for _, r := range tc.routes {
				app.Handle(r[0], r[1], echoRoute)
			}
			return ""
		}()
		if msg == "" {
			t.Errorf("%v: no panic", tc.routes)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%v: panic %q does not mention %q", tc.routes, msg, w)
			}
		}
	}
	// Routes that look alike but match different requests coexist.
	app := New()
	for _, p := range []string{"/x/:id/a", "/x/:name/b", "/x/:id", "/x/*rest", "/x/", "/x/:id/", "/y/:a", "/y/b"} {
		app.GET(p, echoRoute)
	}
	app.POST("/x/:other", echoRoute)
	runCases(t, app, []routeCase{
		{"GET", "/x/1/a", 200, `GET /x/:id/a id="1"`, nil},
		{"GET", "/x/1/b", 200, `GET /x/:name/b name="1"`, nil},
		{"GET", "/x/1", 200, `GET /x/:id id="1"`, nil},
		{"GET", "/x/1/", 200, `GET /x/:id/ id="1"`, nil},
		{"GET", "/x/1/c", 200, `GET /x/*rest rest="1/c"`, nil},
		{"GET", "/x/", 200, `GET /x/`, nil},
		{"POST", "/x/1", 200, `POST /x/:other other="1"`, nil},
	})
}

func TestMiddlewareAndGroups(t *testing.T) {
	var trace []string
	mw := func(name string) Middleware {
		return func(next HandlerFunc) HandlerFunc {
			return func(c *Context) error {
				trace = append(trace, name)
				return next(c)
			}
		}
	}
	app := New()
	app.Use(mw("app1"), mw("app2"))
	api := app.Group("/api", mw("api"))
	v1 := api.Group("/v1")
	v1.Use(mw("v1"))
	v1.GET("/users/:id", echoRoute, mw("route"))
	api.POST("", echoRoute)
	app.GET("/plain", echoRoute)

	check := func(method, path string, code int, want ...string) {
		t.Helper()
		trace = nil
		if w := serve(app, method, path); w.Code != code {
			t.Errorf("%s %s: status %d, want %d", method, path, w.Code, code)
		}
		if !slices.Equal(trace, want) {
			t.Errorf("%s %s: middleware ran %v, want %v", method, path, trace, want)
		}
	}
	check("GET", "/api/v1/users/3", 200, "app1", "app2", "api", "v1", "route")
	check("POST", "/api", 200, "app1", "app2", "api")
	check("GET", "/plain", 200, "app1", "app2")
	check("GET", "/missing", 404, "app1", "app2")
	check("DELETE", "/plain", 405, "app1", "app2")
	check("OPTIONS", "/plain", 204, "app1", "app2")

	mustPanic(t, "App.Use after routes", func() { app.Use(mw("late")) })
	mustPanic(t, "Group.Use after routes", func() { api.Use(mw("late")) })
	g := app.Group("/fresh")
	g.Use(mw("fresh")) // a group without routes may still take middleware
	mustPanic(t, "nil handler", func() { app.GET("/nil", nil) })
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s: no panic", what)
		}
	}()
	f()
}

func TestErrors(t *testing.T) {
	app := New()
	app.GET("/plain", func(c *Context) error { return errors.New("secret detail") })
	app.GET("/http", func(c *Context) error { return &HTTPError{Code: http.StatusTeapot, Message: "short and stout"} })
	app.GET("/wrapped", func(c *Context) error {
		return fmt.Errorf("ctx: %w", NewHTTPError(http.StatusConflict, ""))
	})
	app.GET("/late", func(c *Context) error {
		c.String(http.StatusOK, "partial")
		return errors.New("after writing")
	})
	app.GET("/status", func(c *Context) error {
		c.Status(http.StatusCreated)
		_, err := c.Response().Write([]byte("made"))
		return err
	})
	app.GET("/statusonly", func(c *Context) error { c.Status(http.StatusAccepted); return nil })
	runCases(t, app, []routeCase{
		{"GET", "/plain", 500, "Internal Server Error", nil},
		{"GET", "/http", 418, "short and stout", nil},
		{"GET", "/wrapped", 409, "Conflict", nil},
		{"GET", "/status", 201, "made", nil},
		{"GET", "/statusonly", 202, "", nil},
	})
	var seen error
	app.OnError(func(c *Context, err error) {
		seen = err
		c.String(599, "custom")
	})
	runCases(t, app, []routeCase{{"GET", "/plain", 599, "custom", nil}})
	if seen == nil || seen.Error() != "secret detail" {
		t.Errorf("OnError got %v", seen)
	}
	mustPanic(t, "an error after the response started aborts", func() { serve(app, "GET", "/late") })
}

func TestRecover(t *testing.T) {
	app := New()
	app.Use(Recover)
	var got error
	app.OnError(func(c *Context, err error) {
		got = err
		defaultOnError(c, err)
	})
	app.GET("/panic", func(c *Context) error { panic("boom") })
	app.GET("/abort", func(c *Context) error { panic(http.ErrAbortHandler) })
	runCases(t, app, []routeCase{{"GET", "/panic", 500, "Internal Server Error", nil}})
	var pe *PanicError
	if !errors.As(got, &pe) || pe.Value != "boom" || len(pe.Stack) == 0 {
		t.Errorf("error handler got %#v", got)
	}
	mustPanic(t, "ErrAbortHandler passes through Recover", func() { serve(app, "GET", "/abort") })

	// Without Recover the panic reaches the caller (net/http).
	bare := New()
	bare.GET("/panic", func(c *Context) error { panic("boom") })
	mustPanic(t, "no Recover by default", func() { serve(bare, "GET", "/panic") })
	// and the App still works afterwards
	bare.GET("/ok", echoRoute)
	runCases(t, bare, []routeCase{{"GET", "/ok", 200, "GET /ok", nil}})
}

func TestResponseHelpers(t *testing.T) {
	app := New()
	app.GET("/json", func(c *Context) error { return c.JSON(http.StatusCreated, map[string]any{"ok": true, "n": 1}) })
	app.GET("/badjson", func(c *Context) error { return c.JSON(200, func() {}) })
	app.GET("/blob", func(c *Context) error { return c.Blob(200, "image/png", []byte{1, 2, 3}) })
	app.GET("/badblob", func(c *Context) error { return c.Blob(200, "text/html\r\nX-Evil: 1", []byte("x")) })
	app.GET("/nocontent", func(c *Context) error { return c.NoContent(http.StatusNoContent) })
	app.GET("/ctset", func(c *Context) error {
		if err := c.SetHeader("Content-Type", "application/problem+json"); err != nil {
			return err
		}
		return c.JSON(400, map[string]string{"title": "bad"})
	})
	app.GET("/q", func(c *Context) error {
		return c.String(200, c.Query("a")+"|"+c.Query("b")+"|"+c.Header("X-In"))
	})
	w := serve(app, "GET", "/json")
	if w.Code != 201 || w.Body.String() != `{"n":1,"ok":true}` || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("JSON: %d %q %q", w.Code, w.Body.String(), w.Header().Get("Content-Type"))
	}
	if w := serve(app, "GET", "/badjson"); w.Code != 500 || w.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("unencodable JSON: %d %q", w.Code, w.Body.String())
	}
	if w := serve(app, "GET", "/blob"); w.Body.String() != "\x01\x02\x03" || w.Header().Get("Content-Type") != "image/png" {
		t.Errorf("Blob: %q %q", w.Body.String(), w.Header().Get("Content-Type"))
	}
	if w := serve(app, "GET", "/badblob"); w.Code != 500 || w.Header().Get("X-Evil") != "" {
		t.Errorf("Blob with CRLF in Content-Type: %d %v", w.Code, w.Header())
	}
	if w := serve(app, "GET", "/nocontent"); w.Code != 204 || w.Body.Len() != 0 {
		t.Errorf("NoContent: %d %q", w.Code, w.Body.String())
	}
	if w := serve(app, "GET", "/ctset"); w.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("JSON replaced a Content-Type set before it: %q", w.Header().Get("Content-Type"))
	}
	r := httptest.NewRequest("GET", "/q?b=2&a=x%20y&a=second", nil)
	r.Header.Set("X-In", "hdr")
	w = httptest.NewRecorder()
	app.ServeHTTP(w, r)
	if w.Body.String() != "x y|2|hdr" {
		t.Errorf("Query/Header: %q", w.Body.String())
	}
}

// TestQueryMatchesURLValues compares Query with url.Values.Get on raw
// queries with escapes, repeats, semicolons and bad escapes.
func TestQueryMatchesURLValues(t *testing.T) {
	queries := []string{
		"", "a", "a=", "=a", "a=1&a=2", "b=1&a=2", "a=1;b=2&a=3", "a%3D=1&a=2", "a+b=1", "a%20b=1&a b=2",
		"a=%zz&a=ok", "%zz=1&a=2", "a=x+y", "a=x%2By", "&&a=1&&", "a=1&b", "b&a", "A=1&a=2", "a=%", "c=%E2%82%AC",
	}
	keys := []string{"a", "b", "c", "a b", "a=", "A", "", "x"}
	for _, q := range queries {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = q
		want := r.URL.Query()
		c := &Context{r: r}
		for _, k := range keys {
			if got := c.Query(k); got != want.Get(k) {
				t.Errorf("query %q key %q: Query %q, url.Values.Get %q", q, k, got, want.Get(k))
			}
		}
	}
}

func FuzzQuery(f *testing.F) {
	f.Add("a=1&b=2", "a")
	f.Add("a%20b=x+y;c", "a b")
	f.Fuzz(func(t *testing.T, q, key string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = q
		c := &Context{r: r}
		if got, want := c.Query(key), r.URL.Query().Get(key); got != want {
			t.Fatalf("query %q key %q: Query %q, url.Values.Get %q", q, key, got, want)
		}
	})
}

func TestResponseWriterPassThrough(t *testing.T) {
	app := New()
	app.GET("/flush", func(c *Context) error {
		c.Status(http.StatusAccepted)
		rc := http.NewResponseController(c.Response())
		if err := rc.Flush(); err != nil {
			return err
		}
		_, err := io.WriteString(c.Response(), "after flush")
		return err
	})
	app.GET("/early", func(c *Context) error {
		c.Response().WriteHeader(http.StatusEarlyHints)
		return c.String(200, "final")
	})
	app.GET("/late-header", func(c *Context) error {
		c.String(200, "x")
		if err := c.SetHeader("X-Late", "1"); !errors.Is(err, ErrHeaderWritten) {
			t.Errorf("SetHeader after writing: %v", err)
		}
		return nil
	})
	w := serve(app, "GET", "/flush")
	if w.Code != 202 || !w.Flushed || w.Body.String() != "after flush" {
		t.Errorf("flush: %d flushed=%v %q", w.Code, w.Flushed, w.Body.String())
	}
	cw := &codeWriter{ResponseRecorder: httptest.NewRecorder()}
	app.ServeHTTP(cw, httptest.NewRequest("GET", "/early", nil))
	// The 200 is left to the first Write, as the ResponseWriter contract allows.
	if !slices.Equal(cw.codes, []int{103}) || cw.Code != 200 || cw.Body.String() != "final" {
		t.Errorf("1xx then 200: codes %v, body %q", cw.codes, cw.Body.String())
	}
	serve(app, "GET", "/late-header")
}

// codeWriter records every WriteHeader call (the recorder keeps the first).
type codeWriter struct {
	*httptest.ResponseRecorder
	codes []int
}

func (w *codeWriter) WriteHeader(code int) {
	w.codes = append(w.codes, code)
	if code >= 200 {
		w.ResponseRecorder.WriteHeader(code)
	}
}

// TestContextSize keeps the Context small (gin's is 256 bytes).
func TestContextSize(t *testing.T) {
	if size := unsafe.Sizeof(Context{}); strconv.IntSize == 64 && size > 128 {
		t.Errorf("Context is %d bytes, want at most 128", size)
	}
}
