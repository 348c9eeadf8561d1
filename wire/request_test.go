package wire

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/heads"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// The parser's tests walk every kernel family with ForEachKernel. The
// parser calls the kernel entry, scan, on every build: on amd64 the
// generic family's walk runs the SSE2 kernel again (scanGeneric itself is
// walked by the kernel tests in scan_test.go), and the parser on top of
// scanGeneric is what the -tags purego and s390x runs test.

// parseRef parses b with both ParseRequest and refParse and fails on any
// difference.
func parseRef(t testing.TB, b []byte, r *Request) (int, error) {
	t.Helper()
	n, err := ParseRequest(b, r)
	rn, rr, rerr := refParse(b, r.MaxHeaders, r.MaxHeadBytes)
	if !sameAsRef(n, err, r, rn, rr, rerr) {
		t.Fatalf("ParseRequest(%q) = %d, %v, %q %q %d %q\nreference: %d, %v, %+v",
			b, n, err, r.Method, r.Target, r.Minor, r.Headers, rn, rerr, rr)
	}
	if n < 0 || n > len(b) || (err != nil && n != 0) {
		t.Fatalf("ParseRequest(%q) = %d, %v", b, n, err)
	}
	return n, err
}

func TestCorpus(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		var r Request
		for _, h := range heads.All() {
			n, err := parseRef(t, h.Bytes, &r)
			if err != nil || n != len(h.Bytes) {
				t.Fatalf("%s: %d, %v; want %d, nil", h.Name, n, err, len(h.Bytes))
			}
			// What follows the head is not its concern.
			b := append(bytes.Clone(h.Bytes), "body\r\n\r\nGET / HTTP/1.1\r\n"...)
			if n, err := parseRef(t, b, &r); n != len(h.Bytes) || err != nil {
				t.Fatalf("%s with a body after it: %d, %v", h.Name, n, err)
			}
		}
	})
}

// TestCorpusFields checks a few heads field by field, written out by hand,
// so that the reference parser is not the only judge.
func TestCorpusFields(t *testing.T) {
	var r Request
	check := func(name, method, target string, minor int, fields ...string) {
		t.Helper()
		b := heads.Get(name)
		if _, err := ParseRequest(b, &r); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if string(r.Method) != method || string(r.Target) != target || r.Minor != minor {
			t.Errorf("%s: %q %q %d", name, r.Method, r.Target, r.Minor)
		}
		var got []string
		for _, h := range r.Headers {
			got = append(got, string(h.Name)+"="+string(h.Value))
		}
		if strings.Join(got, "|") != strings.Join(fields, "|") {
			t.Errorf("%s: fields\n%q\nwant\n%q", name, got, fields)
		}
	}
	check("small", "GET", "/", 1, "Host=localhost:8080")
	check("options-star", "OPTIONS", "*", 1, "Host=www.example.com", "User-Agent=curl/8.11.0", "Accept=*/*")
	check("connect", "CONNECT", "www.example.com:443", 1, "Host=www.example.com:443",
		"User-Agent=Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
		"Proxy-Connection=keep-alive", "Connection=keep-alive")
	check("http10", "GET", "/index.html", 0, "User-Agent=Wget/1.21.4", "Accept=*/*",
		"Accept-Encoding=identity", "Connection=Keep-Alive")
	check("whitespace", "GET", "/ws", 1, "Host=example.com", "X-Tabs=value with\ttabs",
		"X-Trailing=trailing spaces", "X-Empty=", "X-Empty-Spaces=", "Accept=*/*")
	check("obs-text", "GET", "/download", 1, "Host=files.example.com", "X-File-Name=résumé — final.pdf",
		`Content-Disposition=attachment; filename="naïve.txt"`)
	check("proxied", "GET", "/api/v1/ping", 1, "Host=service.example.com", "X-Forwarded-For=203.0.113.7",
		"X-Forwarded-For=198.51.100.20, 10.0.0.5", "X-Forwarded-Proto=https", "X-Real-IP=203.0.113.7",
		"X-Request-ID=3f1b8c1e-0d4e-4b1a-9a52-6c9f2e0b7d44",
		"traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "Via=1.1 edge-proxy")
}

// TestIncompleteEverySplit cuts every corpus head at every point: each
// strict prefix is ErrIncomplete with n == 0, and resuming from each
// prefix gives the whole head's result.
func TestIncompleteEverySplit(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		var r, want Request
		for _, h := range heads.All() {
			b := h.Bytes
			if _, err := ParseRequest(b, &want); err != nil {
				t.Fatalf("%s: %v", h.Name, err)
			}
			wantFields := fmt.Sprint(want.Headers)
			for k := 0; k < len(b); k++ {
				if n, err := parseRef(t, b[:k], &r); n != 0 || err != ErrIncomplete {
					t.Fatalf("%s cut at %d: %d, %v", h.Name, k, n, err)
				}
				// Resume from this prefix with the whole head.
				n, err := ResumeRequest(b, &r, k)
				if n != len(b) || err != nil || fmt.Sprint(r.Headers) != wantFields ||
					!bytes.Equal(r.Method, want.Method) || !bytes.Equal(r.Target, want.Target) || r.Minor != want.Minor {
					t.Fatalf("%s resumed at %d: %d, %v, %q", h.Name, k, n, err, r.Headers)
				}
			}
		}
	})
}

