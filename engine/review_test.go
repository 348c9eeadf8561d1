package engine

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/wire"
)

// The regression tests of the engine review: each one failed before its
// fix.

// keptBodyScenario serves two pipelined POSTs on one connection. The first
// handler keeps its body (keep) without reading it and returns; the second
// waits until the kept body has been read (late) before it reads its own.
// The late read must fail with ErrBodyReadAfterClose and see nothing of
// the second request's body, which the second handler must then read
// whole.
func keptBodyScenario(t *testing.T, h Handler, keep <-chan io.Reader, second <-chan struct{}, proceed chan<- struct{}, seen <-chan string) {
	t.Helper()
	ts := serve(t, h, nil)
	c := ts.dial(t)
	io.WriteString(c, "POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nfirst"+
		"POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\nSECRET")
	kept := <-keep
	// Once the second handler runs (it blocks until proceed), the first
	// has returned, and the connection's state is the second request's.
	<-second
	buf := make([]byte, 16)
	n, err := kept.Read(buf)
	if n != 0 || !errors.Is(err, ErrBodyReadAfterClose) {
		t.Errorf("a body read after its handler returned: %d bytes %q, error %v; want 0 and %v", n, buf[:n], err, ErrBodyReadAfterClose)
	}
	close(proceed)
	if got := <-seen; got != "SECRET" {
		t.Errorf("the second handler read %q, want %q", got, "SECRET")
	}
	readOKs(t, c, 2)
}

// readOKs reads n responses from c and fails unless each is a 200.
func readOKs(t *testing.T, c net.Conn, n int) {
	t.Helper()
	br := bufio.NewReader(c)
	for i := range n {
		resp, err := http.ReadResponse(br, nil)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("response %d: %v %v", i, resp, err)
		}
		io.Copy(io.Discard, resp.Body)
	}
}

// TestNativeBodyAfterHandler: a *Body kept past its request never reads
// another request's bytes.
func TestNativeBodyAfterHandler(t *testing.T) {
	keep := make(chan io.Reader, 1)
	second := make(chan struct{}, 1)
	proceed := make(chan struct{})
	seen := make(chan string, 1)
	h := HandlerFunc(func(w *ResponseWriter, r *Request) {
		if string(r.Path()) == "/1" {
			keep <- r.Body()
			return
		}
		// The second request: the kept body must be dead while this one's
		// is alive.
		second <- struct{}{}
		<-proceed
		b, err := io.ReadAll(r.Body())
		if err != nil {
			t.Errorf("second body: %v", err)
		}
		seen <- string(b)
	})
	keptBodyScenario(t, h, keep, second, proceed, seen)
}

// TestNativeBodyAfterManyRequests: a *Body kept past its request stays
// dead however many body-reading requests the connection serves later, in
// particular while a later request's Body sits where it sat in the
// connection's ring of handles (the request bodyHandles after it).
func TestNativeBodyAfterManyRequests(t *testing.T) {
	const later = bodyHandles // the last of them would take the kept one's slot
	keep := make(chan *Body, 1)
	last := make(chan struct{})
	proceed := make(chan struct{})
	seen := make(chan string, 1)
	n := 0
	h := HandlerFunc(func(w *ResponseWriter, r *Request) {
		n++
		if n == 1 {
			keep <- r.Body()
			return
		}
		body := r.Body()
		if n == 1+later {
			close(last)
			<-proceed
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Errorf("request %d: body: %v", n, err)
		}
		if n == 1+later {
			seen <- string(b)
		}
	})
	ts := serve(t, h, nil)
	c := ts.dial(t)
	var req strings.Builder
	req.WriteString("POST /0 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nfirst")
	for i := 1; i <= later; i++ {
		body := fmt.Sprintf("SECRET-%03d", i)
		fmt.Fprintf(&req, "POST /%d HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n%s", i, len(body), body)
	}
	go io.WriteString(c, req.String())
	kept := <-keep
	<-last
	buf := make([]byte, 16)
	got, err := kept.Read(buf)
	if got != 0 || !errors.Is(err, ErrBodyReadAfterClose) {
		t.Errorf("a body kept for %d requests, read while the last runs: %d bytes %q, error %v; want 0 and %v",
			later, got, buf[:got], err, ErrBodyReadAfterClose)
	}
	close(proceed)
	if want := fmt.Sprintf("SECRET-%03d", later); <-seen != want {
		t.Errorf("the last handler did not read its whole body %q", want)
	}
	readOKs(t, c, 1+later)
}

