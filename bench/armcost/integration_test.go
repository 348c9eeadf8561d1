package armcost

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/bench/armcost/cases"
)

// TestRealRun runs the whole pipeline (plugin, arm64 harness, QEMU,
// llvm-mca) on two cases at their quick sizes. Without qemu-aarch64 or gcc
// it skips loudly, and fails under CI=true.
func TestRealRun(t *testing.T) {
	tools, err := FindTools()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skipf("SKIPPED LOUDLY: %v", err)
	}
	o := Options{Run: "^(Equal|ZeroBytes)$", Quick: true, Cycles: true}
	if testing.Verbose() {
		o.Progress = os.Stderr
	}
	res, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, name := range []string{"Equal", "ZeroBytes"} {
		c, _ := cases.Lookup(name)
		for _, n := range c.Quick {
			want = append(want, name+"/"+strconv.Itoa(n))
		}
	}
	var got []string
	for _, r := range res.Rows {
		got = append(got, r.Case+"/"+strconv.Itoa(r.N))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("rows %v, want %v", got, want)
	}
	if res.Kernels[""] != "neon" {
		t.Errorf("the default arm64 build runs %q kernels, want neon", res.Kernels[""])
	}
	if b := res.Baseline[""]; b < 2 || b > 20 {
		t.Errorf("empty loop: %v instructions per iteration", b)
	}
	byN := map[string]map[int]Row{}
	for _, r := range res.Rows {
		if byN[r.Case] == nil {
			byN[r.Case] = map[int]Row{}
		}
		byN[r.Case][r.N] = r
		for _, m := range []Measure{r.Ours, r.Peer} {
			// With GC, preemption and migration off, repetitions agree.
			if !m.Exact {
				t.Errorf("%s at %d, %s: repetitions counted differently", r.Case, r.N, m.Name)
			}
			if m.Instructions < 5 || m.Instructions != float64(int(m.Instructions)) {
				t.Errorf("%s at %d, %s: %v instructions per call", r.Case, r.N, m.Name, m.Instructions)
			}
			// A cycle estimate exists only when the traced iteration
			// matched the counts instruction for instruction.
			if tools.MCA != "" {
				for _, model := range DefaultModels {
					if c, ok := m.Cycles[model]; !ok || c <= 0 || c > 5*m.Instructions {
						t.Errorf("%s at %d, %s: %s cycles %v (%s)", r.Case, r.N, m.Name, model, c, m.CyclesError)
					}
				}
			}
		}
	}
	// Longer inputs cost more: bytes.Equal and clear loop over the bytes.
	if a, b := byN["Equal"][1].Peer.Instructions, byN["Equal"][1024].Peer.Instructions; b <= a+100 {
		t.Errorf("bytes.Equal: %v instructions at 1 B, %v at 1024 B", a, b)
	}
	if a, b := byN["ZeroBytes"][8].Peer.Instructions, byN["ZeroBytes"][4096].Peer.Instructions; b <= a+100 {
		t.Errorf("clear: %v instructions at 8 B, %v at 4096 B", a, b)
	}
	var md strings.Builder
	res.WriteMarkdown(&md, "##")
	if !strings.Contains(md.String(), Title) || !strings.Contains(md.String(), Limits) {
		t.Errorf("the tables lack their title or limits:\n%s", md.String())
	}
	t.Logf("\n%s", md.String())
}

// One item llvm-mca cannot assemble costs only its own estimate.
func TestModelCyclesIsolatesBadItem(t *testing.T) {
	tools, err := FindTools()
	if err == nil && tools.MCA == "" {
		err = errors.New(tools.MissingLLVMReason)
	}
	if err != nil {
		t.Skipf("SKIPPED LOUDLY: %v", err)
	}
	good := mcaItem{"good", []string{"add\tx1, x1, #1", "add\tx2, x2, #1"}}
	bad := mcaItem{"bad", []string{"frobnicate\tx1"}}
	cyc, errs, err := modelCycles(context.Background(), tools.MCA, "neoverse-n1", []mcaItem{good, bad})
	if err != nil {
		t.Fatal(err)
	}
	// Two independent adds a cycle on N1's integer units: at most 1 cycle
	// an iteration, more than 0.
	if c, ok := cyc["good"]; !ok || c <= 0 || c > 1 {
		t.Errorf("good item: %v cycles (%v)", c, errs["good"])
	}
	if _, ok := cyc["bad"]; ok || errs["bad"] == nil {
		t.Errorf("bad item: cycles %v, error %v", cyc["bad"], errs["bad"])
	}
}
