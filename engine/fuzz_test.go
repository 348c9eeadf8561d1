package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/hotpath-go/hotpath/internal/testutil"
	"io"
	"log"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// FuzzServe serves arbitrary bytes, split into reads at arbitrary points,
// over an in-memory connection: the engine must not panic (its own
// recovery logs "engine: panic", which fails the target), must end, and
// must write only well-formed responses, never more than one per request
// it could have read.
func FuzzServe(f *testing.F) {
	for _, s := range diffCorpus() {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(7))
	}
	f.Add([]byte("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n3;x\r\nabc\r\n0\r\nT: 1\r\n\r\n"), uint8(3))
	// The review's cases: Connection words, Expect lists, IP literals,
	// empty lines between requests.
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: a\r\nConnection:: close\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.0\r\nConnection: foo\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nExpect: 100-continue\r\nExpect: x\r\n\r\nhi",
		"POST / HTTP/1.0\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: keep-alive\r\n\r\nhiGET / HTTP/1.0\r\n\r\n",
		"GET http://[1.2.3.4]/ HTTP/1.1\r\nHost: a\r\n\r\nGET http://[::ffff:1.2.3.4]:80/ HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET http://a%41/ HTTP/1.1\r\nHost: [::1]\r\n\r\n",
		"GET /1 HTTP/1.1\r\nHost: a\r\n\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n",
	} {
		f.Add([]byte(s), uint8(0))
		f.Add([]byte(s), uint8(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		var logged bytes.Buffer
		var prev *Body // the last request's body: dead in this one
		var stale error
		s := &Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
			if prev != nil {
				var one [1]byte
				if n, err := prev.Read(one[:]); n != 0 || err != ErrBodyReadAfterClose {
					stale = fmt.Errorf("a body read in the next request: %d bytes, %v", n, err)
				}
			}
			prev = r.Body()
			b, err := io.ReadAll(r.Body())
			if err != nil {
				w.WriteHeader(400)
				return
			}
			if len(r.Path())%3 == 0 {
				w.Flush() // streamed
			}
			w.SetHeader("X-Path", string(r.RawPath()))
			w.Write(b)
			r.Header("host")
			r.Trailers()
		}), ErrorLog: log.New(&logged, "", 0), MaxHeaderBytes: 4096, MaxBodyBytes: 1 << 16}
		// Reads of `split` bytes (all at once for 0).
		mc := &memConn{In: testutil.SplitReads(data, int(split))}
		done := make(chan struct{})
		go func() {
			defer close(done)
			s.ServeConn(mc)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			buf := make([]byte, 1<<16)
			t.Fatalf("ServeConn did not end on %q split %d:\n%s", data, split, buf[:runtime.Stack(buf, true)])
		}
		if strings.Contains(logged.String(), "panic") {
			t.Fatalf("panic: %s", logged.String())
		}
		if stale != nil {
			t.Fatal(stale)
		}
		// Every response parses; there are no more than requests could be.
		br := bufio.NewReader(&mc.Out)
		n := 0
		for ; n < 1000; n++ {
			if _, err := br.Peek(1); err != nil {
				break
			}
			resp, err := http.ReadResponse(br, nil)
			if err != nil {
				t.Fatalf("response %d does not parse: %v\n%q", n, err, mc.Out.String())
			}
			if resp.StatusCode < 100 || resp.StatusCode > 599 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			if resp.StatusCode >= 200 {
				if _, err := io.Copy(io.Discard, resp.Body); err != nil && resp.Close {
					break // a response cut short by its declared length ends the connection
				}
			}
		}
		if reqs := bytes.Count(data, []byte("\n")); n > reqs+1 {
			t.Fatalf("%d responses to %d lines", n, reqs)
		}
	})
}
