package armcost

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// runBuild builds the harness with tags, runs items under QEMU with the
// plugin, and counts them; with o.Cycles it also disassembles the binary
// and prepares each traced iteration for llvm-mca.
func runBuild(ctx context.Context, tools Tools, o Options, work string, plugins *pluginBuilder, tags string, items []planItem) (*buildRun, error) {
	label := tags
	if label == "" {
		label = "default"
	}
	bin := filepath.Join(work, "harness-"+label)
	o.logf("building the arm64 harness (%s build)", label)
	args := []string{"build", "-o", bin}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	args = append(args, harnessPkg)
	cmd := exec.CommandContext(ctx, tools.Go, args...)
	cmd.Dir = o.Dir
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go %s (GOARCH=arm64; run armcost from inside the bench module): %v\n%s", strings.Join(args, " "), err, out)
	}

	nm, err := exec.CommandContext(ctx, tools.Go, "tool", "nm", bin).Output()
	if err != nil {
		return nil, fmt.Errorf("go tool nm %s: %v", bin, err)
	}
	syms, err := parseNM(bytes.NewReader(nm), symStart, symTrace, symStop)
	if err != nil {
		return nil, err
	}

	// The disassembly runs beside QEMU.
	var dis disasm
	disErr := make(chan error, 1)
	if o.Cycles {
		go func() {
			out, err := exec.CommandContext(ctx, tools.Objdump, "-d", "--no-show-raw-insn", bin).Output()
			if err != nil {
				disErr <- fmt.Errorf("%s -d %s: %v", tools.Objdump, bin, err)
				return
			}
			dis, err = parseObjdump(bytes.NewReader(out))
			disErr <- err
		}()
	} else {
		disErr <- nil
	}

	o.logf("running %d loops under qemu-aarch64 (%s build)", len(items), label)
	pluginOut := filepath.Join(work, "count-"+label+".txt")
	var plan strings.Builder
	for _, it := range items {
		plan.WriteString(it.line() + "\n")
	}
	var stdout, stderr bytes.Buffer
	for v := 1; ; {
		plugin, err := plugins.get(ctx, v)
		if err != nil {
			return nil, err
		}
		cmd = exec.CommandContext(ctx, tools.QEMU, "-cpu", "neoverse-n1",
			"-plugin", fmt.Sprintf("%s,start=%#x,trace=%#x,stop=%#x,out=%s", plugin, syms[symStart], syms[symTrace], syms[symStop], pluginOut),
			bin, fmt.Sprint("-n1=", o.N1), fmt.Sprint("-n2=", o.N2), fmt.Sprint("-reps=", o.Reps), fmt.Sprint("-trace=", o.Trace))
		cmd.Env = append(os.Environ(), "GODEBUG=asyncpreemptoff=1", "GOMAXPROCS=1", "GOGC=off")
		cmd.Stdin = strings.NewReader(plan.String())
		stdout.Reset()
		stderr.Reset()
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err = cmd.Run()
		if err == nil {
			break
		}
		// A newer QEMU may refuse the oldest plugin API: build for its minimum.
		if min, ok := pluginMinVersion(stderr.String()); ok && min > v {
			v = min
			continue
		}
		return nil, fmt.Errorf("qemu-aarch64 harness (%s build): %v\n%s", label, err, firstLines(stderr.String(), 20))
	}
	kernel, hws, err := parseHarness(&stdout)
	if err != nil {
		return nil, err
	}
	if tags == "purego" && kernel != "generic" {
		return nil, fmt.Errorf("the purego harness runs the %s kernels, not the generic code", kernel)
	}
	f, err := os.Open(pluginOut)
	if err != nil {
		return nil, fmt.Errorf("the plugin wrote nothing: %v", err)
	}
	pws, err := parsePlugin(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	ws, err := pair(hws, pws)
	if err != nil {
		return nil, fmt.Errorf("%s build: %v", label, err)
	}

	r := &buildRun{tags: tags, items: items, kernel: kernel,
		counts: make([]itemCount, len(items)), asm: make([]mcaItem, len(items)), asmErr: make([]error, len(items))}
	byItem := make([][]window, len(items))
	for _, w := range ws {
		if w.item < 0 || w.item >= len(items) {
			return nil, fmt.Errorf("%s build: window of item %d, the plan has %d", label, w.item, len(items))
		}
		byItem[w.item] = append(byItem[w.item], w)
	}
	for i, it := range items {
		if r.counts[i], err = countItem(byItem[i]); err != nil {
			return nil, fmt.Errorf("%s (%s build): %v", it.line(), label, err)
		}
	}
	if err := <-disErr; err != nil {
		return nil, err
	}
	if !o.Cycles {
		return r, nil
	}
	for i, it := range items {
		c := r.counts[i]
		if c.traceErr != nil {
			r.asmErr[i] = c.traceErr
			continue
		}
		lines, err := iterationAsm(dis, c.iteration)
		if err != nil {
			r.asmErr[i] = err
			continue
		}
		r.asm[i] = mcaItem{name: mcaName(tags + "|" + it.line()), lines: lines}
	}
	return r, nil
}
