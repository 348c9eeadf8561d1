package engine

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestClientGet(t *testing.T) {
	ts := serve(t, echo, nil)
	c := &http.Client{Timeout: ioDeadline}
	for i := range 3 { // the same keep-alive connection
		resp, err := c.Get("http://" + ts.addr + "/a%2Fb/c?x=1&y=%20")
		if err != nil {
			t.Fatal(err)
		}
		b := body(resp)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.ContentLength != int64(len(b)) || resp.Header.Get("Date") == "" {
			t.Fatalf("%d: %v %q", i, resp, b)
		}
		for _, want := range []string{"method=GET\n", "target=/a%2Fb/c?x=1&y=%20\n", "path=/a/b/c\n", "query=x=1&y=%20\n", "host=" + ts.addr + "\n", "proto=HTTP/1.1\n"} {
			if !strings.Contains(b, want) {
				t.Errorf("%d: body lacks %q:\n%s", i, want, b)
			}
		}
	}
}

func TestClientPost(t *testing.T) {
	ts := serve(t, echo, nil)
	c := &http.Client{Timeout: ioDeadline}
	for _, n := range []int{0, 1, 100, 4000, 5000, 70000, 1 << 20} {
		payload := strings.Repeat("x", n)
		resp, err := c.Post("http://"+ts.addr+"/p", "text/plain", strings.NewReader(payload))
		if err != nil {
			t.Fatal(err)
		}
		b := body(resp)
		resp.Body.Close()
		if !strings.Contains(b, fmt.Sprintf("body=%q\n", payload)) {
			t.Fatalf("n=%d: %d %.200s", n, resp.StatusCode, b)
		}
		// A body of unknown length goes chunked.
		resp, err = c.Post("http://"+ts.addr+"/p", "text/plain", io.MultiReader(strings.NewReader(payload)))
		if err != nil {
			t.Fatal(err)
		}
		b = body(resp)
		resp.Body.Close()
		if !strings.Contains(b, fmt.Sprintf("body=%q\n", payload)) {
			t.Fatalf("chunked n=%d: %d %.200s", n, resp.StatusCode, b)
		}
	}
}

func TestKeepAliveRules(t *testing.T) {
	ts := serve(t, hello, nil)
	cases := []struct {
		name, req  string
		closes     bool
		connHeader string
	}{
		{"1.1 default", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", false, ""},
		{"1.1 close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", true, "close"},
		{"1.1 Close token in list", "GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, CLOSE\r\n\r\n", true, "close"},
		{"1.0 default", "GET / HTTP/1.0\r\n\r\n", true, "close"},
		{"1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", false, "keep-alive"},
		{"1.0 keep-alive and close", "GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", true, "close"},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			c := ts.dial(t)
			io.WriteString(c, k.req)
			br := bufio.NewReader(c)
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatal(err)
			}
			// ReadResponse moves "Connection: close" of HTTP/1.1 to Close.
			if b := body(resp); b != "Hello, World!" || resp.Header.Get("Connection") != k.connHeader && !(resp.Close && k.connHeader == "close") {
				t.Fatalf("got %q, Connection %q", b, resp.Header.Get("Connection"))
			}
			// A second request: served on a kept connection, EOF on a closed one.
			io.WriteString(c, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
			_, err = http.ReadResponse(br, nil)
			if closed := err != nil; closed != k.closes {
				t.Fatalf("closed = %v (err %v), want %v", closed, err, k.closes)
			}
		})
	}
}

