package main

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected/internal/golden"
)

// small keeps the golden run fast under -race; CI also runs the program
// once with its defaults.
var small = []string{"-customers", "4000", "-periods", "12"}

func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, io.Discard, small); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden.Check(t, "quickstart.golden", buf.Bytes())
}

func TestProgressGoesToItsWriter(t *testing.T) {
	var out, progress bytes.Buffer
	if err := run(&out, &progress, []string{"-customers", "300", "-periods", "3"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(progress.String(), "3/3") || strings.Contains(out.String(), "3/3") {
		t.Errorf("progress bar in the wrong place:\nprogress %q", progress.String())
	}
	out.Reset()
	progress.Reset()
	if err := run(&out, &progress, []string{"-customers", "300", "-periods", "3", "-progress=false"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	if progress.Len() != 0 {
		t.Errorf("-progress=false still drew %q", progress.String())
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-nope"},
		{"-customers", "0"},
		{"-customers", "10", "-market", "5"},
		{"-periods", "0"},
		{"-horizon", "NaN"},
		{"-accuracy", "1.5"},
		{"extra"},
	} {
		if err := run(io.Discard, io.Discard, args); err == nil {
			t.Errorf("run(%q) accepted bad input", args)
		}
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		var buf bytes.Buffer
		if err := run(&buf, io.Discard, []string{arg}); err != nil {
			t.Errorf("run(%q) = %v, want nil", arg, err)
		}
		if !strings.Contains(buf.String(), "Usage of quickstart") || !strings.Contains(buf.String(), "-customers") {
			t.Errorf("run(%q) printed %q, want the usage", arg, buf.String())
		}
	}
}

// TestBadFlagsNameTheFlag checks that each bad value is rejected before any
// output, with the flag as typed and its range.
func TestBadFlagsNameTheFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-customers", "0"}, "-customers 0: want a whole number in [1, 1000000]"},
		{[]string{"-customers", "10", "-market", "5"}, "-market 5: want at least -customers (10)"},
		{[]string{"-market", "3000000000"}, "-market 3000000000: want a whole number in [1, 10000000]"},
		{[]string{"-market", "-4"}, "-market -4: want a whole number in [1, 10000000]"},
		{[]string{"-periods", "0"}, "-periods 0: want a whole number in [1, 10000]"},
		{[]string{"-horizon", "NaN"}, "-horizon NaN: want a number in (0, 10000]"},
		{[]string{"-horizon", "0"}, "-horizon 0: want a number in (0, 10000]"},
		{[]string{"-accuracy", "1.5"}, "-accuracy 1.5: want a number in [0, 1]"},
	} {
		var buf bytes.Buffer
		err := run(&buf, io.Discard, c.args)
		if err == nil || err.Error() != c.want {
			t.Errorf("run(%q) = %v, want %q", c.args, err, c.want)
		}
		if buf.Len() != 0 {
			t.Errorf("run(%q) wrote %q before failing", c.args, buf.String())
		}
	}
}

// TestTinyRun checks a run of one customer and one period: empty segments
// show "—", the delight chart's axis stays within [0, 1] and the x axis
// labels do not run together.
func TestTinyRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, io.Discard, []string{"-customers", "1", "-periods", "1", "-progress=false"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	rows := 0
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) == 7 && f[1] == "0.0%" {
			rows++
			if f[2] != "—" {
				t.Errorf("empty segment printed as numbers: %q", line)
			}
		}
	}
	if rows == 0 {
		t.Errorf("no empty segment row with one customer:\n%s", out)
	}
	_, chart, ok := strings.Cut(out, "Delight rate (")
	if !ok {
		t.Fatalf("no delight chart:\n%s", out)
	}
	for _, line := range strings.Split(chart, "\n")[1:17] {
		label := strings.TrimSpace(strings.SplitN(line, "|", 2)[0])
		if label == "" {
			continue
		}
		if v, err := strconv.ParseFloat(label, 64); err != nil || v < 0 || v > 1 {
			t.Errorf("delight axis label %q outside [0, 1]", label)
		}
	}
	if strings.Contains(out, "period 00") {
		t.Errorf("x labels run together:\n%s", out)
	}
}
