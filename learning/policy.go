package learning

import (
	"math"
	"math/rand/v2"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/internal/quad"
)

// A Policy chooses one strategy (arm) among the eligible ones given a
// posterior per arm, and reports the exact probability of each choice so
// that logged decisions carry propensities for off-policy evaluation.
//
// For every policy of this package: arms has 1..MaxArms valid Betas; eligible
// has the same length with at least one true entry; Choose never returns an
// ineligible arm, reads randomness only from r (a nil r is an error
// wrapping connected.ErrEmpty, except for Fixed, which reads none), and
// does not allocate;
// Probabilities returns len(arms) values, 0 for ineligible arms, summing to 1.
// Policies are small immutable values, safe to share between goroutines (each
// goroutine with its own *rand.Rand).
type Policy interface {
	Choose(r *rand.Rand, arms []Beta, eligible []bool) (int, error)
	Probabilities(arms []Beta, eligible []bool) ([]float64, error)
}

// Thompson is Thompson sampling (Thompson 1933; Chapelle & Li 2011): draw
// θ_i ~ Beta(α_i, β_i) for every eligible arm and choose the largest. Each
// draw is X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β) (Marsaglia & Tsang 2000).
// Its exact choice probabilities are [ThompsonProbabilities].
type Thompson struct{}

// Choose implements [Policy].
func (Thompson) Choose(r *rand.Rand, arms []Beta, eligible []bool) (int, error) {
	const op = "learning.Thompson.Choose"
	if err := checkRand(op, r); err != nil {
		return -1, err
	}
	if _, err := checkArms(op, arms, eligible); err != nil {
		return -1, err
	}
	best, bv := -1, -1.0
	for i, a := range arms {
		if !eligible[i] {
			continue
		}
		if v := betaDraw(r, a.Alpha, a.Beta); v > bv {
			best, bv = i, v
		}
	}
	return best, nil
}

// Probabilities implements [Policy]; see [ThompsonProbabilities].
func (Thompson) Probabilities(arms []Beta, eligible []bool) ([]float64, error) {
	return ThompsonProbabilities(arms, eligible)
}

// Greedy chooses the eligible arm with the largest posterior mean
// α/(α+β). Ties (exactly equal means) are split evenly: Choose picks one of
// the tied arms uniformly with r, and Probabilities gives each 1/(number
// tied). With a unique best arm Choose reads no randomness.
type Greedy struct{}

// Choose implements [Policy].
func (Greedy) Choose(r *rand.Rand, arms []Beta, eligible []bool) (int, error) {
	const op = "learning.Greedy.Choose"
	if err := checkRand(op, r); err != nil {
		return -1, err
	}
	if _, err := checkArms(op, arms, eligible); err != nil {
		return -1, err
	}
	return argmaxMean(r, arms, eligible), nil
}

// Probabilities implements [Policy].
func (Greedy) Probabilities(arms []Beta, eligible []bool) ([]float64, error) {
	if _, err := checkArms("learning.Greedy.Probabilities", arms, eligible); err != nil {
		return nil, err
	}
	p := make([]float64, len(arms))
	tieShares(p, arms, eligible, 1, Beta.Mean)
	return p, nil
}

// argmaxMean returns the eligible arm with the largest mean, ties broken
// uniformly with r.
func argmaxMean(r *rand.Rand, arms []Beta, eligible []bool) int {
	return argmaxBy(r, arms, eligible, Beta.Mean)
}

func argmaxBy(r *rand.Rand, arms []Beta, eligible []bool, score func(Beta) float64) int {
	best, ties := -1, 0
	var bv float64
	for i, a := range arms {
		if !eligible[i] {
			continue
		}
		v := score(a)
		switch {
		case best < 0 || v > bv:
			best, bv, ties = i, v, 1
		case v == bv:
			ties++
		}
	}
	if ties == 1 {
		return best
	}
	pick := r.IntN(ties)
	for i, a := range arms {
		if eligible[i] && score(a) == bv {
			if pick == 0 {
				return i
			}
			pick--
		}
	}
	return best // unreachable
}

// tieShares adds mass/(number tied) to p[i] for every eligible arm whose score
// equals the maximum.
func tieShares(p []float64, arms []Beta, eligible []bool, mass float64, score func(Beta) float64) {
	bv, ties := math.Inf(-1), 0
	for i, a := range arms {
		if !eligible[i] {
			continue
		}
		v := score(a)
		switch {
		case ties == 0 || v > bv:
			bv, ties = v, 1
		case v == bv:
			ties++
		}
	}
	for i, a := range arms {
		if eligible[i] && score(a) == bv {
			p[i] += mass / float64(ties)
		}
	}
}

// EpsilonGreedy explores with probability Epsilon, choosing uniformly among
// the m eligible arms, and otherwise acts as [Greedy] (Sutton & Barto,
// Reinforcement Learning, 2nd ed., §2.2). Choice probabilities:
//
//	P(i) = ε/m + (1−ε)·greedy(i)
//
// Epsilon must be in [0, 1]; 0 is pure greedy. A typical value is 0.1 (a
// modeling choice).
type EpsilonGreedy struct {
	Epsilon float64 // exploration probability in [0, 1]
}

