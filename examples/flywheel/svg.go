package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/connectedstrategy/connected/learning"
)

// writeSVG draws two panels (active customers, delight rate) with one
// polyline per scenario and a legend. Errors of w are ignored here; the
// caller checks Close.
func writeSVG(w io.Writer, ss []scenario) {
	const width, panelH, margin = 640, 220, 50
	colors := []string{"#1b7837", "#762a83", "#e08214"}
	height := 2*panelH + 3*margin
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(w, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	panels := []struct {
		title string
		m     learning.Metric
		zero  bool
	}{{"Active customers", learning.MetricActive, true}, {"Delight rate", learning.MetricDelight, false}}
	for i, pn := range panels {
		top := margin + i*(panelH+margin)
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, s := range ss {
			for _, p := range s.hist.Periods {
				lo, hi = min(lo, pn.m(p)), max(hi, pn.m(p))
			}
		}
		if pn.zero {
			lo = 0
		}
		if hi <= lo {
			hi = lo + 1
		}
		left, plotW := margin, width-2*margin
		fmt.Fprintf(w, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", left, top-10, pn.title)
		fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>`+"\n", left, top, plotW, panelH)
		fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="end">%.3g</text>`+"\n", left-4, top+4, hi)
		fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="end">%.3g</text>`+"\n", left-4, top+panelH, lo)
		for j, s := range ss {
			n := len(s.hist.Periods)
			var pts strings.Builder
			for t, p := range s.hist.Periods {
				x := float64(left) + float64(plotW)*float64(t)/float64(max(n-1, 1))
				y := float64(top) + float64(panelH)*(hi-pn.m(p))/(hi-lo)
				fmt.Fprintf(&pts, "%.1f,%.1f ", x, y)
			}
			fmt.Fprintf(w, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`+"\n", colors[j%len(colors)], strings.TrimSpace(pts.String()))
			if i == 0 {
				fmt.Fprintf(w, `<text x="%d" y="%d" fill="%s">%s</text>`+"\n", left+10, top+18+16*j, colors[j%len(colors)], s.name)
			}
		}
	}
	fmt.Fprintln(w, "</svg>")
}
