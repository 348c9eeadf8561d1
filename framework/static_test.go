package framework

import (
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"strings"
	"testing"
)

// staticPaths returns paths that stress the static table: every length up
// to 40, "twins" that share length, first and last 8 bytes (and the words
// at byte 8) and differ only in the middle, and short ones.
func staticPaths(rng *rand.Rand) []string {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for n := 1; n <= 40; n++ {
		b := []byte("/" + strings.Repeat("x", n-1))
		for k := 1; k < n; k++ {
			b[k] = "abcdefgh"[rng.IntN(8)]
		}
		add(string(b))
	}
	for i := 0; i < 40; i++ { // twins: /twins-and-more/XX/same-tail
		add(fmt.Sprintf("/twins-and-more/%02d/same-tail", i))
		add(fmt.Sprintf("/twins-%02d-tail", i)) // 15 bytes: twins in w0/w1 only
		add(fmt.Sprintf("/abcdefghij-%02d-klmnopqrstuvwxyz", i))
	}
	for _, p := range []string{"/", "/a", "/ab", "/abc", "/abcd", "/abcdefg"} {
		add(p)
	}
	return out
}

// TestStaticTable checks get against a map for the stored paths and for
// near misses of each, and the App's written-out probe through routes.
func TestStaticTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	paths := staticPaths(rng)
	var s staticTable
	rts := map[string]*route{}
	app := New()
	for i, p := range paths {
		rt := &route{pattern: p}
		if s.get(p) != nil {
			t.Fatalf("%q found before it was added", p)
		}
		s = s.with(rt)
		rts[p] = rt
		app.GET(p, echoRoute)
		// every path added so far is still there
		if i%17 == 0 {
			for q, want := range rts {
				if got := s.get(q); got != want {
					t.Fatalf("after adding %d paths: get(%q) = %v, want %v", i+1, q, got, want)
				}
			}
		}
	}
	app.GET("/wild/:x", echoRoute)
	for _, p := range paths {
		if got := s.get(p); got != rts[p] {
			t.Fatalf("get(%q) = %v", p, got)
		}
		if w := serve(app, "GET", p); w.Code != 200 || w.Body.String() != "GET "+p {
			t.Fatalf("GET %q: %d %q", p, w.Code, w.Body.String())
		}
		for _, miss := range []string{p + "x", p[:len(p)-1] + "!", "!" + p[1:], strings.ToUpper(p)} {
			if _, ok := rts[miss]; ok {
				continue
			}
			if got := s.get(miss); got != nil {
				t.Fatalf("get(%q) = %v, want nil", miss, got.pattern)
			}
			if len(miss) > 0 && miss[0] == '/' {
				if w := serve(app, "GET", miss); w.Code == 200 && w.Body.String() != "GET /wild/:x x=\""+miss[6:]+"\"" {
					t.Fatalf("GET %q: %d %q", miss, w.Code, w.Body.String())
				}
			}
		}
	}
	if s.maxProbe > 8 {
		t.Errorf("longest probe %d", s.maxProbe+1)
	}
}

// TestStaticZeroWords routes paths whose words are those of an empty slot
// (zero bytes), which a front end other than net/http may hand over.
func TestStaticZeroWords(t *testing.T) {
	app := New()
	app.GET("/a/static/path/x", echoRoute)
	app.GET("/p/:x", echoRoute)
	for _, p := range []string{strings.Repeat("\x00", 8), strings.Repeat("\x00", 17), strings.Repeat("\x00", 24), strings.Repeat("\x00", 30)} {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.Path = p
		w := httptest.NewRecorder()
		app.ServeHTTP(w, r)
		if w.Code != 404 {
			t.Errorf("path %q: %d", p, w.Code)
		}
	}
}
