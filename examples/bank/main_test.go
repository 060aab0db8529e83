package main

import (
	"bytes"
	"encoding/json"
	"github.com/connectedstrategy/connected/examples/internal/clitest"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Run(t, "bank.golden", run)
	golden.Run(t, "bank-json.golden", run, "-json")
}

// TestJSONMatchesText checks that -json reports the same plans as the text:
// the price of focus is net − focus net, never negative, and the optimum is
// at least as good as every plan it is compared with.
func TestJSONMatchesText(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-json", "-customers", "200"}); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Studies) != 2 {
		t.Fatalf("got %d studies, want 2", len(rep.Studies))
	}
	for _, st := range rep.Studies {
		if got, want := len(st.Points), len(coordinationGrid)*len(siloGrid); got != want {
			t.Fatalf("got %d points, want %d", got, want)
		}
	}
	// With the coach counted as a solution, silo costs bind more often: the
	// optimum is focused at least as often as when the coach is engagement.
	if a, b := rep.Studies[0].Summary.Focused, rep.Studies[1].Summary.Focused; b < a {
		t.Errorf("focused points: coach as engagement %d, as solutions %d", a, b)
	}
	for _, p := range append(rep.Studies[0].Points, rep.Studies[1].Points...) {
		tol := 1e-6 * max(1, p.Net)
		if p.PriceOfFocus < 0 || p.Net < p.FocusNet-tol || p.Net < p.CombinedNet-tol || p.Net < p.OneSideNet-tol {
			t.Errorf("point %+v: the optimum is beaten", p)
		}
		if p.PriceOfFocus > 0 && abs(p.PriceOfFocus-(p.Net-p.FocusNet)) > tol {
			t.Errorf("point %+v: price of focus is not net − focus net", p)
		}
		if best := max(p.CombinedNet, p.OneSideNet); abs(best-p.Net) > tol {
			t.Errorf("point (%v, %v): Solve's net %v differs from the best enumerated open set %v",
				p.CoordinationCost, p.SiloCost, p.Net, best)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-scale", "0"}, {"-customers", "-1"}, {"extra"}} {
		var buf bytes.Buffer
		if err := run(&buf, args); err == nil {
			t.Errorf("run(%q) returned no error", args)
		}
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	clitest.Help(t, run, "bank", "-customers")
}

// TestBadFlagsNameTheFlag checks that each bad value is rejected before any
// output, with the flag as typed and its range.
func TestBadFlagsNameTheFlag(t *testing.T) {
	clitest.BadFlags(t, run, []clitest.Bad{
		{Args: []string{"-customers", "0"}, Want: "-customers 0: want a whole number in [1, 1000000]"},
		{Args: []string{"-customers", "2000000"}, Want: "-customers 2000000: want a whole number in [1, 1000000]"},
		{Args: []string{"-scale", "0"}, Want: "-scale 0: want a number in (0, 1e+06]"},
		{Args: []string{"-scale", "NaN"}, Want: "-scale NaN: want a number in (0, 1e+06]"},
		{Args: []string{"-scale", "1e300"}, Want: "-scale 1e+300: want a number in (0, 1e+06]"},
		{Args: []string{"-weeks", "0"}, Want: "-weeks 0: want a number in (0, 10000]"},
		{Args: []string{"-weeks", "-1"}, Want: "-weeks -1: want a number in (0, 10000]"},
		{Args: []string{"-weeks", "Inf"}, Want: "-weeks +Inf: want a number in (0, 10000]"},
		{Args: []string{"-weeks", "1e9"}, Want: "-weeks 1e+09: want a number in (0, 10000]"},
	})
}

// TestFractionalWeeksPrinted checks that a horizon under a week is printed as
// given, not rounded to "0 weeks".
func TestFractionalWeeksPrinted(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-customers", "50", "-weeks", "0.5"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(buf.String(), "0.5 weeks") || strings.Contains(buf.String(), " 0 weeks") {
		t.Errorf("want the horizon printed as 0.5 weeks:\n%s", buf.String())
	}
}

// TestEmptySegments checks that a segment with no sampled member shows "—"
// (null in -json), not a 0% split.
func TestEmptySegments(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-customers", "1"}); err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, line := range strings.Split(buf.String(), "\n") {
		f := strings.Fields(line)
		if len(f) == 8 && strings.Contains(f[0], "-") && f[1] == "0" {
			rows++
			if f[2] != "—" || f[7] != "—" {
				t.Errorf("empty segment printed as numbers: %q", line)
			}
		}
	}
	if rows == 0 {
		t.Errorf("no empty segment row found:\n%s", buf.String())
	}
	buf.Reset()
	if err := run(&buf, []string{"-customers", "1", "-json"}); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	empty := 0
	for _, m := range rep.Segments {
		if (m.Customers == 0) != (m.Served == nil) {
			t.Errorf("segment %s: %d customers, served %v: want null exactly when empty", m.Name, m.Customers, m.Served)
		}
		if m.Customers == 0 {
			empty++
		}
	}
	if empty == 0 || !strings.Contains(buf.String(), `"served": null`) {
		t.Errorf("want empty segments with \"served\": null, got %d empty", empty)
	}
}
