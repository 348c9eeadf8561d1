package routesets

import (
	"strings"
	"testing"
)

func TestEmbedded(t *testing.T) {
	for _, name := range Names {
		rs, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != Sizes[name] {
			t.Errorf("%s: %d routes, want %d", name, len(rs), Sizes[name])
		}
		seen := map[Route]bool{}
		for _, r := range rs {
			if seen[r] {
				t.Errorf("%s: duplicate route %v", name, r)
			}
			seen[r] = true
		}
	}
	if _, err := Load("nope"); err == nil {
		t.Error("Load(nope) succeeded")
	}
}

func TestParse(t *testing.T) {
	rs, err := Parse("x", strings.NewReader("# c\n\nGET /a\n  POST  /b/:id \n"))
	if err != nil || len(rs) != 2 || rs[1] != (Route{"POST", "/b/:id"}) {
		t.Fatalf("Parse = %v, %v", rs, err)
	}
	for _, bad := range []string{"", "GET", "GET a", " /a"} {
		if _, err := Parse("x", strings.NewReader(bad)); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}
