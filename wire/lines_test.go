package wire

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// linesRef is the plain-line rule of linesGeneric's doc, written with
// strings and refParse's pieces, apart from the code it checks.
func linesRef(b []byte, max int) [][4]uint32 {
	var out [][4]uint32
	s := 0
	for len(out) < max && len(b)-s >= 32 {
		line := string(b[s:])
		colon := strings.IndexByte(line, ':')
		if colon < 1 || colon > 31 {
			break
		}
		name := line[:colon]
		ok := true
		for i := 0; i < len(name); i++ {
			ok = ok && isTchar(name[i])
		}
		e := -1
		for i := colon + 1; i < len(line); i++ {
			c := line[i]
			if c < 0x20 || c == 0x7f { // HTAB included: a plain line has none
				e = i
				break
			}
		}
		if !ok || e < 0 || line[e] != '\r' || e+1 >= len(line) || line[e+1] != '\n' {
			break
		}
		value := line[colon+1 : e]
		value = strings.TrimPrefix(value, " ")
		if value != strings.Trim(value, " ") {
			break
		}
		v := e - len(value)
		out = append(out, [4]uint32{uint32(s), uint32(s + colon), uint32(s + v), uint32(s + e)})
		s += e + 2
	}
	return out
}

func linesK(b []byte, max int) [][4]uint32 {
	var out [linesMax][4]uint32
	var p *byte
	if len(b) > 0 {
		p = &b[0]
	}
	var k int
	if kernel == asm.Generic {
		k = linesGeneric(p, len(b), &out[0][0], max)
	} else {
		k = lines(p, len(b), &out[0][0], max)
	}
	if k < 0 || k > max {
		panic(fmt.Sprintf("lines returned %d for max %d", k, max))
	}
	return append([][4]uint32(nil), out[:k]...)
}

func checkLines(t *testing.T, b []byte, max int) {
	t.Helper()
	got, want := linesK(b, max), linesRef(b, max)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("lines(%q, %d) = %v, want %v", b, max, got, want)
	}
}

// plainLines builds a run of field lines, mostly plain, with every way of
// not being plain mixed in.
func plainLines(r *rand.Rand, n int) []byte {
	var b []byte
	for len(b) < n {
		name := strings.Repeat("Xy-z", 4)[:1+r.IntN(15)]
		if r.IntN(30) == 0 {
			name = strings.Repeat("n", 28+r.IntN(8)) // around the 31-byte limit
		}
		value := strings.Repeat("v/a;l=u e,", 6)[:r.IntN(60)]
		sep := ": "
		switch r.IntN(12) {
		case 0:
			sep = ":"
		case 1:
			sep = ":  "
		case 2:
			sep = ":\t"
		case 3:
			sep = " :"
		}
		end := "\r\n"
		switch r.IntN(25) {
		case 0:
			end = " \r\n"
		case 1:
			end = "\t\r\n"
		case 2:
			end = "\n"
		case 3:
			end = "\r\r\n"
		case 4:
			end = "\x00\r\n"
		case 5:
			value += "\x80\xff"
		}
		b = append(b, name+sep+value+end...)
		if r.IntN(40) == 0 {
			b = append(b, "\r\n"...) // the end of a head
		}
	}
	return b[:n]
}

func TestLinesLengthsOffsets(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		r := rand.New(rand.NewPCG(11, 12))
		big := make([]byte, 4200+64)
		for _, n := range testutil.Lengths(1024) {
			if n > 4096 {
				continue
			}
			for _, off := range testutil.Offsets() {
				if n > 1024 && off > 3 {
					break
				}
				b := big[off : off+n]
				copy(b, plainLines(r, n))
				checkLines(t, b, 1+r.IntN(linesMax))
				checkLines(t, b, linesMax)
			}
		}
	})
}

// TestLinesEveryByte puts every byte value at every position of a run of
// plain lines.
func TestLinesEveryByte(t *testing.T) {
	base := []byte("Host: example.com\r\nAccept: */*\r\nX-A-Longer-Name-Here: value with spaces\r\nX: y\r\n\r\n")
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		b := make([]byte, len(base))
		for pos := range b {
			for c := range 256 {
				copy(b, base)
				b[pos] = byte(c)
				checkLines(t, b, linesMax)
			}
		}
	})
}

func TestLinesGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 8192)
	r := rand.New(rand.NewPCG(13, 14))
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for n := 0; n <= 400; n++ {
			for _, b := range [][]byte{g.End(n), g.Start(n)} {
				for range 3 {
					copy(b, plainLines(r, n))
					checkLines(t, b, linesMax)
				}
			}
		}
	})
}

func FuzzLines(f *testing.F) {
	f.Add([]byte("Host: example.com\r\nAccept: */*\r\nUser-Agent: curl/8.11.0\r\n\r\n"), 16)
	f.Add([]byte("A:\r\nB:  x\r\nC: y \r\n"), 3)
	f.Fuzz(func(t *testing.T, b []byte, max int) {
		max = 1 + (max&0xff)%linesMax
		testutil.EachKernel(&kernel, func(asm.Family) { checkLines(t, b, max) })
	})
}
