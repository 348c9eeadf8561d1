package suite

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"testing"

	"github.com/hotpath-go/hotpath/internal/heads"
	"github.com/hotpath-go/hotpath/wire"
	"github.com/valyala/fasthttp"
)

// The wire group: request-head parsing, ours against fasthttp's and
// net/http's, on four heads of the corpus in internal/heads (the one wire's
// tests use): "small" (GET / plus Host, 40 B, what wrk sends), "browser"
// (a 9-field browser navigation, 496 B), "api-bearer" (an API POST with a
// 1 KB bearer token) and "cookies-2k" (2 KB of cookies).

// wireHeads are the bench heads, in report order.
var wireHeads = []string{"small", "browser", "api-bearer", "cookies-2k"}

func reportGBs(b *testing.B, n int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/s/1e9, "GB/s")
	}
}

func wireOurs(head []byte) Bench {
	return Bench{"wire.ParseRequest", func(b *testing.B) {
		var r wire.Request
		r.Headers = make([]wire.Header, 0, 64)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := wire.ParseRequest(head, &r); err != nil {
				b.Fatal(err)
			}
		}
		reportGBs(b, len(head))
	}}
}

// fasthttp has no exported parse of a byte slice: RequestHeader.Read on a
// bufio.Reader is its zero-alloc entry point, so each iteration resets a
// bytes.Reader and a bufio.Reader over the head, and Read copies the head
// into the bufio buffer (one memmove) before parsing it.
func fasthttpPeer(head []byte) Bench {
	return Bench{"fasthttp.RequestHeader.Read", func(b *testing.B) {
		var h fasthttp.RequestHeader
		rd := bytes.NewReader(head)
		br := bufio.NewReaderSize(rd, 8192)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rd.Reset(head)
			br.Reset(rd)
			if err := h.Read(br); err != nil {
				b.Fatal(err)
			}
		}
		reportGBs(b, len(head))
	}}
}

func netHTTPPeer(head []byte) Bench {
	return Bench{"http.ReadRequest", func(b *testing.B) {
		rd := bytes.NewReader(head)
		br := bufio.NewReaderSize(rd, 8192)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			rd.Reset(head)
			br.Reset(rd)
			if _, err := http.ReadRequest(br); err != nil {
				b.Fatal(err)
			}
		}
		reportGBs(b, len(head))
	}}
}

// wireGate checks that the three parsers read each bench head alike
// (method, target, number of fields), so that they time the same work.
func wireGate() error {
	for _, name := range wireHeads {
		head := heads.Get(name)
		var r wire.Request
		n, err := wire.ParseRequest(head, &r)
		if err != nil || n != len(head) {
			return fmt.Errorf("%s: wire.ParseRequest: %d, %v", name, n, err)
		}
		var h fasthttp.RequestHeader
		if err := h.Read(bufio.NewReader(bytes.NewReader(head))); err != nil {
			return fmt.Errorf("%s: fasthttp: %v", name, err)
		}
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(head)))
		if err != nil {
			return fmt.Errorf("%s: net/http: %v", name, err)
		}
		if string(r.Method) != string(h.Method()) || string(r.Target) != string(h.RequestURI()) ||
			string(r.Method) != req.Method || string(r.Target) != req.RequestURI {
			return fmt.Errorf("%s: request lines differ: %q %q / %q %q / %q %q", name, r.Method, r.Target,
				h.Method(), h.RequestURI(), req.Method, req.RequestURI)
		}
		// fasthttp keeps Host, Content-Type, Content-Length, User-Agent
		// and cookies apart from its field list; count them all.
		if got := h.Len(); got != len(r.Headers) {
			return fmt.Errorf("%s: %d fields, fasthttp %d", name, len(r.Headers), got)
		}
	}
	return nil
}

func init() {
	SetNote("wire", "Request-head parsing on four heads of internal/heads: small (GET / + Host, 40 B), "+
		"browser (9 fields, 496 B), api-bearer (POST with a 1 KB bearer token, 1267 B), cookies-2k (2376 B). "+
		"fasthttp has no exported parse of a byte slice: its row is RequestHeader.Read on a bufio.Reader "+
		"reset over the head each iteration (its zero-alloc entry point; Read copies the head into the bufio "+
		"buffer before parsing, and keeps its own copies of the fields). net/http's row is http.ReadRequest "+
		"the same way. wire.ParseRequest parses the head in place (fields alias the buffer). "+
		"GB/s is head bytes per second; the GB/s rows' goal is on ours alone (amd64 AVX2).")
	RegisterGate(Gate{Group: "wire", Name: "wire, fasthttp and net/http read the bench heads alike", Check: wireGate})
	for _, name := range wireHeads {
		head := heads.Get(name)
		Register(Case{
			Group: "wire", Name: "ParseRequest/" + name + " vs fasthttp",
			Ours: wireOurs(head), Peers: []Bench{fasthttpPeer(head)},
			Goal: 0.5, ZeroAllocs: true, Quick: true,
		})
		Register(Case{
			Group: "wire", Name: "ParseRequest/" + name + " vs net/http",
			Ours: wireOurs(head), Peers: []Bench{netHTTPPeer(head)},
			Goal: 0.05, ZeroAllocs: true, Quick: true,
		})
	}
	for _, name := range []string{"browser", "cookies-2k"} {
		head := heads.Get(name)
		Register(Case{
			Group: "wire", Name: "ParseRequest/" + name + " throughput",
			Ours: wireOurs(head), Peers: []Bench{fasthttpPeer(head)},
			Metric: "GB/s", Floor: 3, ZeroAllocs: true, Quick: true,
		})
	}
}