// TestResumeTrickle feeds every corpus head in chunks of 1..7 bytes into
// one buffer, resuming after each, and checks that the resumed parse
// matches a one-shot one and scanned each byte a bounded number of times.
func TestResumeTrickle(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	var r, want Request
	for _, h := range heads.All() {
		if _, err := ParseRequest(h.Bytes, &want); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 0, len(h.Bytes)) // never moves
		prev := 0
		for {
			k := min(len(h.Bytes), len(buf)+1+rnd.IntN(7))
			buf = append(buf, h.Bytes[len(buf):k]...)
			n, err := ResumeRequest(buf, &r, prev)
			if err == ErrIncomplete {
				if len(buf) == len(h.Bytes) {
					t.Fatalf("%s: incomplete with the whole head", h.Name)
				}
				prev = len(buf)
				continue
			}
			if n != len(h.Bytes) || err != nil || fmt.Sprint(r.Headers) != fmt.Sprint(want.Headers) ||
				string(r.Target) != string(want.Target) {
				t.Fatalf("%s: %d, %v, %q", h.Name, n, err, r.Headers)
			}
			break
		}
	}
}

// TestResumeIsLinear proves ResumeRequest does not rescan: a 60 KB head
// (one long cookie) arrives in 16-byte reads, and after each incomplete
// call every byte before the point the parse said it would resume from is
// overwritten with NUL. Resuming still succeeds, so none of those bytes
// was read again, and each call re-reads at most the one CR it stopped at.
func TestResumeIsLinear(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		head := []byte("GET / HTTP/1.1\r\nHost: x\r\nCookie: " + strings.Repeat("a=b; ", 12000) + "z=1\r\n\r\n")
		buf := make([]byte, 0, len(head))
		var r Request
		prev := 0
		for len(buf) < len(head) {
			buf = append(buf, head[len(buf):min(len(head), len(buf)+16)]...)
			n, err := ResumeRequest(buf, &r, prev)
			if err == nil {
				if n != len(head) || len(r.Headers) != 2 {
					t.Fatalf("n = %d, %d fields", n, len(r.Headers))
				}
				break
			}
			if err != ErrIncomplete {
				t.Fatalf("at %d: %v", len(buf), err)
			}
			if r.prog.from < len(buf)-1 {
				t.Fatalf("at %d: resumes from %d", len(buf), r.prog.from)
			}
			clear(buf[:r.prog.from])
			prev = len(buf)
		}
		if _, err := ParseRequest(buf, &r); err == nil {
			t.Fatal("the overwritten head parses from the start")
		}
	})
}

