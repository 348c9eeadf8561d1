package framework

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/engine"
	"github.com/hotpath-go/hotpath/internal/heads"
)

// Tests of the App on hotpath's engine (App.Serve): raw bytes and Go's
// client over real sockets on 127.0.0.1, graceful shutdown, goroutines
// after clients vanish, and the differential test against net/http.

// engineServer runs app with App.Serve on 127.0.0.1 and shuts it down at
// the end of the test, checking that Serve returns http.ErrServerClosed.
func serveOnEngine(t testing.TB, app *App) string {
	t.Helper()
	if app.Server == nil {
		app.Server = &engine.Server{ErrorLog: log.New(io.Discard, "", 0)}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := app.Shutdown(ctx); err != nil {
			app.Server.Close()
		}
		select {
		case err := <-done:
			if err != http.ErrServerClosed {
				t.Errorf("Serve returned %v, want http.ErrServerClosed", err)
			}
		case <-time.After(rawDeadline):
			t.Errorf("Serve did not return after Shutdown")
		}
	})
	return ln.Addr().String()
}

// serveOnNetHTTP runs app under net/http's server on 127.0.0.1.
func serveOnNetHTTP(t testing.TB, app http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &http.Server{Handler: app, ReadHeaderTimeout: rawDeadline, ErrorLog: log.New(io.Discard, "", 0)}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return ln.Addr().String()
}

// dialRaw opens a connection to addr with a deadline.
func dialRaw(t testing.TB, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, rawDeadline)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(rawDeadline))
	t.Cleanup(func() { c.Close() })
	return c
}

// rawResponses sends raw on a new connection to addr, half-closes it, and
// parses every response until the connection ends (requests of methods,
// in order; a missing one is GET).
func rawResponses(t testing.TB, addr, raw string, methods ...string) []rawResult {
	t.Helper()
	c := dialRaw(t, addr)
	io.WriteString(c, raw)
	c.(*net.TCPConn).CloseWrite()
	out, _ := io.ReadAll(c)
	br := bufio.NewReader(bytes.NewReader(out))
	var rs []rawResult
	for i := 0; i < 100; i++ {
		m := "GET"
		if i < len(methods) {
			m = methods[i]
		}
		resp, err := http.ReadResponse(br, &http.Request{Method: m})
		if err != nil {
			break
		}
		b, err := io.ReadAll(resp.Body)
		rs = append(rs, rawResult{resp: resp, body: string(b), err: err})
		if err != nil {
			break
		}
	}
	return rs
}

// engineApp is a small App with what the tests below ask of it.
func engineApp() *App {
	app := New()
	app.GET("/", func(c *Context) error { return c.String(http.StatusOK, "Hello, World!") })
	app.GET("/users/:id", func(c *Context) error {
		return c.String(http.StatusOK, "user "+c.Param("id")+" q="+c.Query("q")+" h="+c.Header("X-Test"))
	})
	app.POST("/json", func(c *Context) error {
		var v struct{ Name string }
		if err := c.Bind(&v); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, map[string]string{"hello": v.Name})
	})
	app.GET("/dir/", func(c *Context) error { return c.String(http.StatusOK, "dir") })
	app.PUT("/put", func(c *Context) error { return c.NoContent(http.StatusNoContent) })
	return app
}

