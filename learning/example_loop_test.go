package learning_test

import (
	"fmt"

	"github.com/connectedstrategy/connected/learning"
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
	// consent    accuracy 0.510 → 0.823, active 165 → 1237
	// no consent accuracy 0.500 → 0.500, active 167 → 1187
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
	// q = 0.38: 779 active after 10 periods (sd 59)
	// q = 0: 397 active after 10 periods (sd 9)
}
