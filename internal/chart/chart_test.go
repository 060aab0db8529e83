package chart

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestLines(t *testing.T) {
	var buf bytes.Buffer
	Lines(&buf, "Active", []Series{
		{Name: "up", Mark: 'u', Values: []float64{0, 1, 2, 3}},
		{Name: "flat", Mark: 'f', Values: []float64{3, 3, 3, 3}},
	}, 0)
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if lines[0] != "Active (u up, f flat)" {
		t.Errorf("legend = %q", lines[0])
	}
	if len(lines) != 1+16+2 {
		t.Fatalf("got %d lines, want 19:\n%s", len(lines), buf.String())
	}
	if top := lines[1]; top != "        3 |fffu" {
		t.Errorf("top row = %q, want the first series over the second where they meet", top)
	}
	if bottom := lines[16]; bottom != "        0 |u" {
		t.Errorf("bottom row = %q", bottom)
	}
}

func TestLinesSkipsNonFinite(t *testing.T) {
	var buf bytes.Buffer
	Lines(&buf, "x", []Series{{Name: "a", Mark: 'a', Values: []float64{math.NaN(), math.Inf(1)}}}, 2)
	if buf.Len() != 0 {
		t.Errorf("drew a chart of no finite values:\n%s", buf.String())
	}
	Lines(&buf, "x", nil, 2)
	if buf.Len() != 0 {
		t.Errorf("drew a chart of no series")
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	Progress(&buf, "run", 5, 10)
	if got := buf.String(); !strings.Contains(got, "[###############...............] 5/10") || strings.HasSuffix(got, "\n") {
		t.Errorf("Progress(5/10) = %q", got)
	}
	buf.Reset()
	Progress(&buf, "run", 10, 10)
	if !strings.HasSuffix(buf.String(), "10/10\n") {
		t.Errorf("Progress(10/10) = %q", buf.String())
	}
	buf.Reset()
	Progress(&buf, "run", 1, 0)
	if buf.Len() != 0 {
		t.Errorf("Progress with total 0 drew %q", buf.String())
	}
}

func TestFlatRange(t *testing.T) {
	for _, c := range []struct {
		v        float64
		decimals int
		lo, hi   float64
	}{
		{1, 2, 0.9, 1},        // a constant rate of 1 stays within [0,1]
		{0.5, 2, 0.45, 0.5},   // pad a tenth downward
		{0, 2, 0, 1},          // zero: upward to 1
		{0, 0, 0, 1},          //
		{-4, 1, -4, -3.6},     // negative: pad toward zero
		{0.01, 2, 0, 0.01},    // at least two last digits, never below zero
		{0.05, 2, 0.03, 0.05}, // two hundredths, not half of one
		{300, 0, 270, 300},    //
	} {
		lo, hi := flatRange(c.v, c.decimals)
		if math.Abs(lo-c.lo) > 1e-12 || math.Abs(hi-c.hi) > 1e-12 {
			t.Errorf("flatRange(%v, %d) = [%v, %v], want [%v, %v]", c.v, c.decimals, lo, hi, c.lo, c.hi)
		}
	}
}

func TestLinesConstantRate(t *testing.T) {
	var buf bytes.Buffer
	Lines(&buf, "Delight rate", []Series{{Name: "a", Mark: 'a', Values: []float64{1}}}, 2)
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if len(lines) != 19 {
		t.Fatalf("got %d lines, want 19:\n%s", len(lines), buf.String())
	}
	for _, want := range []struct {
		row  int
		text string
	}{{1, "     1.00 |a"}, {9, "     0.95 |"}, {16, "     0.90 |"}} {
		if got := lines[want.row]; got != want.text {
			t.Errorf("row %d = %q, want %q", want.row, got, want.text)
		}
	}
}

func TestXLabels(t *testing.T) {
	for _, c := range []struct {
		cols, periods int
		want          string
	}{
		{1, 1, "period 0"},
		{2, 2, "periods 0–1"},
		{3, 3, "periods 0–2"},
		{9, 9, "periods 0–8"}, // "period 08" would run together
		{10, 10, "period 0 9"},
		{12, 12, "period 0  11"},
		{64, 200, "period 0" + strings.Repeat(" ", 53) + "199"},
	} {
		got := xLabels(c.cols, c.periods)
		if got != c.want {
			t.Errorf("xLabels(%d, %d) = %q, want %q", c.cols, c.periods, got, c.want)
		}
		if c.periods > 1 && strings.Contains(got, "period 0") && len(got) != c.cols {
			t.Errorf("xLabels(%d, %d) = %q is %d wide, want the axis width %d", c.cols, c.periods, got, len(got), c.cols)
		}
	}
}
