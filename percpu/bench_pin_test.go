//go:build !purego

package percpu

import "testing"

func BenchmarkPinUnpin(b *testing.B) {
	for b.Loop() {
		procPin()
		procUnpin()
	}
}
