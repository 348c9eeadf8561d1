package zero

import (
	stdbytes "bytes"
	"fmt"
	"reflect"
	"testing"
	"unsafe"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/hotpath-go/hotpath/internal/testutil"
)

// Types of every size class Value and Slice distinguish (inline, the call
// window 1024..2047, above it), with and without pointers, with odd sizes
// and alignments.
type (
	flat1    struct{ a byte }
	flat7    [7]byte
	flat24   struct{ a, b, c uint64 }
	flat257  [257]byte
	flat1023 [1023]byte
	flat1024 [128]uint64
	flat1344 struct {
		id      uint64
		status  int
		offsets [32]uint32
		buf     [1200]byte
	}
	flat1345 [1345]byte
	flat2047 [2047]byte
	flat2048 [256]uint64
	flat4099 [4099]byte

	ptr8  struct{ p *int }
	ptr40 struct {
		s string
		b []byte
		p *int
	}
	ptr1024 struct {
		p   [4]*int
		buf [992]byte
	}
	ptr1344 struct {
		id       uint64
		method   string
		path     string
		handlers []func()
		keys     map[string]any
		params   [8]struct{ k, v string }
		buf      [1016]byte
	}
	ptr2040 struct {
		buf [2000]byte
		e   any
		p   [3]*int
	}
	ptr4096 struct {
		buf [4000]byte
		p   [12]*int
	}
	ptrTail struct {
		buf [1200]byte
		f   func()
	}
)

// fill sets every byte of *p to a non-zero pattern. For types with
// pointers it writes through their fields (never raw bytes over a pointer
// slot), so the value stays valid for the garbage collector.
func fill[T any](p *T) {
	v := reflect.ValueOf(p).Elem()
	fillValue(v)
}

var fillTarget = new(int)

func fillValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(0xa5a5a5a5a5a5a5a5 >> (64 - 8*v.Type().Size()))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(-0x5a5a5a5a5a5a5a5b >> (64 - 8*v.Type().Size()))
	case reflect.Array:
		for i := range v.Len() {
			fillValue(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			fillValue(reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem())
		}
	case reflect.String:
		v.SetString("filled")
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 3, 3))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
	case reflect.Pointer:
		v.Set(reflect.ValueOf(fillTarget))
	case reflect.Func:
		v.Set(reflect.MakeFunc(v.Type(), func([]reflect.Value) []reflect.Value { return nil }))
	case reflect.Interface:
		v.Set(reflect.ValueOf(fillTarget))
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// boxed puts a T between two canary blocks, to prove Value and Slice write
// nothing outside the value.
type boxed[T any] struct {
	before [64]byte
	v      T
	after  [64]byte
}

func checkBox[T any](t *testing.T, what string, b *boxed[T]) {
	t.Helper()
	if !stdbytes.Equal(b.before[:], canary(64)) || !stdbytes.Equal(b.after[:], canary(64)) {
		t.Fatalf("%s: wrote outside the value", what)
	}
	if !isZero(unsafe.Slice((*byte)(unsafe.Pointer(&b.v)), unsafe.Sizeof(b.v))) {
		t.Fatalf("%s: value not zeroed", what)
	}
	var z T
	if !reflect.DeepEqual(b.v, z) {
		t.Fatalf("%s: value is not T's zero value", what)
	}
}

func testValue[T any](t *testing.T) {
	name := reflect.TypeFor[T]().String()
	b := new(boxed[T])
	copy(b.before[:], canary(64))
	copy(b.after[:], canary(64))
	fill(&b.v)
	Value(&b.v)
	checkBox(t, "Value["+name+"]", b)

	// A heap value of its own (types over 512 bytes with pointers start 8
	// bytes into their allocation).
	p := new(T)
	fill(p)
	Value(p)
	if !isZero(unsafe.Slice((*byte)(unsafe.Pointer(p)), unsafe.Sizeof(*p))) {
		t.Fatalf("Value(new(%s)) did not zero it", name)
	}
	Value[T](nil) // a no-op, never a crash

	for _, n := range []int{0, 1, 2, 3, 5} {
		arr := make([]T, n+2)
		for i := range arr {
			fill(&arr[i])
		}
		Slice(arr[1 : n+1])
		var z T
		for i := range arr {
			zeroed := reflect.DeepEqual(arr[i], z)
			if inside := i >= 1 && i <= n; zeroed != inside && unsafe.Sizeof(z) > 0 {
				t.Fatalf("Slice([]%s, len %d): element %d zeroed=%v", name, n, i, zeroed)
			}
		}
	}
	Slice[T](nil)
}

