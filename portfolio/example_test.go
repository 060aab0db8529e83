package portfolio_test

import (
	"math/rand/v2"

	"fmt"
	"github.com/connectedstrategy/connected/customer"

	"github.com/connectedstrategy/connected/portfolio"
	"github.com/connectedstrategy/connected/strategy"
)

func ExampleSolve() {
	p := portfolio.Problem{
		Strategies: []strategy.Strategy{
			{Name: "catalogue", Kind: strategy.BuyWhatWeHave, Orientation: strategy.Engagement},
			{Name: "one-click", Kind: strategy.RespondToDesire, Orientation: strategy.Engagement, FixedCost: 20},
			{Name: "auto-refill", Kind: strategy.AutomaticExecution, Orientation: strategy.Solutions, FixedCost: 40, Capacity: 25},
		},
		Units: []portfolio.Unit{
			{ID: "loyal", Weight: 20, Values: []float64{1, 4, 6}},
			{ID: "browsers", Weight: 15, Values: []float64{2, 5, 3}, Eligible: []bool{true, true, false}},
			{ID: "routine", Weight: 10, Values: []float64{1, 3, 7}},
		},
		CoordinationCost: 5,
		SiloCost:         10,
	}
	pl, err := portfolio.Solve(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("open %v: net %.1f (bound %.1f)\n", pl.Open, pl.Net, pl.Bound)
	for _, a := range pl.Assignments {
		fmt.Printf("  %-8s %-11s %4.1f\n", p.Units[a.Unit].ID, p.Strategies[a.Strategy].Name, a.Amount)
	}
	fmt.Printf("auto-refill capacity is worth %.1f per unit\n", pl.Strategies[2].ShadowPrice)
	fmt.Printf("focus on %v: net %.1f\n", pl.Focus.Open, pl.Focus.Net)
	fmt.Printf("one size fits all (%s): net %.1f\n", pl.OneSizeFitsAll.Strategy, pl.OneSizeFitsAll.Net)
	// Output:
	// open [catalogue one-click auto-refill]: net 180.0 (bound 180.0)
	//   loyal    one-click    5.0
	//   loyal    auto-refill 15.0
	//   browsers one-click   15.0
	//   routine  auto-refill 10.0
	// auto-refill capacity is worth 2.0 per unit
	// focus on [catalogue one-click]: net 165.0
	// one size fits all (one-click): net 165.0
}

func ExamplePlan_Explain() {
	p := portfolio.Problem{
		Strategies: []strategy.Strategy{
			{Name: "catalogue", Kind: strategy.BuyWhatWeHave, Orientation: strategy.Engagement},
			{Name: "auto-refill", Kind: strategy.AutomaticExecution, Orientation: strategy.Solutions, FixedCost: 10, Capacity: 2},
			{Name: "coach", Kind: strategy.CoachBehavior, Orientation: strategy.Engagement, FixedCost: 100},
		},
		Units: []portfolio.Unit{
			{ID: "a", Weight: 1, Values: []float64{1, 9, 2}},
			{ID: "b", Weight: 1, Values: []float64{1, 8, 2}},
			{ID: "c", Weight: 1, Values: []float64{1, 6, 3}},
			{ID: "d", Weight: 1, Values: []float64{2, 7, 1}, Eligible: []bool{true, false, true},
				Reasons: []string{"", "trust too low for automatic execution", ""}},
		},
	}
	pl, _ := portfolio.Solve(p)
	for _, i := range []int{2, 3} {
		ex, _ := pl.Explain(p, i)
		fmt.Println(ex)
	}
	// Output:
	// unit "c": served with catalogue (value 1); runner-up auto-refill, margin -5
	//   auto-refill: full (value 6, capacity price 5)
	//   coach: not built (value 3)
	// unit "d": served with catalogue (value 2)
	//   auto-refill: ineligible (trust too low for automatic execution)
	//   coach: not built (value 1)
}

func ExampleMarket_Problem() {
	cs, err := customer.DefaultPopulation().Sample(rand.New(rand.NewPCG(1, 2)), 2000)
	if err != nil {
		fmt.Println(err)
		return
	}
	weights := make([]float64, len(cs))
	for i := range weights {
		weights[i] = 100 // each sampled customer stands for 100 like them
	}
	m := portfolio.Market{
		Strategies:       strategy.Default(), // fixed costs per period
		Customers:        cs,
		Weights:          weights,
		Horizon:          52, // a year of weekly periods
		CoordinationCost: 500,
		SiloCost:         1000,
	}
	p, err := m.Problem()
	if err != nil {
		fmt.Println(err)
		return
	}
	pl, err := portfolio.Solve(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("build %v\n", pl.Open)
	fmt.Printf("net %.0f, price of focus %.0f, value of the portfolio over %s for all %.0f\n",
		pl.Net, pl.Net-pl.Focus.Net, pl.OneSizeFitsAll.Strategy, pl.Net-pl.OneSizeFitsAll.Net)
	for _, s := range pl.Strategies {
		if s.Open {
			fmt.Printf("  %-20s serves %6.0f customers\n", s.Name, s.Weight)
		}
	}
	// Output:
	// build [buy-what-we-have respond-to-desire curated-offering coach-behavior]
	// net 50220924, price of focus 960909, value of the portfolio over automatic-execution for all 4216892
	//   buy-what-we-have     serves 142900 customers
	//   respond-to-desire    serves  28100 customers
	//   curated-offering     serves   9300 customers
	//   coach-behavior       serves  19700 customers
}
