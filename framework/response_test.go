package framework

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Bug 3: no response shares a header value slice with another.

// editingMiddleware edits the header slices a handler set, in place, after
// it ran: legal on any http.Header.
func editingMiddleware(next HandlerFunc) HandlerFunc {
	return func(c *Context) error {
		err := next(c)
		for _, k := range []string{"Content-Type", "X-Content-Type-Options"} {
			if v := c.Response().Header()[k]; len(v) > 0 {
				v[0] = "edited/" + k
			}
		}
		return err
	}
}

func TestHeaderSlicesNotShared(t *testing.T) {
	edit := New()
	edit.Use(editingMiddleware)
	plain := New()
	for _, app := range []*App{edit, plain} {
		app.GET("/s", func(c *Context) error { return c.String(200, "s") })
		app.GET("/j", func(c *Context) error { return c.JSON(200, 1) })
		app.GET("/b", func(c *Context) error { return c.Blob(200, "image/png", []byte{1}) })
		app.GET("/e", func(c *Context) error { return errors.New("x") })
	}
	want := map[string]string{"/s": textContentType, "/j": jsonContentType, "/b": "image/png", "/e": textContentType}
	for round := 0; round < 3; round++ {
		for path := range want {
			serve(edit, "GET", path) // edits its own slices
		}
		var kept []*httptest.ResponseRecorder
		for path, ct := range want {
			w := serve(plain, "GET", path)
			if got := w.Header().Get("Content-Type"); got != ct {
				t.Fatalf("round %d: GET %s after another App's edit: Content-Type %q, want %q", round, path, got, ct)
			}
			if path == "/e" && w.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Fatalf("X-Content-Type-Options %q", w.Header().Get("X-Content-Type-Options"))
			}
			kept = append(kept, w)
		}
		// A header map outlives its request (a recorder, a wrapper that
		// writes later): later requests on the same pooled Context do not
		// change it.
		for i := 0; i < 50; i++ {
			serve(plain, "GET", "/b")
		}
		for _, w := range kept {
			if ct := w.Header().Get("Content-Type"); ct == "image/png" && w.Body.String() != "\x01" {
				t.Fatalf("a kept header map changed after later requests: %q", ct)
			}
		}
	}
}

// TestHeaderSlicesRace edits response header slices in place from many
// goroutines on two Apps (run with -race).
func TestHeaderSlicesRace(t *testing.T) {
	edit := New()
	edit.Use(editingMiddleware)
	plain := New()
	for _, app := range []*App{edit, plain} {
		app.GET("/j", func(c *Context) error { return c.JSON(200, 1) })
		app.GET("/e", func(c *Context) error { return NewHTTPError(400, "") })
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				serve(edit, "GET", "/j")
				serve(edit, "GET", "/e")
				if w := serve(plain, "GET", "/j"); w.Header().Get("Content-Type") != jsonContentType {
					t.Errorf("Content-Type %q", w.Header().Get("Content-Type"))
					return
				}
			}
		}()
	}
	wg.Wait()
}

// Bug 4: Response() claims only what the wrapped writer has, and
// http.ResponseController reaches what is underneath.

// unwrapOnly wraps a writer and offers only Unwrap.
type unwrapOnly struct{ http.ResponseWriter }

func (u unwrapOnly) Unwrap() http.ResponseWriter { return u.ResponseWriter }

// bareWriter has no optional interface at all.
type bareWriter struct {
	h    http.Header
	code int
	body strings.Builder
}

func (w *bareWriter) Header() http.Header { return w.h }
func (w *bareWriter) WriteHeader(c int) {
	if w.code == 0 {
		w.code = c
	}
}
func (w *bareWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = 200
	}
	return w.body.Write(b)
}