// TestHTTPHandlerBodyAfterHandler: the *http.Request's Body, kept by an
// http.Handler and read after it returned, fails as net/http's does
// ("http: invalid Read on closed Body") and never reads the next request.
func TestHTTPHandlerBodyAfterHandler(t *testing.T) {
	keep := make(chan io.Reader, 1)
	second := make(chan struct{}, 1)
	proceed := make(chan struct{})
	seen := make(chan string, 1)
	h := HTTPHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/1" {
			keep <- r.Body
			return
		}
		second <- struct{}{}
		<-proceed
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("second body: %v", err)
		}
		seen <- string(b)
	}))
	keptBodyScenario(t, h, keep, second, proceed, seen)
}

// TestHTTPHandlerBodyClose: Close on the http.Request's Body makes further
// reads fail, as with net/http, and the engine still discards the rest so
// the connection goes on.
func TestHTTPHandlerBodyClose(t *testing.T) {
	errs := make(chan error, 1)
	ts := serve(t, HTTPHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/close" {
			var b [2]byte
			io.ReadFull(r.Body, b[:])
			r.Body.Close()
			_, err := r.Body.Read(b[:])
			errs <- err
		}
		io.WriteString(w, "ok "+r.URL.Path)
	})), nil)
	out := ts.exchange(t, "POST /close HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"+
		"GET /next HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	if err := <-errs; !errors.Is(err, http.ErrBodyReadAfterClose) {
		t.Errorf("Read after Close: %v, want %v", err, http.ErrBodyReadAfterClose)
	}
	rs := responses(t, out, "POST")
	if len(rs) != 2 || body(rs[1]) != "ok /next" {
		t.Fatalf("%q", out)
	}
}

