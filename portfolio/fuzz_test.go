package portfolio

import (
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
)

// FuzzSolve feeds raw numbers into a two-strategy, three-unit problem: Solve
// must never panic and must return an error or a finite plan within the gap.
func FuzzSolve(f *testing.F) {
	f.Add(1.0, 2.0, 3.0, 0.5, 1.0, 0.0, 2.0)
	f.Add(math.NaN(), 2.0, 3.0, 0.5, 1.0, 0.0, 2.0)
	f.Add(1.0, math.Inf(1), 3.0, 0.5, 1.0, 0.0, 2.0)
	f.Add(1e300, 1e300, -1e300, 1e-300, 1e308, 1e308, 1e308)
	f.Add(1.0, 2.0, 3.0, math.Inf(-1), -1.0, math.NaN(), 0.0)
	f.Fuzz(func(t *testing.T, w, v1, v2, capacity, fixed, coord, silo float64) {
		p := Problem{
			Strategies: []strategy.Strategy{
				{Name: "b", Kind: strategy.BuyWhatWeHave, Orientation: strategy.Engagement, Capacity: math.Abs(capacity)},
				{Name: "a", Kind: strategy.AutomaticExecution, Orientation: strategy.Solutions, FixedCost: fixed, Capacity: capacity},
			},
			Units: []Unit{
				{ID: "x", Weight: w, Values: []float64{v1, v2}},
				{ID: "y", Weight: 1, Values: []float64{v2, v1}},
				{ID: "z", Weight: 2, Values: []float64{0, v2}, Eligible: []bool{true, v1 > v2}},
			},
			CoordinationCost: coord,
			SiloCost:         silo,
		}
		pl, err := Solve(p)
		if err != nil {
			var fe *connected.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *connected.FieldError", err)
			}
			return
		}
		for _, x := range []float64{pl.Net, pl.Bound, pl.Value, pl.Focus.Net, pl.OneSizeFitsAll.Net} {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("non-finite plan: %+v", pl)
			}
		}
		if pl.Gap() > exactTol {
			t.Fatalf("gap %v", pl.Gap())
		}
	})
}
