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
	golden.Run(t, "subscription.golden", run)
	golden.Run(t, "subscription-json.golden", run, "-json")
}

// TestSwitchingNeverHurtsCustomers checks the identity behind the option
// value: offering a superset of strategies never lowers the logsum, the
// shares of every regime add up to one, and customers never choose a
// strategy they are not offered.
func TestSwitchingNeverHurtsCustomers(t *testing.T) {
	for _, seed := range []string{"1", "2", "3"} {
		var buf bytes.Buffer
		if err := run(&buf, []string{"-json", "-seed", seed, "-customers", "300"}); err != nil {
			t.Fatal(err)
		}
		var rep Report
		if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		for _, seg := range append(rep.Segments, rep.Total) {
			if seg.Customers == 0 {
				continue
			}
			if *seg.OptionValue < 0 {
				t.Errorf("seed %s, %s: option value %v < 0", seed, seg.Name, *seg.OptionValue)
			}
			for _, g := range []*Regime{seg.Fixed, seg.Switch} {
				var sum float64
				for _, c := range g.Chosen {
					sum += c
				}
				if d := sum - g.Stay; d > 1e-3 || d < -1e-3 {
					t.Errorf("seed %s, %s: chosen shares sum to %v, stay is %v", seed, seg.Name, sum, g.Stay)
				}
			}
			if *seg.Eligible == 0 && seg.Switch.Chosen[2] > 0 {
				t.Errorf("seed %s, %s: nobody is eligible for the subscription, yet %v choose it", seed, seg.Name, seg.Switch.Chosen[2])
			}
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-weeks", "0"}, {"-customers", "-1"}, {"extra"}} {
		var buf bytes.Buffer
		if err := run(&buf, args); err == nil {
			t.Errorf("run(%q) returned no error", args)
		}
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	clitest.Help(t, run, "subscription", "-customers")
}

// TestBadFlagsNameTheFlag checks that each bad value is rejected before any
// output, with the flag as typed and its range.
func TestBadFlagsNameTheFlag(t *testing.T) {
	clitest.BadFlags(t, run, []clitest.Bad{
		{Args: []string{"-customers", "-2"}, Want: "-customers -2: want a whole number in [1, 1000000]"},
		{Args: []string{"-customers", "0"}, Want: "-customers 0: want a whole number in [1, 1000000]"},
		{Args: []string{"-weeks", "0"}, Want: "-weeks 0: want a number in (0, 10000]"},
		{Args: []string{"-weeks", "-Inf"}, Want: "-weeks -Inf: want a number in (0, 10000]"},
		{Args: []string{"-weeks", "NaN"}, Want: "-weeks NaN: want a number in (0, 10000]"},
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

// TestEmptySegments checks that segments with no sampled household show "—"
// (null in -json), and that a zero change in profit is not stated as a rise.
func TestEmptySegments(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-customers", "1"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "by 0.00 euros") || strings.Contains(out, "instead of 60.4%") {
		t.Errorf("states a change where there is none:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "young-parents" && f[1] != "0" && f[1] != "—" {
			t.Fatalf("want young-parents empty with one household: %q", line)
		} else if len(f) > 2 && f[0] == "young-parents" && f[2] != "—" {
			t.Errorf("empty segment printed as numbers: %q", line)
		}
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
	for _, seg := range rep.Segments {
		if seg.Customers > 0 {
			continue
		}
		empty++
		if seg.Eligible != nil || seg.Assigned != nil || seg.Fixed != nil || seg.Switch != nil || seg.OptionValue != nil {
			t.Errorf("%s: statistics of no households are not null: %+v", seg.Name, seg)
		}
	}
	if empty != len(rep.Segments)-1 {
		t.Errorf("%d of %d segments empty with one household, want all but one", empty, len(rep.Segments))
	}
}