// TestResumeFallsBack: progress that does not match the call (another
// prev, another buffer, a completed parse) is ignored, never trusted.
func TestResumeFallsBack(t *testing.T) {
	var r Request
	head := []byte("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
	if _, err := ParseRequest(head[:20], &r); err != ErrIncomplete {
		t.Fatal(err)
	}
	// A different buffer with other bytes: parsed from the start.
	other := []byte("GET /b HTTP/1.1\r\nHost: y\r\n\r\n")
	if n, err := ResumeRequest(other, &r, 20); n != len(other) || err != nil || string(r.Target) != "/b" {
		t.Fatalf("other buffer: %d, %v, %q", n, err, r.Target)
	}
	// Same buffer, wrong prev.
	if _, err := ParseRequest(head[:20], &r); err != ErrIncomplete {
		t.Fatal(err)
	}
	if n, err := ResumeRequest(head, &r, 19); n != len(head) || err != nil || len(r.Headers) != 1 {
		t.Fatalf("wrong prev: %d, %v, %q", n, err, r.Headers)
	}
	// After a complete parse there is nothing to resume: a reused buffer
	// holding a bad head is refused, not trusted.
	bad := []byte("GET /a HTTP/1.1\r\nHo\x00t: x\r\n\r\n")
	b := append([]byte(nil), head...)
	if _, err := ParseRequest(b, &r); err != nil {
		t.Fatal(err)
	}
	copy(b, bad)
	if _, err := ResumeRequest(b, &r, 20); err != ErrFieldName {
		t.Fatalf("reused buffer: %v", err)
	}
	// Headers emptied by the caller: parsed from the start, nothing lost.
	long := []byte("GET /a HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n")
	if _, err := ParseRequest(long[:26], &r); err != ErrIncomplete || len(r.Headers) != 1 {
		t.Fatal(err, len(r.Headers))
	}
	r.Headers = nil
	if n, err := ResumeRequest(long, &r, 26); n != len(long) || err != nil || len(r.Headers) != 2 {
		t.Fatalf("emptied headers: %d, %v, %q", n, err, r.Headers)
	}
	// A nil buffer and a zero Request.
	var z Request
	if n, err := ResumeRequest(nil, &z, 0); n != 0 || err != ErrIncomplete {
		t.Fatalf("nil: %d, %v", n, err)
	}
}

// invalid lists every invalid form the package doc names, each refused
// with its own error.
var invalid = []struct {
	name, head string
	err        error
}{
	{"empty line before request line", "\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", ErrEmptyLine},
	{"bare LF before request line", "\nGET / HTTP/1.1\r\n\r\n", ErrEmptyLine},
	{"method empty", " / HTTP/1.1\r\n\r\n", ErrMethod},
	{"method not a token", "GE(T / HTTP/1.1\r\n\r\n", ErrMethod},
	{"method with obs-text", "G\xc3\x89T / HTTP/1.1\r\n\r\n", ErrMethod},
	{"method then HTAB", "GET\t/ HTTP/1.1\r\n\r\n", ErrMethod},
	{"method alone", "GET\r\n\r\n", ErrMethod},
	{"two SPs after method", "GET  / HTTP/1.1\r\n\r\n", ErrTarget},
	{"target with CTL", "GET /a\x01b HTTP/1.1\r\n\r\n", ErrTarget},
	{"target with NUL", "GET /\x00 HTTP/1.1\r\n\r\n", ErrTarget},
	{"target with DEL", "GET /a\x7f HTTP/1.1\r\n\r\n", ErrTarget},
	{"target with obs-text", "GET /caf\xc3\xa9 HTTP/1.1\r\n\r\n", ErrTarget},
	{"target with HTAB", "GET /a\tb HTTP/1.1\r\n\r\n", ErrTarget},
	{"target with SP", "GET /a b HTTP/1.1\r\n\r\n", ErrVersion},
	{"no version", "GET /\r\n\r\n", ErrVersion},
	{"version HTTP/1.2", "GET / HTTP/1.2\r\n\r\n", ErrVersion},
	{"version HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", ErrVersion},
	{"version lower case", "GET / http/1.1\r\n\r\n", ErrVersion},
	{"version then SP", "GET / HTTP/1.1 \r\n\r\n", ErrVersion},
	{"two SPs before version", "GET /  HTTP/1.1\r\n\r\n", ErrVersion},
	{"request line bare LF", "GET / HTTP/1.1\nHost: a\r\n\r\n", ErrBareLF},
	{"request line bare CR", "GET / HTTP/1.1\rHost: a\r\n\r\n", ErrBareCR},
	{"field line bare LF", "GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n", ErrBareLF},
	{"field line bare CR", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n", ErrBareCR},
	{"CR inside a value", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", ErrBareCR},
	{"LF inside a value", "GET / HTTP/1.1\r\nHost: a\nb\r\n\r\n", ErrBareLF},
	{"final line bare LF", "GET / HTTP/1.1\r\nHost: a\r\n\n", ErrBareLF},
	{"final line bare CR", "GET / HTTP/1.1\r\nHost: a\r\n\rx", ErrBareCR},
	{"CR CR LF", "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", ErrBareCR},
	{"obs-fold SP", "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", ErrObsFold},
	{"obs-fold HTAB", "GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n", ErrObsFold},
	{"first field line folded", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", ErrObsFold},
	{"empty field name", "GET / HTTP/1.1\r\n: a\r\n\r\n", ErrFieldName},
	{"field name not a token", "GET / HTTP/1.1\r\nX(y): a\r\n\r\n", ErrFieldName},
	{"field name with NUL", "GET / HTTP/1.1\r\nX\x00: a\r\n\r\n", ErrFieldName},
	{"field name with obs-text", "GET / HTTP/1.1\r\nX\xc3\xa9: a\r\n\r\n", ErrFieldName},
	{"field name with DEL", "GET / HTTP/1.1\r\nX\x7f: a\r\n\r\n", ErrFieldName},
	{"SP before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", ErrSpaceBeforeColon},
	{"HTAB before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", ErrSpaceBeforeColon},
	{"SP inside name", "GET / HTTP/1.1\r\nHo st: a\r\n\r\n", ErrSpaceBeforeColon},
	{"no colon", "GET / HTTP/1.1\r\nHost\r\n\r\n", ErrNoColon},
	{"no colon, bare LF", "GET / HTTP/1.1\r\nHost\n\r\n", ErrNoColon},
	{"NUL in value", "GET / HTTP/1.1\r\nX: a\x00b\r\n\r\n", ErrFieldValue},
	{"CTL in value", "GET / HTTP/1.1\r\nX: a\x1bb\r\n\r\n", ErrFieldValue},
	{"DEL in value", "GET / HTTP/1.1\r\nX: a\x7f\r\n\r\n", ErrFieldValue},
	{"NUL in a long value", "GET / HTTP/1.1\r\nX: " + strings.Repeat("v", 100) + "\x00\r\n\r\n", ErrFieldValue},
}

func TestInvalid(t *testing.T) {
	for _, c := range invalid {
		t.Run(c.name, func(t *testing.T) {
			testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
				var r Request
				b := []byte(c.head)
				if n, err := parseRef(t, b, &r); n != 0 || err != c.err {
					t.Fatalf("%q: %d, %v; want %v", c.head, n, err, c.err)
				}
				var se *SyntaxError
				if !errors.As(c.err, &se) {
					t.Fatalf("%v is not a *SyntaxError", c.err)
				}
				// As soon as it cannot become valid: every prefix is
				// either incomplete or this error, and once the error,
				// the error from then on.
				failed := false
				for k := 0; k <= len(b); k++ {
					_, err := parseRef(t, b[:k], &r)
					switch {
					case err == c.err:
						failed = true
					case err != ErrIncomplete || failed:
						t.Fatalf("%q cut at %d: %v", c.head, k, err)
					}
				}
			})
		})
	}
}

// TestErrorAtOnce: the error comes with the offending byte, not with the
// end of the head.
func TestErrorAtOnce(t *testing.T) {
	var r Request
	for _, c := range []struct {
		head string
		err  error
	}{
		{"GET / HTTP/1.1\r\nHo\x00", ErrFieldName},
		{"GET / HTTP/1.1\r\nHost: a\x00", ErrFieldValue},
		{"GET / HTTP/1.1\r\nHost ", ErrSpaceBeforeColon},
		{"GET / HTTP/1.1\r\nHost: a\r\n ", ErrObsFold},
		{"GET / HTTP/1.1\r\nHost: a\rb", ErrBareCR},
		{"GET / HTTP/1.2", ErrVersion},
		{"GET / HTTQ", ErrVersion},
		{"GET /\x80", ErrTarget},
		{"G\x00", ErrMethod},
	} {
		if _, err := ParseRequest([]byte(c.head), &r); err != c.err {
			t.Errorf("%q: %v, want %v", c.head, err, c.err)
		}
	}
}

func TestLimits(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		fields := func(k int) []byte {
			var b bytes.Buffer
			b.WriteString("GET / HTTP/1.1\r\n")
			for i := range k {
				fmt.Fprintf(&b, "X-%d: v\r\n", i)
			}
			b.WriteString("\r\n")
			return b.Bytes()
		}
		var r Request
		// The default: 100 fields pass, 101 do not.
		if _, err := parseRef(t, fields(100), &r); err != nil {
			t.Fatalf("100 fields: %v", err)
		}
		if _, err := parseRef(t, fields(101), &r); err != ErrTooManyHeaders {
			t.Fatalf("101 fields: %v", err)
		}
		// Refused as soon as the field after the last allowed one starts.
		b := fields(101)
		cut := bytes.Index(b, []byte("X-100")) + 1
		if _, err := parseRef(t, b[:cut], &r); err != ErrTooManyHeaders {
			t.Fatalf("101st field's first byte: %v", err)
		}
		if _, err := parseRef(t, b[:cut-1], &r); err != ErrIncomplete {
			t.Fatalf("before the 101st field: %v", err)
		}
		// Set per Request.
		r.MaxHeaders = 3
		if _, err := parseRef(t, fields(3), &r); err != nil {
			t.Fatalf("3 of 3: %v", err)
		}
		if _, err := parseRef(t, fields(4), &r); err != ErrTooManyHeaders {
			t.Fatalf("4 of 3: %v", err)
		}
		var le *LimitError
		if !errors.As(ErrTooManyHeaders, &le) || !errors.As(ErrHeadTooLarge, &le) {
			t.Fatal("limit errors are not *LimitError")
		}

		// Head length: exactly the limit passes; one byte over fails, as
		// soon as the buffer holds the limit's worth without a head.
		r = Request{}
		h := heads.Get("browser")
		r.MaxHeadBytes = len(h)
		if n, err := parseRef(t, h, &r); n != len(h) || err != nil {
			t.Fatalf("head of exactly the limit: %d, %v", n, err)
		}
		r.MaxHeadBytes = len(h) - 1
		if _, err := parseRef(t, h, &r); err != ErrHeadTooLarge {
			t.Fatalf("head one over the limit: %v", err)
		}
		if _, err := parseRef(t, h[:len(h)-1], &r); err != ErrHeadTooLarge {
			t.Fatalf("limit's worth without a head: %v", err)
		}
		if _, err := parseRef(t, h[:len(h)-2], &r); err != ErrIncomplete {
			t.Fatalf("under the limit: %v", err)
		}
		// A syntax error inside the limit is still a syntax error.
		bad := append([]byte("GET / HTTP/1.1\r\nX\x00"), make([]byte, 100)...)
		r.MaxHeadBytes = 20
		if _, err := parseRef(t, bad, &r); err != ErrFieldName {
			t.Fatalf("syntax error before the limit: %v", err)
		}
		// The default.
		r = Request{}
		big := []byte("GET / HTTP/1.1\r\nX: " + strings.Repeat("v", DefaultMaxHeadBytes))
		if _, err := parseRef(t, big, &r); err != ErrHeadTooLarge {
			t.Fatalf("default limit: %v", err)
		}
	})
}