func TestResponseController(t *testing.T) {
	app := New()
	var flushErr, hijackErr error
	var isFlusher, isHijacker bool
	app.GET("/", func(c *Context) error {
		_, isFlusher = c.Response().(http.Flusher)
		_, isHijacker = c.Response().(http.Hijacker)
		c.Status(http.StatusAccepted)
		rc := http.NewResponseController(c.Response())
		flushErr = rc.Flush()
		if c.Query("hijack") != "" {
			_, _, hijackErr = rc.Hijack()
		}
		return c.String(http.StatusAccepted, "body")
	})

	// Unwrap-only wrapper over a recorder (a Flusher): the flush reaches it.
	rec := httptest.NewRecorder()
	app.ServeHTTP(unwrapOnly{rec}, httptest.NewRequest("GET", "/?hijack=1", nil))
	if flushErr != nil || !rec.Flushed || rec.Code != http.StatusAccepted || rec.Body.String() != "body" {
		t.Errorf("unwrap-only over a Flusher: flush %v, flushed %v, %d %q", flushErr, rec.Flushed, rec.Code, rec.Body.String())
	}
	if isFlusher || isHijacker {
		t.Errorf("unwrap-only wrapper: Response() claims Flusher %v, Hijacker %v", isFlusher, isHijacker)
	}
	if !errors.Is(hijackErr, http.ErrNotSupported) {
		t.Errorf("hijack through a recorder: %v, want ErrNotSupported", hijackErr)
	}

	// A writer with nothing: ErrNotSupported surfaces, the response is intact.
	bw := &bareWriter{h: http.Header{}}
	app.ServeHTTP(bw, httptest.NewRequest("GET", "/?hijack=1", nil))
	if !errors.Is(flushErr, http.ErrNotSupported) || !errors.Is(hijackErr, http.ErrNotSupported) || isFlusher || isHijacker {
		t.Errorf("bare writer: flush %v, hijack %v, Flusher %v, Hijacker %v", flushErr, hijackErr, isFlusher, isHijacker)
	}
	if bw.code != http.StatusAccepted || bw.body.String() != "body" {
		t.Errorf("bare writer: %d %q", bw.code, bw.body.String())
	}

	// net/http's own writer: both, for real.
	srv := newRawServer(t, app)
	if res := rawGet(t, srv, "GET", "/"); res.status() != http.StatusAccepted || res.body != "body" || flushErr != nil {
		t.Errorf("net/http writer: %s, flush %v", res, flushErr)
	}
	if !isFlusher || !isHijacker {
		t.Errorf("net/http writer: Flusher %v, Hijacker %v", isFlusher, isHijacker)
	}

	// Under http.TimeoutHandler, whose writer can neither flush nor hijack.
	th := newRawServer(t, http.TimeoutHandler(app, time.Minute, "timeout"))
	if res := rawGet(t, th, "GET", "/"); res.status() != http.StatusAccepted || res.body != "body" {
		t.Errorf("under TimeoutHandler: %s", res)
	}
	if !errors.Is(flushErr, http.ErrNotSupported) || isFlusher || isHijacker {
		t.Errorf("under TimeoutHandler: flush %v, Flusher %v, Hijacker %v", flushErr, isFlusher, isHijacker)
	}
}

// Bug 5: a failed Hijack leaves the response writable.
func TestFailedHijack(t *testing.T) {
	app := New()
	app.GET("/string", func(c *Context) error {
		if _, _, err := http.NewResponseController(c.Response()).Hijack(); err == nil {
			t.Error("hijack of a recorder succeeded")
		}
		return c.String(http.StatusInternalServerError, "after failed hijack")
	})
	app.GET("/error", func(c *Context) error {
		if h, ok := c.Response().(http.Hijacker); ok {
			h.Hijack()
		}
		http.NewResponseController(c.Response()).Hijack()
		return NewHTTPError(http.StatusTeapot, "teapot")
	})
	runCases(t, app, []routeCase{
		{"GET", "/string", 500, "after failed hijack", nil},
		{"GET", "/error", 418, "teapot", nil},
	})
	// A hijacker that fails, as a real writer may.
	w := &failingHijacker{ResponseRecorder: httptest.NewRecorder()}
	app.ServeHTTP(w, httptest.NewRequest("GET", "/error", nil))
	if w.Code != 418 || w.Body.String() != "teapot" {
		t.Errorf("after a failing Hijack: %d %q", w.Code, w.Body.String())
	}
}

type failingHijacker struct{ *httptest.ResponseRecorder }

