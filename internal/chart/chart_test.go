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
