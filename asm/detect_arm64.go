package asm

import "golang.org/x/sys/cpu"

func detect() []string {
	if purego {
		return []string{Generic}
	}
	// Advanced SIMD (NEON) is mandatory on arm64.
	return []string{NEON, Generic}
}

func detectFeatures() []string {
	f := []string{"asimd"}
	add := func(on bool, name string) {
		if on {
			f = append(f, name)
		}
	}
	add(cpu.ARM64.HasAES, "aes")
	add(cpu.ARM64.HasPMULL, "pmull")
	add(cpu.ARM64.HasCRC32, "crc32")
	add(cpu.ARM64.HasATOMICS, "atomics")
	add(cpu.ARM64.HasASIMDRDM, "asimdrdm")
	add(cpu.ARM64.HasASIMDDP, "asimddp")
	add(cpu.ARM64.HasSVE, "sve")
	add(cpu.ARM64.HasSVE2, "sve2")
	return sortStrings(f)
}
