package suite

import (
	"bytes"
	"fmt"
	"net/textproto"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/bytesx"
	"golang.org/x/net/http/httpguts"
)

// sinkBool and sinkString keep results alive so the compiler cannot drop
// the calls.
var (
	sinkBool   bool
	sinkString string
)

// checkLengths are the lengths of every bytesx row: each is a "never slower
// than the peer" row (goal 1.0) unless a goal map gives a lower ceiling.
// The short ones (issue 11: 1, 2, 3, 4 and 8 bytes, where header names and
// values live and where a call costs most) are goal rows of the quick
// report too.
var checkLengths = []int{1, 2, 3, 4, 8, 15, 16, 31, 33, 64, 100, 1024, 4096}

// shortGoal says n is one of issue 11's short-input goal rows.
func shortGoal(n int) bool { return n <= 8 }

func goalOr1(goals map[int]float64, n int) float64 {
	if g, ok := goals[n]; ok {
		return g
	}
	return 1.0
}

// repeatTo returns s repeated and cut to n bytes.
func repeatTo(s string, n int) string { return strings.Repeat(s, n/len(s)+1)[:n] }

// swapCase flips the case of the ASCII letters of s.
func swapCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			b[i] = c ^ 0x20
		}
	}
	return string(b)
}

func boolCase(name string, n int, goal float64, ours, peer Bench) Case {
	return Case{Group: "bytesx", Name: fmt.Sprintf("%s/%d", name, n), Ours: ours, Peers: []Bench{peer},
		Goal: goal, Quick: goal < 1 || n == 16 || shortGoal(n)}
}

// Each benchmark calls its function directly in the loop (no closure in
// between), so that a call costs what it costs in a caller's code and both
// sides of a ratio carry no harness overhead.

func init() {
	// Equal never slower than bytes.Equal (issue 11: from 8 bytes to 4 KiB,
	// and at the short lengths as every function).
	for _, n := range []int{1, 2, 3, 4, 8, 16, 32, 64, 256, 1024, 4096} {
		a := make([]byte, n)
		for i := range a {
			a[i] = byte('a' + i%26)
		}
		b := bytes.Clone(a)
		Register(Case{
			Group: "bytesx",
			Name:  fmt.Sprintf("Equal/%d", n),
			Ours: Bench{"bytesx.Equal", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = bytesx.Equal(a, b)
				}
			}},
			Peers: []Bench{{"bytes.Equal", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = bytes.Equal(a, b)
				}
			}}},
			Goal:  1.0,
			Quick: true,
		})
	}

	// Issue 3. EqualFoldString: a header-like text against its case swap,
	// so both sides fold every letter and the whole length is compared.
	foldGoals := map[int]float64{16: 0.5, 64: 0.25, 1024: 0.1}
	for _, n := range checkLengths {
		a := repeatTo("Content-Type: Text/HTML; Charset=UTF-8; ", n)
		b := swapCase(a)
		Register(boolCase("EqualFoldString", n, goalOr1(foldGoals, n),
			Bench{"bytesx.EqualFoldString", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = bytesx.EqualFoldString(a, b)
				}
			}},
			Bench{"strings.EqualFold", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = strings.EqualFold(a, b)
				}
			}}))
	}

	// ValidHeaderValueString: a valid value, so the whole length is read.
	valueGoals := map[int]float64{64: 0.25, 1024: 0.1}
	for _, n := range checkLengths {
		v := repeatTo("text/html,application/xhtml+xml;q=0.9,\t*/*;q=0.8 ", n)
		Register(boolCase("ValidHeaderValueString", n, goalOr1(valueGoals, n),
			Bench{"bytesx.ValidHeaderValueString", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = bytesx.ValidHeaderValueString(v)
				}
			}},
			Bench{"httpguts.ValidHeaderFieldValue", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = httpguts.ValidHeaderFieldValue(v)
				}
			}}))
	}

	// ValidHeaderNameString: a valid name.
	nameGoals := map[int]float64{16: 0.5}
	for _, n := range checkLengths {
		v := repeatTo("X-Forwarded-For-Custom-Header-", n)
		Register(boolCase("ValidHeaderNameString", n, goalOr1(nameGoals, n),
			Bench{"bytesx.ValidHeaderNameString", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = bytesx.ValidHeaderNameString(v)
				}
			}},
			Bench{"httpguts.ValidHeaderFieldName", func(tb *testing.B) {
				tb.SetBytes(int64(n))
				for tb.Loop() {
					sinkBool = httpguts.ValidHeaderFieldName(v)
				}
			}}))
	}

	// CanonicalHeaderKey: a lower-case common key (interned: no
	// allocation), an already canonical key, and a common key that
	// textproto does not intern.
	for _, k := range []string{"content-type", "Content-Type", "x-request-id"} {
		Register(Case{
			Group: "bytesx",
			Name:  "CanonicalHeaderKey/" + k,
			Ours: Bench{"bytesx.CanonicalHeaderKey", func(tb *testing.B) {
				tb.ReportAllocs()
				for tb.Loop() {
					sinkString = bytesx.CanonicalHeaderKey(k)
				}
			}},
			Peers: []Bench{{"textproto.CanonicalMIMEHeaderKey", func(tb *testing.B) {
				tb.ReportAllocs()
				for tb.Loop() {
					sinkString = textproto.CanonicalMIMEHeaderKey(k)
				}
			}}},
			Goal:       0.5,
			ZeroAllocs: true,
			Quick:      true,
		})
	}
}
