package framework

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var testFS = fstest.MapFS{
	"index.html":        {Data: []byte("<h1>home</h1>"), ModTime: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
	"css/site.css":      {Data: []byte("body{}")},
	"docs/index.html":   {Data: []byte("docs")},
	"docs/a b.txt":      {Data: []byte("0123456789")},
	"etc/passwd":        {Data: []byte("inside the fs")},
	"empty/.keep":       {Data: nil},
	"secret/../x":       {Data: []byte("never")},
	"data.json":         {Data: []byte(`{"a":1}`)},
	"dir.html/index.ht": {Data: []byte("x")},
}

func TestStaticFiles(t *testing.T) {
	app := New()
	app.Static("/files", testFS)
	app.GET("/one", func(c *Context) error { return c.File(testFS, "data.json") })
	srv := newRawServer(t, app)
	for _, tc := range []struct {
		target  string
		headers []string
		code    int
		body    string
		ctype   string
	}{
		{"/files/css/site.css", nil, 200, "body{}", "text/css; charset=utf-8"},
		{"/files/", nil, 200, "<h1>home</h1>", "text/html; charset=utf-8"},
		{"/files/docs/", nil, 200, "docs", ""},
		{"/files/docs", nil, 200, "docs", ""}, // a directory serves its index.html
		{"/files/docs/a%20b.txt", []string{"Range: bytes=2-4"}, 206, "234", ""},
		{"/files/index.html", []string{"If-Modified-Since: Sat, 03 Jan 2026 00:00:00 GMT"}, 304, "", ""},
		{"/one", nil, 200, `{"a":1}`, "application/json"},
		{"/files/nope.txt", nil, 404, "", ""},
		{"/files/empty/", nil, 404, "", ""}, // no index.html, no listing
		// What must never leave the file system, as raw request paths
		// (net/http's server does not clean them).
		{"/files/../../etc/passwd", nil, 404, "", ""},
		{"/files/docs/../../../etc/passwd", nil, 404, "", ""},
		{"/files/..%2F..%2Fetc%2Fpasswd", nil, 404, "", ""},
		{"/files/%2e%2e/%2e%2e/etc/passwd", nil, 404, "", ""},
		{"/files/..\\..\\etc\\passwd", nil, 404, "", ""},
		{"/files/..%5C..%5Cetc%5Cpasswd", nil, 404, "", ""},
		{"/files//etc/passwd", nil, 404, "", ""},
		{"/files/etc/passwd%00.css", nil, 404, "", ""},
		{"/files/./index.html", nil, 404, "", ""},
		{"/files/secret/../x", nil, 404, "", ""},
		{"/files/etc/passwd", nil, 200, "inside the fs", ""},
	} {
		res := rawGet(t, srv, "GET", tc.target, tc.headers...)
		if res.status() != tc.code || (tc.body != "" && res.body != tc.body) || (tc.ctype != "" && res.header("Content-Type") != tc.ctype) {
			t.Errorf("GET %s: %s, want %d %q %q", tc.target, res, tc.code, tc.body, tc.ctype)
		}
		if tc.code == 404 && strings.Contains(res.body, "inside") {
			t.Errorf("GET %s leaked a file: %s", tc.target, res)
		}
	}
	if res := rawGet(t, srv, "HEAD", "/files/css/site.css"); res.status() != 200 || res.header("Content-Length") != "6" || res.body != "" {
		t.Errorf("HEAD: %s", res)
	}
	if res := rawGet(t, srv, "GET", "/files"); res.status() != 301 || res.header("Location") != "/files/" {
		t.Errorf("GET /files: %s", res)
	}
}

func TestFileNames(t *testing.T) {
	for name, ok := range map[string]bool{
		"a": true, "a/b.txt": true, "": true, "..": false, "a/../b": false, "/etc/passwd": false, "a//b": false,
		"a\\b": false, "a\x00b": false, "./a": false, "a/": true, "a//": false, ".": true,
	} {
		app := New()
		var err error
		app.GET("/", func(c *Context) error { err = c.File(testFS, name); return err })
		serve(app, "GET", "/")
		if refused := errors.Is(err, ErrBadFileName); refused == ok {
			t.Errorf("File(%q): %v", name, err)
		}
	}
}

// fakeCodec is a JSON codec that is not encoding/json: it writes a marker
// and counts its calls.
type fakeCodec struct{ enc, dec int }

func (f *fakeCodec) Encode(w io.Writer, v any) error {
	f.enc++
	if v == "fail" {
		return errors.New("fake: cannot encode")
	}
	_, err := io.WriteString(w, "fake:"+strings.TrimSpace(mustJSON(v))+"\n")
	return err
}

func (f *fakeCodec) Decode(r io.Reader, v any) error {
	f.dec++
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s, ok := strings.CutPrefix(string(b), "fake:")
	if !ok {
		return errors.New("fake: no marker")
	}
	return json.Unmarshal([]byte(s), v)
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestJSONCodec(t *testing.T) {
	codec := &fakeCodec{}
	app := New()
	app.JSONCodec(codec)
	app.GET("/", func(c *Context) error { return c.JSON(201, map[string]int{"n": 1}) })
	app.GET("/fail", func(c *Context) error { return c.JSON(200, "fail") })
	app.POST("/", func(c *Context) error {
		var v struct{ N int }
		if err := c.Bind(&v); err != nil {
			return err
		}
		return c.JSON(200, v.N+1)
	})
	if w := serve(app, "GET", "/"); w.Code != 201 || w.Body.String() != `fake:{"n":1}` || w.Header().Get("Content-Type") != jsonContentType {
		t.Errorf("encode: %d %q %q", w.Code, w.Body.String(), w.Header().Get("Content-Type"))
	}
	if w := serve(app, "GET", "/fail"); w.Code != 500 || strings.Contains(w.Body.String(), "fake") {
		t.Errorf("failed encode: %d %q", w.Code, w.Body.String())
	}
	post := func(body string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		app.ServeHTTP(w, httptest.NewRequest("POST", "/", strings.NewReader(body)))
		return w
	}
	if w := post(`fake:{"N":41}`); w.Code != 200 || w.Body.String() != "fake:42" {
		t.Errorf("decode: %d %q", w.Code, w.Body.String())
	}
	if w := post(`{"N":41}`); w.Code != 400 || !strings.Contains(w.Body.String(), "no marker") {
		t.Errorf("decode error: %d %q", w.Code, w.Body.String())
	}
	if codec.enc != 3 || codec.dec != 2 {
		t.Errorf("codec calls: %d encodes, %d decodes", codec.enc, codec.dec)
	}
	app.JSONCodec(nil) // back to encoding/json
	if w := serve(app, "GET", "/"); w.Body.String() != `{"n":1}` || codec.enc != 3 {
		t.Errorf("default codec: %q, fake called %d times", w.Body.String(), codec.enc)
	}
}

func TestAnyAndGroupJoin(t *testing.T) {
	app := New()
	app.Any("/any", echoRoute)
	api := app.Group("/api/")
	api.GET("/x", echoRoute)
	api.GET("y", echoRoute)
	api.GET("", echoRoute)
	v1 := api.Group("v1")
	v1.GET("/z/", echoRoute)
	root := app.Group("/")
	root.GET("/r", echoRoute)
	for _, m := range stdMethods {
		w := serve(app, m, "/any")
		if w.Code != 200 || (m != "HEAD" && w.Body.String() != m+" /any") {
			t.Errorf("%s /any: %d %q", m, w.Code, w.Body.String())
		}
	}
	runCases(t, app, []routeCase{
		{"GET", "/api/x", 200, "GET /api/x", nil},
		{"GET", "/api/y", 200, "GET /api/y", nil},
		{"GET", "/api/", 200, "GET /api/", nil},
		{"GET", "/api/v1/z/", 200, "GET /api/v1/z/", nil},
		{"GET", "/r", 200, "GET /r", nil},
		{"GET", "/api//x", 404, "", nil},
	})
	for prefix, path := range map[[2]string]string{
		{"/api/", "/x"}: "/api/x", {"/api", "x"}: "/api/x", {"/api", "/x"}: "/api/x", {"/api/", "x"}: "/api/x",
		{"/api", ""}: "/api", {"/api/", ""}: "/api/", {"", "/x"}: "/x", {"/", "/x"}: "/x", {"/api", "/"}: "/api/",
	} {
		if got := joinPath(prefix[0], prefix[1]); got != path {
			t.Errorf("joinPath(%q, %q) = %q, want %q", prefix[0], prefix[1], got, path)
		}
	}
}

// logRecords collects slog records.
type logRecords struct{ recs []map[string]any }

func (l *logRecords) Enabled(context.Context, slog.Level) bool { return true }
func (l *logRecords) Handle(_ context.Context, r slog.Record) error {
	m := map[string]any{"level": r.Level.String(), "msg": r.Message}
	r.Attrs(func(a slog.Attr) bool { m[a.Key] = a.Value.Any(); return true })
	l.recs = append(l.recs, m)
	return nil
}
func (l *logRecords) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *logRecords) WithGroup(string) slog.Handler      { return l }

func TestLogger(t *testing.T) {
	logs := &logRecords{}
	app := New()
	app.Use(RequestID(), Logger(slog.New(logs)))
	app.GET("/u/:id", func(c *Context) error { return c.String(201, "hello") })
	app.GET("/err", func(c *Context) error { return NewHTTPError(409, "") })
	serve(app, "GET", "/u/7")
	serve(app, "GET", "/err")
	serve(app, "GET", "/missing")
	if len(logs.recs) != 3 {
		t.Fatalf("%d records", len(logs.recs))
	}
	for i, want := range []struct {
		route  string
		status int64
		bytes  int64
	}{{"/u/:id", 201, 5}, {"/err", 409, 8}, {"", 404, 9}} {
		r := logs.recs[i]
		if r["method"] != "GET" || r["route"] != want.route || r["status"] != want.status || r["bytes"] != want.bytes || r["request_id"] == "" {
			t.Errorf("record %d: %v, want %+v", i, r, want)
		}
		if _, ok := r["duration"].(time.Duration); !ok {
			t.Errorf("record %d: no duration", i)
		}
	}
}

func TestRequestID(t *testing.T) {
	app := New()
	app.Use(RequestID())
	var seen string
	app.GET("/", func(c *Context) error { seen = RequestIDOf(c); return nil })
	w := serve(app, "GET", "/")
	if id := w.Header().Get(RequestIDHeader); len(id) != 16 || id != seen {
		t.Errorf("generated ID %q, handler saw %q", id, seen)
	}
	for in, keep := range map[string]bool{"abc-123": true, "a\x01b": false, strings.Repeat("a", 129): false, "x y": false} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set(RequestIDHeader, in)
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		if got := w.Header().Get(RequestIDHeader); (got == in) != keep || got == "" {
			t.Errorf("incoming %q: ID %q", in, got)
		}
	}
}

