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
		t.Fatalf("Kernels() = %v, Kernel() = %v", ks, Kernel())
	}
	if ks[len(ks)-1] != Generic {
		t.Fatalf("Kernels() = %v does not end in generic", ks)
	}
	ks[0] = 99
	if Kernel() == 99 {
		t.Fatal("Kernels returned its internal slice")
	}
}

func TestKernelMatchesBuild(t *testing.T) {
	want := Generic
	switch {
	case !Assembly:
	case runtime.GOARCH == "amd64" && cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasBMI2:
		want = AVX2
	case runtime.GOARCH == "amd64":
		want = SSE2
	case runtime.GOARCH == "arm64":
		want = NEON
	}
	if Kernel() != want {
		t.Fatalf("Kernel() = %v, want %v (GOARCH=%s Assembly=%v Purego=%v)", Kernel(), want, runtime.GOARCH, Assembly, Purego)
	}
	if Purego && Assembly {
		t.Fatal("Purego and Assembly both true")
	}
	if !Assembly && (runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64") && !Purego {
		t.Fatal("no assembly on amd64/arm64 without -tags purego")
	}
}

// TestGODEBUG checks that GODEBUG=cpu.avx2=off, when set, moves amd64 to sse2.
func TestGODEBUG(t *testing.T) {
	if !strings.Contains(os.Getenv("GODEBUG"), "cpu.avx2=off") {
		t.Skip("GODEBUG=cpu.avx2=off not set; the test command runs this mode")
	}
	if slices.Contains(Kernels(), AVX2) {
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

func TestFamilyValues(t *testing.T) {
	// The values are part of the contract: generated assembly compares a
	// package's Family variable with them.
	for f, want := range map[Family]struct {
		v    uint8
		name string
	}{Generic: {0, "generic"}, SSE2: {1, "sse2"}, AVX2: {2, "avx2"}, NEON: {3, "neon"}, 7: {7, "Family(7)"}} {
		if uint8(f) != want.v || f.String() != want.name {
			t.Errorf("%d: value %d, String %q; want %d, %q", f, uint8(f), f.String(), want.v, want.name)
		}
	}
}