// Choose implements [Policy].
func (e EpsilonGreedy) Choose(r *rand.Rand, arms []Beta, eligible []bool) (int, error) {
	const op = "learning.EpsilonGreedy.Choose"
	if err := checkRand(op, r); err != nil {
		return -1, err
	}
	if err := check.Unit(op, "Epsilon", e.Epsilon); err != nil {
		return -1, err
	}
	m, err := checkArms(op, arms, eligible)
	if err != nil {
		return -1, err
	}
	if e.Epsilon > 0 && r.Float64() < e.Epsilon {
		return nthEligible(eligible, r.IntN(m)), nil
	}
	return argmaxMean(r, arms, eligible), nil
}

// nthEligible returns the index of the n-th (0-based) eligible arm.
func nthEligible(eligible []bool, n int) int {
	for i, ok := range eligible {
		if ok {
			if n == 0 {
				return i
			}
			n--
		}
	}
	return -1
}

// Probabilities implements [Policy].
func (e EpsilonGreedy) Probabilities(arms []Beta, eligible []bool) ([]float64, error) {
	const op = "learning.EpsilonGreedy.Probabilities"
	if err := check.Unit(op, "Epsilon", e.Epsilon); err != nil {
		return nil, err
	}
	m, err := checkArms(op, arms, eligible)
	if err != nil {
		return nil, err
	}
	p := make([]float64, len(arms))
	for i, ok := range eligible {
		if ok {
			p[i] = e.Epsilon / float64(m)
		}
	}
	tieShares(p, arms, eligible, 1-e.Epsilon, Beta.Mean)
	return p, nil
}

// Fixed always chooses Arm, the one-size-fits-all policy. When Arm is not
// eligible for a customer (for instance consent was revoked) it chooses
// Fallback, typically buy-what-we-have, which the model makes always
// eligible; if neither is eligible it returns an error wrapping
// connected.ErrInfeasible. Fixed ignores the posteriors and reads no
// randomness.
type Fixed struct {
	Arm      int // the strategy served to everyone
	Fallback int // served when Arm is not eligible
}

func (f Fixed) pick(op string, arms []Beta, eligible []bool) (int, error) {
	if _, err := checkArms(op, arms, eligible); err != nil {
		return -1, err
	}
	for _, a := range [2]struct {
		name string
		i    int
	}{{"Arm", f.Arm}, {"Fallback", f.Fallback}} {
		if a.i < 0 || a.i >= len(arms) {
			return -1, connected.NewFieldError(op, a.name, a.i, connected.ErrOutOfRange)
		}
	}
	switch {
	case eligible[f.Arm]:
		return f.Arm, nil
	case eligible[f.Fallback]:
		return f.Fallback, nil
	}
	return -1, connected.NewFieldError(op, "Fallback", f.Fallback, connected.ErrInfeasible)
}

// Choose implements [Policy].
func (f Fixed) Choose(_ *rand.Rand, arms []Beta, eligible []bool) (int, error) {
	return f.pick("learning.Fixed.Choose", arms, eligible)
}

// Probabilities implements [Policy]: 1 on the chosen arm.
func (f Fixed) Probabilities(arms []Beta, eligible []bool) ([]float64, error) {
	i, err := f.pick("learning.Fixed.Probabilities", arms, eligible)
	if err != nil {
		return nil, err
	}
	p := make([]float64, len(arms))
	p[i] = 1
	return p, nil
}

// BayesUCB chooses the eligible arm with the largest posterior quantile
// Q_i(level) (Kaufmann, Cappé & Garivier, "On Bayesian upper confidence
// bounds for bandit problems", AISTATS 2012). Level in (0, 1) fixes the
// quantile; 0 means the paper's schedule 1 − 1/t with the pseudo-count clock
// t = 1 + Σ_i(α_i + β_i) over eligible arms (a modeling choice that lets the
// bound tighten as evidence accumulates). BayesUCB is deterministic up to
// ties, which are split evenly as in [Greedy]. Each quantile inverts the
// regularized incomplete beta function, so Choose costs a few µs per arm.
type BayesUCB struct {
	Level float64 // quantile level in (0, 1); 0 means 1 − 1/t
}

func (u BayesUCB) level(op string, arms []Beta, eligible []bool) (float64, error) {
	if u.Level != 0 {
		if err := check.Open(op, "Level", u.Level, 0, 1); err != nil {
			return 0, err
		}
		return u.Level, nil
	}
	t := 1.0
	for i, a := range arms {
		if eligible[i] {
			t += a.Alpha + a.Beta
		}
	}
	return 1 - 1/t, nil
}

// Choose implements [Policy].
func (u BayesUCB) Choose(r *rand.Rand, arms []Beta, eligible []bool) (int, error) {
	const op = "learning.BayesUCB.Choose"
	if err := checkRand(op, r); err != nil {
		return -1, err
	}
	if _, err := checkArms(op, arms, eligible); err != nil {
		return -1, err
	}
	q, err := u.level(op, arms, eligible)
	if err != nil {
		return -1, err
	}
	return argmaxBy(r, arms, eligible, func(b Beta) float64 { return quad.InvRegIncBeta(b.Alpha, b.Beta, q) }), nil
}

// Probabilities implements [Policy].
func (u BayesUCB) Probabilities(arms []Beta, eligible []bool) ([]float64, error) {
	const op = "learning.BayesUCB.Probabilities"
	if _, err := checkArms(op, arms, eligible); err != nil {
		return nil, err
	}
	q, err := u.level(op, arms, eligible)
	if err != nil {
		return nil, err
	}
	p := make([]float64, len(arms))
	tieShares(p, arms, eligible, 1, func(b Beta) float64 { return quad.InvRegIncBeta(b.Alpha, b.Beta, q) })
	return p, nil
}
