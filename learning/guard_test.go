package learning

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGuardQualified(t *testing.T) {
	tests := []struct {
		name string
		arms []Beta
		elig []bool
		want []bool
	}{
		// No evidence: nothing beats the baseline credibly.
		{"flat priors keep the baseline", []Beta{{1, 1}, {1, 1}, {1, 1}}, []bool{true, true, true}, []bool{true, false, false}},
		// Baseline 0.5 ± 0.035 (n=200); arm 1 0.7 ± 0.032: diff 0.2, sd 0.048 → z 4.2.
		{"clear winner qualifies", []Beta{{100, 100}, {140, 60}, {11, 9}}, []bool{true, true, true}, []bool{true, true, false}},
		// Same evidence but ineligible.
		{"ineligible winner does not", []Beta{{100, 100}, {140, 60}}, []bool{true, false}, []bool{true, false}},
		// Higher mean but too little evidence: 0.67 from 3 interactions.
		{"promising but uncertain", []Beta{{100, 100}, {2, 1}}, []bool{true, true}, []bool{true, false}},
	}
	for _, tt := range tests {
		got, err := Guard{}.Qualified(tt.arms, tt.elig)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Qualified mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestGuardKeepsBaselineUntilEvidence runs the guarded Thompson learner on one
// customer where arm 2 truly delights 80% and the baseline 40%: the baseline
// is served until arm 2's lower bound clears it, and afterwards arm 2 takes
// over. With a flat prior, one success on arm 2 is never enough.
func TestGuardKeepsBaselineUntilEvidence(t *testing.T) {
	l := mustNew(t, Config{Customers: 1, Arms: 3})
	r := rand.New(rand.NewPCG(9, 9))
	elig := []bool{true, true, true}
	g := Guard{Baseline: 0}
	// Serve the baseline 50 times (as the guard would): 20 successes.
	for i := range 50 {
		_ = l.Update(0, 0, float64(btoi(i%5 < 2)))
	}
	for range 20 {
		a, err := l.Choose(r, g, 0, elig)
		if err != nil {
			t.Fatal(err)
		}
		if a != 0 {
			t.Fatalf("guard chose %d without evidence", a)
		}
	}
	// Evidence for arm 2 arrives from elsewhere (e.g. an experiment): 16/20.
	for i := range 20 {
		_ = l.Update(0, 2, float64(btoi(i%5 != 0)))
	}
	arms, _ := l.Posteriors(nil, 0)
	// Closed form: baseline Beta(21, 31), arm 2 Beta(17, 5); the bound is
	// 0.773 − 0.404 − 1.645·√(0.00783 + 0.00455) = 0.186 > 0.
	lcb := arms[2].Mean() - arms[0].Mean() - 1.645*math.Sqrt(arms[2].Var()+arms[0].Var())
	if lcb <= 0 {
		t.Fatalf("test setup: lower bound %v", lcb)
	}
	chose2 := 0
	for range 200 {
		a, err := l.Choose(r, g, 0, elig)
		if err != nil {
			t.Fatal(err)
		}
		if a == 1 {
			t.Fatal("unqualified arm 1 chosen")
		}
		chose2 += btoi(a == 2)
	}
	if chose2 < 180 {
		t.Errorf("qualified arm 2 chosen %d/200 times, want most", chose2)
	}
}