// countConn counts the writes of a connection.
func TestPipelining(t *testing.T) {
	ts := serve(t, echo, nil)
	var req strings.Builder
	const depth = 16
	for i := range depth {
		fmt.Fprintf(&req, "GET /%d HTTP/1.1\r\nHost: a\r\n\r\n", i)
	}
	// A POST with a body in the middle of the pipeline, and a last request
	// that closes.
	req.WriteString("POST /post HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
	req.WriteString("GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	out := ts.exchange(t, req.String())
	rs := responses(t, out)
	if len(rs) != depth+2 {
		t.Fatalf("%d responses, want %d", len(rs), depth+2)
	}
	for i, r := range rs[:depth] {
		if b := body(r); !strings.Contains(b, fmt.Sprintf("path=/%d\n", i)) {
			t.Fatalf("response %d out of order: %s", i, b)
		}
	}
	if b := body(rs[depth]); !strings.Contains(b, `body="hello"`) {
		t.Fatalf("POST: %s", b)
	}
	if b := body(rs[depth+1]); !strings.Contains(b, "path=/last\n") {
		t.Fatalf("last: %s", b)
	}
}

// TestOneWritePerBatch checks that a batch of pipelined requests read in
// one go is answered with one write.
func TestOneWritePerBatch(t *testing.T) {
	for _, depth := range []int{1, 2, 16, 64} {
		var req []byte
		for i := range depth {
			req = fmt.Appendf(req, "GET /%d HTTP/1.1\r\nHost: a\r\n\r\n", i)
		}
		mc := &memConn{In: [][]byte{req, req}} // two batches
		s := &Server{Handler: hello}
		s.ServeConn(mc)
		if mc.Writes != 2 {
			t.Errorf("depth %d: %d writes for two batches, want 2", depth, mc.Writes)
		}
		if rs := responses(t, mc.Out.String()); len(rs) != 2*depth {
			t.Errorf("depth %d: %d responses", depth, len(rs))
		}
	}
}

func TestHostRules(t *testing.T) {
	ts := serve(t, echo, nil)
	cases := []struct {
		req  string
		code int
		host string
	}{
		{"GET / HTTP/1.1\r\n\r\n", 400, ""},
		{"GET / HTTP/1.0\r\n\r\n", 200, ""},
		{"GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400, ""},
		{"GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400, ""},
		{"GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400, ""},
		{"GET / HTTP/1.1\r\nHost: a:b\r\n\r\n", 400, ""},
		{"GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", 400, ""},
		{"GET / HTTP/1.1\r\nHost: \r\n\r\n", 200, ""},
		{"GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", 200, "example.com:8080"},
		{"GET / HTTP/1.1\r\nhOsT: [::1]:80\r\n\r\n", 200, "[::1]:80"},
		{"GET http://example.com/x?q HTTP/1.1\r\nHost: other\r\n\r\n", 200, "example.com"},
		{"GET HTTP://EXAMPLE.com:81 HTTP/1.1\r\nHost: other\r\n\r\n", 200, "EXAMPLE.com:81"},
		{"GET http://u@example.com/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, ""},
		{"GET ftp://example.com/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, ""},
		{"GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n", 400, ""},
	}
	for _, k := range cases {
		rs := responses(t, ts.exchange(t, k.req+"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
		if len(rs) == 0 || rs[0].StatusCode != k.code {
			t.Errorf("%q: %d responses, first %v, want %d", k.req, len(rs), rs, k.code)
			continue
		}
		if k.code != 200 {
			if len(rs) != 1 || !rs[0].Close {
				t.Errorf("%q: rejected but the connection carried on", k.req)
			}
			continue
		}
		if b := body(rs[0]); !strings.Contains(b, "host="+k.host+"\n") {
			t.Errorf("%q: %s", k.req, b)
		}
	}
}

func TestContentLengthRules(t *testing.T) {
	ts := serve(t, echo, func(s *Server) { s.MaxBodyBytes = 1 << 20 })
	cases := []struct {
		cl   []string
		body string
		code int
	}{
		{[]string{"5"}, "hello", 200},
		{[]string{"005"}, "hello", 200},
		{[]string{"5", "5"}, "hello", 200},
		{[]string{"5", "05"}, "hello", 400},
		{[]string{"5", "6"}, "hello", 400},
		{[]string{"5, 5"}, "hello", 400},
		{[]string{"+5"}, "hello", 400},
		{[]string{"-5"}, "hello", 400},
		{[]string{""}, "", 400},
		{[]string{"0x5"}, "hello", 400},
		{[]string{"5 5"}, "hello", 400},
		{[]string{"1e3"}, "hello", 400},
		{[]string{"99999999999999999999"}, "", 400},
		{[]string{"9223372036854775808"}, "", 400},
		{[]string{"9223372036854775807"}, "", 413},
		{[]string{"1048577"}, "", 413},
	}
	for _, k := range cases {
		var req strings.Builder
		req.WriteString("POST / HTTP/1.1\r\nHost: a\r\n")
		for _, v := range k.cl {
			fmt.Fprintf(&req, "Content-Length: %s\r\n", v)
		}
		req.WriteString("\r\n" + k.body)
		req.WriteString("GET /next HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
		rs := responses(t, ts.exchange(t, req.String()), "POST")
		if len(rs) == 0 || rs[0].StatusCode != k.code {
			t.Errorf("Content-Length %q: %v, want %d", k.cl, rs, k.code)
			continue
		}
		if k.code == 200 && (len(rs) != 2 || !strings.Contains(body(rs[0]), `body="hello"`)) {
			t.Errorf("Content-Length %q: %d responses", k.cl, len(rs))
		}
		if k.code != 200 && len(rs) != 1 {
			t.Errorf("Content-Length %q: the connection carried on after %d", k.cl, k.code)
		}
	}
}

func TestTransferEncodingRules(t *testing.T) {
	ts := serve(t, echo, nil)
	chunked := "5\r\nhello\r\n0\r\n\r\n"
	cases := []struct {
		fields string
		minor  int
		code   int
	}{
		{"Transfer-Encoding: chunked\r\n", 1, 200},
		{"Transfer-Encoding: CHUNKED\r\n", 1, 200},
		{"Transfer-Encoding:   chunked  \r\n", 1, 200},
		{"Transfer-Encoding: xchunked\r\n", 1, 501},
		{"Transfer-Encoding: chunked, identity\r\n", 1, 501},
		{"Transfer-Encoding: identity, chunked\r\n", 1, 501},
		{"Transfer-Encoding: gzip, chunked\r\n", 1, 501},
		{"Transfer-Encoding: identity\r\n", 1, 501},
		{"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", 1, 501},
		{"Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n", 1, 501},
		{"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", 1, 400},
		{"Content-Length: 15\r\nTransfer-Encoding: chunked\r\n", 1, 400},
		{"Transfer-Encoding: chunked\r\n", 0, 400},
		{"Transfer-Encoding: chunked\r\nTrailer: Content-Length\r\n", 1, 400},
		{"Transfer-Encoding: chunked\r\nTrailer: X-Sum\r\n", 1, 200},
	}
	for _, k := range cases {
		req := fmt.Sprintf("POST / HTTP/1.%d\r\nHost: a\r\n%s\r\n%sGET /next HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", k.minor, k.fields, chunked)
		rs := responses(t, ts.exchange(t, req), "POST")
		if len(rs) == 0 || rs[0].StatusCode != k.code {
			t.Errorf("%q HTTP/1.%d: %v, want %d", k.fields, k.minor, rs, k.code)
			continue
		}
		if k.code == 200 && (!strings.Contains(body(rs[0]), `body="hello"`) || !strings.Contains(body(rs[0]), "cl=-1\n")) {
			t.Errorf("%q: %s", k.fields, body(rs[0]))
		}
		if k.code != 200 && len(rs) != 1 {
			t.Errorf("%q: the connection carried on after %d", k.fields, k.code)
		}
	}
}

func TestChunkedBodies(t *testing.T) {
	ts := serve(t, echo, func(s *Server) { s.MaxBodyBytes = 1 << 20 })
	cases := []struct {
		name, chunks string
		ok           bool
		body         string
	}{
		{"plain", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", true, "hello world"},
		{"hex case", "a\r\n0123456789\r\nA\r\n0123456789\r\n0\r\n\r\n", true, strings.Repeat("0123456789", 2)},
		{"leading zeros", "0005\r\nhello\r\n000\r\n\r\n", true, "hello"},
		{"extensions", "5;name=value;x\r\nhello\r\n0;last\r\n\r\n", true, "hello"},
		{"ext with quoted", "5;a=\"b c\"\r\nhello\r\n0\r\n\r\n", true, "hello"},
		{"trailers", "5\r\nhello\r\n0\r\nX-Sum: abc\r\nX-Other:  d e \r\n\r\n", true, "hello"},
		{"space before ext", "5 ;x\r\nhello\r\n0\r\n\r\n", false, ""},
		{"space after size", "5 \r\nhello\r\n0\r\n\r\n", false, ""},
		{"tab after size", "5\t\r\nhello\r\n0\r\n\r\n", false, ""},
		{"empty size", "\r\nhello\r\n0\r\n\r\n", false, ""},
		{"not hex", "g\r\nhello\r\n0\r\n\r\n", false, ""},
		{"0x prefix", "0x5\r\nhello\r\n0\r\n\r\n", false, ""},
		{"signed", "+5\r\nhello\r\n0\r\n\r\n", false, ""},
		{"overflow 17 digits", "10000000000000005\r\nhello\r\n0\r\n\r\n", false, ""},
		{"overflow 16 digits", "ffffffffffffffff\r\nhello\r\n0\r\n\r\n", false, ""},
		{"bare LF after size", "5\nhello\r\n0\r\n\r\n", false, ""},
		{"bare CR after size", "5\rhello\r\n0\r\n\r\n", false, ""},
		{"bare LF after data", "5\r\nhello\n0\r\n\r\n", false, ""},
		{"data longer than size", "5\r\nhelloX\r\n0\r\n\r\n", false, ""},
		{"data shorter than size", "6\r\nhello\r\n0\r\n\r\n", false, ""},
		{"CTL in extension", "5;a\x01\r\nhello\r\n0\r\n\r\n", false, ""},
		{"NUL in extension", "5;\x00\r\nhello\r\n0\r\n\r\n", false, ""},
		{"bad trailer", "5\r\nhello\r\n0\r\nX Sum: a\r\n\r\n", false, ""},
		{"obs-fold trailer", "5\r\nhello\r\n0\r\nX-Sum: a\r\n b\r\n\r\n", false, ""},
		{"bare LF trailer end", "5\r\nhello\r\n0\r\n\n", false, ""},
		{"too long", "100001\r\n", false, ""},
	}
	for _, k := range cases {
		req := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + k.chunks +
			"GET /smuggled HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
		out := ts.exchange(t, req)
		if strings.Contains(out, "path=/smuggled") != k.ok {
			t.Errorf("%s: next request served = %v, want %v:\n%s", k.name, !k.ok, k.ok, out)
		}
		rs := responses(t, out, "POST")
		if len(rs) == 0 {
			t.Errorf("%s: no response", k.name)
			continue
		}
		b := body(rs[0])
		if k.ok != (rs[0].StatusCode == 200) || k.ok && !strings.Contains(b, fmt.Sprintf("body=%q\n", k.body)) {
			t.Errorf("%s: %d %s", k.name, rs[0].StatusCode, b)
		}
		if k.name == "trailers" && (!strings.Contains(b, "t:X-Sum=abc\n") || !strings.Contains(b, "t:X-Other=d e\n") || strings.Contains(b, "h:X-Sum")) {
			t.Errorf("trailers: %s", b)
		}
	}
}

func TestManyTinyChunks(t *testing.T) {
	ts := serve(t, echo, nil)
	// Tiny chunks with long extensions: framing far beyond what the data
	// justifies is refused, as net/http refuses it.
	var req strings.Builder
	req.WriteString("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
	for range 1000 {
		req.WriteString("1;" + strings.Repeat("e", 100) + "\r\nx\r\n")
	}
	req.WriteString("0\r\n\r\n")
	rs := responses(t, ts.exchange(t, req.String()), "POST")
	if len(rs) != 1 || rs[0].StatusCode != 400 {
		t.Fatalf("%v", rs)
	}
	// Plenty of tiny chunks without extensions are fine.
	req.Reset()
	req.WriteString("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
	for range 3000 {
		req.WriteString("1\r\nx\r\n")
	}
	req.WriteString("0\r\n\r\n")
	rs = responses(t, ts.exchange(t, req.String()), "POST")
	if len(rs) != 1 || rs[0].StatusCode != 200 || !strings.Contains(body(rs[0]), strings.Repeat("x", 3000)) {
		t.Fatalf("%v", rs)
	}
}

func TestExpectContinue(t *testing.T) {
	ts := serve(t, echo, nil)
	c := ts.dial(t)
	io.WriteString(c, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
	br := bufio.NewReader(c)
	line, err := br.ReadString('\n')
	if err != nil || line != "HTTP/1.1 100 Continue\r\n" {
		t.Fatalf("%q %v", line, err)
	}
	if l, _ := br.ReadString('\n'); l != "\r\n" {
		t.Fatalf("%q", l)
	}
	io.WriteString(c, "hello")
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 200 || !strings.Contains(body(resp), `body="hello"`) {
		t.Fatalf("%v %v", resp, err)
	}
	// The connection goes on.
	io.WriteString(c, "GET /2 HTTP/1.1\r\nHost: a\r\n\r\n")
	if resp, err := http.ReadResponse(br, nil); err != nil || !strings.Contains(body(resp), "path=/2") {
		t.Fatalf("%v %v", resp, err)
	}

	// A handler that does not read the body: no 100, the response, close.
	ts2 := serve(t, hello, nil)
	c2 := ts2.dial(t)
	io.WriteString(c2, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
	out, _ := io.ReadAll(c2)
	if rs := responses(t, string(out), "POST"); len(rs) != 1 || rs[0].StatusCode != 200 || !rs[0].Close {
		t.Fatalf("%q", out)
	}

	// Other expectations get 417, as from net/http; 100-continue without a
	// body or on HTTP/1.0 is ignored, as by net/http.
	for _, req := range []string{
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 200-ok\r\n\r\nhello",
	} {
		if rs := responses(t, ts.exchange(t, req)); len(rs) != 1 || rs[0].StatusCode != 417 {
			t.Errorf("%q: %v", req, rs)
		}
	}
	for _, req := range []string{
		"GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n",
		"POST / HTTP/1.0\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello",
	} {
		if rs := responses(t, ts.exchange(t, req)); len(rs) != 1 || rs[0].StatusCode != 200 {
			t.Errorf("%q: %v", req, rs)
		}
	}
}

func TestUnreadBody(t *testing.T) {
	ts := serve(t, hello, func(s *Server) { s.MaxUnreadBodyBytes = 1000 })
	for _, k := range []struct {
		head, body string
		keep       bool
	}{
		{"Content-Length: 1000\r\n", strings.Repeat("x", 1000), true},
		{"Content-Length: 5000\r\n", strings.Repeat("x", 5000), false},
		{"Transfer-Encoding: chunked\r\n", "3e8\r\n" + strings.Repeat("x", 1000) + "\r\n0\r\n\r\n", true},
		{"Transfer-Encoding: chunked\r\n", "1388\r\n" + strings.Repeat("x", 5000) + "\r\n0\r\n\r\n", false},
	} {
		req := "POST / HTTP/1.1\r\nHost: a\r\n" + k.head + "\r\n" + k.body + "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
		rs := responses(t, ts.exchange(t, req), "POST")
		if len(rs) == 0 || rs[0].StatusCode != 200 || (len(rs) == 2) != k.keep || rs[0].Close == k.keep {
			t.Errorf("%q with %d body bytes: %d responses %v, keep %v", k.head, len(k.body), len(rs), rs, k.keep)
		}
	}
}

func TestLimits(t *testing.T) {
	ts := serve(t, hello, func(s *Server) {
		s.MaxHeaders = 10
		s.MaxHeaderBytes = 2000
		s.MaxRequestLineBytes = 500
	})
	many := strings.Repeat("X-A: b\r\n", 10)
	cases := []struct {
		req  string
		code int
	}{
		{"GET / HTTP/1.1\r\nHost: a\r\n" + many[8:] + "\r\n", 200},
		{"GET / HTTP/1.1\r\nHost: a\r\n" + many + "\r\n", 431},
		{"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + strings.Repeat("b", 1900) + "\r\n\r\n", 200},
		{"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + strings.Repeat("b", 2000) + "\r\n\r\n", 431},
		{"GET /" + strings.Repeat("a", 470) + " HTTP/1.1\r\nHost: a\r\n\r\n", 200},
		{"GET /" + strings.Repeat("a", 490) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414},
		{"GET /" + strings.Repeat("a", 1990) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414},
		{"GET /" + strings.Repeat("a", 5000) + " HTTP/1.1\r\n", 414}, // refused before the line ends
	}
	for _, k := range cases {
		rs := responses(t, ts.exchange(t, k.req+"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
		if len(rs) == 0 || rs[0].StatusCode != k.code || (k.code == 200) != (len(rs) == 2) {
			t.Errorf("%.60q...: %v, want %d", k.req, rs, k.code)
		}
	}
}

func TestDefaultLimits(t *testing.T) {
	ts := serve(t, hello, nil)
	cases := []struct {
		req  string
		code int
	}{
		{"GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-A: b\r\n", DefaultMaxHeaders-1) + "\r\n", 200},
		{"GET / HTTP/1.1\r\nHost: a\r\n" + strings.Repeat("X-A: b\r\n", DefaultMaxHeaders) + "\r\n", 431},
		{"GET / HTTP/1.1\r\nHost: a\r\nCookie: " + strings.Repeat("c", 60<<10) + "\r\n\r\n", 200},
		{"GET / HTTP/1.1\r\nHost: a\r\nCookie: " + strings.Repeat("c", 64<<10) + "\r\n\r\n", 431},
		{"GET /" + strings.Repeat("a", 8000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 200},
		{"GET /" + strings.Repeat("a", 8200) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414},
	}
	for _, k := range cases {
		rs := responses(t, ts.exchange(t, k.req+"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
		if len(rs) == 0 || rs[0].StatusCode != k.code || (k.code == 200) != (len(rs) == 2) {
			t.Errorf("%.60q...: %v, want %d", k.req, rs, k.code)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	ts := serve(t, echo, func(s *Server) { s.MaxBodyBytes = 100 })
	rs := responses(t, ts.exchange(t, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n"+strings.Repeat("x", 101)))
	if len(rs) != 1 || rs[0].StatusCode != 413 {
		t.Fatalf("%v", rs)
	}
	// A chunked body that grows past the limit fails to read.
	chunks := "40\r\n" + strings.Repeat("x", 64) + "\r\n40\r\n" + strings.Repeat("x", 64) + "\r\n0\r\n\r\n"
	rs = responses(t, ts.exchange(t, "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"+chunks+"GET / HTTP/1.1\r\nHost: a\r\n\r\n"))
	if len(rs) != 1 || rs[0].StatusCode != 400 || !strings.Contains(body(rs[0]), ErrBodyTooLarge.Error()) {
		t.Fatalf("%v", rs)
	}
}

func TestEmptyLineBeforeRequest(t *testing.T) {
	ts := serve(t, echo, nil)
	rs := responses(t, ts.exchange(t, "\r\nGET /a HTTP/1.1\r\nHost: a\r\n\r\nPOST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi\r\nGET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
	if len(rs) != 3 || !strings.Contains(body(rs[2]), "path=/c") {
		t.Fatalf("%v", rs)
	}
	// One is skipped; two are not; nor is a bare LF.
	for _, req := range []string{"\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", "\r\rGET / HTTP/1.1\r\nHost: a\r\n\r\n"} {
		if rs := responses(t, ts.exchange(t, req)); len(rs) != 1 || rs[0].StatusCode != 400 {
			t.Errorf("%q: %v", req, rs)
		}
	}
}

func TestTargetForms(t *testing.T) {
	ts := serve(t, echo, nil)
	cases := []struct {
		method, target string
		code           int
		path, query    string
	}{
		{"GET", "/", 200, "/", ""},
		{"GET", "/a?", 200, "/a", ""},
		{"GET", "/a?b?c", 200, "/a", "b?c"},
		{"GET", "/%41%2f%zz?%zz", 400, "", ""},
		{"GET", "/%41%2f?%zz", 200, "/A/", "%zz"},
		{"GET", "/%", 400, "", ""},
		{"GET", "/%4", 400, "", ""},
		{"GET", "//x//y", 200, "//x//y", ""},
		{"GET", "/a#frag", 200, "/a#frag", ""},
		{"OPTIONS", "*", 200, "*", ""},
		{"GET", "*", 400, "", ""},
		{"GET", "a/b", 400, "", ""},
		{"GET", "http://h/p?q", 200, "/p", "q"},
		{"GET", "http://h", 200, "", ""},
		{"GET", "http://h?q", 200, "", "q"},
		{"CONNECT", "h:443", 501, "", ""},
	}
	for _, k := range cases {
		req := k.method + " " + k.target + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
		rs := responses(t, ts.exchange(t, req), k.method)
		if len(rs) != 1 || rs[0].StatusCode != k.code {
			t.Errorf("%s %s: %v, want %d", k.method, k.target, rs, k.code)
			continue
		}
		if b := body(rs[0]); k.code == 200 && (!strings.Contains(b, "path="+k.path+"\n") || !strings.Contains(b, "query="+k.query+"\n")) {
			t.Errorf("%s %s: %s", k.method, k.target, b)
		}
	}
}

func TestMalformedHeads(t *testing.T) {
	ts := serve(t, echo, nil)
	for _, req := range []string{
		"GET / HTTP/1.1\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\n\n",
		"GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nX\x00: b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\n X: b\r\n\r\n",
		"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n",
		"GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.2\r\nHost: a\r\n\r\n",
		"GET / HTTP/2.0\r\nHost: a\r\n\r\n",
		"GET / http/1.1\r\nHost: a\r\n\r\n",
		"G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /\xff HTTP/1.1\r\nHost: a\r\n\r\n",
		"\x00GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
		"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
	} {
		out := ts.exchange(t, req+"GET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n")
		rs := responses(t, out)
		if len(rs) != 1 || rs[0].StatusCode != 400 || !rs[0].Close || strings.Contains(out, "smuggled") {
			t.Errorf("%q: %q", req, out)
		}
	}
}

func TestResponses(t *testing.T) {
	big := strings.Repeat("b", DefaultResponseBufferBytes+1)
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		switch string(r.Path()) {
		case "/small":
			w.SetHeader("X-A", "1")
			w.WriteString("small")
		case "/big":
			w.WriteString(big)
		case "/flush":
			w.WriteString("part1")
			w.Flush()
			w.WriteString("part2")
		case "/declared":
			w.SetHeader("Content-Length", strconv.Itoa(len(big)))
			w.WriteString(big)
		case "/short":
			w.SetHeader("Content-Length", "10")
			w.WriteString("12345")
		case "/nocontent":
			w.WriteHeader(204)
			if _, err := w.WriteString("x"); err != ErrBodyNotAllowed {
				panic("wrote a body for 204")
			}
		case "/notmodified":
			w.WriteHeader(304)
		case "/status":
			w.WriteHeader(418)
			w.WriteString("teapot")
		case "/close":
			w.SetHeader("Connection", "close")
			w.WriteString("bye")
		case "/date":
			w.SetHeader("Date", "Thu, 01 Jan 1970 00:00:00 GMT")
		case "/empty":
		case "/sniff":
			w.WriteString("<html><body>hi</body></html>")
		case "/early":
			w.SetHeader("Link", "</s.css>; rel=preload")
			w.WriteHeader(103)
			w.WriteString("after hints")
		case "/bad":
			errs := []error{
				w.SetHeader("X\r\nInjected", "v"),
				w.SetHeader("X-A", "v\r\nInjected: 1"),
				w.AddHeader("X-A", "v\x00"),
				w.AddHeader("", "v"),
				w.SetHeader("Transfer-Encoding", "chunked"),
				w.SetHeader("Content-Length", "-1"),
			}
			for i, err := range errs {
				if err == nil {
					panic(fmt.Sprintf("bad header %d accepted", i))
				}
			}
			w.WriteString("ok")
			if w.SetHeader("X-Late", "1") != ErrHeaderSent {
				panic("header set after the body")
			}
		}
	}), nil)
	get := func(method, path string, minor int) (*http.Response, string) {
		t.Helper()
		out := ts.exchange(t, fmt.Sprintf("%s %s HTTP/1.%d\r\nHost: a\r\nConnection: close\r\n\r\n", method, path, minor))
		if path == "/short" {
			return nil, out // short of its Content-Length: ReadResponse would fail
		}
		rs := responses(t, out, method)
		if len(rs) == 0 {
			t.Fatalf("%s %s: no response", method, path)
		}
		return rs[len(rs)-1], out
	}
	r, _ := get("GET", "/small", 1)
	if body(r) != "small" || r.ContentLength != 5 || r.Header.Get("X-A") != "1" || r.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("small: %v", r)
	}
	r, _ = get("GET", "/big", 1)
	if body(r) != big || r.ContentLength != -1 || r.TransferEncoding[0] != "chunked" {
		t.Errorf("big: %v", r)
	}
	r, _ = get("GET", "/big", 0)
	if body(r) != big || r.ContentLength != -1 || len(r.TransferEncoding) != 0 || !r.Close {
		t.Errorf("big, HTTP/1.0: %v", r)
	}
	r, _ = get("GET", "/flush", 1)
	if body(r) != "part1part2" || r.TransferEncoding[0] != "chunked" {
		t.Errorf("flush: %v", r)
	}
	r, _ = get("GET", "/declared", 1)
	if body(r) != big || r.ContentLength != int64(len(big)) {
		t.Errorf("declared: %v", r)
	}
	_, out := get("GET", "/short", 1)
	if !strings.HasSuffix(out, "\r\n\r\n12345") || !strings.Contains(out, "Content-Length: 10\r\n") {
		t.Errorf("short: %q", out)
	}
	_, out = get("GET", "/nocontent", 1)
	if !strings.HasPrefix(out, "HTTP/1.1 204 No Content\r\n") || strings.Contains(out, "Content-Length") || !strings.HasSuffix(out, "\r\n\r\n") {
		t.Errorf("204: %q", out)
	}
	_, out = get("GET", "/notmodified", 1)
	if !strings.HasPrefix(out, "HTTP/1.1 304 Not Modified\r\n") || strings.Contains(out, "Content-Length") {
		t.Errorf("304: %q", out)
	}
	r, _ = get("GET", "/status", 1)
	if r.StatusCode != 418 || body(r) != "teapot" {
		t.Errorf("418: %v", r)
	}
	r, _ = get("GET", "/date", 1)
	if r.Header.Values("Date")[0] != "Thu, 01 Jan 1970 00:00:00 GMT" || len(r.Header.Values("Date")) != 1 || r.ContentLength != 0 {
		t.Errorf("date: %v", r)
	}
	r, _ = get("GET", "/empty", 1)
	if r.ContentLength != 0 || r.Header.Get("Content-Type") != "" {
		t.Errorf("empty: %v", r)
	}
	r, _ = get("GET", "/sniff", 1)
	if r.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("sniff: %v", r)
	}
	_, out = get("GET", "/early", 1)
	if !strings.HasPrefix(out, "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n") || !strings.HasSuffix(out, "after hints") {
		t.Errorf("103: %q", out)
	}
	r, out = get("GET", "/bad", 1)
	if r.StatusCode != 200 || body(r) != "ok" || strings.Contains(out, "Injected") {
		t.Errorf("bad headers: %q", out)
	}
	// Connection: close from the handler closes the connection.
	c := ts.dial(t)
	io.WriteString(c, "GET /close HTTP/1.1\r\nHost: a\r\n\r\nGET /small HTTP/1.1\r\nHost: a\r\n\r\n")
	all, _ := io.ReadAll(c)
	if rs := responses(t, string(all)); len(rs) != 1 || !rs[0].Close {
		t.Errorf("close: %q", all)
	}
}

func TestHead(t *testing.T) {
	big := strings.Repeat("b", DefaultResponseBufferBytes+1)
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		switch string(r.Path()) {
		case "/small":
			w.WriteString("<html>small</html>")
		case "/big":
			w.WriteString(big)
		case "/declared":
			w.SetHeader("Content-Length", "1234")
			w.WriteString(strings.Repeat("d", 1234))
		}
	}), nil)
	for _, path := range []string{"/small", "/big", "/declared", "/empty"} {
		get := ts.exchange(t, "GET "+path+" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
		head := ts.exchange(t, "HEAD "+path+" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
		gr := responses(t, get)[0]
		hr := responses(t, head, "HEAD")[0]
		if !strings.HasSuffix(head, "\r\n\r\n") || hr.ContentLength != gr.ContentLength && path != "/empty" || hr.Header.Get("Content-Type") != gr.Header.Get("Content-Type") {
			t.Errorf("%s: GET %q, HEAD %q", path, get[:min(len(get), 300)], head)
		}
	}
	// Pipelined HEADs keep the framing.
	rs := responses(t, ts.exchange(t, "HEAD /small HTTP/1.1\r\nHost: a\r\n\r\nHEAD /big HTTP/1.1\r\nHost: a\r\n\r\nGET /small HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"), "HEAD", "HEAD", "GET")
	if len(rs) != 3 || body(rs[2]) != "<html>small</html>" {
		t.Errorf("%v", rs)
	}
}

func TestDateCached(t *testing.T) {
	ts := serve(t, hello, nil)
	r := responses(t, ts.exchange(t, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))[0]
	d, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil || d.Location() != time.UTC {
		t.Fatalf("Date %q: %v", r.Header.Get("Date"), err)
	}
	// The line is formatted again only when the second changes.
	c := &conn{}
	c.dateSec, c.dateLen = 1767323046, copy(c.date[:], "cached")
	if clock.seconds() == 0 {
		clock.unix.Store(1767323046)
	}
	if clock.seconds() == 1767323046 && string(c.dateLine()) != "cached" {
		t.Fatalf("%q", c.dateLine())
	}
	c.dateSec = 1
	if got, want := string(c.dateLine()), "Date: "+time.Unix(clock.seconds(), 0).UTC().Format(http.TimeFormat)+"\r\n"; got != want {
		t.Fatalf("%q, want %q", got, want)
	}
}

func TestPanicInHandler(t *testing.T) {
	ts := serve(t, HandlerFunc(func(w *ResponseWriter, r *Request) {
		if string(r.Path()) == "/panic" {
			w.SetHeader("X-Before", "1")
			panic("boom")
		}
		w.WriteString("fine")
	}), nil)
	out := ts.exchange(t, "GET /panic HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
	rs := responses(t, out)
	if len(rs) != 1 || rs[0].StatusCode != 500 || rs[0].Header.Get("X-Before") != "" || !rs[0].Close {
		t.Fatalf("%q", out)
	}
	rs = responses(t, ts.exchange(t, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
	if len(rs) != 1 || body(rs[0]) != "fine" {
		t.Fatalf("%v", rs)
	}
}

func TestNilHandler(t *testing.T) {
	if err := (&Server{}).Serve(nil); err != ErrNilHandler {
		t.Fatal(err)
	}
}

func TestValidHost(t *testing.T) {
	for h, want := range map[string]bool{
		"a": true, "example.com": true, "example.com:8080": true, "127.0.0.1": true, "127.0.0.1:": true,
		"[::1]": true, "[::1]:80": true, "[fe80::1.2.3.4]": true, "[::ffff:1.2.3.4]": true, "a%41b": false, "x_y~z!$&'()*+,;=": true,
		"": false, ":80": false, "a:b": false, "a:8:8": false, "a b": false, "a/b": false, "a@b": false,
		"[::1": false, "[]": false, "[::1]x": false, "[::g]": false, "a%4": false, "a%zz": false, "a#": false,
		"\x80": false, "[1.2.3.4]": false, "[:]": false, "[1::2::3]": false, "[12345::]": false, "[::1%25e]": false,
	} {
		if got := validHost([]byte(h), false); got != want {
			t.Errorf("validHost(%q) = %v, want %v", h, got, want)
		}
	}
	if !validHost(nil, true) || validHost(nil, false) {
		t.Error("empty host")
	}
	// A Host field may hold %XX escapes (net/http keeps them as sent).
	if !validHost([]byte("a%41b"), true) || validHost([]byte("a%4"), true) {
		t.Error("escapes in a Host field")
	}
}

func TestHTTPHandler(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Id", r.PathValue("id"))
		w.Header().Add("X-Multi", "1")
		w.Header().Add("X-Multi", "2")
		w.Header()["Bad\r\nName"] = []string{"dropped"}
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, "%s %v %v", r.Host, r.RemoteAddr != "", r.Context().Err())
	})
	mux.HandleFunc("GET /stream", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("a"))
		w.(http.Flusher).Flush()
		w.Write([]byte("b"))
	})
	ts := serve(t, HTTPHandler(mux), nil)
	rs := responses(t, ts.exchange(t, "GET /items/42 HTTP/1.1\r\nHost: h\r\n\r\nGET /stream HTTP/1.1\r\nHost: h\r\n\r\nGET /nothing HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
	if len(rs) != 3 {
		t.Fatalf("%d responses", len(rs))
	}
	if r := rs[0]; r.StatusCode != 202 || r.Header.Get("X-Id") != "42" || strings.Join(r.Header.Values("X-Multi"), ",") != "1,2" || body(r) != "h true <nil>" {
		t.Errorf("%v %q", r, body(r))
	}
	if r := rs[1]; body(r) != "ab" || r.TransferEncoding[0] != "chunked" {
		t.Errorf("%v", r)
	}
	if r := rs[2]; r.StatusCode != 404 {
		t.Errorf("%v", r)
	}
}

// TestOversizedBuffersGoBack checks that buffers grown for one large
// request are not kept for the next requests, nor in the pool.
func TestOversizedBuffersGoBack(t *testing.T) {
	var sizes []int
	s := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		sizes = append(sizes, len(r.c.rbuf))
		if string(r.Path()) == "/big" {
			w.Write(make([]byte, 100<<10))
		}
	})}
	bigHead := "GET /big HTTP/1.1\r\nHost: a\r\nCookie: " + strings.Repeat("c", 30<<10) + "\r\n\r\n"
	small := "GET /small HTTP/1.1\r\nHost: a\r\n\r\n"
	mc := &memConn{In: [][]byte{[]byte(bigHead), []byte(small), []byte(small)}}
	s.ServeConn(mc)
	if len(sizes) != 3 || sizes[0] <= readBufSize || sizes[1] != readBufSize || sizes[2] != readBufSize {
		t.Fatalf("read buffer sizes %v: the grown buffer was kept", sizes)
	}
	c := getConn(s, &memConn{})
	defer func() { clock.release(); putConn(c) }()
	if len(c.rbuf) != readBufSize || cap(c.wbuf) > keepBufMax || cap(c.resp.body) > keepBufMax {
		t.Fatalf("pooled conn: rbuf %d, wbuf %d, body %d", len(c.rbuf), cap(c.wbuf), cap(c.resp.body))
	}
}

// TestTooLargeBodyResponseSurvives: a client that keeps sending a body the
// engine refused (413) past what the engine drains must still get the
// 413, not a write error: the engine waits out its linger time instead of
// closing a socket with unread input, whose reset fails the client's
// write before its transport has taken the response.
func TestTooLargeBodyResponseSurvives(t *testing.T) {
	ts := serve(t, echo, func(s *Server) { s.MaxBodyBytes = 1 << 10 })
	for i := 0; i < 3; i++ {
		req, err := http.NewRequest("POST", "http://"+ts.addr+"/", &slowBody{left: 2 << 20})
		if err != nil {
			t.Fatal(err)
		}
		req.ContentLength = 2 << 20 // far past lingerBytes
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("posting a body past the limit: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d, want 413", resp.StatusCode)
		}
	}
}

// slowBody is a request body that arrives 16 KiB a millisecond.
type slowBody struct{ left int }

func (b *slowBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	time.Sleep(time.Millisecond)
	n := min(len(p), 16<<10, b.left)
	b.left -= n
	return n, nil
}
