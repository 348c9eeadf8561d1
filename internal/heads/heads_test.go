package heads

import (
	"bytes"
	"testing"
)

func TestCorpus(t *testing.T) {
	hs := All()
	if len(hs) < 25 {
		t.Fatalf("%d heads", len(hs))
	}
	seen := map[string]bool{}
	for _, h := range hs {
		if seen[h.Name] {
			t.Errorf("head %q twice", h.Name)
		}
		seen[h.Name] = true
		b := h.Bytes
		if !bytes.HasSuffix(b, []byte("\r\n\r\n")) || bytes.Count(b, []byte("\r\n\r\n")) != 1 {
			t.Errorf("head %q does not end with exactly one empty line", h.Name)
		}
		if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
			t.Errorf("head %q has a bare LF", h.Name)
		}
	}
	// The bench heads and their sizes (the issue's ~40 B, ~500 B, 1 KB
	// token, 2 KB cookies).
	for name, size := range map[string][2]int{"small": {38, 42}, "browser": {450, 550}, "api-bearer": {1100, 1400}, "cookies-2k": {2100, 2600}} {
		if n := len(Get(name)); n < size[0] || n > size[1] {
			t.Errorf("head %q is %d bytes, want %d..%d", name, n, size[0], size[1])
		}
	}
	if Get("nope") != nil {
		t.Error("Get of an unknown name")
	}
}