// TestZeroAllocs: once Headers has room, a parse allocates nothing.
func TestZeroAllocs(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("coverage counters")
	}
	var r Request
	r.Headers = make([]Header, 0, 100)
	for _, h := range heads.All() {
		b := h.Bytes
		if a := testing.AllocsPerRun(100, func() {
			if _, err := ParseRequest(b, &r); err != nil {
				t.Fatal(err)
			}
		}); a != 0 {
			t.Errorf("%s: %v allocs", h.Name, a)
		}
		if a := testing.AllocsPerRun(100, func() { ResumeRequest(b[:len(b)/2], &r, 0) }); a != 0 {
			t.Errorf("%s incomplete: %v allocs", h.Name, a)
		}
	}
}

// TestAliases: every slice points into buf and cannot be appended into it.
func TestAliases(t *testing.T) {
	b := heads.Get("chrome-full")
	var r Request
	if _, err := ParseRequest(b, &r); err != nil {
		t.Fatal(err)
	}
	inside := func(s []byte) bool {
		if len(s) == 0 {
			return true
		}
		lo, hi := uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&b[len(b)-1]))
		p, q := uintptr(unsafe.Pointer(&s[0])), uintptr(unsafe.Pointer(&s[len(s)-1]))
		return lo <= p && q <= hi
	}
	all := [][]byte{r.Method, r.Target}
	for _, h := range r.Headers {
		all = append(all, h.Name, h.Value)
	}
	for _, s := range all {
		if !inside(s) || cap(s) != len(s) {
			t.Fatalf("%q: not an alias of buf with cap == len", s)
		}
	}
}