func TestServeRaw(t *testing.T) {
	addr := serveOnEngine(t, engineApp())
	for _, tc := range []struct {
		raw     string
		methods []string
		want    []string // status and body of each response
	}{
		{"GET / HTTP/1.1\r\nHost: a\r\n\r\n", nil, []string{"200 Hello, World!"}},
		{"GET /users/42?q=x%20y HTTP/1.1\r\nHost: a\r\nX-Test: t1\r\n\r\nGET /users/%41 HTTP/1.1\r\nHost: a\r\n\r\n", nil,
			[]string{"200 user 42 q=x y h=t1", "200 user A q= h="}},
		{"POST /json HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"Name\":\"gopher\"}", nil,
			[]string{`400 malformed JSON: unexpected EOF`, "400 "}}, // the body's last 2 bytes are no request
		{"POST /json HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"Name\":\"gopher\"}", nil,
			[]string{`201 {"hello":"gopher"}`}},
		{"POST /json HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}", nil,
			[]string{`415 Content-Type must be application/json`}},
		{"GET /nope HTTP/1.1\r\nHost: a\r\n\r\nGET /put HTTP/1.1\r\nHost: a\r\n\r\nGET /dir HTTP/1.1\r\nHost: a\r\n\r\n", nil,
			[]string{"404 Not Found", "405 Method Not Allowed", "301 "}},
		{"HEAD /users/7 HTTP/1.1\r\nHost: a\r\n\r\n", []string{"HEAD"}, []string{"200 "}},
		{"GET /users/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", nil, []string{"400 "}},
		{"GET / HTTP/1.1\r\n\r\n", nil, []string{"400 "}},
	} {
		rs := rawResponses(t, addr, tc.raw, tc.methods...)
		var got []string
		for _, r := range rs {
			got = append(got, fmt.Sprintf("%d %s", r.status(), r.body))
		}
		match := len(got) == len(tc.want)
		for i := 0; match && i < len(got); i++ {
			match = strings.HasPrefix(got[i], tc.want[i])
		}
		if !match {
			t.Errorf("%q:\n got %q\nwant %q", tc.raw, got, tc.want)
		}
	}
	// HEAD through a GET route: the GET's Content-Length and no body.
	if rs := rawResponses(t, addr, "HEAD /users/7 HTTP/1.1\r\nHost: a\r\n\r\n", "HEAD"); len(rs) != 1 || rs[0].header("Content-Length") != "12" {
		t.Errorf("HEAD: %v", rs)
	}
}

