package armcost

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/bench/armcost/cases"
)

func TestParseNM(t *testing.T) {
	const out = `   cd440 T main.markerStart
   cd460 T main.markerStop
   cd450 T main.markerTrace
   26160 T runtime.hexdumpMarker.start
  1f2a00 D main.markerStartish
         U main.undefined
`
	got, err := parseNM(strings.NewReader(out), symStart, symTrace, symStop)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]uint64{symStart: 0xcd440, symTrace: 0xcd450, symStop: 0xcd460}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#x, want %#x", k, got[k], v)
		}
	}
	for _, bad := range []struct{ out, why string }{
		{"   cd440 T main.markerStart\n   cd460 T main.markerStop\n", "missing marker"},
		{out + "   cd470 T main.markerStop\n", "duplicate"},
		{"   cd440 D main.markerStart\n   cd450 T main.markerTrace\n   cd460 T main.markerStop\n", "data symbol"},
		{"   zz440 T main.markerStart\n   cd450 T main.markerTrace\n   cd460 T main.markerStop\n", "bad address"},
	} {
		if _, err := parseNM(strings.NewReader(bad.out), symStart, symTrace, symStop); err == nil {
			t.Errorf("%s: no error", bad.why)
		}
	}
}

func TestParseAndPair(t *testing.T) {
	// The second traced block holds a NOP, which the count leaves out.
	plugin := "w 21\nw 61\nb 1000 3 0\nb 100c 3 1\nw 5\n"
	harness := "kernel neon\nwindow 0 count 2\nwindow 0 count 10\nwindow 0 trace 2\n"
	ps, err := parsePlugin(strings.NewReader(plugin))
	if err != nil {
		t.Fatal(err)
	}
	kernel, hs, err := parseHarness(strings.NewReader(harness))
	if err != nil || kernel != "neon" {
		t.Fatalf("kernel %q, err %v", kernel, err)
	}
	ws, err := pair(hs, ps)
	if err != nil {
		t.Fatal(err)
	}
	if len(ws) != 3 || ws[1].count != 61 || ws[1].iters != 10 || !ws[2].trace ||
		!slices.Equal(ws[2].blocks, []block{{0x1000, 3, 0}, {0x100c, 3, 1}}) {
		t.Errorf("paired windows: %+v", ws)
	}

	// The streams must agree.
	if _, err := pair(hs[:2], ps); err == nil {
		t.Error("pair accepted 2 harness windows against 3 plugin windows")
	}
	bad, _ := parsePlugin(strings.NewReader("w 21\nw 61\nb 1000 3 0\nw 5\n"))
	if _, err := pair(hs, bad); err == nil {
		t.Error("pair accepted a traced window whose blocks do not add up to its count")
	}
	traced, _ := parsePlugin(strings.NewReader("b 1000 3 0\nw 3\nw 61\nb 1000 3 0\nb 100c 2 0\nw 5\n"))
	if _, err := pair(hs, traced); err == nil {
		t.Error("pair accepted blocks in a window the harness did not trace")
	}
	for _, in := range []string{"b 1000\n", "b 1000 3\n", "x 1\n", "w -1\n", "b 1000 0 0\nw 0\n", "b 1000 3 0\n", "b 1000 3 4\nw 0\n", "b 1000 3 -1\nw 3\n"} {
		if _, err := parsePlugin(strings.NewReader(in)); err == nil {
			t.Errorf("parsePlugin(%q): no error", in)
		}
	}
	for _, in := range []string{"window 0 count 2\n", "kernel neon\nwindow 0 sometimes 2\n", "kernel neon\nwindow x count 2\n"} {
		if _, _, err := parseHarness(strings.NewReader(in)); err == nil {
			t.Errorf("parseHarness(%q): no error", in)
		}
	}
}

// loopTrace is the block trace of a loop of t iterations: prologue p, t
// copies of body, epilogue e.
func loopTrace(p, body, e []block, t int) []block {
	out := slices.Clone(p)
	for range t {
		out = append(out, body...)
	}
	return append(out, e...)
}

func blocks(addrs ...uint64) []block {
	var bs []block
	for _, a := range addrs {
		bs = append(bs, block{a, int(a % 7), 0})
	}
	return bs
}

