package connected_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/learning"
	"github.com/connectedstrategy/connected/portfolio"
	"github.com/connectedstrategy/connected/strategy"
)

// Example runs the whole flow: sample customers, plan which strategies to
// build and whom to serve with each for a year of weekly periods, then let
// the firm learn on the planned strategies for four months.
func Example() {
	ss := strategy.Default()
	cs, err := customer.DefaultPopulation().Sample(rand.New(rand.NewPCG(1, 0)), 5000)
	if err != nil {
		panic(err)
	}

	// Each sampled customer stands for 20 of the firm's 100,000.
	weights := make([]float64, len(cs))
	for i := range weights {
		weights[i] = 20
	}
	problem, err := portfolio.Market{Strategies: ss, Customers: cs, Weights: weights, Horizon: 52}.Problem()
	if err != nil {
		panic(err)
	}
	plan, err := portfolio.Solve(problem)
	if err != nil {
		panic(err)
	}
	fmt.Println("build:", plan.Open)
	fmt.Printf("price of focus %.0f, gain over one size for all %.0f, gap %.0e\n",
		plan.Net-plan.Focus.Net, plan.Net-plan.OneSizeFitsAll.Net, plan.Gap())

	open, err := learning.OpenFromPlan(ss, plan.Open)
	if err != nil {
		panic(err)
	}
	h, err := learning.Simulate(learning.LoopConfig{
		Strategies: ss, Open: open, Seed: 1,
		Market: 10000, Customers: 5000, Periods: 16,
	}, nil)
	if err != nil {
		panic(err)
	}
	first, last := h.Periods[0], h.Periods[len(h.Periods)-1]
	fmt.Printf("active %d → %d, delight %.2f → %.2f, accuracy %.2f → %.2f\n",
		first.Active, last.Active, first.DelightRate, last.DelightRate, first.Accuracy, last.Accuracy)
	// Output:
	// build: [buy-what-we-have respond-to-desire curated-offering coach-behavior]
	// price of focus 294616, gain over one size for all 2126513, gap 0e+00
	// active 5291 → 7148, delight 0.43 → 0.58, accuracy 0.51 → 0.88
}