func TestServeHTTPClient(t *testing.T) {
	addr := serveOnEngine(t, engineApp())
	client := &http.Client{Timeout: rawDeadline}
	defer client.CloseIdleConnections()
	for range 3 { // keep-alive: the same connection again
		resp, err := client.Get("http://" + addr + "/users/go?q=1")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(b) != "user go q=1 h=" || resp.Header.Get("Content-Type") != textContentType {
			t.Errorf("GET: %d %q %v", resp.StatusCode, b, resp.Header)
		}
	}
	resp, err := client.Post("http://"+addr+"/json", "application/json", strings.NewReader(`{"Name":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 201 || string(b) != `{"hello":"x"}` || resp.Header.Get("Content-Type") != jsonContentType {
		t.Errorf("POST: %d %q %v", resp.StatusCode, b, resp.Header)
	}
	// A chunked body (unknown length) binds too.
	req, _ := http.NewRequest("POST", "http://"+addr+"/json", io.MultiReader(strings.NewReader(`{"Name":`), strings.NewReader(`"y"}`)))
	req.Header.Set("Content-Type", "application/json")
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 201 || string(b) != `{"hello":"y"}` {
		t.Errorf("chunked POST: %d %q", resp.StatusCode, b)
	}
}

// TestServeShutdown: a request in flight finishes, with Connection:
// close, while Shutdown waits for it; new connections are refused; Serve
// returns http.ErrServerClosed.
func TestServeShutdown(t *testing.T) {
	app := New()
	started, release := make(chan struct{}), make(chan struct{})
	app.GET("/slow", func(c *Context) error {
		close(started)
		<-release
		return c.String(http.StatusOK, "done")
	})
	app.Server = &engine.Server{ErrorLog: log.New(io.Discard, "", 0)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	served := make(chan error, 1)
	go func() { served <- app.Serve(ln) }()

	idle := dialRaw(t, addr) // a keep-alive connection waiting for its next request
	io.WriteString(idle, "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n")
	br := bufio.NewReader(idle)
	if resp, err := http.ReadResponse(br, nil); err != nil || resp.StatusCode != 404 {
		t.Fatalf("idle connection's request: %v %v", resp, err)
	} else {
		io.ReadAll(resp.Body)
	}

	c := dialRaw(t, addr)
	io.WriteString(c, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
	<-started
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), rawDeadline)
		defer cancel()
		shut <- app.Shutdown(ctx)
	}()
	if err := <-served; err != http.ErrServerClosed {
		t.Errorf("Serve returned %v, want http.ErrServerClosed", err)
	}
	// The idle connection is closed by Shutdown.
	if n, err := br.Read(make([]byte, 1)); err == nil {
		t.Errorf("idle connection still open after Shutdown (read %d bytes)", n)
	}
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned %v with a request in flight", err)
	default:
	}
	close(release)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(b) != "done" || !resp.Close {
		t.Errorf("request in flight: %d %q close=%v", resp.StatusCode, b, resp.Close)
	}
	if err := <-shut; err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	if c, err := net.DialTimeout("tcp", addr, rawDeadline); err == nil {
		c.Close()
		t.Errorf("a connection was accepted after Shutdown")
	}
	if err := app.Serve(ln); err != http.ErrServerClosed {
		t.Errorf("Serve after Shutdown: %v", err)
	}
}

// settle waits (boundedly) until there are at most n goroutines and
// returns the count.
func settle(n int) int {
	g := runtime.NumGoroutine()
	for i := 0; i < 400 && g > n; i++ {
		time.Sleep(25 * time.Millisecond)
		g = runtime.NumGoroutine()
	}
	return g
}

// TestServeClientsVanish: clients that go away mid-head, mid-body and
// mid-response leave no goroutine behind.
func TestServeClientsVanish(t *testing.T) {
	app := engineApp()
	big := strings.Repeat("x", 4<<20)
	app.GET("/big", func(c *Context) error { return c.String(http.StatusOK, big) })
	app.POST("/body", func(c *Context) error {
		var v any
		return c.Bind(&v)
	})
	addr := serveOnEngine(t, app)
	// One served request first, so that the engine's clock and pools exist.
	rawResponses(t, addr, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
	base := settle(runtime.NumGoroutine())
	for _, raw := range []string{
		"GET /users/1 HTTP/1.1\r\nHost: a\r\nX-Partial: ",                                 // mid-head
		"POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{\"a\":",            // mid-body
		"POST /body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\"", // mid-chunk
		"GET /big HTTP/1.1\r\nHost: a\r\n\r\n",                                            // mid-response: never read
	} {
		for range 5 {
			c, err := net.DialTimeout("tcp", addr, rawDeadline)
			if err != nil {
				t.Fatal(err)
			}
			c.SetDeadline(time.Now().Add(rawDeadline))
			io.WriteString(c, raw)
			if strings.Contains(raw, "/big") {
				c.Read(make([]byte, 100)) // the response has started
			}
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetLinger(0) // vanish: a reset, not a polite close
			}
			c.Close()
		}
	}
	if g := settle(base); g > base {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the clients vanished, %d before\n%s", g, base, buf[:runtime.Stack(buf, true)])
	}
}

// The differential test: the same App served by net/http and by
// App.Serve gets the same raw bytes. The engine must never hand the App a
// request net/http refuses; where both hand it over, the handler must see
// the same request and both must answer with the same status.

// diffApp returns an App whose routes describe the request they saw in
// their body, and whose middleware marks every response the App made
// (route or not) with X-App, so that a server's own refusal is told apart
// from the App's 404.
func diffApp() *App {
	app := New()
	app.Use(func(next HandlerFunc) HandlerFunc {
		return func(c *Context) error {
			c.SetHeader("X-App", "1")
			return next(c)
		}
	})
	describe := func(c *Context, bound string) error {
		var b strings.Builder
		fmt.Fprintf(&b, "route=%s\n", c.Route())
		for _, n := range []string{"id", "rest"} {
			fmt.Fprintf(&b, "param %s=%q\n", n, c.Param(n))
		}
		fmt.Fprintf(&b, "query=%s q=%q\n", c.QueryValues().Encode(), c.Query("q"))
		for _, n := range []string{"Host", "Content-Type", "Content-Length", "Transfer-Encoding", "Trailer", "x-multi", "X-Empty", "Accept", "User-Agent", "Cookie"} {
			fmt.Fprintf(&b, "header %s=%q\n", n, c.Header(n))
		}
		fmt.Fprintf(&b, "bound=%s\n", bound)
		r := c.Request()
		fmt.Fprintf(&b, "method=%s path=%q rawquery=%q host=%q proto=%s cl=%d te=%q\n",
			r.Method, r.URL.Path, r.URL.RawQuery, r.Host, r.Proto, r.ContentLength, r.TransferEncoding)
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range r.Header {
				if !yield(k) {
					return
				}
			}
		}) {
			fmt.Fprintf(&b, "h %s=%q\n", k, r.Header[k])
		}
		if bound == "" {
			body, err := io.ReadAll(r.Body)
			fmt.Fprintf(&b, "body=%q err=%v\n", body, err != nil) // the texts differ
		}
		return c.String(http.StatusOK, b.String())
	}
	echo := func(c *Context) error { return describe(c, "") }
	app.GET("/", echo)
	app.GET("/users/:id", echo)
	app.POST("/users/:id", echo)
	app.GET("/files/*rest", echo)
	app.GET("/dir/", echo)
	app.PUT("/only-put", echo)
	app.Handle("PURGE", "/users/:id", echo)
	bind := func(c *Context) error {
		var v map[string]any
		if err := c.Bind(&v); err != nil {
			return err
		}
		b, _ := json.Marshal(v)
		return describe(c, string(b))
	}
	app.POST("/bind/:id", bind)
	app.PUT("/bind/:id", bind)
	return app
}

// diffCorpus is the base of the differential test: the corpus of real
// heads and requests for the routes of diffApp.
func diffCorpus() []string {
	var c []string
	for _, h := range heads.All() {
		c = append(c, string(h.Bytes))
	}
	c = append(c,
		"GET /users/42?q=1&q=2&x=%20y HTTP/1.1\r\nHost: a\r\nX-Multi: 1\r\nx-multi: 2\r\nX-Empty:\r\nAccept: */*\r\n\r\n",
		"GET /users/%E2%82%AC/ HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /users/a%2Fb HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /files/a/b/c.txt?v=1 HTTP/1.1\r\nHost: a:8080\r\n\r\n",
		"GET /files HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /dir HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /dir?x=1 HTTP/1.1\r\nHost: a\r\n\r\n",
		"POST /dir HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
		"GET /only-put HTTP/1.1\r\nHost: a\r\n\r\n",
		"HEAD /users/1 HTTP/1.1\r\nHost: a\r\n\r\n",
		"OPTIONS /users/1 HTTP/1.1\r\nHost: a\r\n\r\n",
		"PURGE /users/1 HTTP/1.1\r\nHost: a\r\n\r\n",
		"DELETE /users/1 HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /nope HTTP/1.1\r\nHost: a\r\n\r\n",
		"POST /users/1 HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
		"POST /users/1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\nX-T: 1\r\n\r\n",
		"POST /bind/1 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":[1,\"b\"]}",
		"PUT /bind/2 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n",
		"POST /bind/3 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"a\":1}{}",
		"POST /bind/4 HTTP/1.1\r\nHost: a\r\nContent-Type: application/xml\r\nContent-Length: 2\r\n\r\n{}",
		"POST /bind/5 HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
		"GET /users/1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /bind/6 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}GET /files/x HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /users/1 HTTP/1.0\r\n\r\n",
		"GET http://example.com/users/abs?q=1 HTTP/1.1\r\nHost: example.com\r\n\r\n",
		"GET /users/1 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n",
		"POST /users/1 HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\nbody",
	)
	return c
}

var diffMutationBytes = []byte(" \t\r\n\x00:;,0aA-_\x7f\xff\"%?/#@[]\x0b")

var diffMutationLines = []string{
	"Transfer-Encoding: chunked\r\n", "Transfer-Encoding: identity\r\n", "Content-Length: 0\r\n",
	"Content-Length: 3\r\n", "Content-Length: +3\r\n", "Host: h\r\n", "Host:\r\n", "Connection: close\r\n",
	"Expect: 100-continue\r\n", "Content-Type: application/json\r\n", " X: y\r\n", "\r\n", "X:y\r\n",
}

// diffMutate applies one deterministic mutation, chosen by r, to s.
func diffMutate(r *rand.Rand, s string) string {
	b := []byte(s)
	if len(b) == 0 {
		return s
	}
	i := r.IntN(len(b))
	switch r.IntN(7) {
	case 0:
		b[i] = diffMutationBytes[r.IntN(len(diffMutationBytes))]
	case 1:
		b = slices.Insert(b, i, diffMutationBytes[r.IntN(len(diffMutationBytes))])
	case 2:
		b = slices.Delete(b, i, i+1)
	case 3:
		if j := bytes.Index(b, []byte("\r\n")); j >= 0 {
			b = slices.Insert(b, j+2, []byte(diffMutationLines[r.IntN(len(diffMutationLines))])...)
		}
	case 4:
		if c := b[i] | 0x20; c >= 'a' && c <= 'z' {
			b[i] ^= 0x20
		}
	case 5:
		b = b[:i]
	case 6:
		b = append(b, "GET /users/next HTTP/1.1\r\nHost: n\r\n\r\n"...)
	}
	return string(b)
}

// appAnswers returns the App's responses to raw (status and body, HEAD
// bodies empty), up to the first response the App did not make.
func appAnswers(t testing.TB, addr, raw string) []string {
	var ms []string // the one HEAD a pipeline may start with; others are GETs
	if strings.HasPrefix(raw, "HEAD ") {
		ms = []string{"HEAD"}
	}
	var out []string
	for _, r := range rawResponses(t, addr, raw, ms...) {
		if r.status() == 100 {
			continue
		}
		if r.header("X-App") != "1" {
			break
		}
		if r.status() != http.StatusOK {
			r.body = "" // error texts may differ: a body read error is the server's own
		}
		out = append(out, fmt.Sprintf("%d\n%s", r.status(), r.body))
	}
	return out
}

func TestServeDifferential(t *testing.T) {
	std := serveOnNetHTTP(t, diffApp())
	ours := serveOnEngine(t, diffApp())
	rng := rand.New(rand.NewPCG(14, 2))
	perSeed := 30
	if testing.Short() {
		perSeed = 4
	}
	var inputs []string
	for _, raw := range diffCorpus() {
		inputs = append(inputs, raw)
		for range perSeed {
			m := diffMutate(rng, raw)
			if rng.IntN(3) == 0 {
				m = diffMutate(rng, m)
			}
			inputs = append(inputs, m)
		}
	}
	both, stdOnly := 0, 0
	for _, raw := range inputs {
		want, got := appAnswers(t, std, raw), appAnswers(t, ours, raw)
		if strings.HasPrefix(raw, "\r\n") || strings.HasPrefix(raw, "OPTIONS * ") {
			continue // the engine's two documented leniencies
		}
		if len(got) > len(want) {
			t.Errorf("the engine handed the App %d requests, net/http %d, of %q:\nthe App answered the engine:\n%s", len(got), len(want), raw, got[len(want)])
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("request %d of %q:\nunder net/http:\n%s\non the engine:\n%s", i, raw, want[i], got[i])
			}
		}
		if len(got) > 0 {
			both++
		}
		if len(got) < len(want) {
			stdOnly++
		}
	}
	t.Logf("%d inputs: both served %d, net/http alone more of %d", len(inputs), both, stdOnly)
	if both < len(diffCorpus())/2 {
		t.Errorf("only %d inputs were served by both: the comparison says little", both)
	}
}
