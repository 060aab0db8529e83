package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/connectedstrategy/connected/internal/golden"
)

func TestGolden(t *testing.T) {
	golden.Run(t, "toner.golden", run)
	golden.Run(t, "toner-json.golden", run, "-json")
}

// TestStudy checks the report's claims: below the eligibility rule's trust
// of 0.8 nobody is on auto-ship; shares add up to one; forcing auto-ship on
// customers who prefer another strategy lowers their trust and raises churn;
// and with no incidents configured there are none.
func TestStudy(t *testing.T) {
	for _, seed := range []string{"1", "2"} {
		var buf bytes.Buffer
		if err := run(&buf, []string{"-json", "-seed", seed, "-incident", "0"}); err != nil {
			t.Fatal(err)
		}
		var rep Report
		if err := json.Unmarshal(buf.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
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
		planned, forced := rep.Groups[1], rep.Groups[2]
		if forced.TrustEnd >= planned.TrustEnd || forced.Churned <= planned.Churned {
			t.Errorf("seed %s: forcing did not hurt: planned %+v, forced %+v", seed, planned, forced)
		}
		for _, g := range rep.Groups {
			if g.Incidents != 0 {
				t.Errorf("seed %s, %s: %v incidents with -incident 0", seed, g.Name, g.Incidents)
			}
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-trust", "0.95"}, {"-tolerance", "NaN"}, {"-periods", "0"}, {"-incident", "-1"}, {"extra"}} {
		var buf bytes.Buffer
		if err := run(&buf, args); err == nil {
			t.Errorf("run(%q) returned no error", args)
		}
	}
}
