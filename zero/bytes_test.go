package zero

import (
	stdbytes "bytes" // the package's kernel is named bytes
	"fmt"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/race"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// avx2KernelMin is the shortest length the amd64 kernel takes.
const avx2KernelMin = 256

// rawZero runs the current family's kernel directly, bypassing the length
// dispatch of Bytes, so that every length the kernel takes reaches it: the
// AVX2 one from avx2KernelMin. Other families (SSE2 and NEON: no kernel;
// Generic) and shorter lengths run the reference.
func rawZero(b []byte) {
	if kernel == asm.AVX2 && len(b) >= avx2KernelMin {
		bytes(unsafe.SliceData(b), len(b))
		return
	}
	bytesGeneric(unsafe.SliceData(b), len(b))
}

// zeroers are the functions every byte test runs, for each kernel.
var zeroers = []struct {
	name string
	f    func([]byte)
}{
	{"Bytes", Bytes},
	{"kernel", rawZero},
	{"Slice", Slice[byte]},
}

// canary returns n bytes of a non-zero pattern that differs from byte to
// byte, so that a stray zero store anywhere in it shows.
func canary(n int) []byte {
	c := make([]byte, n)
	for i := range c {
		c[i] = byte(i*7+3) | 1
	}
	return c
}

var zeros = make([]byte, 1<<17)

// lengths and offsets are testutil's, trimmed like -short under the race
// detector: every length to 256 and every alignment mod 16 stay, so every
// code path of every kernel still runs.
func lengths(max int) []int {
	var ls []int
	for _, n := range testutil.Lengths(max) {
		if !race.Enabled || n <= 256 || n%29 == 0 || n >= max {
			ls = append(ls, n)
		}
	}
	return ls
}

func offsets() []int {
	var os []int
	for _, o := range testutil.Offsets() {
		if !race.Enabled || o < 16 || o%7 == 0 {
			os = append(os, o)
		}
	}
	return os
}

func isZero(b []byte) bool {
	for len(b) > len(zeros) {
		if !stdbytes.Equal(b[:len(zeros)], zeros) {
			return false
		}
		b = b[len(zeros):]
	}
	return stdbytes.Equal(b, zeros[:len(b)])
}

// checkZeroRange fills buf with the canary, zeroes buf[off:off+n] with f and
// checks that exactly those bytes became zero: every byte before and after
// (at least 64 on each side) keeps its canary.
func checkZeroRange(t *testing.T, name string, f func([]byte), buf, pattern []byte, off, n int) {
	t.Helper()
	copy(buf, pattern)
	f(buf[off : off+n : off+n])
	if !isZero(buf[off : off+n]) {
		i := stdbytes.IndexFunc(buf[off:off+n], func(r rune) bool { return r != 0 })
		t.Fatalf("%s(len %d, offset %d): byte %d not zeroed", name, n, off, i)
	}
	if !stdbytes.Equal(buf[:off], pattern[:off]) {
		t.Fatalf("%s(len %d, offset %d): wrote before the slice", name, n, off)
	}
	if !stdbytes.Equal(buf[off+n:], pattern[off+n:]) {
		for i := off + n; i < len(buf); i++ {
			if buf[i] != pattern[i] {
				t.Fatalf("%s(len %d, offset %d): wrote %d bytes past the end", name, n, off, i-(off+n)+1)
			}
		}
	}
}

// TestBytesExhaustive zeroes every length 0..2048 (and a few large ones) at
// every offset 0..63 inside a larger canary-filled buffer, with every
// kernel, through Bytes, Slice and the raw kernel.
func TestBytesExhaustive(t *testing.T) {
	lengths := lengths(2048)
	maxLen := lengths[len(lengths)-1]
	pattern := canary(64 + maxLen + 128)
	buf := make([]byte, len(pattern))
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, z := range zeroers {
			for _, n := range lengths {
				for _, off := range offsets() {
					if n > 4096 && off%16 != 1 && off != 0 {
						continue // the large lengths at a few alignments only, for time
					}
					checkZeroRange(t, z.name, z.f, buf[:64+off+n+64], pattern, 64+off, n)
				}
			}
		}
	})
}

// TestBytesGuardPages zeroes slices that end exactly at, or start exactly
// after, an unmapped page: a kernel that touches one byte outside faults.
func TestBytesGuardPages(t *testing.T) {
	g := testutil.NewGuard(t, 3*4096)
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		for _, z := range zeroers {
			for _, n := range append(lengths(300), g.Len()) {
				if n > g.Len() {
					continue
				}
				for _, b := range [][]byte{g.End(n), g.Start(n)} {
					for i := range b {
						b[i] = 0xa5
					}
					z.f(b)
					if !isZero(b) {
						t.Fatalf("%s: %d bytes at a guard page not zeroed", z.name, n)
					}
				}
			}
		}
	})
}

func TestBytesNil(t *testing.T) {
	testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
		Bytes(nil)
		Bytes([]byte{})
		rawZero(nil)
		Slice[byte](nil)
	})
}

func FuzzBytes(f *testing.F) {
	f.Add([]byte("x"), uint16(0), uint16(1))
	f.Add(stdbytes.Repeat([]byte("ab"), 40), uint16(3), uint16(70))
	f.Add(stdbytes.Repeat([]byte("abc"), 700), uint16(1), uint16(2050))
	f.Add(stdbytes.Repeat([]byte{0xff}, 300), uint16(17), uint16(257))
	f.Fuzz(func(t *testing.T, data []byte, off, n uint16) {
		if len(data) == 0 {
			return
		}
		o := int(off) % len(data)
		m := int(n) % (len(data) - o + 1)
		buf := make([]byte, len(data))
		testutil.EachKernel(&kernel, func(k asm.Family) {
			for _, z := range zeroers {
				copy(buf, data)
				z.f(buf[o : o+m : o+m])
				if !isZero(buf[o:o+m]) || !stdbytes.Equal(buf[:o], data[:o]) || !stdbytes.Equal(buf[o+m:], data[o+m:]) {
					t.Fatalf("%s/%s: zeroing [%d:%d] of %d bytes went wrong", k, z.name, o, o+m, len(data))
				}
			}
		})
	})
}

// BenchmarkBytes compares Bytes with clear() at the sizes of the goal
// table, on an aligned and a misaligned buffer, with every kernel.
func BenchmarkBytes(b *testing.B) {
	buf := make([]byte, 4<<20+64)
	testutil.EachKernel(&kernel, func(k asm.Family) {
		for _, n := range []int{64, 256, 1344, 2048, 4096, 16384, 64 << 10, 4 << 20} {
			for _, off := range []int{0, 1} {
				s := buf[off : off+n]
				b.Run(fmt.Sprintf("%s/%d/off%d/Bytes", k, n, off), func(b *testing.B) {
					b.SetBytes(int64(n))
					for b.Loop() {
						Bytes(s)
					}
				})
				b.Run(fmt.Sprintf("%s/%d/off%d/clear", k, n, off), func(b *testing.B) {
					b.SetBytes(int64(n))
					for b.Loop() {
						clear(s)
					}
				})
			}
		}
	})
}