func TestValueAndSlice(t *testing.T) {
	defer func(w uintptr) { valueWindow = w }(valueWindow)
	// Both of Value's paths for every size, whatever this CPU would choose.
	for _, w := range []uintptr{1, ^uintptr(0)} {
		valueWindow = w
		t.Run(fmt.Sprintf("window=%v", w == 1), func(t *testing.T) {
			testutil.ForEachKernel(t, &kernel, func(t *testing.T) {
				testValue[flat1](t)
				testValue[flat7](t)
				testValue[flat24](t)
				testValue[flat257](t)
				testValue[flat1023](t)
				testValue[flat1024](t)
				testValue[flat1344](t)
				testValue[flat1345](t)
				testValue[flat2047](t)
				testValue[flat2048](t)
				testValue[flat4099](t)
				testValue[ptr8](t)
				testValue[ptr40](t)
				testValue[ptr1024](t)
				testValue[ptr1344](t)
				testValue[ptr2040](t)
				testValue[ptr4096](t)
				testValue[ptrTail](t)
				testValue[uint64](t)
				testValue[string](t)
				testValue[[3]string](t)
			})
		})
	}
}

// TestDescriptorFallback runs Value and Slice as they would run if the
// runtime's type descriptors ever stopped matching: every type then takes
// the pointer-safe path, and unaligned pointer-free ones the byte path.
func TestDescriptorFallback(t *testing.T) {
	if !descriptorOK {
		t.Fatal("descriptorOK is false on this runtime: the mirrors of internal/abi need updating")
	}
	descriptorOK = false
	defer func() { descriptorOK = true }()
	testValue[flat1345](t)
	testValue[flat1344](t)
	testValue[flat4099](t)
	testValue[ptr1344](t)
	testValue[ptr4096](t)
}

func checkNoPointers[T any](t *testing.T) {
	t.Helper()
	rt := reflect.TypeFor[T]()
	if !descriptorMatches[T]() {
		t.Errorf("descriptor of %v does not match package reflect", rt)
	}
	if got, want := noPointers((*T)(nil)), !hasPointersReflect(rt); got != want {
		t.Errorf("noPointers(%v) = %v, want %v", rt, got, want)
	}
}

// TestNoPointers checks the descriptor read against a walk with package
// reflect, over types that cover every kind.
func TestNoPointers(t *testing.T) {
	checkNoPointers[bool](t)
	checkNoPointers[int](t)
	checkNoPointers[float64](t)
	checkNoPointers[complex128](t)
	checkNoPointers[uintptr](t)
	checkNoPointers[unsafe.Pointer](t)
	checkNoPointers[*byte](t)
	checkNoPointers[string](t)
	checkNoPointers[[]int](t)
	checkNoPointers[map[string]int](t)
	checkNoPointers[chan int](t)
	checkNoPointers[func()](t)
	checkNoPointers[error](t)
	checkNoPointers[any](t)
	checkNoPointers[[0]string](t)
	checkNoPointers[[5]string](t)
	checkNoPointers[[1 << 20]byte](t)
	checkNoPointers[struct{}](t)
	checkNoPointers[struct {
		a int
		_ [0]*int
	}](t)
	checkNoPointers[struct {
		a [100]byte
		s string
	}](t)
	checkNoPointers[flat1344](t)
	checkNoPointers[ptr1344](t)
	checkNoPointers[ptrTail](t)
	checkNoPointers[boxed[flat7]](t)
	checkNoPointers[boxed[ptr8]](t)
	if !descriptorOK {
		t.Error("descriptorOK is false")
	}
}

