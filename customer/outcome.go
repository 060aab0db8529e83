package customer

import (
	"math"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/strategy"
)

// Outcomes returns the probabilities of the three levels of one interaction
// under s for customer c when the firm's accuracy for c is accuracy:
// delight (a good outcome for trust), disappointment (a bad one) and, with
// the remaining probability 1 − delight − disappoint, a satisfactory
// interaction that tells the customer nothing new about the firm. With
// x = U − OutsideUtility, U = Utility(c, s, accuracy).Total, M =
// DelightMargin, σ the logistic function and S = DelightScale,
//
//	delight    = σ((x − M)/S)                        exactly [Model.Delight]
//	below      = σ(−x/S)                             the experience falls short of the outside option
//	w          = s.FirmRequest · (1 − accuracy)      the firm's wrong action (cf. the Mistakes term)
//	disappoint = below + w·(1 − delight − below)
//
// That is an ordered logit (McCullagh, "Regression models for ordinal
// data", JRSS B 42(2), 1980) on the utility with the cut points 0 and M,
// plus the firm's mistakes: a wrong action turns an interaction that would
// have been merely satisfactory into a disappointment. It cannot spoil a
// delight, whose probability already prices the expected mistake cost
// through U. A disappointment under a firm-initiated strategy
// (s.FirmInitiated()) is a mistake the firm initiated: report it to
// [Trust.Update] with Outcome.FirmInitiated. The cut points and the mistake
// rule are modeling choices.
//
// Both results are in [0,1] and delight + disappoint ≤ 1, with equality
// only when DelightMargin is 0 (no satisfactory band) or the probabilities
// saturate in floating point. Errors are those of Utility; it does not
// allocate.
func (m Model) Outcomes(c Customer, s strategy.Strategy, accuracy float64) (delight, disappoint float64, err error) {
	const op = "customer.Model.Outcomes"
	m = m.withDefaults()
	if err := m.check(&c, accuracy, op); err != nil {
		return 0, 0, err
	}
	if err := checkStrategy(&s, op, ""); err != nil {
		return 0, 0, err
	}
	p := m.terms(&c.Traits, c.Trust.Value())
	o := m.cuts()
	delight, disappoint = o.probs(p.total(&s, accuracy), s.FirmRequest, accuracy)
	return delight, disappoint, nil
}

// OutcomesMask is [Model.Outcomes] for every eligible strategy of ss at
// once: for each i with eligible[i] it sets delight[i] and disappoint[i] to
// Outcomes(c, ss[i], accuracy), bit for bit; for the others it sets both to
// 0. disappoint may be nil, and then only delight is computed. It validates
// the model, c and accuracy once and computes the parts of the utility that
// depend only on c and its trust once, so it costs much less than
// len(ss) calls of Outcomes; it is the oracle's view in the learning loop.
//
// Errors (a *connected.FieldError; the outputs are then unspecified):
// len(delight) ≠ len(ss), len(eligible) ≠ len(ss), or a non-nil disappoint
// with len ≠ len(ss) (ErrMismatch); the errors of Utility for any strategy,
// eligible or not, named "ss[i].Field". OutcomesMask does not modify ss or
// eligible, and does not allocate.
func (m Model) OutcomesMask(delight, disappoint []float64, c Customer, ss []strategy.Strategy, eligible []bool, accuracy float64) error {
	const op = "customer.Model.OutcomesMask"
	if err := check.Len(op, "len(delight)", len(delight), len(ss)); err != nil {
		return err
	}
	if err := check.Len(op, "len(eligible)", len(eligible), len(ss)); err != nil {
		return err
	}
	if disappoint != nil {
		if err := check.Len(op, "len(disappoint)", len(disappoint), len(ss)); err != nil {
			return err
		}
	}
	m = m.withDefaults()
	if err := m.check(&c, accuracy, op); err != nil {
		return err
	}
	p := m.terms(&c.Traits, c.Trust.Value())
	o := m.cuts()
	for i := range ss {
		s := &ss[i]
		if err := checkStrategy(s, op, ""); err != nil {
			return renameStrategyErr(err, i)
		}
		if !eligible[i] {
			delight[i] = 0
			if disappoint != nil {
				disappoint[i] = 0
			}
			continue
		}
		u := p.total(s, accuracy)
		if disappoint == nil {
			delight[i] = logistic((u - o.outside - o.margin) / o.scale)
			continue
		}
		delight[i], disappoint[i] = o.probs(u, s.FirmRequest, accuracy)
	}
	return nil
}

