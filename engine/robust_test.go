package engine

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// smuggle is the request a smuggling attempt hides behind the first; the
// handler must never see it.
const smuggle = "GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"

// TestSmuggling sends the request-smuggling classes: in each, a front end
// that frames the first request differently from us would forward the
// hidden request. The engine must refuse the first request (4xx or 5xx and
// close) or frame it so that the hidden bytes are its body, never serve
// /smuggled.
func TestSmuggling(t *testing.T) {
	var smuggled atomic.Int32
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		if strings.Contains(string(r.Target()), "smuggled") {
			smuggled.Add(1)
		}
		io.Copy(io.Discard, r.Body())
		w.WriteString("ok")
	}), nil)
	chunkedSmuggle := fmt.Sprintf("0\r\n\r\n%s", smuggle)
	cases := []struct{ name, req string }{
		{"CL.TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + fmt.Sprint(len(chunkedSmuggle)) + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedSmuggle},
		{"TE.CL", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(smuggle), smuggle)},
		{"TE.TE xchunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggle},
		{"TE.TE space before colon", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggle},
		{"TE.TE leading space name", "POST / HTTP/1.1\r\nHost: a\r\n Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + smuggle},
		{"TE.TE chunked, identity", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n" + chunkedSmuggle},
		{"TE.TE identity, chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity, chunked\r\n\r\n" + chunkedSmuggle},
		{"TE.TE duplicated", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedSmuggle},
		{"TE.TE duplicated differing", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n" + chunkedSmuggle},
		{"TE.TE tab", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\tchunked\x0b\r\n\r\n" + chunkedSmuggle},
		{"TE.TE quoted", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \"chunked\"\r\n\r\n" + chunkedSmuggle},
		{"TE.TE obs-fold", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: x\r\n chunked\r\n\r\n" + chunkedSmuggle},
		{"TE.TE bare LF", "POST / HTTP/1.1\r\nHost: a\r\nX: y\nTransfer-Encoding: chunked\r\n\r\n" + chunkedSmuggle},
		{"TE HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n" + chunkedSmuggle},
		{"CL.CL differing", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: " + fmt.Sprint(len(smuggle)) + "\r\n\r\n" + smuggle},
		{"CL list", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0, " + fmt.Sprint(len(smuggle)) + "\r\n\r\n" + smuggle},
		{"CL signed", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +0\r\n\r\n" + smuggle},
		{"CL negative", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n" + smuggle},
		{"CL space inside", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 0\r\n\r\n" + smuggle},
		{"CL overflow", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 18446744073709551616\r\n\r\n" + smuggle},
		{"chunk-size overflow", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n" + smuggle},
		{"chunk-size wraps to small", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100000000000000000000000000000024\r\n" + smuggle + "\r\n0\r\n\r\n"},
		{"chunk bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\n\r\n" + smuggle},
		{"chunk ext bare LF", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a\nb\r\nhello\r\n0\r\n\r\n" + smuggle},
		{"chunk ext bare CR", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a\rb\r\nhello\r\n0\r\n\r\n" + smuggle},
		{"chunk space before ;", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 ;a\r\nhello\r\n0\r\n\r\n" + smuggle},
		{"head bare LF", "GET / HTTP/1.1\nHost: a\n\n" + smuggle},
		{"head bare CR", "GET / HTTP/1.1\rHost: a\r\n\r\n" + smuggle},
		{"obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n" + smuggle},
		{"NUL in value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\x00\r\n\r\n" + smuggle},
		{"NUL in name", "GET / HTTP/1.1\r\nHost: a\r\n\x00X: a\r\n\r\n" + smuggle},
		{"NUL in target", "GET /\x00 HTTP/1.1\r\nHost: a\r\n\r\n" + smuggle},
		{"space in target", "GET / HTTP/1.1 HTTP/1.1\r\nHost: a\r\n\r\n" + smuggle},
		{"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + smuggle},
	}
	for _, k := range cases {
		out := ts.exchange(t, k.req)
		rs := responses(t, out, "POST")
		if smuggled.Load() != 0 {
			t.Fatalf("%s: the hidden request was served:\n%s", k.name, out)
		}
		if len(rs) > 1 {
			t.Errorf("%s: %d responses:\n%s", k.name, len(rs), out)
		}
		if len(rs) == 1 && rs[0].StatusCode == 200 && !rs[0].Close {
			t.Errorf("%s: answered 200 and kept the connection:\n%s", k.name, out)
		}
	}
}

// TestRefusedConnectionsCarryOn sends garbage on some connections while
// others serve requests: the bad ones get a 4xx and close, the good ones
// carry on.
func TestRefusedConnectionsCarryOn(t *testing.T) {
	ts := serve(t, hello, nil)
	good := ts.dial(t)
	br := bufio.NewReader(good)
	for i := range 20 {
		bad := ts.exchange(t, fmt.Sprintf("GET /\x00%d HTTP/1.1\r\n\r\n", i))
		if !strings.HasPrefix(bad, "HTTP/1.1 400 ") {
			t.Fatalf("%q", bad)
		}
		io.WriteString(good, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
		resp, err := http.ReadResponse(br, nil)
		if err != nil || body(resp) != "Hello, World!" {
			t.Fatalf("good connection: %v %v", resp, err)
		}
	}
}

func TestReadHeaderTimeout(t *testing.T) {
	ts := serve(t, hello, func(s *Server) { s.ReadHeaderTimeout = 300 * time.Millisecond })
	c := ts.dial(t)
	// A byte at a time, slower than the timeout allows for the whole head:
	// the server cuts the client off before the head is complete.
	head := "GET / HTTP/1.1\r\nHost: a\r\nX-Slow: " + strings.Repeat("s", 200) + "\r\n\r\n"
	cut := false
	for i := 0; i < len(head); i++ {
		if _, err := c.Write([]byte{head[i]}); err != nil {
			cut = true
			break
		}
		c.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		var b [512]byte
		n, err := c.Read(b[:])
		if n > 0 || err != nil && !errors.Is(err, errTimeout(err)) {
			if n > 0 && !strings.HasPrefix(string(b[:n]), "HTTP/1.1 408 ") {
				t.Fatalf("got %q", b[:n])
			}
			cut = true
			break
		}
	}
	if !cut {
		t.Fatal("a client sending its head a byte at a time was never cut off")
	}
}

// errTimeout returns err when it is a timeout (so errors.Is matches), else
// a value it never matches.
func errTimeout(err error) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return err
	}
	return errTest
}

func TestIdleTimeout(t *testing.T) {
	ts := serve(t, hello, func(s *Server) {
		s.IdleTimeout = 200 * time.Millisecond
		s.ReadHeaderTimeout = 200 * time.Millisecond // bounds the wait for a first request
	})
	c := ts.dial(t)
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
	br := bufio.NewReader(c)
	if resp, err := http.ReadResponse(br, nil); err != nil || body(resp) != "Hello, World!" {
		t.Fatal(resp, err)
	}
	// Then nothing: the server closes the idle connection (within the
	// test's I/O deadline).
	if _, err := br.ReadByte(); err != io.EOF {
		t.Fatalf("idle connection: %v, want EOF", err)
	}
	// A new connection that never sends a byte is closed too.
	if _, err := io.ReadAll(ts.dial(t)); err != nil {
		t.Fatalf("silent connection: %v", err)
	}
}

func TestSlowBody(t *testing.T) {
	ts := serve(t, echo, func(s *Server) { s.ReadTimeout = 300 * time.Millisecond })
	c := ts.dial(t)
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n")
	cut := false
	for range 1000 {
		if _, err := c.Write([]byte("x")); err != nil {
			cut = true
			break
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
		var b [512]byte
		if n, err := c.Read(b[:]); n > 0 || err != nil && !errors.Is(err, errTimeout(err)) {
			cut = true
			break
		}
	}
	if !cut {
		t.Fatal("a client sending its body a byte at a time was never cut off")
	}
}

// TestWriteTimeout serves a large response to a client that never reads:
// the write times out and the connection goroutine ends.
func TestWriteTimeout(t *testing.T) {
	base := runtime.NumGoroutine()
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		chunk := make([]byte, 64<<10)
		for range 1000 { // 64 MB, far beyond the socket buffers
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}), func(s *Server) { s.WriteTimeout = 200 * time.Millisecond })
	c := ts.dial(t)
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
	// Never read. The server gives up; its goroutine ends.
	if g := settleGoroutines(base + 3); g > base+3 {
		t.Fatalf("%d goroutines, want at most %d: the writer did not give up", g, base+3)
	}
}

// TestGoroutinesAfterClientsVanish opens connections that vanish
// mid-head, mid-body and mid-response, and checks that every connection
// goroutine ends.
func TestGoroutinesAfterClientsVanish(t *testing.T) {
	block := make(chan struct{})
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		switch string(r.Path()) {
		case "/body":
			io.Copy(io.Discard, r.Body())
		case "/big":
			chunk := make([]byte, 64<<10)
			for range 200 {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/block":
			<-block
		}
		w.WriteString("done")
	}), nil)
	base := runtime.NumGoroutine()
	vanish := []string{
		"GET / HTTP/1.1\r\nHost: a\r\nX-Half: ", // mid-head
		"GET / HT",                              // mid-request-line
		"POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nxyz",           // mid-body
		"POST /body HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", // mid-chunk
		"GET /big HTTP/1.1\r\nHost: a\r\n\r\n",                                          // mid-response
		"POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n",
	}
	for range 5 {
		for _, req := range vanish {
			c, err := net.Dial("tcp", ts.addr)
			if err != nil {
				t.Fatal(err)
			}
			c.SetDeadline(time.Now().Add(ioDeadline))
			io.WriteString(c, req)
			if strings.Contains(req, "/big") {
				var b [1024]byte
				io.ReadFull(c, b[:]) // the response has begun
			}
			// Vanish with a reset, as a crashed client does.
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetLinger(0)
			}
			c.Close()
		}
	}
	// A handler still running when its client vanishes ends when it
	// returns.
	c := ts.dial(t)
	io.WriteString(c, "GET /block HTTP/1.1\r\nHost: a\r\n\r\n")
	time.Sleep(10 * time.Millisecond)
	c.Close()
	close(block)
	if g := settleGoroutines(base + 1); g > base+1 { // +1: the clock may tick on
		buf := make([]byte, 1<<20)
		t.Fatalf("%d goroutines, want at most %d:\n%s", g, base+1, buf[:runtime.Stack(buf, true)])
	}
}

func TestShutdown(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	s := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		if string(r.Path()) == "/slow" {
			close(started)
			<-release
		}
		w.WriteString("done")
	}), ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()
	addr := ln.Addr().String()

	dial := func() (net.Conn, *bufio.Reader) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(ioDeadline))
		t.Cleanup(func() { c.Close() })
		return c, bufio.NewReader(c)
	}
	// An idle keep-alive connection, a brand new one, and one in flight.
	idle, idleR := dial()
	io.WriteString(idle, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
	if resp, err := http.ReadResponse(idleR, nil); err != nil || body(resp) != "done" {
		t.Fatal(resp, err)
	}
	_, freshR := dial()
	busy, busyR := dial()
	io.WriteString(busy, "GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
	<-started

	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), ioDeadline)
		defer cancel()
		shut <- s.Shutdown(ctx)
	}()
	if err := <-served; err != http.ErrServerClosed {
		t.Fatalf("Serve: %v", err)
	}
	// Idle connections are closed at once.
	if _, err := idleR.ReadByte(); err != io.EOF {
		t.Fatalf("idle: %v", err)
	}
	if _, err := freshR.ReadByte(); err != io.EOF {
		t.Fatalf("fresh: %v", err)
	}
	// New connections are refused.
	if c, err := net.Dial("tcp", addr); err == nil {
		c.SetDeadline(time.Now().Add(ioDeadline))
		if _, err := c.Read(make([]byte, 1)); err == nil {
			t.Fatal("a connection after Shutdown was served")
		}
		c.Close()
	}
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned %v with a request in flight", err)
	case <-time.After(50 * time.Millisecond):
	}
	// The request in flight completes, with Connection: close.
	close(release)
	resp, err := http.ReadResponse(busyR, nil)
	if err != nil || body(resp) != "done" || !resp.Close {
		t.Fatalf("in flight: %v %v", resp, err)
	}
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if err := s.Serve(ln); err != http.ErrServerClosed {
		t.Fatalf("Serve after Shutdown: %v", err)
	}
}

func TestShutdownTimeoutThenClose(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{}, 1)
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		started <- struct{}{}
		<-release
	}), nil)
	c := ts.dial(t)
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := ts.Shutdown(ctx); err != context.DeadlineExceeded {
		t.Fatalf("Shutdown: %v", err)
	}
	ts.Close()
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Fatal("Close left a connection open")
	}
}

// selfSigned makes a certificate for 127.0.0.1.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "engine test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

func TestTLS(t *testing.T) {
	cert, pool := selfSigned(t)
	s := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		if r.TLS() == nil || r.TLS().NegotiatedProtocol != "http/1.1" {
			w.WriteHeader(500)
		}
		io.Copy(io.Discard, r.Body())
		w.WriteString("secure")
	}), TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "http/1.1"}}, ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.ServeTLS(ln, "", "") }()
	defer func() {
		s.Shutdown(context.Background())
		if err := <-done; err != http.ErrServerClosed {
			t.Errorf("ServeTLS: %v", err)
		}
	}()
	// Go's client offers h2 and http/1.1 by ALPN; the engine takes
	// http/1.1.
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: ioDeadline}
	for i := range 3 {
		resp, err := c.Post("https://"+ln.Addr().String()+"/", "text/plain", strings.NewReader(strings.Repeat("x", i*10000)))
		if err != nil {
			t.Fatal(err)
		}
		if b := body(resp); resp.StatusCode != 200 || b != "secure" || resp.ProtoMajor != 1 || resp.TLS.NegotiatedProtocol != "http/1.1" {
			t.Fatalf("%v %q", resp, b)
		}
		resp.Body.Close()
	}
	// A client that speaks only h2 is refused by the handshake.
	conn, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{RootCAs: pool, NextProtos: []string{"h2"}})
	if err == nil {
		conn.Close()
		t.Fatal("an h2-only client was accepted")
	}
}

