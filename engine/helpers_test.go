package engine

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/hotpath-go/hotpath/internal/testutil"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// ioDeadline bounds every socket operation of the tests.
const ioDeadline = 10 * time.Second

// testServer is a Server on 127.0.0.1 for one test.
type testServer struct {
	*Server
	addr string
	done chan error
}

// serve starts s (Handler h, fields set by tweak) on 127.0.0.1:0 and shuts
// it down at the end of the test.
func serve(t testing.TB, h Handler, tweak func(*Server)) *testServer {
	t.Helper()
	s := &Server{Handler: h, ErrorLog: quietLog(t)}
	if tweak != nil {
		tweak(s)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: s, addr: ln.Addr().String(), done: make(chan error, 1)}
	go func() { ts.done <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			s.Close()
		}
		select {
		case err := <-ts.done:
			if err != http.ErrServerClosed {
				t.Errorf("Serve returned %v, want http.ErrServerClosed", err)
			}
		case <-time.After(ioDeadline):
			t.Errorf("Serve did not return after Shutdown")
		}
	})
	return ts
}

// dial opens a raw connection to ts with a deadline.
func (ts *testServer) dial(t testing.TB) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", ts.addr, ioDeadline)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(ioDeadline))
	t.Cleanup(func() { c.Close() })
	return c
}

// exchange sends raw on a new connection and returns everything the
// server sends until it closes the connection (or the deadline).
func (ts *testServer) exchange(t testing.TB, raw string) string {
	t.Helper()
	c := ts.dial(t)
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(c)
	return string(b)
}

// responses parses every response in raw (answers to requests with the
// given methods, in order; a missing method is GET).
func responses(t testing.TB, raw string, methods ...string) []*http.Response {
	t.Helper()
	br := bufio.NewReader(strings.NewReader(raw))
	var rs []*http.Response
	for i := 0; i < 1000; i++ {
		if _, err := br.Peek(1); err != nil {
			break
		}
		m := "GET"
		if i < len(methods) {
			m = methods[i]
		}
		resp, err := http.ReadResponse(br, &http.Request{Method: m})
		if err != nil {
			t.Fatalf("response %d: %v in %q", i, err, raw)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("response %d body: %v in %q", i, err, raw)
		}
		resp.Body = io.NopCloser(bytes.NewReader(b))
		rs = append(rs, resp)
		if resp.StatusCode < 200 && resp.StatusCode != 101 {
			methods = slices.Insert(methods, min(i, len(methods)), m) // interim: same request again
		}
	}
	return rs
}

func body(r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	return string(b)
}

// echo answers with a description of the request it saw: the handler the
// tests and the differential test use.
var echo = HandlerFunc(func(w *ResponseWriter, r *Request) {
	b, err := io.ReadAll(r.Body())
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, "body error: %v\n", err)
		return
	}
	w.SetHeader("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "method=%s\ntarget=%s\npath=%s\nquery=%s\nhost=%s\nproto=%s\ncl=%d\n",
		r.Method(), r.Target(), r.Path(), r.RawQuery(), r.Host(), r.Proto(), r.ContentLength())
	for _, h := range r.Headers() {
		fmt.Fprintf(w, "h:%s=%s\n", h.Name, h.Value)
	}
	for _, h := range r.Trailers() {
		fmt.Fprintf(w, "t:%s=%s\n", h.Name, h.Value)
	}
	fmt.Fprintf(w, "body=%q\n", b)
})

// hello answers "Hello, World!" as text/plain.
var hello = HandlerFunc(func(w *ResponseWriter, r *Request) {
	w.SetHeader("Content-Type", "text/plain; charset=utf-8")
	w.WriteString("Hello, World!")
})

// quietLog is the servers' log: stderr with -v, else nowhere (server
// goroutines may log after their test has ended).
func quietLog(testing.TB) *log.Logger {
	if testing.Verbose() {
		return log.New(os.Stderr, "server: ", 0)
	}
	return log.New(io.Discard, "", 0)
}

// settleGoroutines waits (boundedly) until the number of goroutines drops
// to at most n, and returns the final count.
func settleGoroutines(n int) int {
	var g int
	for i := 0; i < 400; i++ {
		if g = runtime.NumGoroutine(); g <= n {
			return g
		}
		time.Sleep(25 * time.Millisecond)
	}
	return g
}

// memConn is the in-memory connection of the tests and benchmarks
// (testutil.ChunkConn).
type memConn = testutil.ChunkConn

var errTest = errors.New("test")
