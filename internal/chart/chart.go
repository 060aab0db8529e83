// Package chart draws the example programs' terminal charts and progress
// bars. It is for programs, not the library: it writes to the io.Writer it
// is given and nothing else.
package chart

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// A Series is one line of a chart: a name for the legend, the byte that
// marks it, and one value per period.
type Series struct {
	Name   string
	Mark   byte
	Values []float64
}

// Lines draws series as a terminal chart 16 rows high and at most 64 columns
// wide (periods are sampled to fit), with the y axis labelled at the top,
// middle and bottom with decimals digits. With decimals = 0 the axis starts
// at 0. Where two series share a cell the earlier one's mark shows. NaN and
// ±Inf values are skipped. Nothing is drawn for no series or no values.
func Lines(w io.Writer, title string, series []Series, decimals int) {
	const rows, maxCols = 16, 64
	periods := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range series {
		periods = max(periods, len(s.Values))
		for _, v := range s.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if periods == 0 || math.IsInf(lo, 1) {
		return
	}
	cols := min(periods, maxCols)
	if decimals == 0 {
		lo = min(lo, 0)
	}
	if hi <= lo {
		lo, hi = flatRange(lo, decimals)
	}
	grid := make([][]byte, rows)
	for r := range grid {
		grid[r] = []byte(strings.Repeat(" ", cols))
	}
	for i := len(series) - 1; i >= 0; i-- { // the first series is drawn last, on top
		s := series[i]
		for c := range cols {
			t := c * (periods - 1) / max(cols-1, 1)
			if t >= len(s.Values) {
				continue
			}
			v := s.Values[t]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			r := int(math.Round((hi - v) / (hi - lo) * float64(rows-1)))
			grid[r][c] = s.Mark
		}
	}
	fmt.Fprintf(w, "%s (", title)
	for i, s := range series {
		if i > 0 {
			fmt.Fprint(w, ", ")
		}
		fmt.Fprintf(w, "%c %s", s.Mark, s.Name)
	}
	fmt.Fprintln(w, ")")
	for r, line := range grid {
		label := ""
		if r == 0 || r == rows-1 || r == rows/2 {
			label = fmt.Sprintf("%.*f", decimals, hi-(hi-lo)*float64(r)/float64(rows-1))
		}
		fmt.Fprintf(w, "%9s |%s\n", label, strings.TrimRight(string(line), " "))
	}
	fmt.Fprintf(w, "%9s +%s\n", "", strings.Repeat("-", cols))
	fmt.Fprintf(w, "%9s  %s\n", "", xLabels(cols, periods))
}

// flatRange is the y range for a chart whose finite values all equal v. It
// pads toward zero, by a tenth of |v| but at least two units of the last
// decimal shown, and never across zero: [0.9v, v] for v > 0, [v, 0.9v] for
// v < 0, [0, 1] for v = 0. So a constant rate of 1 is drawn on [0.9, 1], not
// above 1, and a constant positive count never gets a negative axis.
func flatRange(v float64, decimals int) (lo, hi float64) {
	if v == 0 {
		return 0, 1
	}
	a := math.Abs(v)
	pad := min(a, max(a/10, 2*math.Pow10(-decimals)))
	if v > 0 {
		return v - pad, v
	}
	return v, v + pad
}

// xLabels labels the x axis of a chart cols wide: "period 0" at the left and
// the last period at the right edge when both fit with a space between,
// otherwise "periods 0–N" (or "period 0" for a single period).
func xLabels(cols, periods int) string {
	const left = "period 0"
	if periods <= 1 {
		return left
	}
	right := fmt.Sprint(periods - 1)
	if cols-len(left) > len(right) {
		return left + fmt.Sprintf("%*s", cols-len(left), right)
	}
	return "periods 0–" + right
}

// Progress draws a one-line progress bar, redrawn in place with a carriage
// return, and ends the line when done reaches total.
func Progress(w io.Writer, name string, done, total int) {
	const width = 30
	if total <= 0 {
		return
	}
	n := min(max(done, 0), total) * width / total
	fmt.Fprintf(w, "\r%-18s [%s%s] %d/%d", name, strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
	if done >= total {
		fmt.Fprintln(w)
	}
}
