package portfolio

import (
	"fmt"
	"math"
	"slices"

	"github.com/connectedstrategy/connected"
)

// Assign returns the optimal assignment for a given open set: open[j] says
// whether strategy j is built (strategies of kind buy-what-we-have are open
// whatever it says; MaxOpen is not applied). The Plan's Bound is the LP dual
// bound for this open set, and Focus and OneSizeFitsAll are left zero. It is
// the assignment step of Solve, exposed for callers who have already decided
// what to build (e.g. to re-serve customers after a capacity change).
//
// Errors: p.Validate's errors; magnitudes that could overflow (as for
// Solve); len(open) ≠ len(p.Strategies) (ErrMismatch,
// field "open"); and an open set whose capacities cannot absorb the weight
// (ErrInfeasible, field "strategies", naming them).
func Assign(p Problem, open []bool) (Plan, error) {
	const op = "portfolio.Assign"
	w := make([]float64, len(p.Units)) // the ID hashes, then the weights
	if err := p.validate(op, w); err != nil {
		return Plan{}, err
	}
	if len(open) != len(p.Strategies) {
		return Plan{}, connected.NewFieldError(op, "open", len(open), fmt.Errorf("want %d (one per strategy): %w", len(p.Strategies), connected.ErrMismatch))
	}
	m := newModel(&p, w)
	if err := m.overflow(op); err != nil {
		return Plan{}, err
	}
	o := slices.Clone(open)
	for j := range o {
		o[j] = o[j] || m.base[j]
	}
	primal, bound, ok := m.solveExact(o)
	if !ok {
		return Plan{}, m.infeasible(op)
	}
	se := &search{m: m, found: true, incOpen: o, incLam: slices.Clone(m.lp.lam), bound: math.Inf(-1)}
	pl := m.plan(se, true, primal, bound)
	return pl, nil
}
