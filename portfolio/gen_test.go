package portfolio

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/connectedstrategy/connected/strategy"
)

// randomProblem builds a seeded instance like the benchmark: K
// strategies (the first buy-what-we-have, uncapacitated), N units with values
// in [0, 10) plus a per-strategy premium, 10% of pairs ineligible, and
// capacities on every other strategy summing to about 60% of the weight.
func randomProblem(seed uint64, n, k int, capped bool) Problem {
	r := rand.New(rand.NewPCG(seed, 1))
	ss := make([]strategy.Strategy, k)
	for j := range ss {
		kind := strategy.Kind(1 + j%5)
		if j > 0 && kind == strategy.BuyWhatWeHave {
			kind = strategy.RespondToDesire
		}
		ss[j] = strategy.Strategy{
			Name: fmt.Sprintf("s%d", j), Kind: kind, Orientation: strategy.Orientation(1 + j%2),
		}
		if j > 0 {
			ss[j].FixedCost = float64(n) * (0.2 + r.Float64())
			if capped {
				ss[j].Capacity = float64(n) * (0.1 + 0.5*r.Float64()) / float64(k-1) * 2
			}
		}
	}
	us := make([]Unit, n)
	vals := make([]float64, n*k)
	elig := make([]bool, n*k)
	for i := range us {
		u := Unit{ID: fmt.Sprintf("u%d", i), Weight: 0.5 + r.Float64()}
		u.Values = vals[i*k : (i+1)*k : (i+1)*k]
		u.Eligible = elig[i*k : (i+1)*k : (i+1)*k]
		for j := range u.Values {
			u.Values[j] = 10*r.Float64() + float64(j)*0.5
			u.Eligible[j] = j == 0 || r.Float64() >= 0.1
		}
		us[i] = u
	}
	return Problem{Strategies: ss, Units: us, CoordinationCost: float64(n) * 0.1, SiloCost: float64(n) * 0.3}
}

// certificate checks the LP optimality of pl's assignment for its own open
// set independently of the solver: the plan is feasible (checked elsewhere)
// and the dual value at the plan's shadow prices,
//
//	D(λ) = Σ_i w_i max_{j open, eligible} (v_ij − λ_j) + Σ_j λ_j cap_j,
//
// equals the plan's value; it returns the relative difference.
func certificate(p *Problem, pl Plan) float64 {
	var d, scale float64
	for i, u := range p.Units {
		best := math.Inf(-1)
		for j, st := range pl.Strategies {
			if st.Open && (u.Eligible == nil || u.Eligible[j]) {
				best = max(best, u.Values[j]-st.ShadowPrice)
			}
		}
		d += u.Weight * best
		scale += u.Weight * math.Abs(u.Values[0])
		_ = i
	}
	for j, st := range pl.Strategies {
		if st.ShadowPrice < 0 {
			return math.Inf(1)
		}
		if st.ShadowPrice > 0 {
			d += st.ShadowPrice * p.Strategies[j].Capacity
		}
	}
	return (d - pl.Value) / max(pl.Scale, 1)
}
