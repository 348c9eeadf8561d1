package wire

import (
	"math/rand/v2"
	"testing"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// scanRef is the scan by its definition, a byte at a time, written apart
// from scanGeneric so that the reference itself is checked.
func scanRef(b []byte, set int) (tok, end int) {
	isStop := func(c byte) bool {
		if set == setTarget {
			return c <= 0x20 || c >= 0x7f
		}
		return c < 0x20 && c != '\t' || c == 0x7f
	}
	isTchar := func(c byte) bool {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			return true
		}
		for i := 0; i < len("!#$%&'*+-.^_`|~"); i++ {
			if c == "!#$%&'*+-.^_`|~"[i] {
				return true
			}
		}
		return false
	}
	tok, end = len(b), len(b)
	for i, c := range b {
		if !isTchar(c) && tok == len(b) {
			tok = i
		}
		if isStop(c) {
			end = i
			break
		}
	}
	return tok, end
}

// scanK runs the scan of the family the test walk selected: the reference
// for asm.Generic, the kernel entry otherwise.
func scanK(b []byte, set int) (tok, end int) {
	var p *byte
	if len(b) > 0 {
		p = &b[0]
	}
	if kernel == asm.Generic {
		return scanGeneric(p, len(b), set)
	}
	return scan(p, len(b), set)
}

func checkScan(t *testing.T, b []byte, set int) {
	t.Helper()
	tok, end := scanK(b, set)
	wt, we := scanRef(b, set)
	if tok != wt || end != we {
		t.Fatalf("scan(%q, set %d) = %d, %d; want %d, %d", b, set, tok, end, wt, we)
	}
}

// TestScanEveryByte puts every byte value at every position of short
// inputs, after tchars, in both sets.
func TestScanEveryByte(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		buf := make([]byte, 80)
		for n := 1; n <= 70; n++ {
			for pos := 0; pos < n; pos += 1 + pos/8 {
				for c := 0; c < 256; c++ {
					for i := range buf[:n] {
						buf[i] = 'a' + byte(i%26)
					}
					buf[pos] = byte(c)
					for set := range 2 {
						checkScan(t, buf[:n], set)
					}
				}
			}
		}
	})
}

// fill writes a line-like input: mostly tchars, then a colon or space and
// value bytes, with a stop byte planted now and then.
func fill(r *rand.Rand, b []byte) {
	const name = "abcXYZ019-_.!~"
	const value = "abc /;=,\t\"\x80\xff:@"
	const bad = "\x00\r\n\x1f\x7f \x80"
	nameLen := r.IntN(len(b) + 1)
	if r.IntN(2) == 0 {
		nameLen = r.IntN(min(len(b), 20) + 1)
	}
	for i := range b {
		if i < nameLen {
			b[i] = name[r.IntN(len(name))]
		} else {
			b[i] = value[r.IntN(len(value))]
		}
	}
	if len(b) > 0 && r.IntN(3) > 0 {
		b[r.IntN(len(b))] = bad[r.IntN(len(bad))]
	}
}

// TestScanLengthsOffsets walks every length 0..1024 (and a few large ones)
// at every start offset 0..63, against the byte-by-byte definition.
func TestScanLengthsOffsets(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		big := make([]byte, 65536+7+64)
		for _, n := range testutil.Lengths(1024) {
			for _, off := range testutil.Offsets() {
				if n > 1024 && off > 3 {
					break
				}
				b := big[off : off+n]
				fill(r, b)
				for set := range 2 {
					checkScan(t, b, set)
				}
				// And with nothing to stop at: the walk to the very end.
				if n > 0 {
					for i := range b {
						b[i] = 'x'
					}
					b[r.IntN(n)] = ':'
					for set := range 2 {
						checkScan(t, b, set)
					}
				}
			}
		}
	})
}

// TestScanGuardPages puts inputs against unmapped pages on both sides: the
// kernels' vector loads past a short input's end, or before a tail's start,
// must stay inside the page.
func TestScanGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 8192)
	r := rand.New(rand.NewPCG(5, 6))
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for n := 0; n <= 300; n++ {
			for _, b := range [][]byte{g.End(n), g.Start(n)} {
				for range 4 {
					fill(r, b)
					for set := range 2 {
						checkScan(t, b, set)
					}
				}
				for i := range b {
					b[i] = 'x'
				}
				for set := range 2 {
					checkScan(t, b, set)
				}
			}
		}
	})
}

func FuzzScan(f *testing.F) {
	f.Add([]byte("Host: example.com\r\n"), 0)
	f.Add([]byte("/index.html?q=1 HTTP/1.1\r\n"), 1)
	f.Add([]byte("X-Long-Header-Name-Over-Thirty-Two-Bytes: v\x00"), 0)
	f.Add([]byte(""), 1)
	f.Fuzz(func(t *testing.T, b []byte, set int) {
		set &= 1
		testutil.EachKernel(&kernel, func(asm.Family) { checkScan(t, b, set) })
	})
}
