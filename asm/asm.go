// Package asm says which assembly kernels hotpath's primitives run on this
// build and CPU. It is the one place that reads the CPU's features
// (golang.org/x/sys/cpu, once, at init) and whether the build has assembly
// at all (the purego build tag).
//
// Kernels come in families, one per instruction set:
//
//   - AVX2: amd64 with AVX2, BMI1 and BMI2.
//   - SSE2: amd64 without AVX2, or with GODEBUG=cpu.avx2=off. SSE2 is part
//     of the amd64 baseline, so this family runs on every amd64 CPU.
//   - NEON: arm64 (Advanced SIMD is part of the arm64 baseline).
//   - Generic: the pure-Go code, on every other GOARCH and in every build
//     with -tags purego.
//
// GODEBUG=cpu.avx2=off (and the other cpu.X=off settings that
// golang.org/x/sys/cpu understands) turns a feature off for the whole
// process, so the SSE2 kernels can be tested on an AVX2 machine.
//
// How a package dispatches: it copies Kernel() into a package variable of
// type Family once, at init; its assembly compares that byte with the
// Family constants, which the generators in gen/ import from here, so no
// family number is written twice. Tests set the variable to walk every
// family in Kernels() in one process.
//
// Everything here is decided before main runs and never changes, so the
// functions are safe for concurrent use.
package asm

import (
	"runtime"
	"slices"
	"strconv"

	"golang.org/x/sys/cpu"
)

// Family is a kernel family. Its values are fixed (Generic 0, SSE2 1,
// AVX2 2, NEON 3): assembly compares a package's Family variable, one
// byte, with them.
type Family uint8

// The kernel families.
const (
	Generic Family = iota
	SSE2
	AVX2
	NEON
)

// String returns the family's name: "generic", "sse2", "avx2" or "neon".
func (f Family) String() string {
	switch f {
	case Generic:
		return "generic"
	case SSE2:
		return "sse2"
	case AVX2:
		return "avx2"
	case NEON:
		return "neon"
	}
	return "Family(" + strconv.Itoa(int(f)) + ")"
}

// Assembly reports whether this build has assembly kernels: true on amd64
// and arm64, false on every other GOARCH and under -tags purego.
const Assembly = haveAsm

// Purego reports whether this build was made with -tags purego on a GOARCH
// that has kernels (amd64, arm64), so that every primitive runs its pure-Go
// code. Elsewhere the tag changes nothing and Purego is false.
const Purego = !haveAsm && (runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64")

var (
	kernels  = detect()
	features = detectFeatures()
)

// Kernel returns the kernel family hotpath's primitives use on this build
// and CPU.
func Kernel() Family { return kernels[0] }

// Kernels returns every kernel family this build and CPU can run, best
// first; the last is always Generic. Kernel() is Kernels()[0]. Tests walk
// this list to check each kernel against the reference in one process. The
// returned slice is a copy.
func Kernels() []Family { return slices.Clone(kernels) }

// Features returns the CPU features that matter to hotpath's kernels and
// are on in this process (after GODEBUG), sorted. It is meant for reports
// and bug reports. Without assembly it still reports the CPU's features,
// though no kernel uses them.
func Features() []string { return slices.Clone(features) }

func detect() []Family {
	switch {
	case !haveAsm:
		return []Family{Generic}
	case runtime.GOARCH == "arm64":
		// Advanced SIMD is mandatory on arm64.
		return []Family{NEON, Generic}
	case cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasBMI2:
		return []Family{AVX2, SSE2, Generic}
	}
	return []Family{SSE2, Generic}
}

func detectFeatures() []string {
	var f []string
	add := func(on bool, name string) {
		if on {
			f = append(f, name)
		}
	}
	switch runtime.GOARCH {
	case "amd64":
		add(cpu.X86.HasSSE2, "sse2")
		add(cpu.X86.HasSSE3, "sse3")
		add(cpu.X86.HasSSSE3, "ssse3")
		add(cpu.X86.HasSSE41, "sse4.1")
		add(cpu.X86.HasSSE42, "sse4.2")
		add(cpu.X86.HasPOPCNT, "popcnt")
		add(cpu.X86.HasAVX, "avx")
		add(cpu.X86.HasAVX2, "avx2")
		add(cpu.X86.HasBMI1, "bmi1")
		add(cpu.X86.HasBMI2, "bmi2")
		add(cpu.X86.HasERMS, "erms")
		add(cpu.X86.HasAVX512F, "avx512f")
		add(cpu.X86.HasAVX512BW, "avx512bw")
		add(cpu.X86.HasAVX512VL, "avx512vl")
	case "arm64":
		add(true, "asimd") // mandatory
		add(cpu.ARM64.HasAES, "aes")
		add(cpu.ARM64.HasPMULL, "pmull")
		add(cpu.ARM64.HasCRC32, "crc32")
		add(cpu.ARM64.HasATOMICS, "atomics")
		add(cpu.ARM64.HasASIMDRDM, "asimdrdm")
		add(cpu.ARM64.HasASIMDDP, "asimddp")
		add(cpu.ARM64.HasSVE, "sve")
		add(cpu.ARM64.HasSVE2, "sve2")
	}
	if f == nil {
		f = []string{}
	}
	slices.Sort(f)
	return f
}
