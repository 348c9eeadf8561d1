package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

// TestServerOverLoopback starts the example server on 127.0.0.1:0, on
// net/http's server and on hotpath's engine, and talks to it over real
// HTTP.
func TestServerOverLoopback(t *testing.T) {
	t.Run("net/http", func(t *testing.T) {
		srv := newServer()
		testServer(t, srv.Serve, srv.Close)
	})
	t.Run("engine", func(t *testing.T) {
		app := newApp()
		testServer(t, app.Serve, func() error { return app.Shutdown(context.Background()) })
	})
}

func testServer(t *testing.T, serve func(net.Listener) error, stop func() error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback listener: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- serve(l) }()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer func() {
		client.CloseIdleConnections()
		stop()
		if err := <-done; err != http.ErrServerClosed {
			t.Errorf("Serve: %v", err)
		}
	}()
	base := "http://" + l.Addr().String()

	do := func(method, path, body string) (*http.Response, string) {
		t.Helper()
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, err := http.NewRequest(method, base+path, rd)
		if err != nil {
			t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("%s %s: reading body: %v", method, path, err)
		}
		return resp, string(b)
	}
	cases := []struct {
		method, path, body string
		code               int
		want               string // substring of the body
		header, value      string
	}{
		{"GET", "/", "", 200, "hello from the framework example", "Content-Type", "text/plain; charset=utf-8"},
		{"GET", "/hello/gopher?lang=go", "", 200, `{"hello":"gopher","lang":"go"}`, "Content-Type", "application/json; charset=utf-8"},
		{"GET", "/static/css/site.css", "", 200, "would serve css/site.css", "", ""},
		{"POST", "/api/users", `{"name":"ann","age":7}`, 201, `{"id":1,"name":"ann","age":7}`, "Location", "/api/users/1"},
		{"POST", "/api/users", `{"name":"bob"}`, 201, `"id":2`, "", ""},
		{"GET", "/api/users/2", "", 200, `{"id":2,"name":"bob"}`, "", ""},
		{"GET", "/api/users", "", 200, `[{"id":1,"name":"ann","age":7},{"id":2,"name":"bob"}]`, "", ""},
		{"POST", "/api/users", `{"name":`, 400, "malformed JSON", "", ""},
		{"POST", "/api/users", `{"name":42}`, 400, "wrong type for field name", "", ""},
		{"POST", "/api/users", `{}`, 422, "name is required", "", ""},
		{"POST", "/api/users", `{"name":"` + strings.Repeat("x", 2<<20) + `"}`, 413, "larger than", "", ""},
		{"GET", "/api/users/x", "", 400, "id must be a number", "", ""},
		{"GET", "/api/users/9", "", 404, "no such user", "", ""},
		{"GET", "/nowhere", "", 404, "Not Found", "", ""},
		{"DELETE", "/api/users", "", 405, "Method Not Allowed", "Allow", "GET, HEAD, OPTIONS, POST"},
		{"OPTIONS", "/api/users", "", 204, "", "Allow", "GET, HEAD, OPTIONS, POST"},
		{"GET", "/api/users/", "", 301, "", "Location", "/api/users"},
		{"HEAD", "/hello/x", "", 200, "", "Content-Type", "application/json; charset=utf-8"},
		{"GET", "/panic", "", 500, "Internal Server Error", "", ""},
		{"GET", "/", "", 200, "", "X-Request-Number", ""},
	}
	for _, tc := range cases {
		resp, body := do(tc.method, tc.path, tc.body)
		if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("%s %s: %d %.100q, want %d containing %q", tc.method, tc.path, resp.StatusCode, body, tc.code, tc.want)
		}
		if tc.header != "" && tc.value != "" && resp.Header.Get(tc.header) != tc.value {
			t.Errorf("%s %s: %s = %q, want %q", tc.method, tc.path, tc.header, resp.Header.Get(tc.header), tc.value)
		}
		if resp.Header.Get("X-Request-Number") == "" {
			t.Errorf("%s %s: the middleware did not run", tc.method, tc.path)
		}
		if tc.method == "HEAD" && body != "" {
			t.Errorf("HEAD %s: body %q", tc.path, body)
		}
	}
	// the server survived the panic and keeps serving on a new connection
	if resp, _ := do("GET", "/hello/again", ""); resp.StatusCode != 200 {
		t.Errorf("after the panic: %d", resp.StatusCode)
	}
}
