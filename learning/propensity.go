package learning

import (
	"math"

	"github.com/connectedstrategy/connected"

	"github.com/connectedstrategy/connected/internal/num"
	"github.com/connectedstrategy/connected/internal/quad"
)

// propRule is the per-panel Gauss–Legendre rule of ThompsonProbabilities,
// held in fixed-size arrays so the inner loops need no bounds checks. It is
// computed once and never modified.
var propRule = func() (g struct {
	x, w [propNodes]float64
	c    [propNodes][propNodes]float64
}) {
	r := quad.Legendre(propNodes)
	copy(g.x[:], r.X)
	copy(g.w[:], r.W)
	for i := range g.c {
		copy(g.c[i][:], r.C[i*propNodes:])
	}
	return g
}()

const (
	propNodes = 8
	// propTail bounds each arm's density mass outside its integration range,
	// so that every P(i) loses less than 2·propTail to truncation.
	propTail = 1e-14
	// propStep is the panel width in local length scales ℓ (see stepLen)
	// for five or more eligible arms, propStepFew for two to four: the
	// integrand f_i Π F_j sharpens as more (similar) arms enter the
	// product, so few arms allow wider panels (see ThompsonProbabilities
	// for the measured accuracy).
	propStep    = 2
	propStepFew = 3
	// propWalk is the stride, in panel steps, of the walk to the range end:
	// the walk only brackets the end, then bisects to within one panel
	// step. The walk to the heavy boundary (see stepLen), a few length
	// scales from the mode, strides by one step.
	propWalk = 4
	// propHeavy is the tail mass above which a tail counts as heavy (see
	// stepLen).
	propHeavy = 1e-2
	// propCap is the widest panel while the logistic curvature matters.
	propCap = 3
	// propMaxSteps caps the walks; never reached for α, β ≤ 1e7.
	propMaxSteps = 2000
)

