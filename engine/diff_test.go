package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/textproto"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hotpath-go/hotpath/internal/heads"
)

// The differential test sends the same raw bytes to net/http's server and
// to the engine, each with an echo handler that describes the request it
// saw in one canonical form (net/http's view: canonical header keys, Host,
// Content-Length duplicates and Transfer-Encoding out of the header map,
// the path decoded). The engine must never serve a request net/http
// refuses, and where both serve it the descriptions must be equal.

// describe is the canonical description both echo handlers write.
func describe(method, uri, path, query, host, proto string, cl int64, h http.Header, body []byte, trailer http.Header) string {
	var b strings.Builder
	fmt.Fprintf(&b, "method=%s\nuri=%s\npath=%q\nquery=%q\nhost=%q\nproto=%s\ncl=%d\n", method, uri, path, query, host, proto, cl)
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range h {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "h %s=%q\n", k, h[k])
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k, v := range trailer {
			if len(v) > 0 && !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "t %s=%q\n", k, trailer[k])
	}
	fmt.Fprintf(&b, "body=%q\n", body)
	return b.String()
}

var netHTTPEcho = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	io.WriteString(w, describe(r.Method, r.RequestURI, r.URL.Path, r.URL.RawQuery, r.Host, r.Proto, r.ContentLength, r.Header, body, r.Trailer))
})

var engineEcho = HandlerFunc(func(w *ResponseWriter, r *Request) {
	body, err := io.ReadAll(r.Body())
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h := http.Header{}
	chunked := r.ContentLength() < 0
	for _, f := range r.Headers() {
		k := textproto.CanonicalMIMEHeaderKey(string(f.Name))
		switch {
		case k == "Host", k == "Transfer-Encoding", k == "Trailer" && chunked:
			continue
		case k == "Content-Length" && len(h[k]) > 0:
			continue // net/http keeps one of equal duplicates
		}
		h[k] = append(h[k], string(f.Value))
	}
	var tr http.Header
	for _, f := range r.Trailers() {
		if tr == nil {
			tr = http.Header{}
		}
		k := textproto.CanonicalMIMEHeaderKey(string(f.Name))
		tr[k] = append(tr[k], string(f.Value))
	}
	io.WriteString(w, describe(string(r.Method()), string(r.Target()), string(r.Path()), string(r.RawQuery()), string(r.Host()),
		r.Proto(), r.ContentLength(), h, body, tr))
})

// served sends raw on a new connection to addr, half-closes it, and
// returns the echo descriptions of the requests the handler served, in
// order, up to the first response that is not the handler's 200.
func served(t testing.TB, addr, raw string) []string {
	c, err := net.DialTimeout("tcp", addr, ioDeadline)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(ioDeadline))
	io.WriteString(c, raw)
	c.(*net.TCPConn).CloseWrite()
	out, _ := io.ReadAll(c)
	br := bufio.NewReader(bytes.NewReader(out))
	var ds []string
	for range 100 {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			break
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			break
		}
		if resp.StatusCode == 100 {
			continue
		}
		if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("method=")) {
			break
		}
		ds = append(ds, string(b))
	}
	return ds
}

// diffCorpus is the base of the differential test: the wire package's
// corpus of real-world heads, and requests with bodies, pipelines and the
// framing fields in their valid and invalid forms.
func diffCorpus() []string {
	var c []string
	for _, h := range heads.All() {
		c = append(c, string(h.Bytes))
	}
	c = append(c,
		"POST /form HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2",
		"POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n",
		"POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 42\r\n\r\n",
		"PUT /cl HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
		"GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2?x HTTP/1.1\r\nHost: b\r\n\r\nPOST /3 HTTP/1.1\r\nHost: c\r\nContent-Length: 2\r\n\r\nhi",
		"GET / HTTP/1.0\r\n\r\n",
		"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /again HTTP/1.0\r\n\r\n",
		"GET http://example.com:8080/abs?q=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
		"GET /%7Euser/a%20b/%2F?q=%zz HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET /x HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Tab:\tv\t\r\nX-Multi: 1\r\nx-multi: 2\r\nX-Obs: caf\xc3\xa9\r\n\r\n",
		"POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\nbody",
		"GET /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n",
		"GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /after-close HTTP/1.1\r\nHost: a\r\n\r\n",
		"DELETE /d HTTP/1.1\r\nHost: [::1]:80\r\nContent-Length: 0\r\n\r\n",
		"POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n"+strings.Repeat("b", 5000),
		"POST /bad HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
		"POST /bad HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
		"GET http://[::1]:8080/x?y HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nConnection: foo close\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
		"POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-Continue\r\n\r\nhiGET /2 HTTP/1.1\r\nHost: a\r\n\r\n",
	)
	return c
}

// The interesting bytes a mutation puts somewhere.
var mutationBytes = []byte(" \t\r\n\x00:;,0aA-_\x7f\xff\"%?/#@[]\x0b\x0c")

// The interesting lines a mutation inserts after the request line.
var mutationLines = []string{
	"Transfer-Encoding: chunked\r\n", "Transfer-Encoding: identity\r\n", "Transfer-Encoding:  chunked \r\n",
	"Content-Length: 0\r\n", "Content-Length: 3\r\n", "Content-Length: 03\r\n", "Content-Length: +3\r\n",
	"Host: h\r\n", "Host: h:1\r\n", "Host:\r\n", "Connection: close\r\n", "Connection: keep-alive\r\n",
	"Expect: 100-continue\r\n", "Expect: nope\r\n", "Trailer: Content-Length\r\n", "X: \x80\r\n", " X: y\r\n",
	"\r\n", "X:y\r\n", "Connection: foo close\r\n", "Connection:: close\r\n", "Connection: x, keep-alive\r\n",
	"Expect: 100-CONTINUE\r\n", "Expect:\r\n", "Expect: 100-continue, x\r\n",
}

