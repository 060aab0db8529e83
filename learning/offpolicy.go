package learning

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/internal/num"
	"github.com/connectedstrategy/connected/internal/rng"
)

// Record is one logged decision, ready for off-policy evaluation of a target
// policy: what the logging policy chose, with what probability, what
// happened, and what the target policy (and, for [DR], a reward model) says
// about the same customer at the same moment.
type Record struct {
	Arm        int       // the strategy the logging policy chose, index into Target
	Propensity float64   // the logging policy's probability of Arm, in (0, 1]
	Reward     float64   // the observed reward, finite
	Target     []float64 // the target policy's probability of each arm, each in [0, 1], summing to 1 within 1e-6
	Model      []float64 // a reward model's prediction for each arm (DR only); nil means all 0
}

// EvalConfig tunes the bootstrap interval of [IPS], [SNIPS] and [DR]. Every
// zero field means "use the default" given below.
type EvalConfig struct {
	Resamples int     // bootstrap resamples, ≥ 1; 0 means 1000
	Level     float64 // interval coverage in (0, 1); 0 means 0.95
	Seed      uint64  // bootstrap seed; the same seed gives the same interval
}

func (c EvalConfig) withDefaults() EvalConfig {
	if c.Resamples == 0 {
		c.Resamples = 1000
	}
	if c.Level == 0 {
		c.Level = 0.95
	}
	return c
}

// Validate reports every invalid field of c (after defaults), joined.
func (c EvalConfig) Validate() error {
	const op = "learning.EvalConfig.Validate"
	c = c.withDefaults()
	var errs check.Errs
	if c.Resamples < 1 {
		errs.Add(connected.NewFieldError(op, "Resamples", c.Resamples, connected.ErrOutOfRange))
	}
	errs.Add(check.Open(op, "Level", c.Level, 0, 1))
	return errs.Err()
}

// Estimate is an off-policy estimate of a target policy's mean reward per
// decision with a bootstrap percentile interval [Lo, Hi] (Efron & Tibshirani,
// An Introduction to the Bootstrap, 1993, ch. 13) from resampling records
// with replacement. It is a plain value.
type Estimate struct {
	Value  float64 // point estimate
	Lo, Hi float64 // bootstrap percentile interval at the configured level
	N      int     // number of records
}

// IPS estimates the target policy's value by inverse propensity scoring
// (Horvitz & Thompson 1952):
//
//	V = (1/n) Σ w_i r_i,  w_i = π(a_i|x_i) / μ(a_i|x_i)
//
// where π is Target and μ the logged Propensity. It is unbiased whenever μ > 0
// wherever π > 0. It does not modify recs.
func IPS(recs []Record, cfg EvalConfig) (Estimate, error) {
	return evaluate("learning.IPS", recs, cfg, false, func(r Record) (float64, float64) {
		w := r.Target[r.Arm] / r.Propensity
		return w * r.Reward, 1
	})
}

// SNIPS estimates the target policy's value by self-normalized inverse
// propensity scoring (Swaminathan & Joachims, "The self-normalized estimator
// for counterfactual learning", NeurIPS 2015):
//
//	V = Σ w_i r_i / Σ w_i
//
// It is biased by O(1/n) but consistent, and usually has much lower variance
// than IPS. When every weight is 0 (the target never agrees with the log) it
// returns an error wrapping connected.ErrInfeasible.
func SNIPS(recs []Record, cfg EvalConfig) (Estimate, error) {
	return evaluate("learning.SNIPS", recs, cfg, true, func(r Record) (float64, float64) {
		w := r.Target[r.Arm] / r.Propensity
		return w * r.Reward, w
	})
}

// DR estimates the target policy's value with the doubly robust estimator
// (Dudík, Langford & Li, "Doubly robust policy evaluation and learning",
// ICML 2011):
//
//	V = (1/n) Σ [ Σ_a π(a|x_i) q(x_i, a) + w_i (r_i − q(x_i, a_i)) ]
//
// with q the record's Model. It is unbiased when the propensities are right
// whatever the model, and has low variance when the model is good. With
// Model nil it equals IPS.
func DR(recs []Record, cfg EvalConfig) (Estimate, error) {
	return evaluate("learning.DR", recs, cfg, false, func(r Record) (float64, float64) {
		if r.Model == nil {
			return r.Target[r.Arm] / r.Propensity * r.Reward, 1
		}
		var s num.Acc
		for a, p := range r.Target {
			s.Add(p * r.Model[a])
		}
		w := r.Target[r.Arm] / r.Propensity
		s.Add(w * (r.Reward - r.Model[r.Arm]))
		return s.Value(), 1
	})
}