// OutcomesOfUtility returns Outcomes' delight and disappointment for an
// interaction of total utility u (money per need, as Utility's Total) under
// a strategy whose firm's share of the request is firmRequest, at accuracy:
//
//	Outcomes(c, s, a) = OutcomesOfUtility(Utility(c, s, a).Total, s.FirmRequest, a)
//
// bit for bit. With [Model.UtilityMask] it lets a caller who needs the
// utilities of many strategies but the outcomes of only a few (the learning
// loop's regret needs the best delight and the chosen one's) pay for the
// logistic functions only where needed: delight is non-decreasing in u, so
// the largest delight is that of the largest utility. Errors (a
// *connected.FieldError): u NaN (±Inf is allowed and saturates), firmRequest
// or accuracy outside [0,1], an invalid Model. It does not allocate.
func (m Model) OutcomesOfUtility(u, firmRequest, accuracy float64) (delight, disappoint float64, err error) {
	const op = "customer.Model.OutcomesOfUtility"
	m = m.withDefaults()
	if !m.valid() {
		return 0, 0, m.Validate()
	}
	if math.IsNaN(u) {
		return 0, 0, connected.NewFieldError(op, "u", u, connected.ErrNotFinite)
	}
	if !unit(firmRequest) {
		return 0, 0, connected.NewFieldError(op, "firmRequest", firmRequest, outOfRange(firmRequest))
	}
	if !unit(accuracy) {
		return 0, 0, connected.NewFieldError(op, "accuracy", accuracy, outOfRange(accuracy))
	}
	o := m.cuts()
	delight, disappoint = o.probs(u, firmRequest, accuracy)
	return delight, disappoint, nil
}

// DelightOfUtility returns the delight of an interaction of total utility
// u: DelightOfUtility(Utility(c, s, a).Total) = Delight(c, s, a), bit for
// bit, with one exponential and no disappointment. Errors (a
// *connected.FieldError): u NaN (±Inf saturates), an invalid Model. It does
// not allocate.
func (m Model) DelightOfUtility(u float64) (float64, error) {
	m = m.withDefaults()
	if !m.valid() {
		return 0, m.Validate()
	}
	if math.IsNaN(u) {
		return 0, connected.NewFieldError("customer.Model.DelightOfUtility", "u", u, connected.ErrNotFinite)
	}
	return logistic((u - m.OutsideUtility - m.DelightMargin) / m.DelightScale), nil
}

// cutPoints holds the constants of the outcome model of one Model.
type cutPoints struct {
	outside, margin, scale float64
	ms, em                 float64 // M/S and exp(M/S), which may be +Inf
}

// cuts returns the outcome constants of m, which has its defaults applied.
func (m Model) cuts() cutPoints {
	ms := m.DelightMargin / m.DelightScale
	return cutPoints{outside: m.OutsideUtility, margin: m.DelightMargin, scale: m.DelightScale, ms: ms, em: math.Exp(ms)}
}

// probs returns Outcomes' delight and disappointment for total utility u,
// request share fq and accuracy a, usually with one exponential: with
// x = u − OutsideUtility and z = (x − M)/S, σ(−x/S) = σ(−z − M/S) =
// e^−z/(e^−z + e^(M/S)). Where that product would lose precision (e^z
// subnormal, or e^(M/S) overflowing) it takes σ(−x/S) directly.
func (o *cutPoints) probs(u, fq, a float64) (delight, disappoint float64) {
	x := u - o.outside
	z := (x - o.margin) / o.scale
	var below float64
	if z >= 0 {
		e := math.Exp(-z)
		delight = 1 / (1 + e)
		below = e / (e + o.em) // em ≥ 1, so never 0/0; below < e^−(z+M/S) ≤ 1e-308 if em overflows
	} else {
		e := math.Exp(z)
		delight = e / (1 + e)
		if e >= 0x1p-1000 && o.em <= math.MaxFloat64 {
			below = 1 / (1 + e*o.em)
		} else {
			below = logistic(-x / o.scale)
		}
	}
	rest := 1 - delight // exact for delight ≥ 0.5, and delight + rest ≤ 1 always
	neutral := max(rest-below, 0)
	disappoint = min(below+fq*(1-a)*neutral, rest)
	return delight, disappoint
}
