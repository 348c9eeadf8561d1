package armcost

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// disasm maps each instruction address of a binary to its LLVM assembly.
type disasm map[uint64]string

// parseObjdump reads `llvm-objdump -d --no-show-raw-insn` output: lines
// "  cd440:  <tab>mov<tab>x1, xzr"; symbol headers and blank lines are
// skipped.
func parseObjdump(r io.Reader) (disasm, error) {
	d := disasm{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		head, text, ok := strings.Cut(line, ":")
		if !ok || head == "" || strings.ContainsAny(head, " <") {
			continue
		}
		a, err := strconv.ParseUint(head, 16, 64)
		if err != nil {
			continue
		}
		d[a] = strings.TrimSpace(text)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(d) == 0 {
		return nil, fmt.Errorf("llvm-objdump printed no instructions")
	}
	return d, nil
}

// target is the symbol every address operand becomes: llvm-mca ignores
// control flow and never resolves it.
const target = "tgt"

var (
	// llvm-objdump writes an address operand as "0x12900 <runtime.memequal>".
	annotatedAddr = regexp.MustCompile(`0x[0-9a-f]+ <[^>]*>`)
	bareAddr      = regexp.MustCompile(`^0x[0-9a-f]+$`)
	// "ldr x0, [x1], #8", "ld1 { v0.16b }, [x0], x10": post-indexed.
	postIndexed = regexp.MustCompile(`^(.*)\[(x[0-9]+|sp)\], (#-?(?:0x[0-9a-f]+|[0-9]+)|x[0-9]+)$`)
	// "str x30, [sp, #-0x40]!": pre-indexed.
	preIndexed = regexp.MustCompile(`^(.*)\[(x[0-9]+|sp), (#-?(?:0x[0-9a-f]+|[0-9]+))\]!$`)
)

// rewrite turns one disassembled instruction into what llvm-mca should
// model: address operands become a symbol; calls become plain branches
// (the models give bl a 100-cycle latency); a pre- or post-indexed access
// becomes the access plus an add to its base register (the models give the
// writeback the load's latency, a false dependency through Go's frame
// setup). It returns an error for what is not an instruction.
func rewrite(insn string) ([]string, error) {
	if i := strings.Index(insn, "//"); i >= 0 {
		insn = insn[:i]
	}
	insn = strings.TrimSpace(annotatedAddr.ReplaceAllString(insn, target))
	mnem, ops, _ := strings.Cut(insn, "\t")
	mnem, ops = strings.TrimSpace(mnem), strings.TrimSpace(ops)
	if mnem == "" || strings.HasPrefix(mnem, "<") || strings.Contains(ops, "<unknown>") {
		return nil, fmt.Errorf("not an instruction: %q", insn)
	}
	// An address without a symbol name beside it.
	if i := strings.LastIndex(ops, ", "); i >= 0 && bareAddr.MatchString(ops[i+2:]) {
		ops = ops[:i+2] + target
	} else if bareAddr.MatchString(ops) {
		ops = target
	}
	switch mnem {
	case "bl":
		mnem = "b"
	case "blr":
		mnem = "br"
	}
	line := func(m, o string) string {
		if o == "" {
			return m
		}
		return m + "\t" + o
	}
	if m := postIndexed.FindStringSubmatch(ops); m != nil {
		return []string{line(mnem, m[1]+"["+m[2]+"]"), addTo(m[2], m[3])}, nil
	}
	if m := preIndexed.FindStringSubmatch(ops); m != nil {
		return []string{line(mnem, m[1]+"["+m[2]+", "+m[3]+"]"), addTo(m[2], m[3])}, nil
	}
	return []string{line(mnem, ops)}, nil
}

// addTo is the base-register update of a writeback: base += offset, where
// offset is "#imm", "#-imm" or a register.
func addTo(base, off string) string {
	if neg, ok := strings.CutPrefix(off, "#-"); ok {
		return "sub\t" + base + ", " + base + ", #" + neg
	}
	return "add\t" + base + ", " + base + ", " + off
}

// iterationAsm is the rewritten assembly of one iteration's blocks.
func iterationAsm(d disasm, it []block) ([]string, error) {
	var out []string
	for _, b := range it {
		for i := range b.n {
			a := b.addr + 4*uint64(i)
			text, ok := d[a]
			if !ok {
				return nil, fmt.Errorf("no instruction at %#x in the disassembly", a)
			}
			ls, err := rewrite(text)
			if err != nil {
				return nil, fmt.Errorf("%#x: %v", a, err)
			}
			out = append(out, ls...)
		}
	}
	return out, nil
}

// repeats says how many copies of an iteration of n instructions the two
// llvm-mca regions hold: enough for a steady state, at most about 3000
// instructions a region so that the whole run stays short.
func repeats(n int) (k1, k2 int) {
	k2 = max(2, min(32, 3000/max(n, 1)))
	return k2 / 2, k2
}

// mcaItem is one iteration to model.
type mcaItem struct {
	name  string
	lines []string
}

// writeMCAInput writes two regions per item, "NAME.a" with k1 copies of
// its iteration and "NAME.b" with k2, so that (cycles(b) − cycles(a)) /
// (k2 − k1) is the steady-state cycles of one iteration.
func writeMCAInput(w io.Writer, items []mcaItem) {
	bw := bufio.NewWriter(w)
	for _, it := range items {
		k1, k2 := repeats(len(it.lines))
		for _, r := range []struct {
			suffix string
			k      int
		}{{".a", k1}, {".b", k2}} {
			fmt.Fprintf(bw, "# LLVM-MCA-BEGIN %s%s\n", it.name, r.suffix)
			for range r.k {
				for _, l := range it.lines {
					bw.WriteString("\t" + l + "\n")
				}
			}
			fmt.Fprintf(bw, "# LLVM-MCA-END %s%s\n", it.name, r.suffix)
		}
	}
	bw.Flush()
}

var (
	regionHeader = regexp.MustCompile(`^\[\d+\] Code Region - (\S+)$`)
	totalCycles  = regexp.MustCompile(`^Total Cycles:\s+(\d+)$`)
)

// parseMCA reads llvm-mca's summary views: the total cycles of each region.
func parseMCA(r io.Reader) (map[string]float64, error) {
	out := map[string]float64{}
	region := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := regionHeader.FindStringSubmatch(line); m != nil {
			region = m[1]
			continue
		}
		if m := totalCycles.FindStringSubmatch(line); m != nil {
			if region == "" {
				return nil, fmt.Errorf("llvm-mca: cycles before any region header")
			}
			c, _ := strconv.ParseFloat(m[1], 64)
			out[region] = c
			region = ""
		}
	}
	return out, sc.Err()
}