// ThompsonProbabilities returns the exact probability that Thompson sampling
// chooses each arm: for eligible arm i, with f_j and F_j the Beta(α_j, β_j)
// density and CDF,
//
//	P(i) = P(θ_i > θ_j for all eligible j ≠ i) = ∫₀¹ f_i(x) Π_{j≠i} F_j(x) dx
//
// and 0 for ineligible arms. It does not modify its inputs.
//
// Method (deterministic numerical integration, not Monte Carlo): the
// integral is taken in logit space t = log(x/(1−x)), where the Beta density
// h(t) = e^(αt)(1+e^t)^(−α−β)/B(α,β) is smooth, log-concave and free of
// endpoint singularities, with slope s(t) = α − (α+β)σ(t) and curvature
// −c(t) = −(α+β)σ(t)(1−σ(t)) of log h. Each arm's range is found by walking
// from its mode log(α/β) until the log-concave tail bound h(t)/|s(t)| (the
// mass beyond t) drops below 1e-14. Panels are laid from left to right with
// width 3ℓ(t) for two to four eligible arms and 2ℓ(t) for more (the
// integrand sharpens as similar arms enter the product Π F_j), where
// ℓ = (c + s²/D)^(−1/2) is the local length scale of the
// narrowest arm active there: the standard deviation near a mode; in an
// exponential tail the decay length (D = 1) while more than 1e-2 of the mass
// lies beyond, else three decay lengths (D = 9); and at most 3 while
// (α+β)σ(1−σ) > 1e-10, where log h still bends on the logistic's own
// length scale. Panels end at every mode and range start. Each panel gets an
// 8-point Gauss–Legendre rule for P(i), and the CDFs F_j are carried across
// panels by integrating the densities on the same nodes (the rule's
// cumulative matrix gives F_j at the inner nodes), starting from the exact
// regularized incomplete beta function at the left end. The left end moves
// right while the bound Π_j h_j/s_j on Π_j F_j (all the probability left of
// it) stays below 1e-14, and the right end stops where every arm but the one
// reaching farthest has less than 1e-14 mass left; that arm's remaining mass
// is added to its probability in closed form. The probabilities are finally
// divided by their sum, which differs from 1 by the integration error.
//
// Supported range: every eligible arm's α and β in [PropensityMin,
// PropensityMax]. Accuracy (see the tests, which assert 1e-7): K = 2 closed
// forms with integer parameters up to 1e5 agree within 1e-10 and 25-digit
// mpmath references for K = 3..5 within 2e-9; over a grid of α, β from
// 0.01 to 1e6 with two and four arms the probabilities sum to 1 within 5e-8
// before normalization (the worst case is four identical arms). Against the
// same integration with panels of 0.5ℓ, 3000 random configurations
// (K = 2..8; α, β log-uniform on [0.01, 1e6], similar, learner-like and
// identical arms) agree within 5e-9 after normalization, and their sums are
// within 1.5e-7 of 1 before it.
// Cost: O(K × panels), about 10 to 20 panels of 8 nodes for typical arms; see
// BenchmarkThompsonProbabilities.
//
// Errors: a parameter outside the supported range returns a
// *connected.FieldError wrapping connected.ErrOutOfRange, rather than a
// number the method cannot vouch for; an integration that fails its
// self-check (total probability off by more than 1e-6, never observed in
// range) returns one wrapping connected.ErrInfeasible. Arms empty or longer
// than MaxArms, a non-finite or non-positive parameter, eligible of a
// different length, or no eligible arm return a *connected.FieldError.
func ThompsonProbabilities(arms []Beta, eligible []bool) ([]float64, error) {
	const op = "learning.ThompsonProbabilities"
	m, err := checkArms(op, arms, eligible)
	if err != nil {
		return nil, err
	}
	for i, a := range arms {
		if !eligible[i] {
			continue
		}
		for _, v := range [2]struct {
			f string
			x float64
		}{{".Alpha", a.Alpha}, {".Beta", a.Beta}} {
			if !(v.x >= PropensityMin && v.x <= PropensityMax) {
				return nil, connected.NewFieldError(op, "arms["+itoa(i)+"]"+v.f, v.x, connected.ErrOutOfRange)
			}
		}
	}
	p := make([]float64, len(arms))
	if m == 1 {
		p[nthEligible(eligible, 0)] = 1
		return p, nil
	}
	if sum := thompsonInto(p, arms, eligible, m); !(math.Abs(sum-1) <= 1e-6) {
		return nil, connected.NewFieldError(op, "arms", len(arms), connected.ErrInfeasible)
	}
	return p, nil
}

// The parameter range of ThompsonProbabilities: below 0.01 a Beta is
// essentially a two-point distribution and far above 1e6 log B(α, β) loses
// the digits the density needs. Posteriors of a Learner stay inside it
// (pooled priors are floored at 0.05) unless a pair accumulates about 1e6
// interactions (a modeling choice).
const (
	PropensityMin = 0.01
	PropensityMax = 1e6
)

// tsArm is one eligible arm's state during the sweep.
type tsArm struct {
	idx      int
	a, b, lb float64 // parameters, log B(a, b)
	lo, hi   float64 // logit range holding all but 2·propTail of the mass
	mode     float64 // log(a/b), the mode in logit space
	// heavyLo, heavyHi bound the region holding all but propHeavy of the
	// mass per side (see stepLen).
	heavyLo, heavyHi float64
	f                float64 // CDF at the current panel's left end
	step             float64 // propStep or propStepFew
	lmax             float64 // log max(a, b), a bound on log |slope|
	h                [propNodes]float64
	fn               [propNodes]float64
	active           bool
}

// logSig returns log σ(t) and log σ(−t). math.Log(1+e) rather than Log1p
// costs an absolute error ≤ 1.2e-16, a relative density error ≤ (α+β)·1.2e-16.
func logSig(t float64) (ls, lms float64) {
	if t >= 0 {
		ls = -math.Log(1 + math.Exp(-t))
		return ls, ls - t
	}
	lms = -math.Log(1 + math.Exp(t))
	return lms + t, lms
}

