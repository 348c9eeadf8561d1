package framework

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// Tests of the code written out for speed: the segment scan and prefix
// compare inside lookup, the JSON sink and the 200 left to the writer.

// TestLookupSegmentScan routes parameter segments of every length up to 40
// bytes (so every branch of lookup's scan: under 4, 4 to 7, whole words and
// an overlapping last word), at the end of the path and followed by more,
// and checks the values against strings.Cut.
func TestLookupSegmentScan(t *testing.T) {
	app := New()
	app.GET("/p/:x", echoRoute)
	app.GET("/p/:x/end", echoRoute)
	app.GET("/q/:x/:y", echoRoute)
	app.GET("/longer-static-prefix/:x", echoRoute)
	app.GET("/r/*rest", echoRoute)
	rng := rand.New(rand.NewPCG(1, 2))
	seg := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			const chars = "abc-_.~%:*0123456789\x00\xff"
			b[i] = chars[rng.IntN(len(chars))]
		}
		return string(b)
	}
	for n := 1; n <= 40; n++ {
		for k := 0; k < 4; k++ {
			x, y := seg(n), seg(1+rng.IntN(20))
			q := strconv.Quote
			runRawCases(t, app, []routeCase{
				{"GET", "/p/" + x, 200, `GET /p/:x x=` + q(x), nil},
				{"GET", "/p/" + x + "/end", 200, `GET /p/:x/end x=` + q(x), nil},
				{"GET", "/q/" + x + "/" + y, 200, `GET /q/:x/:y x=` + q(x) + ` y=` + q(y), nil},
				{"GET", "/longer-static-prefix/" + x, 200, `GET /longer-static-prefix/:x x=` + q(x), nil},
				{"GET", "/r/" + x + "/" + y, 200, `GET /r/*rest rest=` + q(x+"/"+y), nil},
				{"GET", "/p/" + x + "/nope", 404, "", nil},
				{"GET", "/longer-static-prefiX/" + x, 404, "", nil},
			})
		}
	}
}

// runRawCases is runCases with the paths set as decoded paths, any bytes.
func runRawCases(t *testing.T, app *App, cases []routeCase) {
	t.Helper()
	for _, tc := range cases {
		r := httptest.NewRequest(tc.method, "/", nil)
		r.URL.Path = tc.path // any bytes, as a server would decode them
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		if w.Code != tc.code || (tc.code == 200 && w.Body.String() != tc.body) {
			t.Errorf("%s %q: %d %q, want %d %q", tc.method, tc.path, w.Code, w.Body.String(), tc.code, tc.body)
		}
	}
}

