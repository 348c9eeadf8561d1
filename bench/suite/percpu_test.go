package suite

import (
	"testing"
	"unsafe"
)

// The percpu rows are about a 1.3 KB request context; keep it that size.
func TestPercpuCtxSize(t *testing.T) {
	if n := unsafe.Sizeof(reqCtx{}); n < 1250 || n > 1400 {
		t.Fatalf("reqCtx is %d bytes, want about 1.3 KB", n)
	}
}