func FuzzValue(f *testing.F) {
	f.Add([]byte("seed"), uint8(0))
	f.Add(stdbytes.Repeat([]byte{0xff}, 1400), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		testutil.EachKernel(&kernel, func(k asm.Family) {
			switch which % 3 {
			case 0:
				var v flat1344
				copy(unsafe.Slice((*byte)(unsafe.Pointer(&v)), unsafe.Sizeof(v)), data)
				Value(&v)
				if v != (flat1344{}) {
					t.Fatalf("%s: Value(flat1344) left data", k)
				}
			case 1:
				var v flat257
				copy(v[:], data)
				Value(&v)
				if v != (flat257{}) {
					t.Fatalf("%s: Value(flat257) left data", k)
				}
			default:
				v := ptr1344{method: string(data), buf: [1016]byte{1}}
				copy(v.buf[:], data)
				v.handlers = make([]func(), len(data)%4)
				Value(&v)
				if !reflect.DeepEqual(v, ptr1344{}) {
					t.Fatalf("%s: Value(ptr1344) left data", k)
				}
			}
		})
	})
}

func FuzzSlice(f *testing.F) {
	f.Add([]byte("seed"), uint16(1), uint16(2))
	f.Add(stdbytes.Repeat([]byte{0xff}, 3000), uint16(3), uint16(400))
	f.Fuzz(func(t *testing.T, data []byte, off, n uint16) {
		words := make([]uint64, len(data)/8+1)
		for i := range words {
			words[i] = uint64(i)*0x9e3779b97f4a7c15 | 1
		}
		strs := make([]string, len(data)%300+1)
		for i := range strs {
			strs[i] = string(data[:i%(len(data)+1)]) + "x"
		}
		testutil.EachKernel(&kernel, func(k asm.Family) {
			w := append([]uint64(nil), words...)
			o := int(off) % len(w)
			m := int(n) % (len(w) - o + 1)
			Slice(w[o : o+m])
			for i := range w {
				if (w[i] == 0) != (i >= o && i < o+m) {
					t.Fatalf("%s: Slice([]uint64)[%d:%d] of %d: element %d wrong", k, o, o+m, len(w), i)
				}
			}
			s := append([]string(nil), strs...)
			o = int(off) % len(s)
			m = int(n) % (len(s) - o + 1)
			Slice(s[o : o+m])
			for i := range s {
				if (s[i] == "") != (i >= o && i < o+m) {
					t.Fatalf("%s: Slice([]string)[%d:%d] of %d: element %d wrong", k, o, o+m, len(s), i)
				}
			}
		})
	})
}

var (
	benchFlat = new(flat1344)
	benchPtr  = new(ptr1344)
	benchList = make([]*int, 1024)
	benchWord = make([]uint64, 1024)
)

// BenchmarkValue compares Value with `*p = T{}`, and Slice with clear, on
// the 1.3 KB request-context shapes of the goal table.
func BenchmarkValue(b *testing.B) {
	b.Run("flat1344/Value", func(b *testing.B) {
		for b.Loop() {
			Value(benchFlat)
		}
	})
	b.Run("flat1344/assign", func(b *testing.B) {
		for b.Loop() {
			*benchFlat = flat1344{}
		}
	})
	b.Run("ptr1344/Value", func(b *testing.B) {
		for b.Loop() {
			Value(benchPtr)
		}
	})
	b.Run("ptr1344/assign", func(b *testing.B) {
		for b.Loop() {
			*benchPtr = ptr1344{}
		}
	})
	b.Run("slice8KB/pointers/Slice", func(b *testing.B) {
		for b.Loop() {
			Slice(benchList)
		}
	})
	b.Run("slice8KB/pointers/clear", func(b *testing.B) {
		for b.Loop() {
			clear(benchList)
		}
	})
	b.Run("slice8KB/flat/Slice", func(b *testing.B) {
		for b.Loop() {
			Slice(benchWord)
		}
	})
	b.Run("slice8KB/flat/clear", func(b *testing.B) {
		for b.Loop() {
			clear(benchWord)
		}
	})
}
