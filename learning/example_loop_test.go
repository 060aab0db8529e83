package learning_test

import (
	"fmt"
	"math"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/learning"
	"github.com/connectedstrategy/connected/portfolio"
	"github.com/connectedstrategy/connected/strategy"
)

// The flywheel on the default population and strategies: with consent the
// firm's accuracy climbs along its learning curve; with nobody consenting it
// stays exactly where it started.
func ExampleSimulate() {
	for _, tt := range []struct {
		name    string
		consent float64
	}{{"consent", 0}, {"no consent", -1}} { // ConsentScale: 0 means 1, negative means 0
		h, err := learning.Simulate(learning.LoopConfig{Seed: 1, Market: 2000, Periods: 20, ConsentScale: tt.consent}, nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		first, last := h.Periods[0], h.Periods[len(h.Periods)-1]
		fmt.Printf("%-10s accuracy %.3f → %.3f, active %d → %d\n", tt.name, first.Accuracy, last.Accuracy, first.Active, last.Active)
	}
	// Output:
	// consent    accuracy 0.510 → 0.828, active 166 → 1366
	// no consent accuracy 0.500 → 0.500, active 168 → 1238
}

// Aggregate runs the same loop as difference equations, fast enough for
// sweeps; Sweep summarizes replications per period.
func ExampleSweep() {
	points := []learning.LoopConfig{{Market: 2000, Periods: 10}, {Market: 2000, Periods: 10, BassQ: -1}}
	s, err := learning.Sweep(points, learning.SweepConfig{Replications: 5, Aggregate: true, Representatives: 4}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, name := range []string{"q = 0.38", "q = 0"} {
		last := s[i][9]
		fmt.Printf("%s: %.0f active after 10 periods (sd %.0f)\n", name, last.Active.Mean, last.Active.SD)
	}
	// Output:
	// q = 0.38: 836 active after 10 periods (sd 71)
	// q = 0: 416 active after 10 periods (sd 10)
}

// A portfolio.Plan decides which strategies to build; the loop then runs
// with only those open. Here each segment of the default population is one
// unit whose value per strategy is the margin its typical member brings per
// period (need probability × delight at accuracy 0.85, which learning reaches, × 20% of the need's
// value, minus the variable cost), for a market of 20,000.
func ExampleOpenFromPlan() {
	ss := strategy.Default()
	pop := customer.DefaultPopulation()
	var model customer.Model
	prob := portfolio.Problem{Strategies: ss}
	for _, seg := range pop.Segments {
		c := customer.Customer{Traits: seg.MeanTraits(), Trust: seg.Trust}
		u := portfolio.Unit{ID: seg.Name, Weight: 20000 * seg.Share, Values: make([]float64, len(ss)), Eligible: make([]bool, len(ss))}
		for k, s := range ss {
			d, err := model.Delight(c, s, 0.85)
			if err != nil {
				fmt.Println(err)
				return
			}
			need := -math.Expm1(-c.Traits.Frequency)
			u.Values[k] = need * (d*0.2*c.Traits.NeedValue - s.VariableCost)
			// Serve a segment with a consent-needing strategy only if most
			// of its members consent to it.
			u.Eligible[k] = !s.NeedsConsent
			for _, cr := range seg.Consent {
				if cr.Kind == s.Kind && cr.Prob >= 0.5 {
					u.Eligible[k] = true
				}
			}
		}
		prob.Units = append(prob.Units, u)
	}
	plan, err := portfolio.Solve(prob)
	if err != nil {
		fmt.Println(err)
		return
	}
	open, err := learning.OpenFromPlan(ss, plan.Open)
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := learning.Simulate(learning.LoopConfig{Seed: 1, Open: open, Periods: 26}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	last := h.Periods[len(h.Periods)-1]
	fmt.Printf("open: %v\n", plan.Open)
	fmt.Printf("after 26 periods: %d active, delight %.2f, profit %.0f per period\n", last.Active, last.DelightRate, last.Profit)
	// Output:
	// open: [buy-what-we-have curated-offering coach-behavior]
	// after 26 periods: 14500 active, delight 0.58, profit 33615 per period
}
