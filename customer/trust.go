package customer

import (
	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
)

// Trust is a customer's trust in the firm as a Beta-reputation state
// (Jøsang & Ismail, "The Beta Reputation System", 15th Bled Electronic
// Commerce Conference, 2002): Good and Bad are the (discounted) weights of
// positive and negative evidence, and with the uniform prior Beta(1,1)
//
//	Value = (Good + 1) / (Good + Bad + 2)
//
// The zero Trust has no evidence and a Value of 0.5. A Trust is a 16-byte
// value and may be shared freely; [Trust.Update] modifies only its receiver.
type Trust struct {
	Good float64 `json:"good"` // positive evidence, finite and ≥ 0
	Bad  float64 `json:"bad"`  // negative evidence, finite and ≥ 0
}

// TrustFrom returns the Trust with total evidence weight whose Value is
// value: Good = value·(weight+2) − 1 and Bad = weight − Good. It is how a
// segment starts its members at a trust other than 0.5. Both counts must be
// ≥ 0, so value must lie in [1/(weight+2), (weight+1)/(weight+2)]; otherwise,
// or for NaN, ±Inf or a negative weight, it returns a *connected.FieldError.
func TrustFrom(value, weight float64) (Trust, error) {
	const op = "customer.TrustFrom"
	if err := check.Range(op, "weight", weight, 0, MaxAmount); err != nil {
		return Trust{}, err
	}
	if err := check.Range(op, "value", value, 1/(weight+2), (weight+1)/(weight+2)); err != nil {
		return Trust{}, err
	}
	g := max(0, value*(weight+2)-1)
	return Trust{Good: g, Bad: max(0, weight-g)}, nil
}

// maxTrust is the largest float64 below 1: Value never rounds up to 1.
const maxTrust = 1 - 0x1p-53

// Value returns the expected trust (Good+1)/(Good+Bad+2), in (0,1) for a
// valid Trust; it is computed so that it neither overflows nor rounds to 1.
// An invalid Trust (NaN or negative evidence) yields 0.5, the no-evidence
// value; Validate reports it.
func (t Trust) Value() float64 {
	if !t.valid() {
		return 0.5
	}
	v := 1 / (1 + (t.Bad+1)/(t.Good+1))
	return min(v, maxTrust)
}

// Validate returns a *connected.FieldError for a NaN, ±Inf or negative
// Good or Bad (joined if both are bad).
func (t Trust) Validate() error {
	if t.valid() {
		return nil
	}
	var errs check.Errs
	t.validate(&errs, "customer.Trust.Validate", "")
	return errs.Err()
}

func (t Trust) valid() bool { return amount(t.Good, 0) && amount(t.Bad, 0) }

func (t Trust) validate(errs *check.Errs, op, prefix string) {
	errs.Add(check.Range(op, prefix+"Good", t.Good, 0, MaxAmount))
	errs.Add(check.Range(op, prefix+"Bad", t.Bad, 0, MaxAmount))
}

// An Outcome is what one interaction tells the customer about the firm. It
// has three levels (README, Concepts: good outcomes add to one count, bad ones to
// the other, and an unremarkable interaction to neither):
//
//	Outcome{Good: true}     good: it delighted
//	Outcome{Neutral: true}  satisfactory: no evidence either way
//	Outcome{}               bad: it disappointed
//
// [Model.Outcomes] gives the probability of each level. The zero Outcome is
// a bad outcome, as before the neutral level existed.
type Outcome struct {
	Good            bool // the interaction went well (e.g. it delighted); ignored if Neutral
	Neutral         bool // the interaction was satisfactory: neither good nor bad
	FirmInitiated   bool // the firm started the action (strategy.Strategy.FirmInitiated)
	PrivacyIncident bool // the customer's data was misused or leaked
}

// TrustParams tune [Trust.Update]. Every zero field means its default.
type TrustParams struct {
	// Forgetting is the factor λ in (0,1] by which old evidence is
	// discounted before each update (Jøsang & Ismail 2002, §3.3); 1 keeps
	// all evidence. 0 means 1.
	Forgetting float64
	// Gain is the evidence a good outcome adds, > 0. 0 means 1.
	Gain float64
	// LossRatio is the evidence a bad outcome adds relative to Gain, ≥ 1:
	// trust is lost faster than it is won (Slovic, "Perceived Risk, Trust,
	// and Democracy", Risk Analysis 13(6), 1993). 0 means 3, a modeling
	// choice within the asymmetry Slovic reports.
	//
	// With outcomes good with steady probability p (and no firm-initiated
	// or incident weights), trust tends to p / (p + (1−p)·LossRatio) as
	// evidence accumulates: with the default 3 it rises above 0.5 only if
	// p > 0.75, and reaches 0.8 only if p ≥ 12/13 ≈ 0.92. Report
	// interactions that merely satisfy as Neutral, not as bad: then p is
	// the share of delights among the interactions that were either
	// delightful or disappointing.
	LossRatio float64
	// FirmMistake multiplies the weight of a bad outcome the firm initiated,
	// ≥ 1: people forgive an algorithm's errors less than their own
	// (algorithm aversion; Dietvorst, Simmons & Massey, Journal of
	// Experimental Psychology: General 144(1), 2015). 0 means 1.5, a
	// modeling choice; 1 switches the extra weight off.
	FirmMistake float64
	// PrivacyIncident is the bad evidence a privacy incident adds, in
	// multiples of Gain, on top of the outcome itself, ≥ 0. 0 means 10, a
	// modeling choice (one incident outweighs ten good experiences); to
	// ignore incidents, do not report them.
	PrivacyIncident float64
}

