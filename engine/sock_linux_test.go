package engine

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
)

// TestSockRaw checks that TCP connections take the raw socket path and
// that it carries what net.Conn carried: a response far larger than the
// socket's buffers, written in one Write while the client does not read
// (the raw write must resume after EAGAIN, in order, without loss), a
// body that arrives in pieces, and a body cut short by the client's EOF.
func TestSockRaw(t *testing.T) {
	const big = 8 << 20
	payload := bytes.Repeat([]byte("0123456789abcdef"), big/16)
	raw := make(chan bool, 4)
	bodyErr := make(chan error, 4)
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		raw <- r.c.sk.rc != nil
		switch string(r.Path()) {
		case "/big":
			w.SetHeader("Content-Type", "application/octet-stream")
			if n, err := w.Write(payload); n != len(payload) || err != nil {
				t.Errorf("Write = %d, %v", n, err)
			}
		case "/echo":
			b, err := io.ReadAll(r.Body())
			bodyErr <- err
			if err != nil {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			w.Write(b)
		}
	}), nil)

	c := ts.dial(t)
	br := bufio.NewReader(c)
	read := func() *http.Response {
		t.Helper()
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(b))
		return resp
	}

	io.WriteString(c, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
	time.Sleep(100 * time.Millisecond) // the server fills the socket and waits
	if !<-raw {
		t.Fatal("a TCP connection did not take the raw socket path")
	}
	if got := read(); got.StatusCode != 200 || !bytes.Equal([]byte(body(got)), payload) {
		t.Fatalf("big response: status %d, body differs from the %d bytes written", got.StatusCode, len(payload))
	}

	// A body sent in three pieces, with pauses between them.
	for _, p := range []string{"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhel", "lo wo", "rld"} {
		io.WriteString(c, p)
		time.Sleep(20 * time.Millisecond)
	}
	<-raw
	if err := <-bodyErr; err != nil {
		t.Fatalf("reading a body sent in pieces: %v", err)
	}
	if got := read(); body(got) != "hello world" {
		t.Fatalf("echo: %q", body(got))
	}

	// The client half-closes in the middle of a body.
	io.WriteString(c, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab")
	c.(interface{ CloseWrite() error }).CloseWrite()
	<-raw
	if err := <-bodyErr; !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("a body cut short by the client's EOF read as %v, want io.ErrUnexpectedEOF", err)
	}
}
