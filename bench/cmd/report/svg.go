package main

// A small SVG line-chart writer: panels of series on a log2 x axis, drawn
// with nothing but fmt.

import (
	"fmt"
	"html"
	"io"
	"math"
)

// Series is one line of a panel.
type Series struct {
	Name   string
	Dashed bool
	X      []int
	Y      []float64
}

// Panel is one small chart.
type Panel struct {
	Title  string
	Series []Series
}

var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd"}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// WriteSVG draws the panels in a grid of two columns.
func WriteSVG(w io.Writer, title, subtitle string, panels []Panel) {
	const (
		pw, ph         = 520, 350 // panel size
		ml, mr, mt, mb = 60, 20, 40, 80
		cols           = 2
		top            = 60
	)
	rows := (len(panels) + cols - 1) / cols
	width, height := cols*pw, top+rows*ph
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(w, `<text x="%d" y="24" font-size="16" font-weight="bold">%s</text>`+"\n", 10, html.EscapeString(title))
	fmt.Fprintf(w, `<text x="%d" y="44" fill="#555">%s</text>`+"\n", 10, html.EscapeString(subtitle))
	for i, p := range panels {
		ox, oy := (i%cols)*pw, top+(i/cols)*ph
		x0, y0 := float64(ox+ml), float64(oy+mt)
		iw, ih := float64(pw-ml-mr), float64(ph-mt-mb)
		maxX, maxY := 1, 0.0
		for _, s := range p.Series {
			for j := range s.X {
				maxX = max(maxX, s.X[j])
				if !math.IsNaN(s.Y[j]) && !math.IsInf(s.Y[j], 0) {
					maxY = max(maxY, s.Y[j])
				}
			}
		}
		maxY = niceCeil(maxY)
		lx := math.Log2(float64(maxX))
		if lx == 0 {
			lx = 1
		}
		px := func(x int) float64 { return x0 + iw*math.Log2(float64(x))/lx }
		py := func(y float64) float64 { return y0 + ih - ih*y/maxY }
		fmt.Fprintf(w, `<g><text x="%.0f" y="%d" font-size="13" font-weight="bold">%s</text>`+"\n", x0, oy+mt-12, html.EscapeString(p.Title))
		// Grid and axes.
		for k := 0; k <= 5; k++ {
			v := maxY * float64(k) / 5
			y := py(v)
			fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", x0, y, x0+iw, y)
			fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="end" fill="#333">%s</text>`+"\n", x0-6, y+4, trimNum(v))
		}
		for x := 1; x <= maxX; x *= 4 {
			fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#eee"/>`+"\n", px(x), y0, px(x), y0+ih)
			fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#333">%d</text>`+"\n", px(x), y0+ih+16, x)
		}
		fmt.Fprintf(w, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="none" stroke="#888"/>`+"\n", x0, y0, iw, ih)
		fmt.Fprintf(w, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#333">input length, bytes (log scale)</text>`+"\n", x0+iw/2, y0+ih+34)
		fmt.Fprintf(w, `<text transform="translate(%.1f %.1f) rotate(-90)" text-anchor="middle" fill="#333">bytes/ns</text>`+"\n", float64(ox+16), y0+ih/2)
		// Lines and legend.
		for si, s := range p.Series {
			color := palette[(si/2)%len(palette)]
			if si%2 == 1 {
				color = "#ff7f0e"
			}
			dash := ""
			if s.Dashed {
				dash = ` stroke-dasharray="6 4"`
			}
			fmt.Fprintf(w, `<polyline fill="none" stroke="%s" stroke-width="2"%s points="`, color, dash)
			for j := range s.X {
				y := s.Y[j]
				if math.IsNaN(y) || math.IsInf(y, 0) {
					continue
				}
				fmt.Fprintf(w, "%.1f,%.1f ", px(s.X[j]), py(y))
			}
			fmt.Fprintf(w, "\"><title>%s</title></polyline>\n", html.EscapeString(s.Name))
			ly := y0 + ih + 52 + float64(si)*16
			lx0 := x0
			fmt.Fprintf(w, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"%s/>`+"\n", lx0, ly-4, lx0+24, ly-4, color, dash)
			fmt.Fprintf(w, `<text x="%.1f" y="%.1f">%s</text>`+"\n", lx0+30, ly, html.EscapeString(s.Name))
		}
		fmt.Fprintf(w, "</g>\n")
	}
	fmt.Fprintf(w, "</svg>\n")
}

func trimNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2g", v)
}