// oracle starts net/http's server with the differential test's echo
// handler and returns its address.
func oracle(t *testing.T, h http.Handler) string {
	t.Helper()
	if h == nil {
		h = netHTTPEcho
	}
	std := &http.Server{Handler: h, ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go std.Serve(ln)
	t.Cleanup(func() { std.Close() })
	return ln.Addr().String()
}

// TestConnectionHeaderOracle: whether a connection stays open after a
// request's Connection fields is decided as net/http decides it or more
// strictly (closing where net/http keeps), never more leniently.
func TestConnectionHeaderOracle(t *testing.T) {
	std := oracle(t, nil)
	ts := serve(t, engineEcho, nil)
	const next11, next10 = "GET /next HTTP/1.1\r\nHost: a\r\n\r\n", "GET /next HTTP/1.0\r\n\r\n"
	for _, k := range []struct {
		req  string
		keep bool // what the engine must do
	}{
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection: foo close\r\n\r\n" + next11, false},                  // net/http: close (space-separated)
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection:: close\r\n\r\n" + next11, false},                     // net/http: close
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection: foo\r\nConnection: x close\r\n\r\n" + next11, false}, // net/http keeps it
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection: close,\r\n\r\n" + next11, false},
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, CLOSE\r\n\r\n" + next11, false},
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n" + next11, true},
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection: xclose\r\n\r\n" + next11, true},
		{"GET / HTTP/1.1\r\nHost: a\r\nConnection: foo;close\r\n\r\n" + next11, true},
		{"GET / HTTP/1.0\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\n" + next10, false},   // net/http: close
		{"GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n" + next10, false}, // net/http keeps it
		{"GET / HTTP/1.0\r\nConnection: foo keep-alive\r\n\r\n" + next10, false},                  // net/http keeps it
		{"GET / HTTP/1.0\r\nConnection: keep-alive, foo\r\n\r\n" + next10, true},
		{"GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n" + next10, true},
		{"GET / HTTP/1.0\r\nConnection:: keep-alive\r\n\r\n" + next10, false},
	} {
		want, got := served(t, std, k.req), served(t, ts.addr, k.req)
		if len(got) > len(want) {
			t.Errorf("%q: the engine served %d requests, net/http %d", k.req, len(got), len(want))
		}
		if kept := len(got) == 2; kept != k.keep {
			t.Errorf("%q: the engine kept the connection: %v, want %v (net/http served %d)", k.req, kept, k.keep, len(want))
		}
	}
}

// TestAbsoluteFormHostOracle: the host of an absolute-form target is held
// to what net/http's URL parser accepts, or more: the engine answers 400
// where net/http does, and where both serve the request they see the
// same host.
func TestAbsoluteFormHostOracle(t *testing.T) {
	std := oracle(t, nil)
	ts := serve(t, engineEcho, nil)
	refuse := []string{"a%41", "%41", "a%7e", "[:]", "[1.2.3.4]", "[]", "[:::]", "[1::2::3]", "[12345::]",
		"[v1.x]", "[::1]x", "[::1%eth0]", "a%2541", "a%e9", "[::1%25eth0]", ":80", "a:b:c", "[::1]:x"}
	serveBoth := []string{"a", "a:80", "a:", "1.2.3.4", "300.1.1.1", "[::1]", "[::1]:8080", "[::ffff:1.2.3.4]",
		"a_b", "a~b", "a!b", "a;b", "a=b", "A.Example.COM"}
	for _, h := range append(refuse, serveBoth...) {
		req := "GET http://" + h + "/p?q HTTP/1.1\r\nHost: x\r\n\r\n"
		want, got := served(t, std, req), served(t, ts.addr, req)
		if len(got) > len(want) {
			t.Errorf("%q: the engine served what net/http refused", h)
		}
		if len(got) == 1 && len(want) == 1 && got[0] != want[0] {
			t.Errorf("%q: net/http saw\n%s\nthe engine saw\n%s", h, want[0], got[0])
		}
	}
	for _, h := range refuse {
		rs := responses(t, ts.exchange(t, "GET http://"+h+"/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
		if len(rs) != 1 || rs[0].StatusCode != 400 {
			t.Errorf("%q: %v, want 400", h, rs)
		}
	}
	for _, h := range serveBoth {
		if len(served(t, ts.addr, "GET http://"+h+"/ HTTP/1.1\r\nHost: x\r\n\r\n")) != 1 {
			t.Errorf("%q: refused", h)
		}
	}
}

// sleepy answers after sleeping for the duration in its path ("/600ms").
func sleepy() (Handler, http.Handler) {
	nap := func(p string) {
		if d, err := time.ParseDuration(strings.TrimPrefix(p, "/")); err == nil {
			time.Sleep(d)
		}
	}
	return HandlerFunc(func(w *ResponseWriter, r *Request) {
			nap(string(r.Path()))
			w.WriteString("ok")
		}), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			nap(r.URL.Path)
			io.WriteString(w, "ok")
		})
}

// TestPipelinedReadHeaderTimeout: the head of a pipelined request gets
// its own ReadHeaderTimeout, from when the engine starts reading it, not
// from the read that brought its first bytes along with an earlier
// request (whose handler may have taken longer than the timeout). As
// net/http.
func TestPipelinedReadHeaderTimeout(t *testing.T) {
	t.Parallel()
	eh, sh := sleepy()
	ts := serve(t, eh, func(s *Server) { s.ReadHeaderTimeout = 500 * time.Millisecond })
	std := &http.Server{Handler: sh, ReadHeaderTimeout: 500 * time.Millisecond, ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go std.Serve(ln)
	defer std.Close()
	for _, addr := range []string{ln.Addr().String(), ts.addr} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(ioDeadline))
		// The first request and a part of the second, in one write.
		io.WriteString(c, "GET /1200ms HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHo")
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s: first response %v %v", addr, resp, err)
		}
		io.Copy(io.Discard, resp.Body)
		// The rest of the second head, at once.
		io.WriteString(c, "st: a\r\n\r\n")
		resp, err = http.ReadResponse(br, nil)
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("%s: second response %v %v, want 200", addr, resp, err)
		}
	}
}

// TestPipelinedWriteTimeout: the responses to pipelined requests, written
// together, are bounded by WriteTimeout from the end of the last head, not
// from the read that brought them all: net/http, which writes each
// response before it reads the next head, sends both here.
func TestPipelinedWriteTimeout(t *testing.T) {
	t.Parallel()
	eh, sh := sleepy()
	ts := serve(t, eh, func(s *Server) { s.WriteTimeout = time.Second })
	std := &http.Server{Handler: sh, WriteTimeout: time.Second, ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go std.Serve(ln)
	defer std.Close()
	for _, addr := range []string{ln.Addr().String(), ts.addr} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(ioDeadline))
		io.WriteString(c, "GET /600ms HTTP/1.1\r\nHost: a\r\n\r\nGET /600ms HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
		out, _ := io.ReadAll(c)
		if rs := responses(t, string(out)); len(rs) != 2 {
			t.Errorf("%s: %d responses, want 2: %q", addr, len(rs), out)
		}
	}
}

