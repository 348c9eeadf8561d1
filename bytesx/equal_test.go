package bytesx

import (
	"bytes"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// diffPositions are the byte positions a length-n test flips: every one for
// short inputs, and for long ones every position near either end (where
// tails and block boundaries are) plus a stride through the middle.
func diffPositions(n int) []int {
	var ps []int
	for p := 0; p < n; p++ {
		if n <= 160 || p < 80 || p >= n-80 || p%13 == 0 {
			ps = append(ps, p)
		}
	}
	return ps
}

func checkEqual(t *testing.T, a, b []byte) {
	t.Helper()
	want := bytes.Equal(a, b)
	if genericOnly() {
		if got := len(a) == len(b) && equalGeneric(unsafe.SliceData(a), unsafe.SliceData(b), len(a)); got != want {
			t.Fatalf("equalGeneric(len %d) = %v, want %v\na=%q\nb=%q", len(a), got, want, a, b)
		}
		return
	}
	if got := Equal(a, b); got != want {
		t.Fatalf("%v: Equal(len %d, len %d) = %v, want %v\na=%q\nb=%q", kernel, len(a), len(b), got, want, a, b)
	}
	if got := EqualString(str(a), str(b)); got != want {
		t.Fatalf("%v: EqualString(len %d, len %d) = %v, want %v", kernel, len(a), len(b), got, want)
	}
}

func TestEqualExhaustive(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		bufA := make([]byte, 64+4200+64)
		bufB := make([]byte, 64+4200+64)
		for i := range bufA {
			bufA[i] = byte(i*7 + 3)
		}
		for _, n := range testutil.Lengths(1024) {
			if n > 4200 {
				continue
			}
			for _, off := range testutil.Offsets() {
				offB := (off*5 + 3) % 64
				a := bufA[off : off+n]
				b := bufB[offB : offB+n]
				copy(b, a)
				checkEqual(t, a, b)
				if off != 0 && n > 1 {
					continue // differences are checked at offset 0 only, for time
				}
				for _, p := range diffPositions(n) {
					b[p] ^= 0x20
					checkEqual(t, a, b)
					b[p] ^= 0x20 ^ 0x80
					checkEqual(t, a, b)
					b[p] ^= 0x80
				}
			}
		}
	})
}

func TestEqualDifferentLengths(t *testing.T) {
	a := bytes.Repeat([]byte("x"), 100)
	for n := 0; n < 100; n++ {
		checkEqual(t, a[:n], a[:n+1])
	}
	checkEqual(t, nil, []byte{})
	checkEqual(t, nil, nil)
}

// TestEqualGuardPages compares inputs that end exactly at, or start exactly
// after, an unmapped page: a kernel that reads one byte too far faults.
func TestEqualGuardPages(t *testing.T) {
	ga, gb := testutil.NewGuard(t, 8192), testutil.NewGuard(t, 8192)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, n := range testutil.Lengths(300) {
			if n > ga.Len() {
				continue
			}
			for _, pair := range [][2][]byte{{ga.End(n), gb.End(n)}, {ga.Start(n), gb.Start(n)}, {ga.End(n), gb.Start(n)}} {
				a, b := pair[0], pair[1]
				for i := range a {
					a[i] = byte(i)
				}
				copy(b, a)
				checkEqual(t, a, b)
				if n > 0 {
					b[n-1]++
					checkEqual(t, a, b)
					b[n-1]--
					b[0]++
					checkEqual(t, a, b)
					b[0]--
				}
			}
		}
	})
}

func FuzzEqual(f *testing.F) {
	f.Add([]byte(""), []byte(""))
	f.Add([]byte("Content-Type"), []byte("Content-Type"))
	f.Add([]byte("Content-Type"), []byte("Content-Typf"))
	f.Add(bytes.Repeat([]byte("ab"), 40), bytes.Repeat([]byte("ab"), 40))
	f.Add(bytes.Repeat([]byte("ab"), 100), append(bytes.Repeat([]byte("ab"), 99), 'a', 'c'))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		// The fuzzer rarely makes equal inputs; compare a with a copy too.
		c := bytes.Clone(a)
		testutil.EachKernel(&kernel, func(asm.Family) {
			checkEqual(t, a, b)
			checkEqual(t, a, c)
		})
	})
}
