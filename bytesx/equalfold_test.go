package bytesx

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// The check functions do not call t.Helper: it costs more than the checks
// in the exhaustive loops, and the messages say what failed.
func checkEqualFold(t *testing.T, a, b []byte) {
	checkEqualFoldWant(t, a, b, refEqualFold(a, b))
}

func checkEqualFoldWant(t *testing.T, a, b []byte, want bool) {
	if genericOnly() {
		if got := len(a) == len(b) && equalFoldGeneric(unsafe.SliceData(a), unsafe.SliceData(b), len(a)); got != want {
			t.Fatalf("equalFoldGeneric(%q, %q) = %v, want %v", a, b, got, want)
		}
		return
	}
	if got := EqualFold(a, b); got != want {
		t.Fatalf("%v: EqualFold(len %d, len %d) = %v, want %v\na=%q\nb=%q", kernel, len(a), len(b), got, want, a, b)
	}
	if got := EqualFoldString(str(a), str(b)); got != want {
		t.Fatalf("%v: EqualFoldString(%q, %q) = %v, want %v", kernel, a, b, got, want)
	}
}

// TestEqualFoldStdlib holds the reference to bytes.EqualFold on ASCII.
func TestEqualFoldStdlib(t *testing.T) {
	for a := 0; a < 128; a++ {
		for b := 0; b < 128; b++ {
			x, y := []byte{byte(a)}, []byte{byte(b)}
			if got, want := refEqualFold(x, y), bytes.EqualFold(x, y); got != want {
				t.Fatalf("refEqualFold(%q, %q) = %v, bytes.EqualFold %v", x, y, got, want)
			}
		}
	}
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, s := range []string{"", "a", "Content-Type", "content-type", "CONTENT-TYPE", "X-Request-Id",
			"@[`{", "`{@[", "Accept-Encoding: gzip, deflate, br"} {
			for _, u := range []string{s, string(bytes.ToUpper([]byte(s))), string(bytes.ToLower([]byte(s))), s + "x"} {
				checkEqualFoldWant(t, []byte(s), []byte(u), bytes.EqualFold([]byte(s), []byte(u)))
			}
		}
	})
}

// TestEqualFoldAllBytes puts every byte value at every position of every
// length up to maxAllBytes, against itself, its other case and near misses.
func TestEqualFoldAllBytes(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		a := make([]byte, maxAllBytes)
		b := make([]byte, maxAllBytes)
		for n := 1; n <= maxAllBytes; n++ {
			fill(a[:n], "aZ-q0Mx", n)
			copy(b, a)
			swapCase(b[:n])
			for p := 0; p < n; p++ {
				oa, ob := a[p], b[p]
				for v := 0; v < 256; v++ {
					a[p] = byte(v)
					for _, w := range [...]byte{byte(v), byte(v) ^ 0x20, byte(v) ^ 0x80, byte(v) + 1} {
						b[p] = w
						checkEqualFold(t, a[:n], b[:n])
					}
				}
				a[p], b[p] = oa, ob
			}
		}
	})
}

// TestEqualFoldAllPairs compares every pair of byte values at a few
// positions that land in different parts of the kernels.
func TestEqualFoldAllPairs(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, np := range [][2]int{{1, 0}, {5, 4}, {16, 7}, {40, 39}, {100, 70}} {
			n, p := np[0], np[1]
			a, b := make([]byte, n), make([]byte, n)
			fill(a, "Content-Type", 0)
			copy(b, a)
			for x := 0; x < 256; x++ {
				for y := 0; y < 256; y++ {
					a[p], b[p] = byte(x), byte(y)
					checkEqualFoldWant(t, a, b, refLower(byte(x)) == refLower(byte(y)))
				}
			}
		}
	})
}

func TestEqualFoldExhaustive(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		bufA := make([]byte, 64+66000+64)
		bufB := make([]byte, 64+66000+64)
		for _, n := range testutil.Lengths(1024) {
			for _, off := range testutil.Offsets() {
				offB := (off*5 + 3) % 64
				a := bufA[off : off+n]
				b := bufB[offB : offB+n]
				fill(a, "Content-Type; charset=UTF-8 \x80\xff", n)
				copy(b, a)
				swapCase(b)
				checkEqualFold(t, a, b)
				if off != 0 && n > 1 || n > 4097 {
					continue // differences at offset 0 only, for time
				}
				// Bytes equal under folding differ at most in bit 0x20, so
				// flipping any other bit of one byte makes a mismatch.
				for _, p := range diffPositions(n) {
					b[p] ^= 0x01
					checkEqualFoldWant(t, a, b, false)
					b[p] ^= 0x01 ^ 0x40
					checkEqualFoldWant(t, a, b, false)
					b[p] ^= 0x40
				}
			}
		}
	})
}

func TestEqualFoldGuardPages(t *testing.T) {
	ga, gb := testutil.NewGuard(t, 8192), testutil.NewGuard(t, 8192)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, n := range testutil.Lengths(300) {
			if n > ga.Len() {
				continue
			}
			for _, pair := range [][2][]byte{{ga.End(n), gb.End(n)}, {ga.Start(n), gb.Start(n)}, {ga.End(n), gb.Start(n)}} {
				a, b := pair[0], pair[1]
				fill(a, "x-Request-ID", n)
				copy(b, a)
				swapCase(b)
				checkEqualFold(t, a, b)
				if n > 0 {
					b[n-1] ^= 1
					checkEqualFold(t, a, b)
					b[n-1] ^= 1
					b[0] ^= 1
					checkEqualFold(t, a, b)
					b[0] ^= 1
				}
			}
		}
	})
}

func FuzzEqualFold(f *testing.F) {
	f.Add([]byte(""), []byte(""))
	f.Add([]byte("Content-Type"), []byte("content-type"))
	f.Add([]byte("@[`{"), []byte("`{@["))
	f.Add(bytes.Repeat([]byte("Ab"), 40), bytes.Repeat([]byte("aB"), 40))
	f.Add([]byte("\xc0\xe0"), []byte("\xe0\xc0"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		want := refEqualFold(a, b)
		// The fuzzer rarely makes fold-equal pairs: also try a against
		// its case swap.
		c := bytes.Clone(a)
		swapCase(c)
		testutil.EachKernel(&kernel, func(asm.Family) {
			checkEqualFoldWant(t, a, b, want)
			checkEqualFoldWant(t, a, c, true)
		})
	})
}
