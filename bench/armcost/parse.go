package armcost

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// parseNM reads `go tool nm` output and returns the address of each wanted
// symbol; every one must be present, once, as text (T or t).
func parseNM(r io.Reader, want ...string) (map[string]uint64, error) {
	found := make(map[string]uint64, len(want))
	wanted := make(map[string]bool, len(want))
	for _, w := range want {
		wanted[w] = true
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		// "  cd440 T main.markerStart": address, type, name; an undefined
		// symbol has no address ("         U name").
		f := strings.Fields(sc.Text())
		if len(f) < 3 || !wanted[f[2]] {
			continue
		}
		if f[1] != "T" && f[1] != "t" {
			return nil, fmt.Errorf("nm: %s is %s, not a text symbol", f[2], f[1])
		}
		a, err := strconv.ParseUint(f[0], 16, 64)
		if err != nil {
			return nil, fmt.Errorf("nm: %s: bad address %q", f[2], f[0])
		}
		if _, dup := found[f[2]]; dup {
			return nil, fmt.Errorf("nm: %s appears twice", f[2])
		}
		found[f[2]] = a
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, w := range want {
		if _, ok := found[w]; !ok {
			return nil, fmt.Errorf("nm: no symbol %s (was the marker inlined or renamed?)", w)
		}
	}
	return found, nil
}

// block is one executed translation block: n instructions from addr.
type block struct {
	addr uint64
	n    int // instructions, NOPs included (llvm-mca sees the whole block)
	nops int // of which NOPs, which the counts leave out
}

// pluginWindow is one counting window as the plugin saw it.
type pluginWindow struct {
	count  uint64
	blocks []block // only in traced windows
}

// parsePlugin reads the plugin's output file: "b ADDR N NOPS" for each
// block executed in a traced window (N instructions, NOPS of them NOPs),
// "w COUNT" when a window closes (COUNT leaves NOPs out).
func parsePlugin(r io.Reader) ([]pluginWindow, error) {
	var ws []pluginWindow
	var cur []block
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 4 && f[0] == "b":
			a, err1 := strconv.ParseUint(f[1], 16, 64)
			n, err2 := strconv.Atoi(f[2])
			nops, err3 := strconv.Atoi(f[3])
			if err1 != nil || err2 != nil || err3 != nil || n <= 0 || nops < 0 || nops > n {
				return nil, fmt.Errorf("plugin output line %d: %q", line, sc.Text())
			}
			cur = append(cur, block{a, n, nops})
		case len(f) == 2 && f[0] == "w":
			c, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("plugin output line %d: %q", line, sc.Text())
			}
			ws = append(ws, pluginWindow{count: c, blocks: cur})
			cur = nil
		default:
			return nil, fmt.Errorf("plugin output line %d: %q", line, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(cur) > 0 {
		return nil, fmt.Errorf("plugin output ends inside a window (%d blocks after the last)", len(cur))
	}
	return ws, nil
}

// harnessWindow is one window as the harness announced it.
type harnessWindow struct {
	item  int
	trace bool
	iters int
}

// parseHarness reads the harness's standard output: "kernel FAMILY" and
// then "window ITEM KIND ITERS" per window.
func parseHarness(r io.Reader) (kernel string, ws []harnessWindow, err error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "kernel":
			kernel = f[1]
		case len(f) == 4 && f[0] == "window" && (f[2] == "count" || f[2] == "trace"):
			i, err1 := strconv.Atoi(f[1])
			n, err2 := strconv.Atoi(f[3])
			if err1 != nil || err2 != nil {
				return "", nil, fmt.Errorf("harness output: %q", sc.Text())
			}
			ws = append(ws, harnessWindow{item: i, trace: f[2] == "trace", iters: n})
		default:
			return "", nil, fmt.Errorf("harness output: %q", sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		return "", nil, err
	}
	if kernel == "" {
		return "", nil, fmt.Errorf("harness output has no kernel line")
	}
	return kernel, ws, nil
}

// window is a harness window with the plugin's count.
type window struct {
	harnessWindow
	pluginWindow
}

// pair matches the two streams window by window; they must agree in number,
// and a traced window's blocks must add up to its count.
func pair(hs []harnessWindow, ps []pluginWindow) ([]window, error) {
	if len(hs) != len(ps) {
		return nil, fmt.Errorf("the harness ran %d windows but the plugin closed %d", len(hs), len(ps))
	}
	ws := make([]window, len(hs))
	for i := range hs {
		ws[i] = window{hs[i], ps[i]}
		if hs[i].trace {
			var sum uint64
			for _, b := range ps[i].blocks {
				sum += uint64(b.n - b.nops)
			}
			if sum != ps[i].count || len(ps[i].blocks) == 0 {
				return nil, fmt.Errorf("window %d (item %d): traced blocks hold %d instructions, count is %d", i, hs[i].item, sum, ps[i].count)
			}
		} else if len(ps[i].blocks) > 0 {
			return nil, fmt.Errorf("window %d (item %d): blocks recorded in a window the harness did not trace", i, hs[i].item)
		}
	}
	return ws, nil
}