// TestShortSegmentEnd checks the scan of segments under 8 bytes, with a
// '/' at every position and none.
func TestShortSegmentEnd(t *testing.T) {
	for n := 1; n < 8; n++ {
		for at := -1; at < n; at++ {
			for second := -1; second < n; second++ {
				b := []byte(strings.Repeat("x", n))
				if at >= 0 {
					b[at] = '/'
				}
				if second >= 0 {
					b[second] = '/'
				}
				s := string(b)
				want := strings.IndexByte(s, '/')
				if want < 0 {
					want = n
				}
				if got := shortSegmentEnd(s); got != want {
					t.Fatalf("shortSegmentEnd(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
}

// TestMatch checks node.match against strings.HasPrefix for prefixes and
// paths of every length up to 20, differing at every byte.
func TestMatch(t *testing.T) {
	for l := 1; l <= 20; l++ {
		prefix := "/abcdefghijklmnopqrst"[:l]
		n := new(node)
		n.setPrefix(prefix)
		for pl := 1; pl <= 24; pl++ {
			base := []byte((prefix + "/uvwxyz0123456789abcdef")[:pl])
			for diff := -1; diff < pl; diff++ {
				p := append([]byte(nil), base...)
				if diff > 0 { // byte 0 chose the node: it always matches
					p[diff] ^= 0x20
				}
				path := string(p)
				if got, want := n.match(path), strings.HasPrefix(path, prefix); got != want {
					t.Fatalf("match(%q, prefix %q) = %v, want %v", path, prefix, got, want)
				}
			}
		}
	}
}

// TestJSONBody checks that JSON writes what json.Marshal returns, for values
// whose encodings hold escapes, HTML and newlines in strings.
func TestJSONBody(t *testing.T) {
	values := []any{
		true, nil, 3.5, "a\nb", "<tag>&", []int{1, 2}, map[string]any{"x": "y\n", "z": []string{}},
		struct {
			A string `json:"a"`
			B int    `json:"b,omitempty"`
		}{A: "\u2028"},
		json.RawMessage(`{"raw" : [1, 2]}`),
	}
	app := New()
	var v any
	app.GET("/", func(c *Context) error { return c.JSON(http.StatusAccepted, v) })
	for _, v = range values {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		w := serve(app, "GET", "/")
		if w.Code != http.StatusAccepted || w.Body.String() != string(want) {
			t.Errorf("JSON(%#v): %d %q, want 202 %q", v, w.Code, w.Body.String(), want)
		}
	}
}

// TestJSONSinkSplits writes an encoding to the sink in every split an
// Encoder could make: the body is the same, without the final newline.
func TestJSONSinkSplits(t *testing.T) {
	const enc = "{\"a\":\"x\"}\n[1,\n2]\n"
	const want = "{\"a\":\"x\"}\n[1,\n2]"
	for i := 0; i <= len(enc); i++ {
		for j := i; j <= len(enc); j++ {
			w := httptest.NewRecorder()
			c := &Context{}
			c.rw.w = w
			s := &jsonSink{c: c, code: http.StatusCreated}
			for _, part := range []string{enc[:i], enc[i:j], enc[j:]} {
				if n, err := s.Write([]byte(part)); n != len(part) || err != nil {
					t.Fatalf("Write(%q) = %d, %v", part, n, err)
				}
			}
			if w.Code != http.StatusCreated || w.Body.String() != want || w.Header().Get("Content-Type") != jsonContentType {
				t.Fatalf("splits %d, %d: %d %q %q, want 201 %q", i, j, w.Code, w.Body.String(), w.Header().Get("Content-Type"), want)
			}
		}
	}
}

// failWriter fails its first Write.
type failWriter struct {
	*httptest.ResponseRecorder
	fail bool
}

var errWrite = errors.New("write failed")

func (w *failWriter) Write(b []byte) (int, error) {
	if w.fail {
		w.fail = false
		return 0, errWrite
	}
	return w.ResponseRecorder.Write(b)
}

// TestJSONWriteError checks that a failed write is returned by JSON and
// does not stick to the Context's encoder: the next request on the same
// Context encodes again.
func TestJSONWriteError(t *testing.T) {
	app := New()
	var got []error
	app.GET("/", func(c *Context) error {
		err := c.JSON(http.StatusOK, map[string]int{"n": 1})
		got = append(got, err)
		return nil
	})
	fw := &failWriter{ResponseRecorder: httptest.NewRecorder(), fail: true}
	app.ServeHTTP(fw, httptest.NewRequest("GET", "/", nil))
	w := serve(app, "GET", "/")
	if len(got) != 2 || !errors.Is(got[0], errWrite) || got[1] != nil || w.Body.String() != `{"n":1}` {
		t.Errorf("errors %v, second body %q", got, w.Body.String())
	}
}

// statusWriter records every WriteHeader call.
type statusWriter struct {
	h     http.Header
	codes []int
	body  strings.Builder
}

func (w *statusWriter) Header() http.Header { return w.h }
func (w *statusWriter) WriteHeader(code int) {
	w.codes = append(w.codes, code)
}
func (w *statusWriter) Write(b []byte) (int, error) { return w.body.Write(b) }

// TestStatusReachesWriter checks the status the wrapped writer gets: a 200
// is left to its first Write (so WriteHeader is not called), any other
// code is sent once, and Status before JSON(200) is overridden by 200 as
// WriteHeader(200) would.
func TestStatusReachesWriter(t *testing.T) {
	app := New()
	app.GET("/ok", func(c *Context) error { return c.JSON(200, 1) })
	app.GET("/created", func(c *Context) error { return c.JSON(201, 1) })
	app.GET("/status", func(c *Context) error { c.Status(202); return c.JSON(200, 1) })
	app.GET("/blob", func(c *Context) error { return c.Blob(203, "text/x", []byte("b")) })
	for path, want := range map[string][]int{"/ok": nil, "/created": {201}, "/status": {200}, "/blob": {203}} {
		w := &statusWriter{h: http.Header{}}
		app.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if len(w.codes) != len(want) || (len(want) > 0 && w.codes[0] != want[0]) || w.body.Len() == 0 {
			t.Errorf("%s: WriteHeader calls %v, body %q, want %v", path, w.codes, w.body.String(), want)
		}
	}
}
