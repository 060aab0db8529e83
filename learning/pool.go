package learning

import (
	"math"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/internal/num"
)

// PoolConfig tunes [Learner.Pool]. Every zero field means "use the default"
// given below; the defaults are modeling choices.
type PoolConfig struct {
	MinCustomers int     // customers with evidence needed to re-estimate a (segment, arm) prior, ≥ 2; 0 means 2
	MaxKappa     float64 // cap on the prior strength κ = α+β, > 0; 0 means 1000 (used when no heterogeneity is detected)
	MinShape     float64 // floor on α and β, > 0; 0 means 0.05 (keeps priors proper and inside ThompsonProbabilities' tested range)
}

func (p PoolConfig) withDefaults() PoolConfig {
	if p.MinCustomers == 0 {
		p.MinCustomers = 2
	}
	if p.MaxKappa == 0 {
		p.MaxKappa = 1000
	}
	if p.MinShape == 0 {
		p.MinShape = 0.05
	}
	return p
}

// Validate reports every invalid field of p (after defaults), joined.
func (p PoolConfig) Validate() error {
	const op = "learning.PoolConfig.Validate"
	p = p.withDefaults()
	var errs check.Errs
	if p.MinCustomers < 2 {
		errs.Add(connected.NewFieldError(op, "MinCustomers", p.MinCustomers, connected.ErrOutOfRange))
	}
	errs.Add(check.Positive(op, "MaxKappa", p.MaxKappa))
	errs.Add(check.Positive(op, "MinShape", p.MinShape))
	return errs.Err()
}

// poolAcc accumulates one (segment, arm)'s moments.
type poolAcc struct {
	c        int     // customers with evidence
	n, n2, s num.Acc // Σ n_c, Σ n_c², Σ S_c
	ss       num.Acc // Σ (S_c − n_c m)²/n_c
	mean     float64
}

// Pool re-estimates every segment's prior for every arm from the evidence of
// the segment's customers, by empirical Bayes with the method of moments of
// Kleinman ("Proportions with extraneous variance: single and independent
// samples", JASA 68, 1973), which corrects the spread of observed rates for
// binomial noise. For the C customers of segment s with evidence
// n_c = S_c + F_c > 0 on arm k, N = Σ n_c:
//
//	m  = Σ S_c / N                                   (pooled mean)
//	SS = Σ n_c (S_c/n_c − m)²
//	ρ  = (SS/(m(1−m)) − (C−1)) / (N − Σ n_c²/N − (C−1))   (intra-segment correlation)
//	κ  = 1/ρ − 1,  α = m κ,  β = (1−m) κ
//
// since a Beta-binomial rate has variance m(1−m)(1/n + ρ(1 − 1/n)) with
// ρ = 1/(α+β+1). κ is capped at MaxKappa when ρ ≤ 0 (no heterogeneity
// beyond binomial noise), α and β are floored at MinShape, and when ρ is not
// identifiable (every n_c = 1) the mean is updated and the prior's current
// strength α+β kept. A (segment, arm) with fewer than MinCustomers customers
// with evidence keeps its prior. Discounted or fractional evidence enters
// the same formulas (an approximation: n_c is then not an integer count).
//
// A customer's posterior mean is then the shrinkage estimate
//
//	(α + S_c)/(κ + n_c) = w·S_c/n_c + (1 − w)·m,  w = n_c/(n_c + κ)
//
// so a new customer starts at the segment mean m and moves toward their own
// rate as their evidence grows (Efron & Morris, "Data analysis using Stein's
// estimator and its generalizations", JASA 70, 1975). Each customer's own
// evidence is included in their segment's estimate (with many customers per
// segment the effect is negligible). Pool costs two passes over the evidence
// and allocates O(Segments × Arms).
func (l *Learner) Pool(cfg PoolConfig) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	cfg = cfg.withDefaults()
	acc := make([]poolAcc, l.s*l.k)
	for c := range l.n {
		base := int(l.seg[c]) * l.k
		for k := range l.k {
			sc, n := l.counts(c, k)
			if n <= 0 {
				continue
			}
			a := &acc[base+k]
			a.c++
			a.n.Add(n)
			a.n2.Add(n * n)
			a.s.Add(sc)
		}
	}
	for i := range acc {
		if a := &acc[i]; a.c > 0 {
			a.mean = a.s.Value() / a.n.Value()
		}
	}
	for c := range l.n {
		base := int(l.seg[c]) * l.k
		for k := range l.k {
			sc, n := l.counts(c, k)
			if n <= 0 {
				continue
			}
			a := &acc[base+k]
			d := sc - n*a.mean
			a.ss.Add(d * d / n)
		}
	}
	for i := range acc {
		a := &acc[i]
		if a.c < cfg.MinCustomers {
			continue
		}
		m := a.mean
		kappa := l.prior[i].Alpha + l.prior[i].Beta
		N := a.n.Value()
		den := N - a.n2.Value()/N - float64(a.c-1)
		if v := m * (1 - m); v > 0 && den > 1e-9*N {
			rho := (a.ss.Value()/v - float64(a.c-1)) / den
			if rho > 0 {
				kappa = 1/rho - 1
			} else {
				kappa = math.Inf(1)
			}
		} else if v <= 0 {
			kappa = math.Inf(1) // every observed rate is 0 (or 1)
		}
		kappa = min(kappa, cfg.MaxKappa)
		l.prior[i] = Beta{max(m*kappa, cfg.MinShape), max((1-m)*kappa, cfg.MinShape)}
	}
	return nil
}

// counts returns customer c's success evidence and total evidence on arm k.
func (l *Learner) counts(c, k int) (s, n float64) {
	i := 2 * (c*l.k + k)
	s = float64(l.ev[i]) * fixScale
	return s, s + float64(l.ev[i+1])*fixScale
}