func (failingHijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return nil, nil, errors.New("cannot hijack now")
}

// A successful Hijack over a real connection hands it over.
func TestHijack(t *testing.T) {
	app := New()
	app.GET("/", func(c *Context) error {
		conn, rw, err := http.NewResponseController(c.Response()).Hijack()
		if err != nil {
			return err
		}
		defer conn.Close()
		rw.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nhijacked")
		return rw.Flush()
	})
	srv := newRawServer(t, app)
	if res := rawGet(t, srv, "GET", "/"); res.status() != 200 || res.body != "hijacked" {
		t.Errorf("hijack: %s", res)
	}
}

// Bug 6: a status code net/http refuses never ends in a 200.
func TestInvalidStatus(t *testing.T) {
	app := New()
	app.Use(Recover)
	app.GET("/nocontent", func(c *Context) error { return c.NoContent(99) })
	app.GET("/string", func(c *Context) error { return c.String(1000, "x") })
	app.GET("/json", func(c *Context) error { return c.JSON(42, 1) })
	app.GET("/blob", func(c *Context) error { return c.Blob(-1, "text/plain", nil) })
	app.GET("/writeheader", func(c *Context) error { c.Response().WriteHeader(1000); return nil })
	app.GET("/status", func(c *Context) error { c.Status(7); return nil })
	bare := New() // without Recover the helpers still answer 500
	bare.GET("/string", func(c *Context) error { return c.String(1000, "x") })
	srv := newRawServer(t, app)
	for _, p := range []string{"/nocontent", "/string", "/json", "/blob", "/writeheader", "/status"} {
		if res := rawGet(t, srv, "GET", p); res.status() != http.StatusInternalServerError {
			t.Errorf("GET %s: %s, want 500", p, res)
		}
	}
	if res := rawGet(t, newRawServer(t, bare), "GET", "/string"); res.status() != http.StatusInternalServerError {
		t.Errorf("no Recover: %s", res)
	}
}

// Bug 10: a failure after the response started aborts the connection, so
// the client never takes a truncated body for a complete one.
func TestAbortAfterStart(t *testing.T) {
	big := strings.Repeat("x", 64<<10)
	app := New()
	app.Use(Recover)
	app.GET("/error-flushed", func(c *Context) error {
		c.String(200, "partial")
		http.NewResponseController(c.Response()).Flush()
		return errors.New("failed later")
	})
	app.GET("/error-buffered", func(c *Context) error {
		c.String(200, "partial")
		return errors.New("failed later")
	})
	app.GET("/panic-big", func(c *Context) error {
		c.String(200, big)
		panic("failed later")
	})
	app.GET("/json-then-error", func(c *Context) error {
		c.JSON(200, map[string]int{"a": 1})
		return NewHTTPError(500, "")
	})
	app.GET("/ok", func(c *Context) error { return c.String(200, "fine") })
	custom := New()
	custom.OnError(func(c *Context, err error) {}) // whatever it does
	custom.GET("/error", func(c *Context) error {
		c.String(200, "partial")
		return errors.New("x")
	})
	srv := newRawServer(t, app)
	for _, p := range []string{"/error-flushed", "/error-buffered", "/panic-big", "/json-then-error"} {
		res := rawGet(t, srv, "GET", p)
		if res.err == nil {
			t.Errorf("GET %s: the client saw a complete response: %s", p, res)
		}
	}
	if res := rawGet(t, newRawServer(t, custom), "GET", "/error"); res.err == nil {
		t.Errorf("custom OnError: complete response %s", res)
	}
	if res := rawGet(t, srv, "GET", "/ok"); res.err != nil || res.body != "fine" {
		t.Errorf("GET /ok: %s", res)
	}
}

