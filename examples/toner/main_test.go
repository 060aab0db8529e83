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
	golden.Run(t, "toner.golden", run)
	golden.Run(t, "toner-json.golden", run, "-json")
}

func runJSON(t *testing.T, args ...string) Report {
	t.Helper()
	var buf bytes.Buffer
	if err := run(&buf, append([]string{"-json"}, args...)); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestStudy checks the report's claims over the default run, for two seeds:
// below the eligibility rule's trust of 0.8 nobody is on auto-ship and the
// shares add up to one; every reported group has hundreds of customers;
// forced onto auto-ship, the customers who did not consent meet more privacy
// incidents and more delights, and end with higher trust and lower churn than
// as planned, because nearly all of them value auto-ship most; the customers
// who consented but value another strategy more end with lower trust and
// higher churn.
func TestStudy(t *testing.T) {
	for _, seed := range []string{"1", "2"} {
		rep := runJSON(t, "-seed", seed)
		for _, s := range rep.Grid {
			var sum float64
			for _, x := range s.Shares {
				sum += x
			}
			if sum < 0.999 || sum > 1.001 {
				t.Errorf("seed %s, (%v, %v): shares sum to %v", seed, s.Trust, s.Tolerance, sum)
			}
			if s.Trust < 0.8 && s.Shares[2] > 0 {
				t.Errorf("seed %s, trust %v: %v on auto-ship below the rule's threshold", seed, s.Trust, s.Shares[2])
			}
		}
		if len(rep.Studies) != 2 {
			t.Fatalf("seed %s: %d studies, want 2", seed, len(rep.Studies))
		}
		const large = 200
		b := rep.Base
		if rep.Reference.Customers < large || b.ConsentOnPlan != rep.Reference.Customers {
			t.Errorf("seed %s: reference group of %d (base counts %d)", seed, rep.Reference.Customers, b.ConsentOnPlan)
		}
		for _, s := range rep.Studies {
			if s.Customers < large || s.Planned.Customers != s.Customers || s.Forced.Customers != s.Customers {
				t.Errorf("seed %s, %s: %d customers (planned %d, forced %d), want ≥ %d", seed, s.Name,
					s.Customers, s.Planned.Customers, s.Forced.Customers, large)
			}
			var n int
			for _, r := range s.Eligibility {
				n += r.Count
			}
			if n != s.Customers {
				t.Errorf("seed %s, %s: eligibility counts sum to %d, want %d", seed, s.Name, n, s.Customers)
			}
			if len(s.Path) != rep.Periods+1 {
				t.Errorf("seed %s, %s: path of %d months, want %d", seed, s.Name, len(s.Path), rep.Periods+1)
			}
		}
		if b.NoConsent != rep.Studies[0].Customers || b.ConsentPrefer != rep.Studies[1].Customers ||
			b.NoConsent+b.ConsentPrefer+b.ConsentWant != rep.Customers {
			t.Errorf("seed %s: base counts %+v do not add up to %d customers", seed, b, rep.Customers)
		}

		nc := rep.Studies[0]
		if v(t, nc.Forced.Incidents) <= v(t, nc.Planned.Incidents) || v(t, nc.Forced.Delight) <= v(t, nc.Planned.Delight) {
			t.Errorf("seed %s, non-consenters: forcing did not raise incidents and delight: planned %+v, forced %+v",
				seed, nc.Planned, nc.Forced)
		}
		if v(t, nc.Forced.TrustEnd) <= v(t, nc.Planned.TrustEnd) || v(t, nc.Forced.Churned) >= v(t, nc.Planned.Churned) {
			t.Errorf("seed %s, non-consenters: forcing did not raise trust and lower churn: planned %+v, forced %+v",
				seed, nc.Planned, nc.Forced)
		}
		if float64(b.NoConsentWants) < 0.9*float64(b.NoConsent) {
			t.Errorf("seed %s: only %d of %d non-consenters value auto-ship most", seed, b.NoConsentWants, b.NoConsent)
		}
		pr := rep.Studies[1]
		if v(t, pr.Forced.TrustEnd) >= v(t, pr.Planned.TrustEnd) || v(t, pr.Forced.Churned) <= v(t, pr.Planned.Churned) {
			t.Errorf("seed %s, consenters who prefer another: forcing did not hurt: planned %+v, forced %+v",
				seed, pr.Planned, pr.Forced)
		}
	}
}

// TestNoIncidents checks that with -incident 0 there are none, and that
// forcing still hurts those who consented but value another strategy more:
// their harm comes from disappointments, not only from privacy incidents.
func TestNoIncidents(t *testing.T) {
	rep := runJSON(t, "-incident", "0", "-customers", "20000")
	groups := []Group{rep.Reference}
	for _, s := range rep.Studies {
		groups = append(groups, s.Planned, s.Forced)
	}
	for _, g := range groups {
		if v(t, g.Incidents) != 0 {
			t.Errorf("%s: %v incidents with -incident 0", g.Name, g.Incidents)
		}
	}
	pr := rep.Studies[1]
	if v(t, pr.Forced.TrustEnd) >= v(t, pr.Planned.TrustEnd) || v(t, pr.Forced.Disappoint) <= v(t, pr.Planned.Disappoint) {
		t.Errorf("consenters who prefer another: forcing did not hurt: planned %+v, forced %+v", pr.Planned, pr.Forced)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-trust", "0.95"}, {"-tolerance", "NaN"}, {"-periods", "0"},
		{"-incident", "-1"}, {"-customers", "0"}, {"extra"}} {
		var buf bytes.Buffer
		if err := run(&buf, args); err == nil {
			t.Errorf("run(%q) returned no error", args)
		}
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	clitest.Help(t, run, "toner", "-customers")
}

// TestBadFlagsNameTheFlag checks that each bad value is rejected before any
// output, with the flag as typed and its range.
func TestBadFlagsNameTheFlag(t *testing.T) {
	clitest.BadFlags(t, run, []clitest.Bad{
		{Args: []string{"-customers", "0"}, Want: "-customers 0: want a whole number in [1, 1000000]"},
		{Args: []string{"-trust", "0.95"}, Want: "-trust 0.95: want a number in [0.1, 0.9]"},
		{Args: []string{"-trust", "NaN"}, Want: "-trust NaN: want a number in [0.1, 0.9]"},
		{Args: []string{"-tolerance", "-1"}, Want: "-tolerance -1: want a number in [0, 1]"},
		{Args: []string{"-periods", "0"}, Want: "-periods 0: want a whole number in [1, 240]"},
		{Args: []string{"-periods", "241"}, Want: "-periods 241: want a whole number in [1, 240]"},
		{Args: []string{"-incident", "Inf"}, Want: "-incident +Inf: want a number in [0, 1]"},
	})
}

// v is *p, failing the test if the statistic is undefined (nil).
func v(t *testing.T, p *float64) float64 {
	t.Helper()
	if p == nil {
		t.Fatal("statistic undefined (nil) for a group that should have customers")
	}
	return *p
}

// TestEmptyGroups checks that statistics of groups with no customers, or no
// customer left, are printed as "—" and null rather than as 0, and that the
// reading states nothing about an empty group.
func TestEmptyGroups(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-tolerance", "1", "-customers", "300"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"0.000 (0.000 as planned)", "of 0 value auto-ship", "delights 0%"} {
		if strings.Contains(out, bad) {
			t.Errorf("output states %q of an empty group:\n%s", bad, out)
		}
	}
	for _, want := range []string{"nobody to force", "did not consent to auto-ship: no customers.",
		"consented, but value another strategy more: no customers.", "(no customers)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	rep := runJSON(t, "-tolerance", "1", "-customers", "300")
	for _, s := range rep.Studies {
		if s.Customers != 0 {
			t.Fatalf("%s: %d customers, want 0 with -tolerance 1", s.Name, s.Customers)
		}
		for _, g := range []Group{s.Planned, s.Forced} {
			if g.TrustStart != nil || g.TrustEnd != nil || g.Churned != nil || g.Delight != nil ||
				g.Disappoint != nil || g.Incidents != nil || g.BelowRule != nil {
				t.Errorf("%s, %s: statistics of no customers are not null: %+v", s.Name, g.Name, g)
			}
		}
		for _, p := range s.Path {
			if p.PlannedTrust != nil || p.PlannedActive != nil || p.ForcedTrust != nil || p.ForcedActive != nil {
				t.Errorf("%s, month %d: path of no customers is not null", s.Name, p.Period)
			}
		}
	}
	// Seed 0 with three customers: both non-consenters churn, so trust at
	// the end is undefined, not 0.
	rep = runJSON(t, "-customers", "3", "-seed", "0")
	nc := rep.Studies[0]
	if nc.Customers == 0 || *nc.Planned.Churned != 1 || nc.Planned.TrustEnd != nil || nc.Planned.BelowRule != nil {
		t.Errorf("all churned: got %+v, want churned 1 and trust end null", nc.Planned)
	}
}