// logistic holds σ(t), log σ(t) and log σ(−t) at one point t.
type logistic struct{ sg, ls, lms float64 }

func logisticAt(t float64) logistic {
	e := math.Exp(-math.Abs(t))
	l1 := math.Log(1 + e)
	if t >= 0 {
		return logistic{1 / (1 + e), -l1, -l1 - t}
	}
	return logistic{e / (1 + e), t - l1, -l1}
}

// stepLen returns the panel width arm s wants at a point: propStep·ℓ with
//
//	ℓ = (c + s²/D)^(−1/2),  c = (α+β)σ(1−σ),  s = α − (α+β)σ
//
// where D = 1 in an exponential stretch (9c < s²) inside (heavyLo,
// heavyHi), beyond which less than propHeavy of the mass lies, so panels
// there let h fall by e² at most; elsewhere D = 9 (near a mode the curvature
// c dominates; in light far tails h falls by e⁶ per panel). Capped by
// capStep.
func (s *tsArm) stepLen(t, sg float64) float64 {
	q, c := s.stepQ(t, sg)
	return capStep(c, s.step/math.Sqrt(q))
}

// stepQ returns q = c + s²/D, so that stepLen is capStep(c, step/√q),
// and the curvature c.
func (s *tsArm) stepQ(t, sg float64) (q, c float64) {
	n := s.a + s.b
	c = n * sg * (1 - sg)
	slope := s.a - n*sg
	d := 9.0
	if s.heavyLo < t && t < s.heavyHi && 9*c < slope*slope {
		d = 1
	}
	return c + slope*slope/d, c
}

// capStep limits a step to propCap while the logistic curvature c is above
// 1e-10: log h then still deviates from its linear tail by about c, on the
// length scale 1 of the logistic, which a wider panel would not resolve.
func capStep(c, w float64) float64 {
	if c > 1e-10 {
		return min(w, propCap)
	}
	return w
}

// walk returns the end of arm s's range in direction dir (±1) from its
// mode: a point t where the mass beyond t, at most h(t)/|s(t)| for
// log-concave h, is below propTail. On the way it sets s.heavyLo or
// s.heavyHi to the point beyond which less than propHeavy of the mass lies.
// s.heavyLo and s.heavyHi must start at ∓Inf (so the walk to the heavy
// boundary uses the fine steps).
func (s *tsArm) walk(dir float64) float64 {
	t, p := s.cross(s.mode, logisticAt(s.mode), dir, math.Log(propHeavy), 1)
	if dir < 0 {
		s.heavyLo = t
	} else {
		s.heavyHi = t
	}
	t, _ = s.cross(t, p, dir, math.Log(propTail), propWalk)
	return t
}

// cross returns the first point from t in direction dir where the tail-mass
// bound h/|s| falls below e^lnR, and the logistic there; pt is the logistic
// at t (each point's logistic is computed once). It strides by stride
// panel steps and, when a stride overshoots, bisects back until the bracket
// is within one panel step, so the point is at most one step too far out.
func (s *tsArm) cross(t float64, pt logistic, dir, lnR, stride float64) (float64, logistic) {
	for range propMaxSteps {
		done, step := s.probe(t, pt, dir, lnR)
		if done {
			return t, pt
		}
		nt := t + dir*stride*step
		pn := logisticAt(nt)
		if ok, _ := s.probe(nt, pn, dir, lnR); ok {
			// Bisect (t, nt]: t is not done, nt is.
			for range 60 {
				mid := (t + nt) / 2
				pm := logisticAt(mid)
				ok, st := s.probe(mid, pm, dir, lnR)
				if ok {
					nt, pn = mid, pm
				} else {
					t = mid
				}
				if math.Abs(nt-t) <= st {
					break
				}
			}
			return nt, pn
		}
		t, pt = nt, pn
	}
	return t, pt
}