// Bug 8: an empty path (absolute-form target) is "/".
func TestEmptyPathIsRoot(t *testing.T) {
	app := New()
	app.GET("/", func(c *Context) error { return c.String(200, "root "+c.Route()) })
	app.POST("/x", echoRoute)
	srv := newRawServer(t, app)
	for _, target := range []string{"http://site.test", "http://site.test?q=1", "/"} {
		if res := rawGet(t, srv, "GET", target); res.status() != 200 || res.body != "root /" {
			t.Errorf("GET %s: %s", target, res)
		}
	}
	if res := rawGet(t, srv, "HEAD", "http://site.test"); res.status() != 200 {
		t.Errorf("HEAD absolute form: %s", res)
	}
	if res := rawGet(t, srv, "DELETE", "http://site.test"); res.status() != 405 || res.header("Allow") != "GET, HEAD, OPTIONS" {
		t.Errorf("DELETE absolute form: %s", res)
	}
}

// HEAD through a GET route sends the Content-Length the GET would have,
// as net/http's ServeMux does; compared with it over real sockets.
func TestHEADContentLengthLikeServeMux(t *testing.T) {
	bodies := map[string]string{"/small": "hello", "/empty": "", "/big": strings.Repeat("y", 100<<10)}
	app := New()
	mux := http.NewServeMux()
	for p, b := range bodies {
		app.GET(p, func(c *Context) error { return c.String(200, b) })
		mux.HandleFunc("GET "+p, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", textContentType)
			io.WriteString(w, b)
		})
	}
	app.GET("/set", func(c *Context) error {
		c.SetHeader("Content-Length", "3")
		return c.String(200, "abc")
	})
	app.GET("/nocontent", func(c *Context) error { return c.NoContent(204) })
	ours, theirs := newRawServer(t, app), newRawServer(t, mux)
	for p, b := range bodies {
		o, m := rawGet(t, ours, "HEAD", p), rawGet(t, theirs, "HEAD", p)
		if o.status() != 200 || o.body != "" || o.header("Content-Length") != itoa(len(b)) {
			t.Errorf("HEAD %s: %s, want Content-Length %d", p, o, len(b))
		}
		if m.header("Content-Length") != "" && m.header("Content-Length") != o.header("Content-Length") {
			t.Errorf("HEAD %s: Content-Length %q, ServeMux %q", p, o.header("Content-Length"), m.header("Content-Length"))
		}
		if g := rawGet(t, ours, "GET", p); g.header("Content-Length") != o.header("Content-Length") && g.header("Content-Length") != "" {
			t.Errorf("GET %s: Content-Length %q, HEAD %q", p, g.header("Content-Length"), o.header("Content-Length"))
		}
	}
	if o := rawGet(t, ours, "HEAD", "/set"); o.header("Content-Length") != "3" {
		t.Errorf("HEAD /set: %s", o)
	}
	if o := rawGet(t, ours, "HEAD", "/nocontent"); o.status() != 204 || o.header("Content-Length") != "" {
		t.Errorf("HEAD /nocontent: %s", o)
	}
}

// r.Pattern is the matched route's pattern, in the handler and in the
// middleware around it.
func TestRequestPattern(t *testing.T) {
	app := New()
	var seen []string
	app.Use(func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			err := next(c)
			seen = append(seen, c.Request().Pattern)
			return err
		}
	})
	app.GET("/users/:id", func(c *Context) error { return c.String(200, c.Request().Pattern) })
	app.GET("/static/*p", echoRoute)
	for path, want := range map[string]string{"/users/7": "/users/:id", "/static/a/b": "/static/*p", "/none": ""} {
		seen = nil
		w := serve(app, "GET", path)
		if len(seen) != 1 || seen[0] != want || (want == "/users/:id" && w.Body.String() != want) {
			t.Errorf("GET %s: Pattern %v, body %q, want %q", path, seen, w.Body.String(), want)
		}
	}
}

// An error handler that writes nothing (or fails to, with a status
// net/http refuses) does not turn a failed request into an empty 200.
func TestSilentErrorHandler(t *testing.T) {
	app := New()
	app.OnError(func(c *Context, err error) { c.String(1000, "bad status") })
	app.GET("/", func(c *Context) error { return NewHTTPError(http.StatusConflict, "conflict") })
	app.GET("/status", func(c *Context) error { c.Status(http.StatusAccepted); return errors.New("x") })
	runCases(t, app, []routeCase{
		{"GET", "/", 409, "conflict", nil},
		{"GET", "/status", 500, "Internal Server Error", nil},
	})
}
