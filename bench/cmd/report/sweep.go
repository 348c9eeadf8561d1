package main

// The -svg sweep: bytes/ns of the bytesx kernels and their standard
// references at input lengths from 1 to 4096, drawn as a chart.

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/hotpath-go/hotpath/bytesx"
	"golang.org/x/net/http/httpguts"
)

// sweepLengths are the input lengths of the chart: every power of two, its
// neighbours (where SIMD loops change step) and a few in between.
var sweepLengths = []int{1, 2, 3, 4, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 65, 96, 100,
	128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096}

var sinkSweep bool

// sweepPair is one panel of the chart: ours and the standard function it
// replaces, on an input of length n that makes both read every byte.
type sweepPair struct {
	title, ours, peer string
	mk                func(n int) (ours, peer func())
}

func letters(n int, upper bool) string {
	b := make([]byte, n)
	for i := range b {
		c := byte('a' + i%26)
		if upper && i%2 == 0 {
			c -= 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

var sweepPairs = []sweepPair{
	{"Equal (equal inputs)", "bytesx.Equal", "bytes.Equal", func(n int) (func(), func()) {
		a, b := []byte(letters(n, false)), []byte(letters(n, false))
		return func() { sinkSweep = bytesx.Equal(a, b) }, func() { sinkSweep = bytes.Equal(a, b) }
	}},
	{"EqualFoldString (case differs)", "bytesx.EqualFoldString", "strings.EqualFold", func(n int) (func(), func()) {
		a, b := letters(n, false), letters(n, true)
		return func() { sinkSweep = bytesx.EqualFoldString(a, b) }, func() { sinkSweep = strings.EqualFold(a, b) }
	}},
	{"ValidHeaderValueString (valid)", "bytesx.ValidHeaderValueString", "httpguts.ValidHeaderFieldValue", func(n int) (func(), func()) {
		v := strings.Repeat("text/html; q=0.9 ", n/17+1)[:n]
		return func() { sinkSweep = bytesx.ValidHeaderValueString(v) }, func() { sinkSweep = httpguts.ValidHeaderFieldValue(v) }
	}},
	{"ValidHeaderNameString (valid)", "bytesx.ValidHeaderNameString", "httpguts.ValidHeaderFieldName", func(n int) (func(), func()) {
		v := strings.Repeat("X-Request-Id-", n/13+1)[:n]
		return func() { sinkSweep = bytesx.ValidHeaderNameString(v) }, func() { sinkSweep = httpguts.ValidHeaderFieldName(v) }
	}},
}

// loopBench turns f into a benchmark body.
func loopBench(f func()) func(*testing.B) {
	return func(b *testing.B) {
		for b.Loop() {
			f()
		}
	}
}

// runSweep measures every pair at every length (ours and the peer
// interleaved) and returns one chart panel per pair.
func runSweep(benchtime string, lengths []int, progress io.Writer) ([]Panel, error) {
	if err := setBenchtime(benchtime); err != nil {
		return nil, err
	}
	var panels []Panel
	for _, p := range sweepPairs {
		ours := Series{Name: p.ours}
		peer := Series{Name: p.peer, Dashed: true}
		for _, n := range lengths {
			of, pf := p.mk(n)
			// Two interleaved runs each; the faster one is plotted, which
			// keeps one-off disturbances out of the curve.
			bo, bp := math.Inf(1), math.Inf(1)
			for range 2 {
				so, err := measure(loopBench(of))
				if err != nil {
					return nil, err
				}
				sp, err := measure(loopBench(pf))
				if err != nil {
					return nil, err
				}
				bo, bp = min(bo, so.NsPerOp), min(bp, sp.NsPerOp)
			}
			ours.X, ours.Y = append(ours.X, n), append(ours.Y, float64(n)/bo)
			peer.X, peer.Y = append(peer.X, n), append(peer.Y, float64(n)/bp)
		}
		if progress != nil {
			fmt.Fprintf(progress, "sweep      %s: %d lengths\n", p.title, len(lengths))
		}
		panels = append(panels, Panel{Title: p.title, Series: []Series{ours, peer}})
	}
	return panels, nil
}

func writeSweepSVG(file, benchtime string, m Machine, progress io.Writer) error {
	panels, err := runSweep(benchtime, sweepLengths, progress)
	if err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	sub := fmt.Sprintf("%s, %s/%s, %s, kernel %s", m.CPU, m.GOOS, m.GOARCH, m.GoVersion, m.Kernel)
	WriteSVG(f, "hotpath bytesx vs the standard library: bytes/ns (higher is better) by input length", sub, panels)
	return f.Close()
}