// probe reports whether the tail beyond t in direction dir holds less than
// e^lnR (by the log-concave bound h/|s|), and the panel step at t; p is the
// logistic at t.
func (s *tsArm) probe(t float64, p logistic, dir, lnR float64) (bool, float64) {
	slope := s.a - (s.a+s.b)*p.sg
	return dir*slope < 0 && s.tailBelow(s.a*p.ls+s.b*p.lms-s.lb, slope, lnR), s.stepLen(t, p.sg)
}

// tailBelow reports x − log|slope| < lnR, with x = log h, exactly as the
// expression evaluates in floating point, taking the logarithm only when
// bounds cannot decide: |slope| ≤ max(α, β) gives log|slope| ≤ lmax, and
// |slope| ≥ 1 gives log|slope| ≥ 0. The margin 1e-12·(1 + |x| + |lmax|)
// exceeds the rounding errors of the logarithm and the subtractions by
// three orders of magnitude.
func (s *tsArm) tailBelow(x, slope, lnR float64) bool {
	m := 1e-12 * (1 + math.Abs(x) + math.Abs(s.lmax))
	switch {
	case x-lnR > s.lmax+m:
		return false
	case x < lnR-m && math.Abs(slope) >= 1:
		return true
	}
	return x-math.Log(math.Abs(slope)) < lnR
}

// width returns the panel width wanted at t: the smallest step of the arms
// whose range holds t; +Inf if none does.
func width(st []tsArm, t float64) float64 {
	var sg float64
	if t >= 0 {
		sg = 1 / (1 + math.Exp(-t))
	} else {
		e := math.Exp(t)
		sg = e / (1 + e)
	}
	// The smallest stepLen is step/√(largest q), capped if any arm's
	// curvature is: one square root per call instead of one per arm, with
	// the same result (rounding is monotone).
	var qmax float64
	in, curved := false, false
	for j := range st {
		if s := &st[j]; s.lo <= t && t < s.hi {
			q, c := s.stepQ(t, sg)
			qmax = max(qmax, q)
			in = true
			curved = curved || c > 1e-10
		}
	}
	if !in {
		return math.Inf(1)
	}
	w := st[0].step / math.Sqrt(qmax)
	if curved {
		w = min(w, propCap)
	}
	return w
}

// nextMark returns the distance from t to the nearest mode or range start
// of an arm to the right of t: panels end there, so that each panel lies on
// one side of every mode and no arm's range starts inside a panel.
func nextMark(st []tsArm, t float64) float64 {
	d := math.Inf(1)
	for j := range st {
		s := &st[j]
		if s.lo > t {
			d = min(d, s.lo-t)
		}
		if s.mode > t && s.lo <= t && t < s.hi {
			d = min(d, s.mode-t)
		}
	}
	return d
}

// skipLeft returns the largest point t ≥ tlo, found in panel-width steps,
// where the bound Π_j min(1, h_j(t)/s_j(t)) on Π_j F_j(t) (the log-concave
// tail bound, valid left of each arm's mode) is still below propTail.
func skipLeft(st []tsArm, tlo float64) float64 {
	t := tlo
	for range propMaxSteps {
		w := width(st, t)
		if math.IsInf(w, 1) {
			return t
		}
		nt := t + w
		p := logisticAt(nt)
		var lp float64 // log of the bound on Π_j F_j(nt)
		for j := range st {
			s := &st[j]
			if slope := s.a - (s.a+s.b)*p.sg; slope > 0 {
				lp += min(0, s.a*p.ls+s.b*p.lms-s.lb-math.Log(slope))
			}
		}
		if lp >= math.Log(propTail) {
			return t
		}
		t = nt
	}
	return t
}