// TestGuardPages puts every corpus head, and every prefix of the short
// ones, against unmapped pages on both sides.
func TestGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 8192)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		var r Request
		for _, h := range heads.All() {
			for k := len(h.Bytes); k >= 0; k-- {
				for _, b := range [][]byte{g.End(k), g.Start(k)} {
					copy(b, h.Bytes)
					parseRef(t, b, &r)
				}
				if len(h.Bytes) > 300 && k < len(h.Bytes)-64 {
					k -= 37 // long heads: a stride of cuts
				}
			}
		}
	})
}

// TestRandomHeads compares ParseRequest with the reference on random
// heads built from a grammar with mistakes planted, in every family.
func TestRandomHeads(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		rnd := rand.New(rand.NewPCG(9, 10))
		var r Request
		count := 20000
		if testing.Short() {
			count = 3000
		}
		for range count {
			b := randomHead(rnd)
			r.MaxHeaders = rnd.IntN(6)
			r.MaxHeadBytes = 0
			if rnd.IntN(8) == 0 {
				r.MaxHeadBytes = 1 + rnd.IntN(len(b)+8)
			}
			parseRef(t, b, &r)
			// And every cut of it.
			for k := 0; k < len(b); k += 1 + rnd.IntN(5) {
				parseRef(t, b[:k], &r)
			}
		}
	})
}

