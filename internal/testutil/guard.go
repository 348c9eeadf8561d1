package testutil

import "testing"

// Guard is a buffer of pages fenced by a PROT_NONE page on each side. A read
// or write one byte outside it faults, so a kernel handed a slice from End
// or Start proves it stays inside its input.
type Guard struct {
	mem  []byte // the whole mapping, guard pages included
	data []byte // the accessible pages between the guards
}

// NewGuard maps at least size accessible bytes between two guard pages. It
// skips the test where guard pages are not supported (a GOOS that is not
// unix, or an mmap that fails) and unmaps the buffer when the test ends.
func NewGuard(t testing.TB, size int) *Guard {
	t.Helper()
	g, err := newGuard(size)
	if err != nil {
		t.Skipf("guard pages unavailable: %v", err)
	}
	t.Cleanup(g.free)
	return g
}

// End returns n bytes that end exactly where the trailing guard page begins.
// Its capacity is n, so append cannot run into the guard either.
func (g *Guard) End(n int) []byte {
	d := g.data
	return d[len(d)-n : len(d) : len(d)]
}

// Start returns n bytes that begin exactly where the leading guard page ends.
func (g *Guard) Start(n int) []byte {
	return g.data[:n:n]
}

// Len is the number of accessible bytes.
func (g *Guard) Len() int { return len(g.data) }