// DefaultTrustParams returns TrustParams with every default filled in:
// Forgetting 1, Gain 1, LossRatio 3, FirmMistake 1.5, PrivacyIncident 10.
func DefaultTrustParams() TrustParams {
	return TrustParams{}.withDefaults()
}

// withDefaults returns p with every default filled in; the zero
// TrustParams takes a literal (TestWithDefaultsFastPath).
func (p TrustParams) withDefaults() TrustParams {
	if p == (TrustParams{}) {
		return TrustParams{Forgetting: 1, Gain: 1, LossRatio: 3, FirmMistake: 1.5, PrivacyIncident: 10}
	}
	return p.fill()
}

// fill applies every field's default.
func (p TrustParams) fill() TrustParams {
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&p.Forgetting, 1)
	def(&p.Gain, 1)
	def(&p.LossRatio, 3)
	def(&p.FirmMistake, 1.5)
	def(&p.PrivacyIncident, 10)
	return p
}

// Validate reports every field outside its range (after defaults) as a
// *connected.FieldError, joined: Forgetting in (0,1], Gain in (0, 1e6],
// LossRatio and FirmMistake in [1, 1e6], PrivacyIncident in [0, 1e6]. The
// upper bounds keep evidence finite.
func (p TrustParams) Validate() error {
	const op = "customer.TrustParams.Validate"
	d := p.withDefaults()
	if d.valid() {
		return nil
	}
	var errs check.Errs
	if !(d.Forgetting > 0 && d.Forgetting <= 1) {
		errs.Add(connected.NewFieldError(op, "Forgetting", p.Forgetting, outOfRange(p.Forgetting)))
	}
	errs.Add(check.Range(op, "Gain", d.Gain, 0x1p-30, maxWeight))
	errs.Add(check.Range(op, "LossRatio", d.LossRatio, 1, maxWeight))
	errs.Add(check.Range(op, "FirmMistake", d.FirmMistake, 1, maxWeight))
	errs.Add(check.Range(op, "PrivacyIncident", d.PrivacyIncident, 0, maxWeight))
	return errs.Err()
}

// maxWeight bounds the evidence weights of TrustParams.
const maxWeight = 1e6

func (p TrustParams) valid() bool {
	return p.Forgetting > 0 && p.Forgetting <= 1 &&
		p.Gain >= 0x1p-30 && p.Gain <= maxWeight &&
		p.LossRatio >= 1 && p.LossRatio <= maxWeight &&
		p.FirmMistake >= 1 && p.FirmMistake <= maxWeight &&
		p.PrivacyIncident >= 0 && p.PrivacyIncident <= maxWeight
}

// Update discounts t's evidence by p.Forgetting and adds the evidence of
// outcome o:
//
//	Good ← λ·Good + Gain                         if o.Good and not o.Neutral
//	Bad  ← λ·Bad + Gain·LossRatio·[FirmMistake]  if neither o.Good nor o.Neutral (× FirmMistake if o.FirmInitiated)
//	Bad  ← Bad + Gain·PrivacyIncident            if o.PrivacyIncident
//
// A neutral outcome adds no evidence of its own but still discounts the old
// evidence by λ: forgetting is per interaction, so a customer whose
// interactions pass unremarked slowly returns toward the no-evidence value
// 0.5 (with the default λ = 1 it changes nothing). A privacy incident
// during a neutral interaction still adds its weight.
//
// With the defaults and no forgetting, five good outcomes from the zero
// Trust give 6/7 ≈ 0.857, one bad outcome then 0.600, and it takes 18 more
// good ones to be back at 6/7. Evidence is capped at MaxAmount so t stays
// valid. Update returns p.Validate()'s error or t.Validate()'s, leaving t
// unchanged; it does not allocate.
func (t *Trust) Update(o Outcome, p TrustParams) error {
	p = p.withDefaults()
	if !p.valid() {
		return p.Validate()
	}
	if !t.valid() {
		var errs check.Errs
		t.validate(&errs, "customer.Trust.Update", "")
		return errs.Err()
	}
	g, b := p.Forgetting*t.Good, p.Forgetting*t.Bad
	switch {
	case o.Neutral:
	case o.Good:
		g += p.Gain
	default:
		w := p.Gain * p.LossRatio
		if o.FirmInitiated {
			w *= p.FirmMistake
		}
		b += w
	}
	if o.PrivacyIncident {
		b += p.Gain * p.PrivacyIncident
	}
	t.Good, t.Bad = min(g, MaxAmount), min(b, MaxAmount)
	return nil
}
