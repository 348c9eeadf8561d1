package framework

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Tests that talk the way attackers do: raw bytes over real sockets to a
// net/http server on 127.0.0.1 running the App, every connection with a
// deadline, every loop bounded.

// rawDeadline bounds every raw connection.
const rawDeadline = 10 * time.Second

// newRawServer starts a net/http server on 127.0.0.1 running h.
func newRawServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener.Close()
	srv.Listener = l
	srv.Config.ErrorLog = nil
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// rawResult is what a client saw: the response (nil when none could be
// parsed), its body, and the first error met reading either.
type rawResult struct {
	resp *http.Response
	body string
	err  error
}

// rawExchange sends raw on a new connection to srv and reads one response
// (for method, so that HEAD has no body) and its body, within rawDeadline.
func rawExchange(t testing.TB, srv *httptest.Server, method, raw string) rawResult {
	t.Helper()
	conn, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), rawDeadline)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(rawDeadline))
	if _, err := io.WriteString(conn, raw); err != nil {
		return rawResult{err: err}
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return rawResult{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	return rawResult{resp: resp, body: string(b), err: err}
}

// get is rawExchange of a GET (or other method) of target with a Host.
func rawGet(t testing.TB, srv *httptest.Server, method, target string, headers ...string) rawResult {
	t.Helper()
	raw := method + " " + target + " HTTP/1.1\r\nHost: site.test\r\nConnection: close\r\n"
	for _, h := range headers {
		raw += h + "\r\n"
	}
	return rawExchange(t, srv, method, raw+"\r\n")
}

func (r rawResult) status() int {
	if r.resp == nil {
		return 0
	}
	return r.resp.StatusCode
}

func (r rawResult) header(k string) string {
	if r.resp == nil {
		return ""
	}
	return r.resp.Header.Get(k)
}

func (r rawResult) String() string {
	if r.resp == nil {
		return "no response: " + r.err.Error()
	}
	var b strings.Builder
	r.resp.Header.Write(&b)
	return r.resp.Status + " " + strings.ReplaceAll(b.String(), "\r\n", "; ") + " body " + r.body
}
