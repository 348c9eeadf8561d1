package asm

import "golang.org/x/sys/cpu"

func detect() []string {
	if purego {
		return []string{Generic}
	}
	if cpu.X86.HasAVX2 && cpu.X86.HasBMI1 && cpu.X86.HasBMI2 {
		return []string{AVX2, SSE2, Generic}
	}
	return []string{SSE2, Generic}
}

func detectFeatures() []string {
	var f []string
	add := func(on bool, name string) {
		if on {
			f = append(f, name)
		}
	}
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
	return sortStrings(f)
}
