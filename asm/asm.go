// Package asm says which assembly kernels hotpath's primitives run on this
// build and CPU. It is the one place that reads the CPU's features
// (golang.org/x/sys/cpu, once, at init) and the purego build tag.
//
// Kernels are chosen by family:
//
//   - "avx2": amd64 with AVX2, BMI1 and BMI2.
//   - "sse2": amd64 without AVX2, or with GODEBUG=cpu.avx2=off. SSE2 is part
//     of the amd64 baseline, so this family runs on every amd64 CPU.
//   - "neon": arm64 (Advanced SIMD is part of the arm64 baseline).
//   - "generic": the pure-Go code, on every other GOARCH and in every build
//     with -tags purego.
//
// GODEBUG=cpu.avx2=off (and the other cpu.X=off settings that
// golang.org/x/sys/cpu understands) turns a feature off for the whole
// process, so the SSE2 kernels can be tested on an AVX2 machine.
//
// Everything here is decided before main runs and never changes, so the
// functions are safe for concurrent use.
package asm

import (
	"slices"
)

// Family names, as returned by Kernel and Kernels.
const (
	AVX2    = "avx2"
	SSE2    = "sse2"
	NEON    = "neon"
	Generic = "generic"
)

// ID numbers a kernel family, so that a package can keep the family it
// dispatches on in an int-sized variable and choose a kernel with one
// integer compare (assembly may read that variable too: it is 8 bytes on
// 64-bit platforms). The values are fixed: GenericID 0, SSE2ID 1, AVX2ID 2,
// NEONID 3.
type ID int

// The family IDs, in the order IDOf maps the family names.
const (
	GenericID ID = iota
	SSE2ID
	AVX2ID
	NEONID
)

// IDOf returns the ID of a family name; unknown names are GenericID.
func IDOf(family string) ID {
	switch family {
	case AVX2:
		return AVX2ID
	case SSE2:
		return SSE2ID
	case NEON:
		return NEONID
	}
	return GenericID
}

// Purego reports whether this build was made with -tags purego, in which
// case every primitive runs its pure-Go code.
const Purego = purego

var (
	kernels  = detect()
	features = detectFeatures()
)

// Kernel returns the kernel family hotpath's primitives use on this build and
// CPU: "avx2", "sse2", "neon" or "generic".
func Kernel() string { return kernels[0] }

// Kernels returns every kernel family this build and CPU can run, best first;
// the last is always "generic". Kernel() is Kernels()[0]. Tests walk this
// list to check each kernel against the reference in one process. The
// returned slice is a copy.
func Kernels() []string { return slices.Clone(kernels) }

// Features returns the CPU features that matter to hotpath's kernels and are
// on in this process (after GODEBUG), sorted. It is meant for reports and
// bug reports. Under -tags purego it still reports the CPU's features, though
// no kernel uses them.
func Features() []string { return slices.Clone(features) }

// Has reports whether family is among Kernels().
func Has(family string) bool { return slices.Contains(kernels, family) }