// thompsonInto writes the probabilities into p and returns their sum before
// normalization (1 up to the integration error); if that is off by more than
// 1e-6 it leaves p alone.
func thompsonInto(p []float64, arms []Beta, eligible []bool, m int) float64 {
	st := make([]tsArm, 0, m)
	tlo, thi := math.Inf(-1), math.Inf(-1)
	step := float64(propStep)
	if m <= 4 {
		step = propStepFew
	}
	for i, ab := range arms {
		if !eligible[i] {
			continue
		}
		s := tsArm{idx: i, a: ab.Alpha, b: ab.Beta, lb: num.LogBeta(ab.Alpha, ab.Beta), step: step}
		s.lmax = math.Log(max(s.a, s.b))
		s.mode = math.Log(s.a) - math.Log(s.b)
		s.heavyLo, s.heavyHi = math.Inf(-1), math.Inf(1)
		s.lo, s.hi = s.walk(-1), s.walk(1)
		tlo, thi = max(tlo, s.lo), max(thi, s.hi)
		st = append(st, s)
	}
	// Left end. Below t every integrand h_i Π_{j≠i} F_j together loses at
	// most Π_j F_j(t) (their sum is the derivative of Π_j F_j), so the
	// integration may start where that product is below propTail; tlo (where
	// one CDF alone is) is a safe start, and the product usually lets it move
	// right by a few panels.
	tlo = skipLeft(st, tlo)
	// Right end. Above T2, the largest range end but the top arm's, every
	// other arm has CDF > 1 − propTail, so the top arm wins whenever it is
	// drawn there: its remaining mass 1 − F_top(T2) is added in closed form,
	// with an error below (K−1)·propTail.
	top, t2 := 0, math.Inf(-1)
	for j := range st {
		if st[j].hi > st[top].hi {
			top = j
		}
	}
	for j := range st {
		if j != top {
			t2 = max(t2, st[j].hi)
		}
	}
	thi = min(thi, max(t2, tlo))
	br := make([]float64, 1, 64)
	br[0] = tlo
	wt := width(st, tlo) // the wanted width at t, carried from the last step
	for t := tlo; t < thi && len(br) < propMaxSteps; {
		w := min(wt, thi-t, nextMark(st, t))
		// Shrink until the panel is within the wanted width at its middle
		// and right end too (ℓ varies smoothly, with at most one turn per
		// side of a mode, and panels never cross a mode).
		we := math.NaN()
		for range 8 {
			we = width(st, t+w)
			m := min(width(st, t+w/2), we)
			if m >= w {
				break
			}
			w = max(m, w/2)
			we = math.NaN()
		}
		t = min(t+w, thi)
		br = append(br, t)
		if wt = we; math.IsNaN(wt) {
			wt = width(st, t)
		}
	}
	for j := range st {
		st[j].f = quad.RegIncBetaLogit(st[j].a, st[j].b, tlo)
	}
	rule := &propRule
	var ls, lms [propNodes]float64
	acc := make([]float64, len(st))
	pre := make([]float64, len(st)+1)
	for k := 0; k+1 < len(br); k++ {
		u, v := br[k], br[k+1]
		half, mid := (v-u)/2, (v+u)/2
		for q, x := range rule.x {
			ls[q], lms[q] = logSig(mid + half*x)
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
				row := &rule.c[q]
				var c float64
				for r, hr := range s.h {
					c += row[r] * hr
				}
				s.fn[q] = min(s.f+c, 1)
				tot += rule.w[q] * s.h[q]
			}
			s.f = min(s.f+tot, 1)
		}
		for q, w := range rule.w {
			// pre[j] = Π_{l<j} F_l; the suffix product is carried in suf.
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
	acc[top] += max(0, 1-st[top].f)
	var sum float64
	for _, a := range acc {
		sum += a
	}
	if !(math.Abs(sum-1) <= 1e-6) {
		return sum // not seen inside the supported range; never a silent wrong answer
	}
	for j, s := range st {
		p[s.idx] = num.Clamp(acc[j]/sum, 0, 1)
	}
	return sum
}
