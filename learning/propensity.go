package learning

import (
	"math"
	"slices"

	"github.com/connectedstrategy/connected/internal/num"
	"github.com/connectedstrategy/connected/internal/quad"
)

// propRule is the per-panel Gauss–Legendre rule of ThompsonProbabilities.
// It is computed once and never modified.
var propRule = quad.Legendre(propNodes)

const (
	propNodes = 10
	// propTail is the integration cut-off: each arm's mass outside its
	// interval is below 1e-17 (see ThompsonProbabilities).
	propTail = 1e-17
	// propSD is the half-width, in standard deviations of logit θ, of each
	// arm's interval. For a log-concave density P(X − EX > kσ) ≤ e^(1−k)
	// (Lovász & Vempala, "The geometry of logconcave functions and sampling
	// algorithms", 2007, Lemma 5.7) and |mode − mean| ≤ √3σ, so 38σ around
	// the mode leaves less than e^(−35.2) ≈ 5e-16 per tail.
	propSD = 38
)

// propBreaks are each arm's panel breakpoints, in standard deviations from
// its mode: one-σ panels in the bulk, widening in the tails, where the
// density is smooth on a wider scale.
var propBreaks = [...]float64{-38, -28, -20, -14, -10, -7.5, -5.5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5.5, 7.5, 10, 14, 20, 28, 38}

// ThompsonProbabilities returns the exact probability that Thompson sampling
// chooses each arm: for eligible arm i, with f_j and F_j the Beta(α_j, β_j)
// density and CDF,
//
//	P(i) = P(θ_i > θ_j for all eligible j ≠ i) = ∫₀¹ f_i(x) Π_{j≠i} F_j(x) dx
//
// and 0 for ineligible arms. It does not modify its inputs.
//
// Method (deterministic numerical integration, not Monte Carlo): the
// integral is taken in logit space t = log(x/(1−x)), where every Beta density
// e^(αt)(1+e^t)^(−α−β)/B(α,β) is smooth, log-concave and free of endpoint
// singularities. Each arm contributes panel breakpoints at its mode log(α/β)
// plus multiples of its logit standard deviation √(ψ₁(α)+ψ₁(β)); each panel
// gets a 10-point Gauss–Legendre rule for P(i), and the CDFs F_j are carried
// across panels by integrating the densities with the same nodes (the rule's
// cumulative matrix gives F_j at the inner nodes), starting from the exact
// regularized incomplete beta function at the left end. The range is cut
// where every P(i) loses less than 2e-17. The probabilities are finally
// divided by their sum, which differs from 1 by the integration error.
//
// Accuracy: within 1e-6 (observed below 1e-9) of high-precision references
// for α, β in [0.05, 1e5]; see the tests. Cost: about 10 µs for 4 arms.
//
// Errors: arms empty or longer than MaxArms, a non-finite or non-positive
// parameter, eligible of a different length, or no eligible arm return a
// *connected.FieldError.
func ThompsonProbabilities(arms []Beta, eligible []bool) ([]float64, error) {
	m, err := checkArms("learning.ThompsonProbabilities", arms, eligible)
	if err != nil {
		return nil, err
	}
	p := make([]float64, len(arms))
	if m == 1 {
		p[nthEligible(eligible, 0)] = 1
		return p, nil
	}
	thompsonInto(p, arms, eligible, m)
	return p, nil
}

// tsArm is one eligible arm's state during the sweep.
type tsArm struct {
	idx      int
	a, b, lb float64 // parameters, log B(a, b)
	lo, hi   float64 // logit interval holding all but propTail of the mass
	mode, sd float64
	f        float64 // CDF at the current panel's left end
	h        [propNodes]float64
	fn       [propNodes]float64
	active   bool
}

func thompsonInto(p []float64, arms []Beta, eligible []bool, m int) {
	st := make([]tsArm, 0, m)
	lnTail := math.Log(propTail)
	tlo, thi := math.Inf(-1), math.Inf(-1)
	for i, ab := range arms {
		if !eligible[i] {
			continue
		}
		a, b := ab.Alpha, ab.Beta
		s := tsArm{idx: i, a: a, b: b, lb: num.LogBeta(a, b)}
		s.mode = math.Log(a) - math.Log(b)
		s.sd = math.Sqrt(quad.Trigamma(a) + quad.Trigamma(b))
		// Explicit tails: density ≤ e^(at)/B below, ≤ e^(−bt)/B above.
		s.lo = math.Max(s.mode-propSD*s.sd, (lnTail+math.Log(a)+s.lb)/a)
		s.hi = math.Min(s.mode+propSD*s.sd, -(lnTail+math.Log(b)+s.lb)/b)
		tlo = math.Max(tlo, s.lo)
		thi = math.Max(thi, s.hi)
		st = append(st, s)
	}
	br := make([]float64, 0, len(st)*len(propBreaks)+2)
	br = append(br, tlo, thi)
	minSD := math.Inf(1)
	for _, s := range st {
		minSD = math.Min(minSD, s.sd)
		for _, c := range propBreaks {
			if x := s.mode + c*s.sd; x > tlo && x < thi {
				br = append(br, x)
			}
		}
	}
	slices.Sort(br)
	// Drop breakpoints closer than a quarter of the narrowest arm's σ.
	kept := br[:1]
	for _, x := range br[1:] {
		if x-kept[len(kept)-1] > 0.25*minSD {
			kept = append(kept, x)
		}
	}
	if kept[len(kept)-1] < thi {
		kept[len(kept)-1] = thi
	}
	for j := range st {
		st[j].f = quad.RegIncBetaLogit(st[j].a, st[j].b, tlo)
	}
	rule := &propRule
	var ls, lms [propNodes]float64
	acc := make([]float64, len(st))
	pre := make([]float64, len(st)+1)
	for k := 0; k+1 < len(kept); k++ {
		u, v := kept[k], kept[k+1]
		half, mid := (v-u)/2, (v+u)/2
		for q, x := range rule.X {
			t := mid + half*x
			ls[q] = quad.LogSigmoid(t)
			lms[q] = ls[q] - t
		}
		for j := range st {
			s := &st[j]
			s.active = s.hi > u && s.lo < v
			if !s.active {
				for q := range s.fn {
					s.fn[q] = s.f
				}
				continue
			}
			for q := range s.h {
				s.h[q] = half * math.Exp(s.a*ls[q]+s.b*lms[q]-s.lb)
			}
			var tot float64
			for q := range s.fn {
				row := rule.C[q*propNodes : (q+1)*propNodes]
				var c float64
				for r, hr := range s.h {
					c += row[r] * hr
				}
				s.fn[q] = min(s.f+c, 1)
				tot += rule.W[q] * s.h[q]
			}
			s.f = min(s.f+tot, 1)
		}
		for q, w := range rule.W {
			// pre[j] = Π_{l<j} F_l; suffix product carried in suf.
			pre[0] = 1
			for j := range st {
				pre[j+1] = pre[j] * st[j].fn[q]
			}
			suf := 1.0
			for j := len(st) - 1; j >= 0; j-- {
				if st[j].active {
					acc[j] += w * st[j].h[q] * pre[j] * suf
				}
				suf *= st[j].fn[q]
			}
		}
	}
	var sum float64
	for _, a := range acc {
		sum += a
	}
	for j, s := range st {
		p[s.idx] = num.Clamp(acc[j]/sum, 0, 1)
	}
}
