package portfolio

// A Plan is the optimal answer to a Problem: which strategies to build, whom
// to serve with each, what it is worth, and how far from optimal it can be at
// most. A Plan is an immutable value once returned and may be shared freely.
type Plan struct {
	Open             []string // names of the open strategies, in problem order (buy-what-we-have included)
	Net              float64  // Value − FixedCost − CoordinationCost − SiloCost
	Value            float64  // Σ amount × value over all assignments
	FixedCost        float64  // Σ fixed cost of the open strategies
	CoordinationCost float64  // Problem.CoordinationCost × max(0, k − 1)
	SiloCost         float64  // Problem.SiloCost when the open set spans both orientations, else 0
	// Bound is a proven upper bound on the net value of every feasible plan:
	// Net ≤ optimum ≤ Bound, with Bound − Net ≤ 1e-9 × Scale (see Gap).
	Bound       float64
	Assignments []Assignment    // every positive amount, by unit then strategy
	Strategies  []StrategyTotal // one per problem strategy, in problem order
	// Focus is the best plan with MaxOpen = 1 (CISR's "choose one digital
	// strategy"); Net − Focus.Net is the price of focus, ≥ 0.
	Focus Focus
	// OneSizeFitsAll is the best plan that gives one strategy to everyone
	// eligible for it (see Solve); Net − OneSizeFitsAll.Net ≥ 0 is the value
	// of the portfolio.
	OneSizeFitsAll OneSizeFitsAll
	// BaselineOnly reports that nothing beats buy-what-we-have: the optimal
	// open set holds only buy-what-we-have strategies.
	BaselineOnly bool
	// Scale is Σ_i weight_i × max_j |value_ij| + Σ_j fixed cost_j +
	// CoordinationCost × (strategies other than buy-what-we-have) + SiloCost,
	// the magnitude against which Gap is measured.
	Scale float64

	ids []string // unit IDs by index, for JSON
}

// Gap returns (Bound − Net) / max(Scale, |Net|), the relative optimality gap,
// or 0 when both are 0. Solve guarantees Gap ≤ 1e-9.
func (pl Plan) Gap() float64 {
	d := max(pl.Scale, abs(pl.Net))
	if d == 0 {
		return 0
	}
	return (pl.Bound - pl.Net) / d
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// An Assignment serves Amount of unit Unit's weight with strategy Strategy.
type Assignment struct {
	Unit     int     // index into Problem.Units
	Strategy int     // index into Problem.Strategies
	Amount   float64 // weight served, > 0
}

// A StrategyTotal sums what one strategy does in a plan.
type StrategyTotal struct {
	Name   string  // the strategy's name
	Open   bool    // whether the plan builds it
	Weight float64 // weight served, ≤ capacity when capacitated
	Value  float64 // Σ amount × value over its assignments
	// ShadowPrice is the optimal dual price of the strategy's capacity: the
	// gain in optimal value per extra unit of capacity for the plan's open
	// set, ≥ 0; 0 when it is closed, uncapacitated or not full.
	ShadowPrice float64
}

// Focus summarises the best plan restricted to one strategy besides
// buy-what-we-have.
type Focus struct {
	Open []string // names of its open strategies
	Net  float64  // its net value
	// Infeasible reports that no open set with at most one strategy besides
	// buy-what-we-have can absorb the weight; Open is then nil and Net 0.
	Infeasible bool
}

// OneSizeFitsAll summarises the best one-size-fits-all plan.
type OneSizeFitsAll struct {
	Strategy string  // the strategy everyone eligible gets
	Net      float64 // its net value
	// Infeasible reports that no such plan fits the capacities; Strategy is
	// then "" and Net 0.
	Infeasible bool
}