func TestIterationBlocks(t *testing.T) {
	body := blocks(0x100, 0x110, 0x120, 0x130)
	for _, tc := range []struct {
		name string
		p, e []block
	}{
		{"plain", blocks(0x10, 0x20), blocks(0x900)},
		{"no prologue", nil, blocks(0x900)},
		// The epilogue begins like an iteration (the loop test block).
		{"epilogue shares the loop head", blocks(0x10), blocks(0x100, 0x110, 0x900)},
	} {
		for _, n := range []int{2, 3, 4} {
			short, long := loopTrace(tc.p, body, tc.e, n), loopTrace(tc.p, body, tc.e, n+1)
			it, err := iterationBlocks(short, long)
			if err != nil {
				t.Errorf("%s, t=%d: %v", tc.name, n, err)
				continue
			}
			// Any rotation of the body is one iteration.
			if !isRotation(it, body) {
				t.Errorf("%s, t=%d: iteration %v is not a rotation of %v", tc.name, n, it, body)
			}
		}
	}
	if _, err := iterationBlocks(blocks(1, 2, 3), blocks(1, 2)); err == nil {
		t.Error("a shorter long trace: no error")
	}
	// Iterations that differ (something else ran in the window).
	short := slices.Concat(body, body, blocks(0x900))
	long := slices.Concat(body, body, blocks(0x200, 0x210, 0x220, 0x230), blocks(0x900))
	long[5] = block{0x777, 1, 0}
	if _, err := iterationBlocks(short, long); err == nil {
		t.Error("non-repeating iterations: no error")
	}
}

func isRotation(a, b []block) bool {
	if len(a) != len(b) {
		return false
	}
	for r := range b {
		if slices.Equal(a, append(slices.Clone(b[r:]), b[:r]...)) {
			return true
		}
	}
	return false
}

// counted builds the windows of one item as the harness runs them.
func counted(n1, n2 int, c1, c2 []uint64, traces ...[]block) []window {
	var ws []window
	for i := range c1 {
		ws = append(ws, window{harnessWindow{iters: n1}, pluginWindow{count: c1[i]}},
			window{harnessWindow{iters: n2}, pluginWindow{count: c2[i]}})
	}
	for i, tr := range traces {
		ws = append(ws, window{harnessWindow{iters: 2 + i%2, trace: true}, pluginWindow{count: blockInsns(tr), blocks: tr}})
	}
	return ws
}

func TestCountItem(t *testing.T) {
	body := blocks(0x100, 0x110, 0x120)
	p, e := blocks(0x10), blocks(0x900)
	good2, good3 := loopTrace(p, body, e, 2), loopTrace(p, body, e, 3)
	perIter := float64(blockInsns(body))

	// W(10) − W(2) over 8, minimum of the repetitions.
	c, err := countItem(counted(2, 10, []uint64{130, 120, 120}, []uint64{400, 400, 401}, good2, good3))
	if err != nil {
		t.Fatal(err)
	}
	if c.perIter != 35 || c.exact {
		t.Errorf("perIter %v exact %v, want 35 false", c.perIter, c.exact)
	}
	if c.traceErr == nil {
		t.Errorf("trace with %v instructions per iteration accepted against counts", perIter)
	}

	// Consistent counts and traces.
	w2, w10 := uint64(7+2*perIter), uint64(7+10*perIter)
	c, err = countItem(counted(2, 10, []uint64{w2, w2}, []uint64{w10, w10}, good2, good3))
	if err != nil || c.traceErr != nil {
		t.Fatal(err, c.traceErr)
	}
	if c.perIter != perIter || !c.exact || !isRotation(c.iteration, body) || c.traceCalls != 1 {
		t.Errorf("got %+v", c)
	}

	// A first trace pair that something interrupted: the second is used.
	bad3 := slices.Clone(good3)
	bad3[2] = block{0x555, 4, 0}
	c, _ = countItem(counted(2, 10, []uint64{w2}, []uint64{w10}, good2, bad3, good2, good3))
	if c.traceErr != nil || !isRotation(c.iteration, body) {
		t.Errorf("second trace pair not used: %v", c.traceErr)
	}
	c, _ = countItem(counted(2, 10, []uint64{w2}, []uint64{w10}, good2, bad3))
	if c.traceErr == nil {
		t.Error("an interrupted only trace pair accepted")
	}

	if _, err := countItem(counted(2, 10, []uint64{500}, []uint64{400})); err == nil {
		t.Error("fewer instructions in the longer window: no error")
	}
	if _, err := countItem(counted(2, 2, []uint64{5}, []uint64{5})); err == nil {
		t.Error("one window length: no error")
	}
}

