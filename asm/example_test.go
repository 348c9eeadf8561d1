package asm_test

import (
	"fmt"

	"github.com/hotpath-go/hotpath/asm"
)

// A report or a bug report should say which kernels ran.
func ExampleKernel() {
	k := asm.Kernel()
	fmt.Println(k == asm.AVX2 || k == asm.SSE2 || k == asm.NEON || k == asm.Generic)
	// Output: true
}

func ExampleKernels() {
	ks := asm.Kernels()
	fmt.Println(ks[len(ks)-1])
	// Output: generic
}