// TestSilentNewConnection: a connection that never sends a byte is closed
// after ReadHeaderTimeout, as net/http closes it, not kept for
// IdleTimeout.
func TestSilentNewConnection(t *testing.T) {
	t.Parallel()
	ts := serve(t, hello, func(s *Server) {
		s.ReadHeaderTimeout = 300 * time.Millisecond
		s.IdleTimeout = time.Hour
	})
	std := &http.Server{Handler: http.NotFoundHandler(), ReadHeaderTimeout: 300 * time.Millisecond, IdleTimeout: time.Hour, ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go std.Serve(ln)
	defer std.Close()
	for _, addr := range []string{ln.Addr().String(), ts.addr} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(ioDeadline))
		if out, err := io.ReadAll(c); err != nil || len(out) != 0 {
			t.Errorf("%s: a silent connection got %q, %v; want it closed without a response", addr, out, err)
		}
	}
}

// TestHugeTimeouts: timeouts and limits at their largest values mean
// "practically never", not an overflow into the past (every read timing
// out) or a panic.
func TestHugeTimeouts(t *testing.T) {
	const forever = time.Duration(math.MaxInt64)
	tweak := func(s *Server) {
		s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout = forever, forever, forever, forever
		s.MaxHeaderBytes, s.MaxHeaders, s.MaxRequestLineBytes = math.MaxInt, math.MaxInt, math.MaxInt
		s.MaxBodyBytes, s.MaxUnreadBodyBytes = math.MaxInt64, math.MaxInt64
	}
	ts := serve(t, echo, tweak)
	req := "GET /a HTTP/1.1\r\nHost: a\r\n\r\n" +
		"POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + strings.Repeat("b", 5000) +
		"POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	c := ts.dial(t)
	br := bufio.NewReader(c)
	// A head in two reads, then the rest.
	io.WriteString(c, req[:10])
	time.Sleep(20 * time.Millisecond)
	io.WriteString(c, req[10:]+"GET /d HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	out, _ := io.ReadAll(br)
	rs := responses(t, string(out))
	if len(rs) != 4 {
		t.Fatalf("%d responses, want 4: %q", len(rs), out)
	}
	for i, r := range rs {
		if r.StatusCode != 200 {
			t.Errorf("response %d: %d", i, r.StatusCode)
		}
	}
	// An unread body within the (huge) MaxUnreadBodyBytes is discarded.
	ts2 := serve(t, hello, tweak)
	if rs := responses(t, ts2.exchange(t, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "POST"); len(rs) != 2 {
		t.Errorf("unread body: %d responses, want 2", len(rs))
	}
	// TLS: the handshake's deadline too.
	cert, pool := selfSigned(t)
	s := &Server{Handler: hello, TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}, ErrorLog: quietLog(t)}
	tweak(s)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go s.ServeTLS(ln, "", "")
	defer s.Close()
	tc, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{RootCAs: pool})
	if err != nil {
		t.Fatalf("TLS handshake: %v", err)
	}
	defer tc.Close()
	tc.SetDeadline(time.Now().Add(ioDeadline))
	io.WriteString(tc, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	if out, _ := io.ReadAll(tc); !strings.HasPrefix(string(out), "HTTP/1.1 200 ") {
		t.Errorf("over TLS: %q", out)
	}
}

// TestExpectOracle: Expect is handled as net/http handles it, or more
// strictly: 100-continue is honoured on an HTTP/1.1 request with a body
// and ignored on HTTP/1.0 (RFC 9110 §10.1.1) and without a body, compared
// without regard to case; any other expectation, in any Expect field, gets
// 417.
func TestExpectOracle(t *testing.T) {
	std := oracle(t, nil)
	ts := serve(t, engineEcho, nil)
	for _, k := range []struct {
		req  string
		code int // the engine's status
	}{
		{"GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n", 200},
		{"POST / HTTP/1.0\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nhi", 200},
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-CONTINUE\r\n\r\nhi", 200},
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue,\r\n\r\nhi", 200},
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect:\r\n\r\nhi", 200},
		{"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n2\r\nhi\r\n0\r\n\r\n", 200},
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue\r\nExpect: foo\r\n\r\nhi", 417}, // net/http: 200
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue, foo\r\n\r\nhi", 417},           // net/http: 200
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: foo\r\nExpect: 100-continue\r\n\r\nhi", 417},
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue;x=1\r\n\r\nhi", 417},
		{"GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n", 417},
		{"GET / HTTP/1.0\r\nExpect: foo\r\n\r\n", 417},
	} {
		want, got := served(t, std, k.req), served(t, ts.addr, k.req)
		if len(got) > len(want) {
			t.Errorf("%q: the engine served what net/http refused", k.req)
		}
		if len(got) == 1 && len(want) == 1 && got[0] != want[0] {
			t.Errorf("%q: net/http saw\n%s\nthe engine saw\n%s", k.req, want[0], got[0])
		}
		rs := responses(t, ts.exchange(t, strings.Replace(k.req, "\r\n\r\n", "\r\nConnection: close\r\n\r\n", 1)), "POST")
		if len(rs) == 0 || rs[len(rs)-1].StatusCode != k.code {
			t.Errorf("%q: %v, want %d", k.req, rs, k.code)
		}
	}
}

// TestEmptyLineClaims holds the package docs to the code: package wire
// refuses an empty line before the request line (ErrEmptyLine), as
// net/http does, and the engine skips exactly one CRLF before each request
// line, never a bare LF.
func TestEmptyLineClaims(t *testing.T) {
	for _, in := range []string{"\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "\r"} {
		var w wire.Request
		if _, err := wire.ParseRequest([]byte(in), &w); err != wire.ErrEmptyLine {
			t.Errorf("wire.ParseRequest(%q): %v, want ErrEmptyLine", in, err)
		}
	}
	std := oracle(t, nil)
	ts := serve(t, engineEcho, nil)
	for _, k := range []struct {
		req    string
		engine int // requests the engine serves
	}{
		{"\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 1},
		{"GET /1 HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n", 2},
		{"POST /1 HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n", 2},
		{"\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 0},
		{"\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 0},
		{"GET /1 HTTP/1.1\r\nHost: a\r\n\r\n\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n", 1},
	} {
		want, got := served(t, std, k.req), served(t, ts.addr, k.req)
		if len(got) != k.engine {
			t.Errorf("%q: the engine served %d requests, want %d", k.req, len(got), k.engine)
		}
		if strings.HasPrefix(k.req, "\r\nGET") && len(want) != 0 {
			t.Errorf("%q: net/http served it: the package docs say it refuses it", k.req)
		}
	}
}

// TestCappedViews: every slice a Request or ResponseWriter returns has
// its capacity at its length, so a caller's append copies instead of
// writing over the bytes that follow (the query after a path, the next
// header line of a response).
func TestCappedViews(t *testing.T) {
	var bad []string
	check := func(what string, b []byte) {
		if cap(b) != len(b) {
			bad = append(bad, fmt.Sprintf("%s: len %d cap %d", what, len(b), cap(b)))
		}
	}
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		io.ReadAll(r.Body())
		check("Method", r.Method())
		check("Target", r.Target())
		check("Path", r.Path())
		check("RawPath", r.RawPath())
		check("RawQuery", r.RawQuery())
		check("Host", r.Host())
		check("Header", r.Header("x-a"))
		if hs := r.Headers(); cap(hs) != len(hs) {
			bad = append(bad, fmt.Sprintf("Headers: len %d cap %d", len(hs), cap(hs)))
		}
		for _, h := range r.Headers() {
			check("Headers name", h.Name)
			check("Headers value", h.Value)
		}
		if ts := r.Trailers(); cap(ts) != len(ts) {
			bad = append(bad, fmt.Sprintf("Trailers: len %d cap %d", len(ts), cap(ts)))
		}
		for _, h := range r.Trailers() {
			check("Trailers name", h.Name)
			check("Trailers value", h.Value)
		}
		w.SetHeader("X-One", "1")
		w.SetHeader("X-Two", "2")
		v := w.Header("X-One")
		check("ResponseWriter.Header", v)
		_ = append(v, "\r\nX-Evil: 1"...) // must not reach the response
		p := r.Path()
		_ = append(p, "?evil"...)
		w.WriteString(string(r.RawQuery()))
	}), nil)
	for _, req := range []string{
		"GET /p?q=1 HTTP/1.1\r\nHost: h:1\r\nX-A: v\r\nX-B: w\r\n\r\n",
		"GET /a%20b/c?x=1 HTTP/1.1\r\nHost: h\r\nX-A: v\r\n\r\n",
		"GET http://h:1/p?q HTTP/1.1\r\nHost: x\r\nX-A: v\r\n\r\n",
		"POST /t?q HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nT1: a \r\nT2: b\r\n\r\n",
	} {
		bad = nil
		rs := responses(t, ts.exchange(t, strings.Replace(req, "\r\n\r\n", "\r\nConnection: close\r\n\r\n", 1)))
		if len(rs) != 1 || rs[0].Header.Get("X-Evil") != "" || rs[0].Header.Get("X-Two") != "2" || strings.Contains(body(rs[0]), "evil") {
			t.Errorf("%q: %v %q", req, rs[0].Header, body(rs[0]))
		}
		for _, b := range bad {
			t.Errorf("%q: %s", req, b)
		}
	}
}

// TestSetHeaderKeepsOldOnError: a SetHeader that fails leaves the field it
// would have replaced as it was.
func TestSetHeaderKeepsOldOnError(t *testing.T) {
	errs := make(chan error, 4)
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		w.SetHeader("X-A", "old")
		w.SetHeader("Content-Length", "5")
		errs <- w.SetHeader("Content-Length", "five")
		errs <- w.SetHeader("X-A", "bad\r\nvalue")
		errs <- w.SetHeader("X-A", "bad\x00")
		w.Flush() // streamed: the Content-Length set, else chunked
		w.WriteString("hello")
	}), nil)
	rs := responses(t, ts.exchange(t, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
	for range 3 {
		if err := <-errs; err == nil {
			t.Error("a bad SetHeader succeeded")
		}
	}
	if len(rs) != 1 || rs[0].ContentLength != 5 || len(rs[0].TransferEncoding) != 0 || rs[0].Header.Get("X-A") != "old" || body(rs[0]) != "hello" {
		t.Fatalf("%v", rs)
	}
}

// TestHTTPResponseWriterInterim: an http.Handler that sends 103 Early
// Hints and then changes its header map gets the final response net/http
// would send: the fields of the map as it is then, Content-Type sniffed
// when the map no longer has one, the length of what was written.
func TestHTTPResponseWriterInterim(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</a.css>; rel=preload")
		w.Header().Set("Content-Type", "application/x-early")
		w.Header().Set("Content-Length", "99")
		w.Header().Set("Date", "Mon, 01 Jan 2001 00:00:00 GMT")
		w.Header().Set("X-Early", "1")
		w.WriteHeader(http.StatusEarlyHints)
		w.Header().Del("Content-Type")
		w.Header().Del("Content-Length")
		w.Header().Del("Date")
		w.Header().Del("X-Early")
		w.Header().Set("X-Final", "1")
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "<html><body>hello</body></html>")
	})
	std := oracle(t, h)
	ts := serve(t, HTTPHandler(h), nil)
	describeAll := func(raw string) string {
		var b strings.Builder
		br := bufio.NewReader(strings.NewReader(raw))
		for range 3 {
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				break
			}
			resp.Header.Del("Date")
			if resp.StatusCode >= 200 {
				// Date is the server's own unless the handler sets it:
				// here it was deleted before the final head.
				resp.Header.Del("Date")
			}
			bb, _ := io.ReadAll(resp.Body)
			fmt.Fprintf(&b, "%d cl=%d %v %q\n", resp.StatusCode, resp.ContentLength, resp.Header, bb)
		}
		return b.String()
	}
	req := "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
	c, err := net.Dial("tcp", std)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(ioDeadline))
	io.WriteString(c, req)
	want, _ := io.ReadAll(c)
	got := ts.exchange(t, req)
	if w, g := describeAll(string(want)), describeAll(got); w != g {
		t.Errorf("net/http sent\n%s\nthe engine sent\n%s", w, g)
	}
	if _, final, _ := strings.Cut(got, "HTTP/1.1 200"); strings.Contains(final, "2001") {
		t.Errorf("the final response kept the deleted Date: %q", got)
	}
}
