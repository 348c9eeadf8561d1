package asm

import (
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sys/cpu"
)

func TestKernelIsFirstOfKernels(t *testing.T) {
	ks := Kernels()
	if len(ks) == 0 || ks[0] != Kernel() {
		t.Fatalf("Kernels() = %v, Kernel() = %q", ks, Kernel())
	}
	if ks[len(ks)-1] != Generic {
		t.Fatalf("Kernels() = %v does not end in generic", ks)
	}
	ks[0] = "mutated"
	if Kernel() == "mutated" {
		t.Fatal("Kernels returned its internal slice")
	}
}

func TestKernelMatchesBuild(t *testing.T) {
	want := Generic
	switch {
	case Purego:
	case runtime.GOARCH == "amd64" && cpu.X86.HasAVX2:
		want = AVX2
	case runtime.GOARCH == "amd64":
		want = SSE2
	case runtime.GOARCH == "arm64":
		want = NEON
	}
	if Kernel() != want {
		t.Fatalf("Kernel() = %q, want %q (GOARCH=%s purego=%v)", Kernel(), want, runtime.GOARCH, Purego)
	}
}

// TestGODEBUG checks that GODEBUG=cpu.avx2=off, when set, moves amd64 to sse2.
func TestGODEBUG(t *testing.T) {
	if !strings.Contains(os.Getenv("GODEBUG"), "cpu.avx2=off") {
		t.Skip("GODEBUG=cpu.avx2=off not set; the test command runs this mode")
	}
	if Has(AVX2) {
		t.Fatalf("GODEBUG=cpu.avx2=off but Kernels() = %v", Kernels())
	}
	if slices.Contains(Features(), "avx2") {
		t.Fatalf("GODEBUG=cpu.avx2=off but Features() = %v", Features())
	}
}

func TestFeaturesSorted(t *testing.T) {
	f := Features()
	if !slices.IsSorted(f) {
		t.Fatalf("Features() not sorted: %v", f)
	}
	if runtime.GOARCH == "amd64" && !slices.Contains(f, "sse2") {
		t.Fatalf("amd64 without sse2 in %v", f)
	}
	if runtime.GOARCH == "arm64" && !slices.Contains(f, "asimd") {
		t.Fatalf("arm64 without asimd in %v", f)
	}
}

func TestIDOf(t *testing.T) {
	// The values are part of the contract: generated assembly compares a
	// package's kernel variable with them.
	for fam, want := range map[string]ID{Generic: 0, SSE2: 1, AVX2: 2, NEON: 3, "bogus": 0} {
		if got := IDOf(fam); got != want {
			t.Errorf("IDOf(%q) = %d, want %d", fam, got, want)
		}
	}
}
