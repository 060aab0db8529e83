package main

import (
	"bytes"
	"github.com/connectedstrategy/connected/examples/internal/clitest"
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
	clitest.Help(t, func(w io.Writer, args []string) error { return run(w, io.Discard, args) }, "quickstart", "-customers")
}

// TestBadFlagsNameTheFlag checks that each bad value is rejected before any
// output, with the flag as typed and its range.
func TestBadFlagsNameTheFlag(t *testing.T) {
	clitest.BadFlags(t, func(w io.Writer, args []string) error { return run(w, io.Discard, args) }, []clitest.Bad{
		{Args: []string{"-customers", "0"}, Want: "-customers 0: want a whole number in [1, 1000000]"},
		{Args: []string{"-customers", "10", "-market", "5"}, Want: "-market 5: want at least -customers (10)"},
		{Args: []string{"-market", "3000000000"}, Want: "-market 3000000000: want a whole number in [1, 10000000]"},
		{Args: []string{"-market", "-4"}, Want: "-market -4: want a whole number in [1, 10000000]"},
		{Args: []string{"-periods", "0"}, Want: "-periods 0: want a whole number in [1, 10000]"},
		{Args: []string{"-horizon", "NaN"}, Want: "-horizon NaN: want a number in (0, 10000]"},
		{Args: []string{"-horizon", "0"}, Want: "-horizon 0: want a number in (0, 10000]"},
		{Args: []string{"-accuracy", "1.5"}, Want: "-accuracy 1.5: want a number in [0, 1]"},
	})
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
