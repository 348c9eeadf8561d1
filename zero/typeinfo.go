package zero

import (
	"reflect"
	"unsafe"
)

// abiType mirrors the runtime's type descriptor, internal/abi.Type, up to
// its end; abiPtrType mirrors internal/abi.PtrType, the descriptor of a
// pointer type, which adds the pointee's descriptor. Only size, ptrBytes
// and elem are read. ptrBytes is the length of the prefix of a value that
// can hold pointers: 0 is the runtime's own "holds no pointers" (the one
// that makes the allocator use a noscan span).
type abiType struct {
	size       uintptr
	ptrBytes   uintptr
	hash       uint32
	tflag      uint8
	align      uint8
	fieldAlign uint8
	kind       uint8
	equal      func(unsafe.Pointer, unsafe.Pointer) bool
	gcData     *byte
	str        int32
	ptrToThis  int32
}

type abiPtrType struct {
	abiType
	elem *abiType
}

// descriptorOK says the mirrors above match this runtime, as checked by
// checkDescriptors at init. When false, no type is taken to be pointer-free,
// so every value takes the pointer-safe path: slower, never unsafe.
var descriptorOK = checkDescriptors()

// pointee returns the descriptor of T, given an interface holding a *T.
// An interface's first word is its dynamic type's descriptor.
func pointee(x any) *abiType {
	return (*abiPtrType)((*[2]unsafe.Pointer)(unsafe.Pointer(&x))[0]).elem
}

// noPointers reports whether a T holds no Go pointers, given an interface
// holding a *T, so that stores over a T without the write barrier are
// harmless.
func noPointers(x any) bool {
	return descriptorOK && pointee(x).ptrBytes == 0
}

// rtype returns the descriptor behind a reflect.Type made by package
// reflect: an interface holding a *reflect.rtype, whose only field is the
// runtime's abi.Type.
func rtype(t reflect.Type) *abiType {
	return (*abiType)((*[2]unsafe.Pointer)(unsafe.Pointer(&t))[1])
}

// hasPointersReflect is the reference for noPointers: it walks t with
// package reflect.
func hasPointersReflect(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan,
		reflect.Func, reflect.Interface, reflect.Slice, reflect.String:
		return true
	case reflect.Array:
		return t.Len() > 0 && hasPointersReflect(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if hasPointersReflect(t.Field(i).Type) {
				return true
			}
		}
	}
	return false
}

// descriptorMatches checks the mirrors against package reflect for T: the
// pointee of *T's descriptor is T's descriptor, its size is T's size, and
// ptrBytes is zero exactly when a walk of T finds no pointers.
func descriptorMatches[T any]() bool {
	t := reflect.TypeFor[T]()
	d := pointee((*T)(nil))
	return d == rtype(t) && d.size == t.Size() && d.ptrBytes <= d.size &&
		(d.ptrBytes != 0) == hasPointersReflect(t) &&
		uintptr(d.align) == uintptr(t.Align()) &&
		unsafe.Sizeof(abiType{}) == 4*ptrSize+16 // the layout the runtime has had since Go 1.14
}

// checkDescriptors runs descriptorMatches over types whose size and pointer
// layout differ in every way that matters. Any mismatch means the runtime's
// layout changed.
func checkDescriptors() bool {
	return descriptorMatches[int8]() &&
		descriptorMatches[uint64]() &&
		descriptorMatches[[3]uint16]() &&
		descriptorMatches[*int]() &&
		descriptorMatches[string]() &&
		descriptorMatches[[]byte]() &&
		descriptorMatches[any]() &&
		descriptorMatches[map[int]int]() &&
		descriptorMatches[[0]*int]() &&
		descriptorMatches[struct{}]() &&
		descriptorMatches[struct {
			a [40]int64
			b bool
		}]() &&
		descriptorMatches[struct {
			a [40]int64
			p *byte
			b [7]byte
		}]()
}

const ptrSize = unsafe.Sizeof(uintptr(0))
