package suite

import (
	"testing"
	"unsafe"
)

// TestZeroTypes pins the sizes the zero rows claim.
func TestZeroTypes(t *testing.T) {
	if s := unsafe.Sizeof(zeroFlat{}); s != 1344 {
		t.Errorf("zeroFlat is %d bytes, want 1344", s)
	}
	if s := unsafe.Sizeof(zeroCtx{}); s != 1344 {
		t.Errorf("zeroCtx is %d bytes, want 1344", s)
	}
}
