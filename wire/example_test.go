package wire_test

import (
	"fmt"

	"github.com/hotpath-go/hotpath/wire"
)

func ExampleParseRequest() {
	buf := []byte("GET /search?q=go HTTP/1.1\r\nHost: example.com\r\nAccept:  */* \r\n\r\nbody")
	var r wire.Request // reuse it for the next head: no allocation then
	n, err := wire.ParseRequest(buf, &r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s HTTP/1.%d\n", r.Method, r.Target, r.Minor)
	for _, h := range r.Headers {
		fmt.Printf("%s=%q\n", h.Name, h.Value)
	}
	fmt.Printf("rest: %q\n", buf[n:])
	// Output:
	// GET /search?q=go HTTP/1.1
	// Host="example.com"
	// Accept="*/*"
	// rest: "body"
}

func ExampleParseRequest_errors() {
	var r wire.Request
	for _, head := range []string{
		"GET / HTTP/1.1\r\nHost: exa",              // a prefix: read more
		"GET / HTTP/1.1\r\nHost : example.com\r\n", // bad whatever follows
	} {
		_, err := wire.ParseRequest([]byte(head), &r)
		switch err.(type) {
		case *wire.SyntaxError:
			fmt.Println("400:", err)
		case *wire.LimitError:
			fmt.Println("431:", err)
		default:
			fmt.Println(err == wire.ErrIncomplete)
		}
	}
	r.MaxHeaders = 1
	_, err := wire.ParseRequest([]byte("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n"), &r)
	fmt.Println(err)
	// Output:
	// true
	// 400: wire: whitespace between field name and colon
	// wire: more header fields than the limit
}

func ExampleResumeRequest() {
	head := "POST /upload HTTP/1.1\r\nHost: example.com\r\nContent-Length: 5\r\n\r\n"
	buf := make([]byte, 0, 4096) // a connection's read buffer
	var r wire.Request
	prev := 0
	for _, read := range []string{head[:20], head[20:50], head[50:]} { // three reads
		buf = append(buf, read...)
		n, err := wire.ResumeRequest(buf, &r, prev)
		if err == wire.ErrIncomplete {
			prev = len(buf) // the next call goes on from here
			continue
		}
		fmt.Println(n, err, string(r.Method), len(r.Headers))
	}
	// Output:
	// 63 <nil> POST 2
}

func ExampleAppendStatusLine() {
	b := wire.AppendStatusLine(nil, 1, 404)
	b = wire.AppendStatusLine(b, 0, 200)
	b = wire.AppendStatusLine(b, 1, 599) // unregistered: empty reason phrase
	fmt.Printf("%q\n", b)
	// Output:
	// "HTTP/1.1 404 Not Found\r\nHTTP/1.0 200 OK\r\nHTTP/1.1 599 \r\n"
}

func ExampleAppendHeader() {
	b := []byte("HTTP/1.1 200 OK\r\n")
	b, err := wire.AppendHeader(b, []byte("Content-Type"), []byte("text/plain"))
	fmt.Println(err)
	_, err = wire.AppendHeader(b, []byte("X-Echo"), []byte("a\r\nSet-Cookie: stolen=1"))
	fmt.Println(err)
	fmt.Printf("%q\n", b)
	// Output:
	// <nil>
	// wire: invalid header field value
	// "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
}

func ExampleAppendHeaderString() {
	b, _ := wire.AppendHeaderString(nil, "Cache-Control", "no-store")
	fmt.Printf("%q\n", b)
	// Output:
	// "Cache-Control: no-store\r\n"
}

func ExampleAppendHeaderInt() {
	b, _ := wire.AppendHeaderInt(nil, "Content-Length", 1024)
	fmt.Printf("%q\n", b)
	// Output:
	// "Content-Length: 1024\r\n"
}

func ExampleAppendEndOfHead() {
	b := wire.AppendStatusLine(nil, 1, 204)
	b, _ = wire.AppendHeaderString(b, "Server", "hotpath")
	b = wire.AppendEndOfHead(b)
	fmt.Printf("%q\n", b)
	// Output:
	// "HTTP/1.1 204 No Content\r\nServer: hotpath\r\n\r\n"
}
