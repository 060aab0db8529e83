package learning

import (
	"math"
	"math/rand/v2"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
)

// Guard keeps serving the baseline strategy (buy-what-we-have, whose arm
// index the caller gives) until the evidence that another strategy beats it
// clears a lower confidence bound, then lets Policy choose among the
// baseline and the challengers that cleared it. This is the idea of Vowpal
// Wabbit's baseline challenger (--baseline_challenger_cb), applied to the
// customer's posterior, whose prior is their segment's pooled estimate: a new
// customer is guarded by what the segment has learned, a known one by their
// own history.
//
// Challenger i qualifies when the normal lower confidence bound of the
// difference of posterior means is positive:
//
//	E[θ_i] − E[θ_b] − Z·√(Var[θ_i] + Var[θ_b]) > 0
//
// with Beta means α/(α+β) and variances αβ/((α+β)²(α+β+1)). A Guard is an
// immutable value, safe to share.
type Guard struct {
	Policy   Policy  // chooses among the baseline and qualified challengers; nil means Thompson{}
	Baseline int     // arm index of the baseline; it must be eligible
	Z        float64 // z-score of the one-sided bound, > 0; 0 means 1.645 (95 % one-sided)
}

func (g Guard) z(op string) (float64, error) {
	if g.Z == 0 {
		return 1.645, nil
	}
	return g.Z, check.Positive(op, "Z", g.Z)
}

// mask writes into m the baseline and every eligible arm that clears the
// bound against it.
func (g Guard) mask(op string, arms []Beta, eligible []bool, m []bool) error {
	if _, err := checkArms(op, arms, eligible); err != nil {
		return err
	}
	z, err := g.z(op)
	if err != nil {
		return err
	}
	b := g.Baseline
	if b < 0 || b >= len(arms) {
		return connected.NewFieldError(op, "Baseline", b, connected.ErrOutOfRange)
	}
	if !eligible[b] {
		return connected.NewFieldError(op, "Baseline", b, connected.ErrInfeasible)
	}
	mb, vb := arms[b].Mean(), arms[b].Var()
	for i, a := range arms {
		m[i] = i == b || (eligible[i] && a.Mean()-mb-z*math.Sqrt(a.Var()+vb) > 0)
	}
	return nil
}

// Qualified returns which arms the guard lets Policy consider: the baseline
// and the eligible challengers that clear the bound.
func (g Guard) Qualified(arms []Beta, eligible []bool) ([]bool, error) {
	m := make([]bool, len(arms))
	if err := g.mask("learning.Guard.Qualified", arms, eligible, m); err != nil {
		return nil, err
	}
	return m, nil
}

// Choose implements [Policy]. With this package's policies it does not
// allocate (the mask lives on the stack).
func (g Guard) Choose(r *rand.Rand, arms []Beta, eligible []bool) (int, error) {
	if err := checkRand("learning.Guard.Choose", r); err != nil {
		return -1, err
	}
	var buf [MaxArms]bool
	m := buf[:min(len(arms), MaxArms)]
	if err := g.mask("learning.Guard.Choose", arms, eligible, m); err != nil {
		return -1, err
	}
	switch p := g.Policy.(type) {
	case nil, Thompson:
		best, bv := -1, -1.0
		for i, a := range arms {
			if m[i] {
				if v := betaDraw(r, a.Alpha, a.Beta); v > bv {
					best, bv = i, v
				}
			}
		}
		return best, nil
	case Greedy:
		return argmaxMean(r, arms, m), nil
	case Fixed:
		return p.pick("learning.Guard.Choose", arms, m)
	default:
		// Copies keep arms and the mask from escaping on the paths above.
		return g.Policy.Choose(r, append([]Beta(nil), arms...), append([]bool(nil), m...))
	}
}

// Probabilities implements [Policy]: Policy's probabilities over the
// qualified arms, 0 elsewhere.
func (g Guard) Probabilities(arms []Beta, eligible []bool) ([]float64, error) {
	m, err := g.Qualified(arms, eligible)
	if err != nil {
		return nil, err
	}
	if g.Policy == nil {
		return ThompsonProbabilities(arms, m)
	}
	return g.Policy.Probabilities(arms, m)
}
