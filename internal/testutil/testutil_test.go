package testutil

import (
	"runtime/debug"
	"testing"
	"unsafe"
)

func TestGuardBounds(t *testing.T) {
	g := NewGuard(t, 100)
	for _, n := range []int{0, 1, 7, 100, g.Len()} {
		e, s := g.End(n), g.Start(n)
		if len(e) != n || cap(e) != n || len(s) != n || cap(s) != n {
			t.Fatalf("n=%d: End len/cap %d/%d, Start %d/%d", n, len(e), cap(e), len(s), cap(s))
		}
		for i := range e { // every byte is readable and writable
			e[i]++
			s[i]++
		}
	}
}

// TestGuardFaults proves the guard pages are really there: reading one byte
// past End, or one before Start, must fault (made a panic here by
// SetPanicOnFault so the test can see it).
func TestGuardFaults(t *testing.T) {
	g := NewGuard(t, 64)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	faults := func(p unsafe.Pointer) (faulted bool) {
		defer func() { faulted = recover() != nil }()
		sink = *(*byte)(p)
		return false
	}
	end, start := g.End(8), g.Start(8)
	if !faults(unsafe.Add(unsafe.Pointer(&end[7]), 1)) {
		t.Fatal("reading one byte past End did not fault")
	}
	if !faults(unsafe.Add(unsafe.Pointer(&start[0]), -1)) {
		t.Fatal("reading one byte before Start did not fault")
	}
	if faults(unsafe.Pointer(&end[7])) {
		t.Fatal("reading the last byte of End faulted")
	}
}

var sink byte
