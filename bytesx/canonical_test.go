package bytesx

import (
	"net/textproto"
	"strings"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/internal/testutil"
)

func checkCanonical(t *testing.T, s string) {
	want := textproto.CanonicalMIMEHeaderKey(s)
	if got := CanonicalHeaderKey(s); got != want {
		t.Fatalf("CanonicalHeaderKey(%q) = %q, want %q", s, got, want)
	}
	if got := canonicalKeyGeneric(s); got != want {
		t.Fatalf("canonicalKeyGeneric(%q) = %q, want %q", s, got, want)
	}
}

// TestCanonicalAllBytes puts every byte value at every position of every
// length up to maxAllBytes (and a few longer) of a lower-case, a canonical
// and a mixed key.
func TestCanonicalAllBytes(t *testing.T) {
	lengths := []int{}
	for n := 1; n <= maxAllBytes; n++ {
		lengths = append(lengths, n)
	}
	lengths = append(lengths, 65, 71, 72, 100, 129)
	for _, base := range []string{"content-type-x-request-id-", "Content-Type-X-Request-Id-", "cONTENT-tYPE--a-B-0-~"} {
		for _, n := range lengths {
			b := []byte(strings.Repeat(base, 1+n/len(base))[:n])
			for p := 0; p < n; p++ {
				if n > maxAllBytes && p%7 != 0 {
					continue
				}
				o := b[p]
				for v := 0; v < 256; v++ {
					b[p] = byte(v)
					checkCanonical(t, string(b))
				}
				b[p] = o
			}
		}
	}
}

// TestCanonicalDashes walks every pattern of letters, dashes and digits
// of up to 10 bytes, where the carries between words matter.
func TestCanonicalDashes(t *testing.T) {
	alphabet := "aZ-0"
	b := make([]byte, 0, 12)
	var walk func()
	walk = func() {
		if len(b) > 0 {
			checkCanonical(t, string(b))
		}
		if len(b) == 10 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			b = append(b, alphabet[i])
			walk()
			b = b[:len(b)-1]
		}
	}
	walk()
	// Long keys: a dash before every word boundary and around it.
	for n := 1; n < 300; n++ {
		for _, d := range []int{7, 8, 9, 15, 16, 17, 63, 64, 65} {
			b := []byte(strings.Repeat("ab", n)[:n])
			for i := d; i < n; i += d {
				b[i] = '-'
			}
			checkCanonical(t, string(b))
		}
	}
}

func TestCanonicalCommon(t *testing.T) {
	for _, h := range commonHeaders {
		if textproto.CanonicalMIMEHeaderKey(h) != h {
			t.Fatalf("common header %q is not canonical", h)
		}
		for _, s := range []string{h, strings.ToLower(h), strings.ToUpper(h)} {
			checkCanonical(t, s)
			if got := CanonicalHeaderKey(s); unsafe.StringData(got) != unsafe.StringData(h) && s != h {
				t.Fatalf("CanonicalHeaderKey(%q) not interned", s)
			}
		}
	}
	checkCanonical(t, "")
	checkCanonical(t, "Content-Type ")
	checkCanonical(t, "content type")
	checkCanonical(t, "conTent-type:")
	checkCanonical(t, "-")
	checkCanonical(t, "--a--b")
	checkCanonical(t, "ünïcode")
}

// TestCanonicalAllocs checks the documented zero-allocation cases (counted
// by the runtime, not timed).
func TestCanonicalAllocs(t *testing.T) {
	for _, s := range []string{"Content-Type", "content-type", "x-request-id", "ACCEPT-ENCODING",
		"bad key", "X-Custom-Header", strings.Repeat("Ab-", 30), "a\x80"} {
		if n := testing.AllocsPerRun(100, func() { sinkString = CanonicalHeaderKey(s) }); n != 0 {
			t.Errorf("CanonicalHeaderKey(%q): %v allocs, want 0", s, n)
		}
	}
	// A key that is neither canonical nor common must allocate its result:
	// this keeps the test above honest.
	if n := testing.AllocsPerRun(100, func() { sinkString = CanonicalHeaderKey("x-custom-header") }); n != 1 {
		t.Errorf("CanonicalHeaderKey(x-custom-header): %v allocs, want 1", n)
	}
}

var sinkString string

// TestCanonicalGuardPages reads keys that end at, or start right after, an
// unmapped page.
func TestCanonicalGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 4096)
	for _, n := range testutil.Lengths(300) {
		if n > g.Len() {
			continue
		}
		for _, b := range [][]byte{g.End(n), g.Start(n)} {
			for i := range b {
				b[i] = "content-type-"[i%13]
			}
			s := str(b)
			want := textproto.CanonicalMIMEHeaderKey(strings.Clone(s))
			if got := CanonicalHeaderKey(s); got != want {
				t.Fatalf("CanonicalHeaderKey(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

func FuzzCanonicalHeaderKey(f *testing.F) {
	for _, s := range []string{"", "content-type", "Content-Type", "x-request-id", "a b", "--A--", "ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkCanonical(t, s)
	})
}

// TestCanonicalExhaustive walks every length 0..1024 (and a few large
// ones) at every start offset 0..63, for a lower-case key and for the same
// key with one byte made invalid.
func TestCanonicalExhaustive(t *testing.T) {
	buf := make([]byte, 64+66000)
	for _, n := range testutil.Lengths(1024) {
		for _, off := range testutil.Offsets() {
			if n > 4097 && off > 1 {
				continue
			}
			b := buf[off : off+n]
			for i := range b {
				b[i] = "x-request-id-"[(i+off)%13]
			}
			checkCanonical(t, string(b))
			if n > 0 && off < 2 {
				b[n/2] = ' '
				checkCanonical(t, string(b))
			}
		}
	}
}
