package testutil

import (
	"testing"

	"github.com/hotpath-go/hotpath/asm"
)

// ForEachKernel runs f as a subtest once per kernel family in asm.Kernels()
// (for example avx2, sse2, generic on an AVX2 machine), with *kernel — the
// package's dispatch variable, `var kernel = asm.Kernel()` — set to that
// family. When it returns, *kernel is asm.Kernel() again.
//
// A package's assembly serves every family but Generic; f tests the pure-Go
// reference directly when *kernel is asm.Generic.
//
// ForEachKernel changes package state, so tests that call it must not run
// in parallel with other tests of the same package.
func ForEachKernel(t *testing.T, kernel *asm.Family, f func(t *testing.T)) {
	t.Helper()
	defer func() { *kernel = asm.Kernel() }()
	for _, k := range asm.Kernels() {
		*kernel = k
		t.Run(k.String(), f)
	}
}

// EachKernel is ForEachKernel without subtests, for fuzz targets and
// benchmarks: it calls f(family) once per family with *kernel set to it,
// then restores the default.
func EachKernel(kernel *asm.Family, f func(family asm.Family)) {
	defer func() { *kernel = asm.Kernel() }()
	for _, k := range asm.Kernels() {
		*kernel = k
		f(k)
	}
}

// Lengths returns the input lengths an exhaustive kernel test walks: every
// length 0..max, then a few large ones. Under -short (the emulated modes) it
// keeps every length up to 256 and then a stride, so no code path is
// skipped, only repetitions of it.
func Lengths(max int) []int {
	var ls []int
	for n := 0; n <= max; n++ {
		if testing.Short() && n > 256 && n%29 != 0 && n != max {
			continue
		}
		ls = append(ls, n)
	}
	return append(ls, 4095, 4096, 4097, 65536+7)
}

// Offsets returns the start offsets an exhaustive test walks: 0..63, or a
// subset under -short that still covers every alignment mod 16.
func Offsets() []int {
	var os []int
	for o := 0; o < 64; o++ {
		if testing.Short() && o >= 16 && o%7 != 0 {
			continue
		}
		os = append(os, o)
	}
	return os
}