func TestTimeout(t *testing.T) {
	app := New()
	app.Use(Timeout(20 * time.Millisecond))
	app.GET("/slow", func(c *Context) error {
		select {
		case <-c.Request().Context().Done():
			return c.Request().Context().Err()
		case <-time.After(rawDeadline):
			return c.String(200, "too late")
		}
	})
	app.GET("/fast", func(c *Context) error {
		if _, ok := c.Request().Context().Deadline(); !ok {
			return errors.New("no deadline")
		}
		return c.String(200, "fast")
	})
	runCases(t, app, []routeCase{
		{"GET", "/slow", 503, "request timed out", nil},
		{"GET", "/fast", 200, "fast", nil},
	})
}

func TestCORS(t *testing.T) {
	app := New()
	app.Use(CORS(CORSConfig{AllowOrigins: []string{"https://ok.test"}, ExposeHeaders: []string{"X-Total"}, MaxAge: time.Hour}))
	app.GET("/items", func(c *Context) error { return c.String(200, "items") })
	app.PUT("/items", func(c *Context) error { return c.NoContent(204) })
	pre := func(origin, path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("OPTIONS", path, nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", "PUT")
		r.Header.Set("Access-Control-Request-Headers", "X-Token")
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		return w
	}
	w := pre("https://ok.test", "/items")
	if w.Code != 204 || w.Header().Get("Allow") != "GET, HEAD, OPTIONS, PUT" ||
		w.Header().Get("Access-Control-Allow-Origin") != "https://ok.test" ||
		w.Header().Get("Access-Control-Allow-Methods") == "" || w.Header().Get("Access-Control-Allow-Headers") != "X-Token" ||
		w.Header().Get("Access-Control-Max-Age") != "3600" {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
	if w := pre("https://evil.test", "/items"); w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %v", w.Header())
	}
	if w := pre("https://ok.test", "/nope"); w.Code != 404 {
		t.Errorf("preflight of a path no route has: %d", w.Code)
	}
	r := httptest.NewRequest("GET", "/items", nil)
	r.Header.Set("Origin", "https://ok.test")
	w = httptest.NewRecorder()
	app.ServeHTTP(w, r)
	if w.Body.String() != "items" || w.Header().Get("Access-Control-Allow-Origin") != "https://ok.test" || w.Header().Get("Access-Control-Expose-Headers") != "X-Total" {
		t.Errorf("simple request: %v", w.Header())
	}
	star := New()
	star.Use(CORS(CORSConfig{AllowOrigins: []string{"*"}}))
	star.GET("/", echoRoute)
	r = httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Origin", "https://any.test")
	w = httptest.NewRecorder()
	star.ServeHTTP(w, r)
	if w.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("allow all: %v", w.Header())
	}
}

func TestBindWithLimitAndCodecErrors(t *testing.T) {
	app := New()
	app.BodyLimit(8)
	app.JSONCodec(&fakeCodec{})
	app.POST("/", func(c *Context) error { var v any; return c.Bind(&v) })
	w := httptest.NewRecorder()
	app.ServeHTTP(w, httptest.NewRequest("POST", "/", bytes.NewReader([]byte(`fake:{"aaaaaaaaaaa":1}`))))
	if w.Code != 413 {
		t.Errorf("over the limit through a codec: %d %q", w.Code, w.Body.String())
	}
}