// TestTLSListenerWithH2 serves a tls.Listener whose config offers h2: a
// connection that negotiates h2 is closed instead of being spoken to in
// the wrong protocol.
func TestTLSListenerWithH2(t *testing.T) {
	cert, pool := selfSigned(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tl := tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "http/1.1"}})
	s := &Server{Handler: hello, ErrorLog: quietLog(t)}
	done := make(chan error, 1)
	go func() { done <- s.Serve(tl) }()
	defer func() {
		s.Shutdown(context.Background())
		<-done
	}()
	conn, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{RootCAs: pool, NextProtos: []string{"h2"}})
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(ioDeadline))
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Fatal("an h2 connection was served")
	}
	conn.Close()
}

func TestCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("SKIPPED LOUDLY: curl is not installed (apt-get install curl); the curl test did not run")
	}
	ts := serve(t, echo, nil)
	run := func(args ...string) string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), ioDeadline)
		defer cancel()
		out, err := exec.CommandContext(ctx, curl, append([]string{"-sS", "--max-time", "5"}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("curl %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	base := "http://" + ts.addr
	if out := run(base + "/a?b=c"); !strings.Contains(out, "path=/a\n") || !strings.Contains(out, "query=b=c\n") {
		t.Errorf("GET: %s", out)
	}
	if out := run("-d", "hello", base+"/p"); !strings.Contains(out, `body="hello"`) {
		t.Errorf("POST: %s", out)
	}
	big := strings.Repeat("z", 100000)
	if out := run("--data-binary", big, "-H", "Expect: 100-continue", base+"/p"); !strings.Contains(out, "body=\""+big+"\"") {
		t.Errorf("POST with 100-continue: %.200s", out)
	}
	if out := run("-H", "Transfer-Encoding: chunked", "-d", "chunky", base+"/p"); !strings.Contains(out, `body="chunky"`) {
		t.Errorf("chunked POST: %s", out)
	}
	if out := run("-I", base+"/"); !strings.HasPrefix(out, "HTTP/1.1 200 OK\r\n") || !strings.Contains(out, "Content-Length: ") {
		t.Errorf("HEAD: %s", out)
	}
	if out := run("--http1.0", base+"/"); !strings.Contains(out, "proto=HTTP/1.0\n") {
		t.Errorf("HTTP/1.0: %s", out)
	}
	// Two URLs on one connection.
	if out := run("-v", base+"/1", base+"/2"); !strings.Contains(out, "Re-using existing connection") && !strings.Contains(out, "Reusing existing connection") {
		t.Errorf("keep-alive: %s", out)
	}
}

// TestLoadRace serves many clients at once, connections opening and
// closing, some abandoned mid-request, under -race in the race build.
func TestLoadRace(t *testing.T) {
	ts := serve(t, echo, nil)
	clients, perClient := 16, 40
	if testing.Short() {
		clients, perClient = 4, 10
	}
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var c net.Conn
			var br *bufio.Reader
			for j := range perClient {
				if c == nil || j%7 == 0 {
					if c != nil {
						c.Close()
					}
					var err error
					if c, err = net.Dial("tcp", ts.addr); err != nil {
						errs <- err
						return
					}
					c.SetDeadline(time.Now().Add(ioDeadline))
					br = bufio.NewReader(c)
				}
				switch j % 5 {
				case 3: // abandoned mid-body
					io.WriteString(c, "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
					c.Close()
					c = nil
					continue
				case 4: // pipelined with a body
					fmt.Fprintf(c, "POST /p%d HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcGET /g%d HTTP/1.1\r\nHost: a\r\n\r\n", j, j)
				default:
					fmt.Fprintf(c, "GET /%d/%d HTTP/1.1\r\nHost: a\r\n\r\n", i, j)
				}
				n := 1
				if j%5 == 4 {
					n = 2
				}
				for range n {
					resp, err := http.ReadResponse(br, nil)
					if err != nil {
						errs <- err
						return
					}
					if b := body(resp); resp.StatusCode != 200 || !strings.Contains(b, "method=") {
						errs <- fmt.Errorf("%d %q", resp.StatusCode, b)
						return
					}
				}
			}
			if c != nil {
				c.Close()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
