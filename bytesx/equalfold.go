package bytesx

import (
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
)

// EqualFold reports whether a and b are equal under ASCII case folding:
// 'A'..'Z' equal 'a'..'z', and every other byte, including every byte >=
// 0x80, must match exactly. It is what HTTP means by a case-insensitive
// comparison of tokens; on ASCII input it gives the same answer as
// bytes.EqualFold. Unlike bytes.EqualFold it does not fold Unicode, so
// "\u212a" (Kelvin sign) does not equal "k".
func EqualFold(a, b []byte) bool {
	return len(a) == len(b) && equalFoldK(unsafe.SliceData(a), unsafe.SliceData(b), len(a))
}

// EqualFoldString is EqualFold for strings.
func EqualFoldString(a, b string) bool {
	return len(a) == len(b) && equalFoldK(unsafe.StringData(a), unsafe.StringData(b), len(a))
}

// lowerWord maps the ASCII capitals among x's eight bytes to lower case and
// leaves every other byte alone.
func lowerWord(x uint64) uint64 {
	h := x & low7
	upper := (ge(h, 'A') &^ ge(h, 'Z'+1)) &^ x & msb
	return x | upper>>2 // 0x80 >> 2 == 0x20, the case bit
}

// equalFold is EqualFold for p[:n] and q[:n] (pointers, so that both
// exported forms inline into their callers as a length check and one
// call). From foldAsmMin bytes, when an assembly family is selected, it
// calls the kernel; otherwise it is the pure-Go code (every GOARCH, purego
// builds, the generic kernel in tests): eight bytes at a time (SWAR),
// finishing with a load that overlaps what was already compared. The two
// live in one function so that a short input costs a single call.
func equalFold(p, q *byte, n int) bool {
	if haveAsm && n >= foldAsmMin && kernel != asm.Generic {
		return equalFoldAsm(p, q, n)
	}
	a, b := unsafe.Slice(p, n), unsafe.Slice(q, n)
	if n < 8 {
		if n < 4 {
			// Up to three bytes: a byte loop ends before the word
			// assembly would.
			for i := range a {
				if lowerTab[a[i]] != lowerTab[b[i]] {
					return false
				}
			}
			return true
		}
		x, y := loadShort(a), loadShort(b)
		return x == y || lowerWord(x) == lowerWord(y)
	}
	i := 0
	for ; n-i > 16; i += 16 {
		x0, y0 := load64(a, i), load64(b, i)
		x1, y1 := load64(a, i+8), load64(b, i+8)
		if (lowerWord(x0)^lowerWord(y0))|(lowerWord(x1)^lowerWord(y1)) != 0 {
			return false
		}
	}
	if n-i > 8 {
		if lowerWord(load64(a, i)) != lowerWord(load64(b, i)) {
			return false
		}
	}
	return lowerWord(load64(a, n-8)) == lowerWord(load64(b, n-8))
}

// lowerTab maps each byte to its ASCII lower case.
var lowerTab = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()