// checkRecord validates one record; field names are built only on error.
func checkRecord(op string, i int, r Record) error {
	f := func(name string) string { return "recs[" + itoa(i) + "]." + name }
	if len(r.Target) == 0 {
		return connected.NewFieldError(op, f("Target"), 0, connected.ErrEmpty)
	}
	if r.Arm < 0 || r.Arm >= len(r.Target) {
		return connected.NewFieldError(op, f("Arm"), r.Arm, connected.ErrOutOfRange)
	}
	if !(r.Propensity > 0 && r.Propensity <= 1) {
		if err := check.Finite(op, f("Propensity"), r.Propensity); err != nil {
			return err
		}
		return connected.NewFieldError(op, f("Propensity"), r.Propensity, connected.ErrOutOfRange)
	}
	if math.IsNaN(r.Reward) || math.IsInf(r.Reward, 0) {
		return connected.NewFieldError(op, f("Reward"), r.Reward, connected.ErrNotFinite)
	}
	var s num.Acc
	for a, p := range r.Target {
		if !(p >= 0 && p <= 1) {
			return check.Unit(op, f("Target["+itoa(a)+"]"), p)
		}
		s.Add(p)
	}
	if math.Abs(s.Value()-1) > 1e-6 {
		return connected.NewFieldError(op, f("Target"), s.Value(), connected.ErrOutOfRange)
	}
	if r.Model != nil {
		if len(r.Model) != len(r.Target) {
			return connected.NewFieldError(op, f("Model"), len(r.Model), connected.ErrMismatch)
		}
		for a, q := range r.Model {
			if math.IsNaN(q) || math.IsInf(q, 0) {
				return connected.NewFieldError(op, f("Model["+itoa(a)+"]"), q, connected.ErrNotFinite)
			}
		}
	}
	return nil
}

// evaluate computes Σ num_i / Σ den_i (ratio) or Σ num_i / n and its
// bootstrap percentile interval.
func evaluate(op string, recs []Record, cfg EvalConfig, ratio bool, term func(Record) (num, den float64)) (Estimate, error) {
	if err := cfg.Validate(); err != nil {
		return Estimate{}, err
	}
	cfg = cfg.withDefaults()
	if len(recs) == 0 {
		return Estimate{}, connected.NewFieldError(op, "recs", 0, connected.ErrEmpty)
	}
	nums := make([]float64, len(recs))
	dens := make([]float64, len(recs))
	for i, r := range recs {
		if err := checkRecord(op, i, r); err != nil {
			return Estimate{}, err
		}
		nums[i], dens[i] = term(r)
	}
	value := func(sn, sd float64, n int) float64 {
		if ratio {
			return sn / sd
		}
		return sn / float64(n)
	}
	sd := num.Sum(dens)
	if ratio && !(sd > 0) {
		return Estimate{}, connected.NewFieldError(op, "recs", "all target weights 0", connected.ErrInfeasible)
	}
	est := Estimate{Value: value(num.Sum(nums), sd, len(recs)), N: len(recs)}
	r := rand.New(rand.NewPCG(rng.Stream(cfg.Seed, 0x0ff), rng.Mix(cfg.Seed)))
	boot := make([]float64, 0, cfg.Resamples)
	n := len(recs)
	for range cfg.Resamples {
		var bn, bd num.Acc
		for range n {
			j := r.IntN(n)
			bn.Add(nums[j])
			bd.Add(dens[j])
		}
		if ratio && !(bd.Value() > 0) {
			continue // a resample without agreeing records has no SNIPS value
		}
		boot = append(boot, value(bn.Value(), bd.Value(), n))
	}
	if len(boot) == 0 {
		est.Lo, est.Hi = est.Value, est.Value
		return est, nil
	}
	slices.Sort(boot)
	alpha := (1 - cfg.Level) / 2
	est.Lo = quantileSorted(boot, alpha)
	est.Hi = quantileSorted(boot, 1-alpha)
	return est, nil
}

// quantileSorted returns the p-quantile of sorted xs by linear interpolation
// between order statistics (Hyndman & Fan 1996, type 7).
func quantileSorted(xs []float64, p float64) float64 {
	h := p * float64(len(xs)-1)
	lo := int(math.Floor(h))
	if lo >= len(xs)-1 {
		return xs[len(xs)-1]
	}
	return xs[lo] + (h-float64(lo))*(xs[lo+1]-xs[lo])
}