func randomHead(rnd *rand.Rand) []byte {
	pick := func(s ...string) string { return s[rnd.IntN(len(s))] }
	var b []byte
	b = append(b, pick("GET", "POST", "M-SEARCH", "get", "")...)
	b = append(b, ' ')
	b = append(b, pick("/", "*", "/a/b?c=d", "http://h/x", "h:443", "/"+strings.Repeat("p", rnd.IntN(80)))...)
	b = append(b, ' ')
	b = append(b, pick("HTTP/1.1", "HTTP/1.0")...)
	b = append(b, "\r\n"...)
	for range rnd.IntN(8) {
		b = append(b, pick("Host", "X-A", "content-length", strings.Repeat("N", rnd.IntN(40)))...)
		b = append(b, pick(":", ": ", ":\t", ":  ")...)
		b = append(b, pick("v", "", "a b", "x\ty", "\xc3\xa9", strings.Repeat("w", rnd.IntN(100)))...)
		b = append(b, pick("", " ", "\t")...)
		b = append(b, "\r\n"...)
	}
	b = append(b, "\r\n"...)
	// Plant mistakes.
	for range rnd.IntN(3) {
		i := rnd.IntN(len(b))
		c := pick("\x00", "\r", "\n", " ", "\t", ":", "\x7f", "\x80", "a", "(")[0]
		switch rnd.IntN(3) {
		case 0:
			b[i] = c
		case 1:
			b = append(b[:i], append([]byte{c}, b[i:]...)...)
		default:
			b = append(b[:i], b[i+1:]...)
		}
	}
	return b
}

func FuzzParseRequest(f *testing.F) {
	for _, h := range heads.All() {
		if len(h.Bytes) < 700 {
			f.Add(h.Bytes, uint8(0))
		}
	}
	for _, c := range invalid {
		f.Add([]byte(c.head), uint8(3))
	}
	f.Fuzz(func(t *testing.T, b []byte, maxh uint8) {
		var r Request
		r.MaxHeaders = int(maxh % 8)
		parseRef(t, b, &r)
		// Resuming from any cut gives the same result as one call.
		var r2 Request
		r2.MaxHeaders = r.MaxHeaders
		k := len(b) / 2
		if _, err := ParseRequest(b[:k], &r2); err == ErrIncomplete {
			n, err := ResumeRequest(b, &r2, k)
			rn, rr, rerr := refParse(b, r.MaxHeaders, 0)
			if !sameAsRef(n, err, &r2, rn, rr, rerr) {
				t.Fatalf("resumed at %d: %d, %v; reference %d, %v", k, n, err, rn, rerr)
			}
		}
	})
}

func FuzzResumeRequest(f *testing.F) {
	f.Add(heads.Get("browser"), uint16(100))
	f.Add(heads.Get("small"), uint16(3))
	f.Fuzz(func(t *testing.T, b []byte, cut uint16) {
		k := int(cut) % (len(b) + 1)
		var r Request
		if _, err := ParseRequest(b[:k], &r); err != ErrIncomplete {
			return
		}
		n, err := ResumeRequest(b, &r, k)
		rn, rr, rerr := refParse(b, 0, 0)
		if !sameAsRef(n, err, &r, rn, rr, rerr) {
			t.Fatalf("resumed at %d: %d, %v; reference %d, %v", k, n, err, rn, rerr)
		}
	})
}
