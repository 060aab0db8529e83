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
	golden.Run(t, "pharmacy.golden", run)
	golden.Run(t, "pharmacy-json.golden", run, "-json")
}

// TestStudy checks the claims the report makes: the nudge's gain rises with
// inertia and need knowledge, it hurts at the lowest inertia, the break-even
// nuisance is the gain plus the nuisance at the typical need knowledge, and
// nobody without consent covering the data is reminded.
func TestStudy(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-json", "-customers", "500", "-revoke", "0.3"}); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	for _, c := range []Case{rep.Refill, rep.Checkin} {
		for i := range c.Gain {
			for k := range c.Gain[i] {
				if i > 0 && c.Gain[i][k] < c.Gain[i-1][k] {
					t.Errorf("%s: gain falls with inertia at (%d,%d)", c.Reminder, i, k)
				}
				if k > 0 && i > 1 && c.Gain[i][k] < c.Gain[i][k-1] {
					t.Errorf("%s: gain falls with need knowledge at (%d,%d)", c.Reminder, i, k)
				}
			}
		}
		for i := 1; i < len(c.BreakEven); i++ {
			if c.BreakEven[i] < c.BreakEven[i-1] {
				t.Errorf("%s: break-even nuisance falls with inertia at %d", c.Reminder, i)
			}
		}
	}
	// At the lowest inertia the check-in reminder, which saves no
	// recognition lag worth its nuisance, does not pay; the refill
	// reminder pays there only by its timeliness, far less than for inert
	// patients.
	if c := rep.Checkin; c.Gain[0][len(knowledgeGrid)-1] >= 0 || c.BreakEven[0] >= c.Nuisance {
		t.Errorf("%s: the reminder pays at the lowest inertia", c.Reminder)
	}
	if c := rep.Refill; !(c.BreakEven[0] < c.BreakEven[len(c.BreakEven)-1]/3) {
		t.Errorf("%s: break-even at the lowest inertia %v is not far below the highest %v", c.Reminder, c.BreakEven[0], c.BreakEven[len(c.BreakEven)-1])
	}
	byName := map[string]ConsentSegment{}
	for _, s := range rep.Consent.Segments {
		byName[s.Name] = s
	}
	for _, s := range rep.Plan.Segments {
		eligible := byName[s.Name].Reasons[0]
		if eligible.Reason != "eligible" {
			t.Fatalf("first reason is %q, want eligible", eligible.Reason)
		}
		if eligible.Count == 0 && len(s.Assigned) > 2 && s.Assigned[2] > 0 {
			t.Errorf("%s: nobody is eligible, yet %v are reminded", s.Name, s.Assigned[2])
		}
	}
	if n := byName["privacy-guarded"].Reasons[3].Count; n == 0 {
		t.Error("no privacy-guarded customer is refused for data not covered")
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-revoke", "2"}, {"-revoke", "NaN"}, {"-weeks", "-1"}, {"extra"}} {
		var buf bytes.Buffer
		if err := run(&buf, args); err == nil {
			t.Errorf("run(%q) returned no error", args)
		}
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	clitest.Help(t, run, "pharmacy", "-customers")
}

// TestBadFlagsNameTheFlag checks that each bad value is rejected before any
// output, with the flag as typed and its range.
func TestBadFlagsNameTheFlag(t *testing.T) {
	clitest.BadFlags(t, run, []clitest.Bad{
		{Args: []string{"-customers", "0"}, Want: "-customers 0: want a whole number in [1, 1000000]"},
		{Args: []string{"-customers", "-3"}, Want: "-customers -3: want a whole number in [1, 1000000]"},
		{Args: []string{"-revoke", "NaN"}, Want: "-revoke NaN: want a number in [0, 1]"},
		{Args: []string{"-revoke", "-0.1"}, Want: "-revoke -0.1: want a number in [0, 1]"},
		{Args: []string{"-weeks", "-1"}, Want: "-weeks -1: want a number in (0, 10000]"},
		{Args: []string{"-weeks", "0"}, Want: "-weeks 0: want a number in (0, 10000]"},
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

// TestEmptySegments checks that a segment with no sampled customer shows "—"
// for its mean inertia and split (null in -json), not 0.00 and 0%.
func TestEmptySegments(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-customers", "1"}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "0.00            0.0%") || !strings.Contains(buf.String(), "—") {
		t.Errorf("empty segments printed as numbers:\n%s", buf.String())
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
	for _, s := range rep.Plan.Segments {
		if (s.Inertia == nil) != (s.Assigned == nil) {
			t.Errorf("%s: inertia %v, assigned %v: want both null or neither", s.Name, s.Inertia, s.Assigned)
		}
		if s.Inertia == nil {
			empty++
		}
	}
	if empty != len(rep.Plan.Segments)-1 {
		t.Errorf("%d of %d segments null with one customer, want all but one", empty, len(rep.Plan.Segments))
	}
	if !strings.Contains(buf.String(), `"mean_inertia": null`) {
		t.Error(`want "mean_inertia": null for an empty segment`)
	}
}
