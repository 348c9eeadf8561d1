package engine_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/hotpath-go/hotpath/engine"
)

// A server answering every request with the same text.
func ExampleServer() {
	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		w.SetHeader("Content-Type", "text/plain; charset=utf-8")
		w.WriteString("Hello, World!")
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go s.Serve(ln)
	defer s.Shutdown(context.Background())

	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		log.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.Status, resp.ContentLength, string(b))
	// Output: 200 OK 13 Hello, World!
}

// A handler reading the request's parts: none of this allocates.
func ExampleRequest() {
	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		fmt.Printf("%s %s query=%s host=%s agent=%s\n", r.Method(), r.Path(), r.RawQuery(), r.Host(), r.Header("user-agent"))
		body, err := io.ReadAll(r.Body())
		fmt.Printf("body %q, %v\n", body, err)
	})}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go s.Serve(ln)
	defer s.Shutdown(context.Background())

	req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/a%20b?x=1", strings.NewReader("data"))
	req.Host = "example.com"
	req.Header.Set("User-Agent", "example/1.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	// Output:
	// POST /a b query=x=1 host=example.com agent=example/1.0
	// body "data", <nil>
}

// Header values are checked as they are set: a value carrying CR LF is
// refused, never written.
func ExampleResponseWriter_SetHeader() {
	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		err := w.SetHeader("Location", "/next\r\nSet-Cookie: stolen=1")
		fmt.Println(err)
		w.SetHeader("Location", "/next")
		w.WriteHeader(http.StatusSeeOther)
	})}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go s.Serve(ln)
	defer s.Shutdown(context.Background())

	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Set-Cookie") == "")
	// Output:
	// wire: invalid header field value
	// 303 /next true
}

// Flush sends what the handler wrote so far; the rest of the body follows
// chunked.
func ExampleResponseWriter_Flush() {
	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		w.WriteString("first ")
		w.Flush()
		w.WriteString("second")
	})}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go s.Serve(ln)
	defer s.Shutdown(context.Background())

	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		log.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.TransferEncoding, string(b))
	// Output: [chunked] first second
}

// Shutdown lets the request in flight finish, then Serve has returned
// http.ErrServerClosed.
func ExampleServer_Shutdown() {
	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		w.WriteString("bye")
	})}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fmt.Println(s.Shutdown(ctx), <-served)
	// Output: <nil> http: Server closed
}

// ServeConn serves one connection on the calling goroutine: here one end
// of an in-memory pipe.
func ExampleServer_ServeConn() {
	s := &engine.Server{Handler: engine.HandlerFunc(func(w *engine.ResponseWriter, r *engine.Request) {
		w.SetHeader("Content-Type", "text/plain")
		w.WriteString("piped")
	})}
	client, server := net.Pipe()
	go s.ServeConn(server)
	io.WriteString(client, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	out, _ := io.ReadAll(client)
	// Drop the Date line, which changes every second.
	for _, line := range strings.Split(string(out), "\r\n") {
		if !strings.HasPrefix(line, "Date: ") {
			fmt.Printf("%q\n", line)
		}
	}
	// Output:
	// "HTTP/1.1 200 OK"
	// "Content-Type: text/plain"
	// "Content-Length: 5"
	// "Connection: close"
	// ""
	// "piped"
}

// HTTPHandler runs code written for net/http on the engine (at net/http's
// cost: the *http.Request is built for every request).
func ExampleHTTPHandler() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello/{name}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello, %s", r.PathValue("name"))
	})
	s := &engine.Server{Handler: engine.HTTPHandler(mux)}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go s.Serve(ln)
	defer s.Shutdown(context.Background())

	resp, err := http.Get("http://" + ln.Addr().String() + "/hello/gopher")
	if err != nil {
		log.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(string(b))
	// Output: hello, gopher
}