func TestRewrite(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"bl\t0x12900 <runtime.memequal>", "b\ttgt"},
		{"blr\tx3", "br\tx3"},
		{"b.ls\t0xcbec8 <main.f+0x98>", "b.ls\ttgt"},
		{"tbz\tw6, #0x0, 0x11060 <runtime.text+0x60>", "tbz\tw6, #0x0, tgt"},
		{"cbnz\tx1, 0x11060", "cbnz\tx1, tgt"},
		{"adrp\tx27, 0x21a000 <runtime.mheap_+0x186a0>", "adrp\tx27, tgt"},
		{"ldr\tw27, 0x8c6fc <runtime.call33554432.abi0+0xfc>", "ldr\tw27, tgt"},
		{"mov\tx6, #0xe38f             // =58255", "mov\tx6, #0xe38f"},
		{"ldr\tx30, [sp], #0x40", "ldr\tx30, [sp]\nadd\tsp, sp, #0x40"},
		{"str\tx30, [sp, #-0x40]!", "str\tx30, [sp, #-0x40]\nsub\tsp, sp, #0x40"},
		{"stp\tx29, x30, [sp, #-0x10]!", "stp\tx29, x30, [sp, #-0x10]\nsub\tsp, sp, #0x10"},
		{"ldp\tq16, q17, [x1], #0x20", "ldp\tq16, q17, [x1]\nadd\tx1, x1, #0x20"},
		{"ld1\t{ v2.16b }, [x0], x10", "ld1\t{ v2.16b }, [x0]\nadd\tx0, x0, x10"},
		{"ld1\t{ v1.16b, v2.16b }, [x0], #32", "ld1\t{ v1.16b, v2.16b }, [x0]\nadd\tx0, x0, #32"},
		// Not writeback: a lane index and a plain offset.
		{"mov\tv30.d[0], x1", "mov\tv30.d[0], x1"},
		{"ldr\tx16, [x28, #0x10]", "ldr\tx16, [x28, #0x10]"},
		{"ldrb\tw5, [x6, x7]", "ldrb\tw5, [x6, x7]"},
		{"ret", "ret"},
	} {
		got, err := rewrite(tc.in)
		if err != nil {
			t.Errorf("rewrite(%q): %v", tc.in, err)
			continue
		}
		if g := strings.Join(got, "\n"); g != tc.want {
			t.Errorf("rewrite(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
	for _, bad := range []string{"<unknown>", "", "  // only a comment"} {
		if _, err := rewrite(bad); err == nil {
			t.Errorf("rewrite(%q): no error", bad)
		}
	}
}

func TestParseObjdumpAndIterationAsm(t *testing.T) {
	const out = `
harness-default:	file format elf64-littleaarch64

Disassembly of section .text:

0000000000011000 <runtime.text>:
   11000:      	ldr	x16, [x28, #0x10]
   11004:      	str	x30, [sp, #-0x20]!
   11008:      	bl	0x12900 <runtime.memequal>
   1100c:      	ldr	x30, [sp], #0x20
   11010:      	ret
`
	d, err := parseObjdump(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(d) != 5 || d[0x11008] != "bl\t0x12900 <runtime.memequal>" {
		t.Fatalf("parsed %v", d)
	}
	lines, err := iterationAsm(d, []block{{0x11004, 2, 0}, {0x1100c, 2, 0}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"str\tx30, [sp, #-0x20]", "sub\tsp, sp, #0x20", "b\ttgt", "ldr\tx30, [sp]", "add\tsp, sp, #0x20", "ret"}
	if !slices.Equal(lines, want) {
		t.Errorf("iterationAsm = %q, want %q", lines, want)
	}
	if _, err := iterationAsm(d, []block{{0x11010, 2, 0}}); err == nil {
		t.Error("a block past the disassembly: no error")
	}
	if _, err := parseObjdump(strings.NewReader("nothing here\n")); err == nil {
		t.Error("no instructions: no error")
	}
}

func TestMCAInputAndOutput(t *testing.T) {
	items := []mcaItem{{"a_1", []string{"add\tx1, x1, #1"}}, {"b_2", slices.Repeat([]string{"nop"}, 2000)}}
	var in bytes.Buffer
	writeMCAInput(&in, items)
	text := in.String()
	for _, it := range items {
		k1, k2 := repeats(len(it.lines))
		if k1 < 1 || k2 <= k1 {
			t.Errorf("repeats(%d) = %d, %d", len(it.lines), k1, k2)
		}
		for _, r := range []struct {
			suffix string
			k      int
		}{{".a", k1}, {".b", k2}} {
			begin := "# LLVM-MCA-BEGIN " + it.name + r.suffix + "\n"
			end := "# LLVM-MCA-END " + it.name + r.suffix + "\n"
			i, j := strings.Index(text, begin), strings.Index(text, end)
			if i < 0 || j < i {
				t.Fatalf("region %s%s missing", it.name, r.suffix)
			}
			if n := strings.Count(text[i+len(begin):j], "\n"); n != r.k*len(it.lines) {
				t.Errorf("region %s%s holds %d lines, want %d", it.name, r.suffix, n, r.k*len(it.lines))
			}
		}
	}

	// llvm-mca's summary view, as llvm-mca 19 prints it.
	k1, k2 := repeats(1)
	out := fmt.Sprintf(`
[0] Code Region - a_1.a

Iterations:        1
Instructions:      %d
Total Cycles:      %d
Total uOps:        16

[1] Code Region - a_1.b

Iterations:        1
Instructions:      %d
Total Cycles:      %d
`, k1, 10+k1, k2, 10+3*k2)
	totals, err := parseMCA(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	c, err := cyclesPerIteration(totals, items[0])
	if err != nil {
		t.Fatal(err)
	}
	// (10 + 3·k2 − 10 − k1) / (k2 − k1)
	if want := float64(3*k2-k1) / float64(k2-k1); math.Abs(c-want) > 1e-9 {
		t.Errorf("cycles per iteration %v, want %v", c, want)
	}
	if _, err := cyclesPerIteration(totals, items[1]); err == nil {
		t.Error("an item llvm-mca did not report: no error")
	}
	if _, err := parseMCA(strings.NewReader("Total Cycles: 5\n")); err == nil {
		t.Error("cycles outside a region: no error")
	}
}

func TestPluginMinVersion(t *testing.T) {
	msg := "qemu-aarch64: Could not load plugin /tmp/x/count-v1.so: plugin requires API version 1, but this QEMU supports only a minimum version of 2"
	if v, ok := pluginMinVersion(msg); !ok || v != 2 {
		t.Errorf("pluginMinVersion = %d, %v", v, ok)
	}
	if _, ok := pluginMinVersion("qemu-aarch64: some other failure"); ok {
		t.Error("an unrelated failure read as a version refusal")
	}
}

func TestCheckRows(t *testing.T) {
	row := func(c string, n int, ours, peer float64, check bool) Row {
		return Row{Case: c, N: n, Check: check, Ours: Measure{Instructions: ours}, Peer: Measure{Instructions: peer}}
	}
	rows := []Row{
		row("A", 1, 41, 22, true),    // fails
		row("A", 2, 30, 30, true),    // equal: passes
		row("A", 5, 90, 10, true),    // not a check size
		row("B", 1, 50, 10, false),   // not a check case
		row("C", 4, 12, 11, true),    // allowed
		row("C", 8, 10, 11, true),    // allowed but passes: stale
		row("C", 16, 11, 10.5, true), // fractional counts compare too
	}
	allow := map[allowKey]string{{"C", 4}: "measured reason", {"C", 8}: "old reason", {"Z", 1}: "not measured here"}
	fails, allowed, stale := checkRows(rows, allow)
	var names []string
	for _, v := range fails {
		names = append(names, fmt.Sprintf("%s/%d", v.Case, v.N))
	}
	if !slices.Equal(names, []string{"A/1", "C/16"}) {
		t.Errorf("fails %v", names)
	}
	if len(allowed) != 1 || allowed[0].Case != "C" || allowed[0].N != 4 || allowed[0].Allowed != "measured reason" {
		t.Errorf("allowed %+v", allowed)
	}
	if len(stale) != 1 || !strings.HasPrefix(stale[0], "C at 8") {
		t.Errorf("stale %v", stale)
	}
}

// The allowlist in the source names real cases and check sizes, with a
// reason each.
func TestAllowlistEntries(t *testing.T) {
	for k, why := range allowlist {
		c, ok := cases.Lookup(k.Case)
		if !ok || !c.Check || !slices.Contains(c.Sizes, k.N) || !slices.Contains(cases.CheckSizes, k.N) {
			t.Errorf("allowlist entry %v names no checked row", k)
		}
		if len(why) < 20 {
			t.Errorf("allowlist entry %v: give the measured reason, not %q", k, why)
		}
	}
}

func TestSelectAndPlan(t *testing.T) {
	all := cases.All()
	sel, err := selectCases(all, Options{Check: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range sel {
		if !c.Check {
			t.Errorf("-check selected %s", c.Name)
		}
		for _, n := range sizesFor(c, Options{Check: true}) {
			if !slices.Contains(cases.CheckSizes, n) {
				t.Errorf("-check measures %s at %d", c.Name, n)
			}
		}
	}
	if _, err := selectCases(all, Options{Run: "^NoSuchCase$"}); err == nil {
		t.Error("a -run matching nothing: no error")
	}
	if _, err := selectCases(all, Options{Run: "("}); err == nil {
		t.Error("a bad -run: no error")
	}

	sel, _ = selectCases(all, Options{Run: "^EqualFold", Quick: true})
	plan := makePlan(sel, Options{Quick: true})
	for tags, items := range plan {
		if items[0].line() != "baseline" || items[0].tags != tags {
			t.Errorf("build %q: first item %q, want the baseline", tags, items[0].line())
		}
		for _, it := range items[1:] {
			c, _ := cases.Lookup(it.caseName)
			impl, err := c.Side(it.side)
			if err != nil || impl.Tags != tags || !slices.Contains(c.Quick, it.n) {
				t.Errorf("build %q runs %q", tags, it.line())
			}
		}
	}
	if len(plan) != 2 || len(plan["purego"]) < 2 {
		t.Errorf("EqualFold needs the default and the purego build: %v", plan)
	}
}

func TestToMeasure(t *testing.T) {
	m := &measured{count: itemCount{perIter: 47, exact: true}, cycles: map[string]float64{"neoverse-n1": 12, "neoverse-v1": 7}}
	base := &measured{count: itemCount{perIter: 5, exact: true}, cycles: map[string]float64{"neoverse-n1": 1.5}, cerr: nil}
	got := toMeasure(cases.Impl{Name: "x"}, m, base, DefaultModels)
	if got.Instructions != 42 || !got.Exact || got.Cycles["neoverse-n1"] != 10.5 {
		t.Errorf("got %+v", got)
	}
	if _, ok := got.Cycles["neoverse-v1"]; ok || !strings.Contains(got.CyclesError, "neoverse-v1") {
		t.Errorf("a model the baseline lacks: %+v", got)
	}
	base.cerr = errors.New("traces differ")
	base.count.exact = false
	got = toMeasure(cases.Impl{Name: "x"}, m, base, DefaultModels)
	if got.Exact || !strings.Contains(got.CyclesError, "traces differ") {
		t.Errorf("got %+v", got)
	}
}

func TestWriteMarkdown(t *testing.T) {
	r := &Result{
		Rows: []Row{
			{Case: "Equal", N: 4, Unit: "B", Check: true, Ratio: 41.0 / 22,
				Ours: Measure{Name: "bytesx.Equal", Instructions: 41, Exact: true, Cycles: map[string]float64{"neoverse-n1": 9.3, "neoverse-v1": 5.8}},
				Peer: Measure{Name: "bytes.Equal", Instructions: 22, Exact: true, Cycles: map[string]float64{"neoverse-n1": 7.3, "neoverse-v1": 3.2}}},
			{Case: "Head", N: 500, Unit: "B head", PerByte: true, Ratio: 0.5,
				Ours: Measure{Name: "wire.ParseRequest", Instructions: 1000, Exact: false},
				Peer: Measure{Name: "wire.ParseRequest (generic)", Tags: "purego", Instructions: 2000, Exact: true}},
		},
		Models:   DefaultModels,
		Kernels:  map[string]string{"": "neon", "purego": "generic"},
		Baseline: map[string]float64{"": 5, "purego": 5},
	}
	var b strings.Builder
	r.WriteMarkdown(&b, "###")
	md := b.String()
	for _, want := range []string{
		"### " + Title, Limits,
		"| 4 | 41 | 22 | 1.86 ✗ | 9.3 / 5.8 | 7.3 / 3.2 |",
		"| 500 | ~1000 | 2000 | 0.50 | 2.00 | 4.00 | — | — |",
		"- ✗ Equal at 4: 41 instructions vs 22",
		"-tags purego runs generic kernels, empty loop 5 instructions",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}
