package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/hotpath-go/hotpath/asm"
	"github.com/klauspost/cpuid/v2"
)

// Machine is the hardware and build a report was measured on.
type Machine struct {
	CPU           string   `json:"cpu"`
	Vendor        string   `json:"vendor"`
	Hypervisor    string   `json:"hypervisor,omitempty"`
	Level         string   `json:"level"` // x86-64-vN, or the arm64 level
	Features      []string `json:"features"`
	Kernel        string   `json:"kernel"`
	Kernels       []string `json:"kernels"`
	Purego        bool     `json:"purego"`
	L1D, L2, L3   int      `json:"-"`
	Caches        string   `json:"caches"`
	CacheLine     int      `json:"cache_line"`
	PhysicalCores int      `json:"physical_cores"`
	LogicalCores  int      `json:"logical_cores"`
	NumCPU        int      `json:"num_cpu"`
	GOMAXPROCS    int      `json:"gomaxprocs"`
	GOOS          string   `json:"goos"`
	GOARCH        string   `json:"goarch"`
	GoVersion     string   `json:"go_version"`
	GODEBUG       string   `json:"godebug,omitempty"`
}

func familyNames(fs []asm.Family) []string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = f.String()
	}
	return s
}

// DetectMachine reads the CPU with cpuid and the build from runtime and asm.
func DetectMachine() Machine {
	c := cpuid.CPU
	m := Machine{
		CPU:           strings.TrimSpace(c.BrandName),
		Vendor:        c.VendorString,
		Features:      asm.Features(),
		Kernel:        asm.Kernel().String(),
		Kernels:       familyNames(asm.Kernels()),
		Purego:        asm.Purego,
		L1D:           c.Cache.L1D,
		L2:            c.Cache.L2,
		L3:            c.Cache.L3,
		CacheLine:     c.CacheLine,
		PhysicalCores: c.PhysicalCores,
		LogicalCores:  c.LogicalCores,
		NumCPU:        runtime.NumCPU(),
		GOMAXPROCS:    runtime.GOMAXPROCS(0),
		GOOS:          runtime.GOOS,
		GOARCH:        runtime.GOARCH,
		GoVersion:     runtime.Version(),
		GODEBUG:       os.Getenv("GODEBUG"),
	}
	if c.HypervisorVendorString != "" {
		m.Hypervisor = c.HypervisorVendorString
	}
	if m.CPU == "" {
		m.CPU = procCPUName()
	}
	if m.CPU == "" {
		m.CPU = "unknown"
	}
	// cpuid cannot read caches on every CPU (arm64 hides them from user
	// space); Linux publishes them in sysfs.
	if m.L1D <= 0 {
		m.L1D = sysfsCache(1, "Data")
	}
	if m.L2 <= 0 {
		m.L2 = sysfsCache(2, "Unified")
	}
	if m.L3 <= 0 {
		m.L3 = sysfsCache(3, "Unified")
	}
	if m.CacheLine <= 0 {
		m.CacheLine = sysfsInt("/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size")
	}
	if m.Vendor == "" && c.VendorID != cpuid.VendorUnknown {
		m.Vendor = c.VendorID.String()
	}
	if m.Vendor == "" {
		m.Vendor = "unknown"
	}
	switch runtime.GOARCH {
	case "amd64", "386":
		if l := c.X64Level(); l > 0 {
			m.Level = fmt.Sprintf("x86-64-v%d", l)
		} else {
			m.Level = "below x86-64-v1 or unknown"
		}
	case "arm64":
		if g := c.GOARM64(); g != "" {
			m.Level = "GOARM64=" + g
		} else {
			m.Level = "arm64 (level unknown)"
		}
	default:
		m.Level = "n/a on " + runtime.GOARCH
	}
	m.Caches = fmt.Sprintf("L1d %s, L2 %s, L3 %s", size(m.L1D), size(m.L2), size(m.L3))
	return m
}

// procCPUName reads a CPU name from Linux's /proc/cpuinfo ("model name",
// or on arm64 the implementer and part numbers), or the device-tree model.
func procCPUName() string {
	if runtime.GOOS != "linux" {
		return ""
	}
	b, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		var impl, part string
		for line := range strings.Lines(string(b)) {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			switch k {
			case "model name", "Model", "cpu model":
				if v != "" {
					return v
				}
			case "CPU implementer":
				impl = v
			case "CPU part":
				part = v
			}
		}
		if impl != "" {
			return fmt.Sprintf("arm64 CPU implementer %s, part %s", impl, part)
		}
	}
	if b, err := os.ReadFile("/sys/firmware/devicetree/base/model"); err == nil {
		return strings.TrimRight(string(b), "\x00\n")
	}
	return ""
}

// sysfsCache returns the size of cpu0's cache of a level and type from
// Linux sysfs, or 0.
func sysfsCache(level int, typ string) int {
	if runtime.GOOS != "linux" {
		return 0
	}
	for i := 0; i < 8; i++ {
		dir := fmt.Sprintf("/sys/devices/system/cpu/cpu0/cache/index%d/", i)
		if sysfsInt(dir+"level") != level {
			continue
		}
		t, err := os.ReadFile(dir + "type")
		if err != nil || strings.TrimSpace(string(t)) != typ {
			continue
		}
		s, err := os.ReadFile(dir + "size")
		if err != nil {
			return 0
		}
		v := strings.TrimSpace(string(s))
		mul := 1
		switch {
		case strings.HasSuffix(v, "K"):
			mul, v = 1<<10, strings.TrimSuffix(v, "K")
		case strings.HasSuffix(v, "M"):
			mul, v = 1<<20, strings.TrimSuffix(v, "M")
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0
		}
		return n * mul
	}
	return 0
}

func sysfsInt(file string) int {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

func size(n int) string {
	switch {
	case n <= 0:
		return "?"
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// Write prints the machine as a Markdown list.
func (m Machine) Write(w io.Writer) {
	fmt.Fprintf(w, "- CPU: %s (vendor %s", m.CPU, m.Vendor)
	if m.Hypervisor != "" {
		fmt.Fprintf(w, ", under hypervisor %s", m.Hypervisor)
	}
	fmt.Fprintf(w, ")\n")
	fmt.Fprintf(w, "- Microarchitecture level: %s\n", m.Level)
	fmt.Fprintf(w, "- Features our kernels use: %s\n", orNone(strings.Join(m.Features, " ")))
	kern := m.Kernel
	if m.Purego {
		kern += " (purego build)"
	}
	fmt.Fprintf(w, "- Kernels: %s (available: %s)\n", kern, strings.Join(m.Kernels, ", "))
	fmt.Fprintf(w, "- Caches: %s; line %s\n", m.Caches, size(m.CacheLine))
	fmt.Fprintf(w, "- Cores: %d physical, %d logical; runtime.NumCPU %d; GOMAXPROCS %d\n", m.PhysicalCores, m.LogicalCores, m.NumCPU, m.GOMAXPROCS)
	fmt.Fprintf(w, "- Build: %s/%s, %s", m.GOOS, m.GOARCH, m.GoVersion)
	if m.GODEBUG != "" {
		fmt.Fprintf(w, ", GODEBUG=%s", m.GODEBUG)
	}
	fmt.Fprintln(w)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
