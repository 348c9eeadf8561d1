package zero

import (
	"runtime"
	"slices"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/race"
)

// Value makes one call (zeroAt: the assembly kernel or the runtime's
// memclr) for types of valueCallMin up to valueCallMax bytes, the window
// where the call beats the compiler's inline 16-byte stores for types with
// and without pointers alike, and is `*p = T{}` at every other size
// (docs/measurements.md has the table).
const (
	valueCallShift = 10
	valueCallMin   = 1 << valueCallShift // 1024
	valueCallMax   = 2 << valueCallShift // 2048, excluded
)

// valueWindow is 1 when Value makes the call for sizes in [valueCallMin,
// valueCallMax), and an impossible quotient otherwise. The gain comes from
// the runtime's AVX2 memclr loop, so the window is open only on amd64 with
// AVX2 as the runtime sees it (GODEBUG=cpu.avx2=off closes it): elsewhere
// memclr's 16-byte stores are no faster than the inline ones.
var valueWindow = func() uintptr {
	if runtime.GOARCH == "amd64" && slices.Contains(asm.Features(), "avx2") {
		return 1
	}
	return ^uintptr(0)
}()

// sliceCallMin is the byte length from which Slice calls zeroAt; shorter
// slices are clear(s), which is what zeroAt would do for them anyway.
const sliceCallMin = 2048

// Value sets *p to T's zero value. It is safe for every T: pointer-free
// types may take the assembly path; types holding pointers are cleared in a
// way the garbage collector's write barrier sees (never raw stores). A nil p
// is a no-op.
//
// Value inlines. For T of 1 KiB up to 2 KiB, on amd64 with AVX2, it is one
// call, which zeroes a pointer-free T as Bytes would (assembly kernel or
// runtime memclr, whichever is faster for the size) and a T that holds
// pointers with the runtime's memclrHasPointers, as clear() of a []T does:
// the bulk write barrier first, then the clear. That beats `*p = T{}`,
// whose inline 16-byte store loop is slow at those sizes. For every other
// size Value is `*p = T{}` itself, which nothing beats there.
func Value[T any](p *T) {
	if unsafe.Sizeof(*p)>>valueCallShift == valueWindow { // valueCallMin <= size < valueCallMax
		zeroAt(p, unsafe.Sizeof(*p))
	} else if p != nil {
		var z T
		*p = z
	}
}

// Slice zeroes every element of s, with the same safety rule as Value: if T
// holds no pointers, the bytes of s are zeroed as by Bytes; otherwise with
// the runtime's memclrHasPointers, exactly as by clear(s). A nil or empty s
// is a no-op.
func Slice[T any](s []T) {
	if uintptr(len(s))*unsafe.Sizeof(*unsafe.SliceData(s)) >= sliceCallMin {
		zeroAt(unsafe.SliceData(s), uintptr(len(s))*unsafe.Sizeof(*unsafe.SliceData(s)))
	} else {
		clear(s)
	}
}

// zeroAt zeroes the n bytes at p, where x holds p, a *T, and n is the size
// of one or more Ts. Taking the *T as an interface hands over T's runtime
// type descriptor for free (the interface's type word), so that Value and
// Slice are one call each and stay small enough to inline.
//
// It is not inlined, on purpose: at Value's call sites n is a constant, and
// a constant-length clear would be expanded by the compiler into the
// 16-byte store loop Value exists to beat.
//
//go:noinline
func zeroAt(x any, n uintptr) {
	p := (*[2]unsafe.Pointer)(unsafe.Pointer(&x))[1]
	switch {
	case p == nil || n == 0:
	case noPointers(x):
		if kernelTakes(int(n)) {
			race.WriteRange(p, int(n))
			bytes((*byte)(p), int(n))
			return
		}
		clear(unsafe.Slice((*byte)(p), n))
	case (uintptr(p)|n)%ptrSize == 0:
		// T may hold pointers. Clearing the memory as words of
		// unsafe.Pointer makes the compiler call runtime.memclrHasPointers,
		// exactly what clear() of a []T does for a pointer-holding T: it
		// runs the bulk write barrier over the range (the runtime finds the
		// pointer slots from the heap or data bitmap, not from the slice's
		// type) and then clears it, never tearing a pointer word.
		clear(unsafe.Slice((*unsafe.Pointer)(p), n/ptrSize))
	default:
		// A type holding pointers is pointer-aligned in size and address,
		// so an unaligned T holds none. Only reachable when noPointers
		// cannot read descriptors (descriptorOK is false).
		clear(unsafe.Slice((*byte)(p), n))
	}
}
