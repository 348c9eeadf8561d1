package framework

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// TestServeFeaturesMatch runs one App with every Context helper and the
// package's middleware under net/http and on the engine (the native path:
// no *http.Request or http.ResponseWriter unless the handler asks for
// one), and checks that clients get the same responses: status, body and
// the headers that do not depend on the server (Date, and how a body is
// framed, are left out).
func TestServeFeaturesMatch(t *testing.T) {
	var (
		mu   sync.Mutex
		logs = map[string]*logRecords{}
	)
	mod := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	files := fstest.MapFS{
		"index.html": {Data: []byte("<h1>home</h1>"), ModTime: mod},
		"a/b.txt":    {Data: []byte("0123456789"), ModTime: mod},
	}
	mk := func(name string) *App {
		recs := &logRecords{}
		mu.Lock()
		logs[name] = recs
		mu.Unlock()
		app := New()
		app.Use(RequestID(), Logger(slog.New(&lockedHandler{mu: &mu, h: recs})), Recover,
			CORS(CORSConfig{AllowOrigins: []string{"https://ok.test"}, ExposeHeaders: []string{"X-A"}, MaxAge: time.Minute}))
		app.GET("/string", func(c *Context) error { return c.String(http.StatusOK, "hi") })
		app.GET("/json/:id", func(c *Context) error {
			return c.JSON(http.StatusCreated, map[string]any{"id": c.Param("id"), "q": c.QueryValues()["q"], "h": c.Header("x-in")})
		})
		app.GET("/blob", func(c *Context) error { return c.Blob(http.StatusAccepted, "application/x-test", []byte{1, 2, 3}) })
		app.GET("/blob-bad", func(c *Context) error {
			if err := c.Blob(http.StatusOK, "a\nb", nil); err == nil {
				return errors.New("Blob took a bad Content-Type")
			}
			return c.String(http.StatusOK, "refused")
		})
		app.DELETE("/nocontent", func(c *Context) error { return c.NoContent(http.StatusNoContent) })
		app.GET("/status", func(c *Context) error { c.Status(http.StatusTeapot); return nil })
		app.GET("/setheader", func(c *Context) error {
			if c.SetHeader("Bad Name", "x") == nil || c.SetHeader("X-B", "a\r\nb") == nil {
				return errors.New("SetHeader took a bad field")
			}
			if err := c.SetHeader("x-a", "one"); err != nil {
				return err
			}
			if err := c.SetHeader("X-A", "two"); err != nil {
				return err
			}
			if err := c.String(http.StatusOK, fmt.Sprint(c.Written(), c.StatusCode(), c.BytesWritten())); err != nil {
				return err
			}
			if !errors.Is(c.SetHeader("X-Late", "1"), ErrHeaderWritten) {
				return errors.New("SetHeader after the header was written")
			}
			return nil
		})
		app.GET("/httperror", func(c *Context) error { return NewHTTPError(http.StatusConflict, "conflict!") })
		app.GET("/error", func(c *Context) error { return errors.New("secret") })
		app.GET("/panic", func(c *Context) error { panic("boom") })
		app.GET("/bad-status", func(c *Context) error { return c.String(1000, "x") })
		app.GET("/response", func(c *Context) error {
			w := c.Response()
			w.Header().Set("X-Net", w.Header().Get("X-Request-Id"))
			w.WriteHeader(http.StatusNonAuthoritativeInfo)
			io.WriteString(w, "net/http style")
			return nil
		})
		app.GET("/mixed", func(c *Context) error {
			c.SetHeader("X-First", "1")
			w := c.Response()
			first := w.Header().Get("X-First")
			w.Header().Del("Vary")
			c.SetHeader("X-Second", "2")
			return c.String(http.StatusOK, "first="+first)
		})
		app.GET("/response-only-header", func(c *Context) error {
			c.Response().Header().Set("X-Only", "1")
			return nil
		})
		app.GET("/request/*rest", func(c *Context) error {
			r := c.Request()
			return c.String(http.StatusOK, fmt.Sprintf("%s %s %q %s %q rest=%s", r.Method, r.URL.Path, r.URL.RawQuery, r.Pattern, r.Header.Get("X-In"), c.Param("rest")))
		})
		app.GET("/timeout", func(c *Context) error {
			_, ok := c.Request().Context().Deadline()
			return c.String(http.StatusOK, fmt.Sprint("deadline ", ok))
		}, Timeout(time.Hour))
		app.GET("/flush", func(c *Context) error {
			w := c.Response()
			io.WriteString(w, "part1 ")
			w.(http.Flusher).Flush()
			io.WriteString(w, "part2")
			return nil
		})
		app.Static("/files", files)
		app.GET("/dir/", func(c *Context) error { return c.String(http.StatusOK, "dir") })
		// net/http code, through Request and Response.
		app.GET("/h/*rest", func(c *Context) error {
			http.StripPrefix("/h", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/go" {
					http.Redirect(w, r, "/h/went", http.StatusFound)
					return
				}
				if r.URL.Path == "/err" {
					http.Error(w, "nope", http.StatusForbidden)
					return
				}
				w.Header().Set("X-Net", r.URL.Path)
				fmt.Fprint(w, "stripped ", r.URL.Path)
			})).ServeHTTP(c.Response(), c.Request())
			return nil
		})
		app.PUT("/put", func(c *Context) error { return c.NoContent(http.StatusOK) })
		app.POST("/bind", func(c *Context) error {
			var v struct{ N int }
			if err := c.Bind(&v); err != nil {
				return err
			}
			return c.JSON(http.StatusOK, v)
		})
		return app
	}
	std, ours := serveOnNetHTTP(t, mk("net/http")), serveOnEngine(t, mk("engine"))

	reqs := []string{
		"GET /string", "HEAD /string", "GET /json/7?q=a&q=b", "HEAD /json/8", "GET /blob", "GET /blob-bad",
		"DELETE /nocontent", "GET /status", "GET /setheader", "GET /httperror", "GET /error", "GET /panic",
		"GET /bad-status", "GET /response", "HEAD /response", "GET /mixed", "GET /response-only-header",
		"GET /request/x/y%20z?k=v", "GET /timeout", "GET /flush", "GET /files/a/b.txt", "HEAD /files/a/b.txt",
		"GET /files/", "GET /files", "GET /files/nope", "GET /files/a/../b.txt", "GET /dir", "GET /dir?x=1",
		"POST /dir", "GET /put", "OPTIONS /put", "GET /nope", "POST /bind", "GET /h/x/y", "GET /h/go", "GET /h/err", // not OPTIONS *: net/http answers it itself
	}
	extra := map[string]string{
		"GET /json/7?q=a&q=b":      "X-In: in\r\n",
		"GET /request/x/y%20z?k=v": "X-In: in\r\nX-Request-Id: given-id\r\n",
		"GET /response":            "X-Request-Id: abc\r\n",
		"HEAD /response":           "X-Request-Id: abc\r\n",
		"GET /string":              "Origin: https://ok.test\r\n",
		"OPTIONS /put":             "Origin: https://ok.test\r\nAccess-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: X-Q\r\n",
		"GET /files/a/b.txt":       "Range: bytes=2-4\r\n",
		"HEAD /files/a/b.txt":      "If-Modified-Since: " + mod.Format(http.TimeFormat) + "\r\n",
		"POST /bind":               "Content-Type: application/json\r\nContent-Length: 8\r\n\r\n{\"N\":42}",
	}
	headers := []string{"Content-Type", "Location", "Allow", "Vary", "Access-Control-Allow-Origin",
		"Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age",
		"Access-Control-Expose-Headers", "X-Content-Type-Options", "X-A", "X-Net", "X-First", "X-Second",
		"X-Only", "X-Late", "Last-Modified", "Content-Range", "Accept-Ranges", "Content-Length"}
	describe := func(addr, req string) string {
		method, target, _ := strings.Cut(req, " ")
		raw := req + " HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\n" + extra[req]
		if !strings.Contains(extra[req], "\r\n\r\n") {
			raw += "\r\n"
		}
		_ = target
		rs := rawResponses(t, addr, raw, method)
		if len(rs) != 1 {
			return fmt.Sprintf("%d responses", len(rs))
		}
		r := rs[0]
		var b strings.Builder
		fmt.Fprintf(&b, "%d %q\n", r.status(), r.body)
		for _, h := range headers {
			if h == "Content-Length" && (r.resp.ContentLength < 0 || r.status() == http.StatusNoContent) {
				continue // framing: net/http and the engine chunk at different sizes
			}
			if v := r.resp.Header.Values(h); len(v) > 0 {
				fmt.Fprintf(&b, "%s: %q\n", h, v)
			}
		}
		if id := r.header("X-Request-Id"); id == "" {
			b.WriteString("no X-Request-Id\n")
		} else if strings.Contains(raw, "X-Request-Id") {
			fmt.Fprintf(&b, "X-Request-Id: %s\n", id)
		}
		return b.String()
	}
	for _, req := range reqs {
		want, got := describe(std, req), describe(ours, req)
		if want != got {
			t.Errorf("%s:\nunder net/http:\n%s\non the engine:\n%s", req, want, got)
		}
	}
	// The Logger saw the same requests.
	mu.Lock()
	defer mu.Unlock()
	line := func(m map[string]any) string {
		return fmt.Sprintf("%v %v %v %v %v %v %v", m["level"], m["method"], m["route"], m["path"], m["status"], m["bytes"], m["aborted"])
	}
	var a, b []string
	for _, m := range logs["net/http"].recs {
		a = append(a, line(m))
	}
	for _, m := range logs["engine"].recs {
		b = append(b, line(m))
	}
	sort.Strings(a)
	sort.Strings(b)
	if strings.Join(a, "\n") != strings.Join(b, "\n") || len(a) != len(reqs) {
		t.Errorf("log records differ:\nnet/http:\n%s\nengine:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

// lockedHandler serializes a slog.Handler shared with the test.
type lockedHandler struct {
	mu *sync.Mutex
	h  slog.Handler
}

func (l *lockedHandler) Enabled(ctx context.Context, lv slog.Level) bool { return true }
func (l *lockedHandler) Handle(ctx context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.h.Handle(ctx, r)
}
func (l *lockedHandler) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l *lockedHandler) WithGroup(string) slog.Handler      { return l }

// TestServeAbortAfterStart: a handler that fails after its response
// started never looks like a success on the engine either.
func TestServeAbortAfterStart(t *testing.T) {
	app := New()
	app.GET("/late", func(c *Context) error {
		c.String(http.StatusOK, "partial")
		return errors.New("failed after the start")
	})
	addr := serveOnEngine(t, app)
	rs := rawResponses(t, addr, "GET /late HTTP/1.1\r\nHost: a\r\n\r\n")
	if len(rs) == 1 && rs[0].status() == http.StatusOK && rs[0].body == "partial" && rs[0].err == nil {
		t.Errorf("a failed request looked complete: %v", rs[0])
	}
}