// mutate applies one deterministic mutation, chosen by r, to s.
func mutate(r *rand.Rand, s string) string {
	b := []byte(s)
	if len(b) == 0 {
		return s
	}
	i := r.IntN(len(b))
	switch r.IntN(8) {
	case 0: // replace a byte
		b[i] = mutationBytes[r.IntN(len(mutationBytes))]
	case 1: // insert a byte
		b = slices.Insert(b, i, mutationBytes[r.IntN(len(mutationBytes))])
	case 2: // delete a byte
		b = slices.Delete(b, i, i+1)
	case 3: // insert a line after the request line
		if j := bytes.Index(b, []byte("\r\n")); j >= 0 {
			b = slices.Insert(b, j+2, []byte(mutationLines[r.IntN(len(mutationLines))])...)
		}
	case 4: // duplicate a line
		start := bytes.LastIndex(b[:i], []byte("\r\n"))
		end := bytes.Index(b[i:], []byte("\r\n"))
		if start >= 0 && end >= 0 {
			line := slices.Clone(b[start+2 : i+end+2])
			b = slices.Insert(b, i+end+2, line...)
		}
	case 5: // flip the case of a letter
		if c := b[i] | 0x20; c >= 'a' && c <= 'z' {
			b[i] ^= 0x20
		}
	case 6: // cut the input short
		b = b[:i]
	case 7: // append a pipelined request
		b = append(b, "GET /next HTTP/1.1\r\nHost: n\r\n\r\n"...)
	}
	return string(b)
}

// documentedDifference reports inputs where the engine may serve what
// net/http does not: the leniencies the package doc lists.
func documentedDifference(raw string) bool {
	return strings.HasPrefix(raw, "\r\n") || // RFC 9112 §2.2: one empty line before the request line is skipped
		strings.HasPrefix(raw, "OPTIONS * ") // net/http answers OPTIONS * itself; the engine hands it to the Handler
}

func TestDifferential(t *testing.T) {
	std := &http.Server{Handler: netHTTPEcho, ReadHeaderTimeout: ioDeadline, ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go std.Serve(ln)
	defer std.Close()
	ts := serve(t, engineEcho, func(s *Server) { s.MaxBodyBytes = 1 << 20 })
	// net/http's own echo handler on the engine, through HTTPHandler.
	adapted := serve(t, HTTPHandler(netHTTPEcho), func(s *Server) { s.MaxBodyBytes = 1 << 20 })

	rng := rand.New(rand.NewPCG(14, 1))
	perSeed := 40
	if testing.Short() {
		perSeed = 6
	}
	var inputs []string
	for _, raw := range diffCorpus() {
		inputs = append(inputs, raw)
		for range perSeed {
			m := mutate(rng, raw)
			if rng.IntN(3) == 0 {
				m = mutate(rng, m)
			}
			inputs = append(inputs, m)
		}
	}
	both, stdOnly, engineOnly := 0, 0, 0
	for _, raw := range inputs {
		want := served(t, ln.Addr().String(), raw)
		got := served(t, ts.addr, raw)
		if documentedDifference(raw) {
			continue
		}
		if a := served(t, adapted.addr, raw); !slices.Equal(a, got) {
			t.Errorf("%q: through HTTPHandler the handler saw %q, the engine's handler %q", raw, a, got)
		}
		if len(got) > len(want) {
			engineOnly++
			t.Errorf("the engine served %d requests, net/http %d, of %q:\nengine saw:\n%s", len(got), len(want), raw, got[len(want)])
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("request %d of %q:\nnet/http saw:\n%s\nthe engine saw:\n%s", i, raw, want[i], got[i])
			}
		}
		if len(got) > 0 {
			both++
		}
		if len(got) < len(want) {
			stdOnly++
		}
	}
	t.Logf("%d inputs: both served %d, net/http alone served more of %d (the engine is stricter), the engine alone %d",
		len(inputs), both, stdOnly, engineOnly)
	if both < len(diffCorpus())/2 {
		t.Errorf("only %d inputs were served by both: the comparison says little", both)
	}
}

// TestDifferentialStricter lists inputs net/http serves and the engine
// refuses, by design (see the package doc), so the list stays deliberate.
func TestDifferentialStricter(t *testing.T) {
	std := &http.Server{Handler: netHTTPEcho, ErrorLog: quietLog(t)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go std.Serve(ln)
	defer std.Close()
	ts := serve(t, engineEcho, nil)
	for _, raw := range []string{
		"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n", // CL and TE
		"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc",                              // TE on HTTP/1.0
		"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n",                     // space after chunk size
		"GET / HTTP/1.1\r\nHost: a:b:c\r\n\r\n",                                                                      // Host not host[:port]
		"GET http://user@h/ HTTP/1.1\r\nHost: h\r\n\r\n",                                                             // userinfo
		"GET / HTTP/1.1\r\nHost: a\r\nX: " + strings.Repeat("x", 70<<10) + "\r\n\r\n",                                // head over 64 KiB
		"CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n",                                                              // no tunnels
	} {
		if want, got := served(t, ln.Addr().String(), raw), served(t, ts.addr, raw); len(want) != 1 || len(got) != 0 {
			t.Errorf("%.80q: net/http served %d, the engine %d; want 1 and 0", raw, len(want), len(got))
		}
	}
}
