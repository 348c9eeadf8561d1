package armcost

import (
	"fmt"
	"slices"
)

// itemCount is what the windows of one plan item say.
type itemCount struct {
	// perIter is the instructions of one loop iteration (baseline not yet
	// subtracted): (W(n2) − W(n1)) / (n2 − n1), W the minimum over the
	// repetitions of each window length.
	perIter float64
	// exact is true when every repetition of a window counted the same.
	exact bool
	// iteration is one iteration's executed blocks, from the two traced
	// windows; nil with traceErr set when they could not give one. It holds
	// traceCalls calls of the loop (a case's Period).
	iteration  []block
	traceCalls int
	traceErr   error
}

// countItem turns the windows of one item into its count.
func countItem(ws []window) (itemCount, error) {
	mins := map[int]uint64{}
	maxs := map[int]uint64{}
	var traced []window
	for _, w := range ws {
		if w.trace {
			traced = append(traced, w)
			continue
		}
		if m, ok := mins[w.iters]; !ok || w.count < m {
			mins[w.iters] = w.count
		}
		maxs[w.iters] = max(maxs[w.iters], w.count)
	}
	if len(mins) != 2 {
		return itemCount{}, fmt.Errorf("want counting windows of two lengths, have %d", len(mins))
	}
	var iters []int
	for n := range mins {
		iters = append(iters, n)
	}
	slices.Sort(iters)
	n1, n2 := iters[0], iters[1]
	if mins[n2] < mins[n1] {
		return itemCount{}, fmt.Errorf("%d iterations counted %d instructions, fewer than %d iterations (%d)", n2, mins[n2], n1, mins[n1])
	}
	c := itemCount{
		perIter: float64(mins[n2]-mins[n1]) / float64(n2-n1),
		exact:   mins[n1] == maxs[n1] && mins[n2] == maxs[n2],
	}
	c.traceErr = fmt.Errorf("not traced")
	// Traced windows come in pairs of t and t+1 iterations (times the
	// period); the first pair whose iterations repeat gives the iteration.
	for i := 0; i+1 < len(traced); i += 2 {
		short, long := traced[i], traced[i+1]
		if long.iters <= short.iters {
			c.traceErr = fmt.Errorf("traced windows of %d and %d iterations: want the second longer", short.iters, long.iters)
			continue
		}
		it, err := iterationBlocks(short.blocks, long.blocks)
		calls := long.iters - short.iters
		if err == nil {
			// The traced iteration must agree with the counting windows.
			if got, want := float64(blockInsns(it)), c.perIter*float64(calls); got != want {
				err = fmt.Errorf("one traced iteration holds %.0f instructions, the counting windows say %.1f", got, want)
			}
		}
		if err != nil {
			c.traceErr = err
			continue
		}
		c.iteration, c.traceCalls, c.traceErr = it, calls, nil
		break
	}
	return c, nil
}

// iterationBlocks finds one loop iteration in two traces of the same loop,
// short with t ≥ 2 iterations and long with t+1 (an iteration may be a
// period of several calls). Both are P·Iᵗ·E (prologue, iterations,
// epilogue), so they differ in length by |I| and share a prefix at least
// |P|+t·|I| long; the |I| blocks that end that shared prefix lie in the
// periodic part of long and so are one iteration (rotated, which changes
// nothing for a loop), and the |I| blocks before them must be the same.
func iterationBlocks(short, long []block) ([]block, error) {
	l := len(long) - len(short)
	if l <= 0 {
		return nil, fmt.Errorf("the longer trace has %d blocks, the shorter %d", len(long), len(short))
	}
	cp := 0
	for cp < len(short) && short[cp] == long[cp] {
		cp++
	}
	// With t ≥ 2 the shared prefix holds two iterations, the same blocks.
	if cp < 2*l {
		return nil, fmt.Errorf("the traces share %d blocks, less than two iterations (%d each)", cp, l)
	}
	it := long[cp-l : cp]
	if !slices.Equal(long[cp-2*l:cp-l], it) {
		return nil, fmt.Errorf("the loop's iterations do not repeat: different blocks ran")
	}
	return slices.Clone(it), nil
}

// blockInsns is the instructions of bs that the counts include: NOPs are
// left out.
func blockInsns(bs []block) uint64 {
	var n uint64
	for _, b := range bs {
		n += uint64(b.n - b.nops)
	}
	return n
}