// cyclesPerIteration reads an item's two regions.
func cyclesPerIteration(totals map[string]float64, it mcaItem) (float64, error) {
	a, okA := totals[it.name+".a"]
	b, okB := totals[it.name+".b"]
	if !okA || !okB {
		return 0, fmt.Errorf("llvm-mca gave no cycles for %s", it.name)
	}
	k1, k2 := repeats(len(it.lines))
	return (b - a) / float64(k2-k1), nil
}

// modelCycles runs llvm-mca with one CPU model over items and returns the
// cycles per iteration of each, by item name. When the batch fails to
// assemble, each item runs alone so that one bad item costs only its own
// number (its error is in errs).
func modelCycles(ctx context.Context, tool, model string, items []mcaItem) (cyc map[string]float64, errs map[string]error, err error) {
	run := func(items []mcaItem) (map[string]float64, error) {
		var in bytes.Buffer
		writeMCAInput(&in, items)
		cmd := exec.CommandContext(ctx, tool, "-mtriple=aarch64", "-mcpu="+model, "-iterations=1",
			"--resource-pressure=false", "--instruction-info=false")
		cmd.Stdin = &in
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("%s -mcpu=%s: %v: %s", tool, model, err, firstLines(stderr.String(), 6))
		}
		if strings.Contains(stderr.String(), "not a recognized processor") {
			return nil, fmt.Errorf("%s has no %s model", tool, model)
		}
		return parseMCA(&out)
	}
	cyc, errs = map[string]float64{}, map[string]error{}
	totals, err := run(items)
	if err != nil {
		if ctx.Err() != nil || strings.Contains(err.Error(), "no "+model+" model") {
			return nil, nil, err
		}
		// Find the culprit(s).
		var mu sync.Mutex
		var wg sync.WaitGroup
		sem := make(chan struct{}, 2)
		for _, it := range items {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				t, err := run([]mcaItem{it})
				var c float64
				if err == nil {
					c, err = cyclesPerIteration(t, it)
				}
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs[it.name] = err
				} else {
					cyc[it.name] = c
				}
			}()
		}
		wg.Wait()
		return cyc, errs, nil
	}
	for _, it := range items {
		c, err := cyclesPerIteration(totals, it)
		if err != nil {
			errs[it.name] = err
			continue
		}
		cyc[it.name] = c
	}
	return cyc, errs, nil
}

// firstLines returns at most n lines of s, for error messages.
func firstLines(s string, n int) string {
	ls := strings.SplitN(strings.TrimSpace(s), "\n", n+1)
	if len(ls) > n {
		ls = append(ls[:n], "...")
	}
	return strings.Join(ls, "\n")
}
