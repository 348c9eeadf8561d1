package percpu

import (
	"testing"

	"github.com/hotpath-go/hotpath/asm"
)

func BenchmarkPinUnpin(b *testing.B) {
	if asm.Purego {
		b.Skip("the hashed build does not pin")
	}
	for b.Loop() {
		procPin()
		procUnpin()
	}
}
