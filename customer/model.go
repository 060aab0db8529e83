package customer

import (
	"iter"
	"math"
	"strconv"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/internal/num"
	"github.com/connectedstrategy/connected/strategy"
)

// A Model is how customers value a strategy: the privacy calculus
// (README, Concepts; Awad & Krishnan, MIS Quarterly 30(1), 2006; Aguirre et al., Journal
// of Retailing 91(1), 2015), a logit choice over the eligible strategies and
// an outside option (McFadden, "Conditional logit analysis of qualitative
// choice behavior", in Frontiers in Econometrics, 1974), and the chance that
// an interaction delights.
//
// Every zero field means its default. Every default is a modeling choice,
// calibrated so that with [strategy.Default] and [DefaultPopulation]
// different segments prefer different strategies (see [Model.Utility] for
// the formula). For MatchFloor, EffortCost, PrivacyCost, CreepCost,
// ControlCost, MistakeAversion and DelightMargin a negative value means 0,
// switching the term off (as net/http does for timeouts). A Model is a
// plain value and may be shared freely.
type Model struct {
	// Temperature is the logit scale in money per need, in [1e-6, MaxAmount]:
	// utilities that differ by Temperature differ in odds by a factor e.
	// 0 means 4.
	Temperature float64
	// OutsideUtility is the utility of the outside option (not being served
	// by the firm), money per need, |x| ≤ MaxAmount. The default is 0.
	OutsideUtility float64
	// MatchFloor is the match quality of a customer ordering alone who has
	// no idea what they want, in [0,1]; a customer who knows exactly gets 1.
	// 0 means 0.5; negative means 0.
	MatchFloor float64
	// EffortCost is the money a customer spends per nat of options searched
	// (search effort grows with the log of the option set, as choice time
	// does in Hick, Quarterly Journal of Experimental Psychology 4(1), 1952).
	// 0 means 3.
	EffortCost float64
	// PrivacyCost is the money cost of sharing all data (intensity 1) for a
	// customer of full privacy concern who does not trust the firm at all.
	// 0 means 30.
	PrivacyCost float64
	// CreepCost multiplies the squared excess of data intensity over the
	// customer's monitoring tolerance, money per need. 0 means 30.
	CreepCost float64
	// ControlCost is the money cost of ceding every decision for a customer
	// of full control desire. 0 means 12.
	ControlCost float64
	// MistakeAversion is the extra weight on mistakes of firm-initiated
	// actions (algorithm aversion; Dietvorst, Simmons & Massey 2015): their
	// expected cost is multiplied by 1 + MistakeAversion. 0 means 0.5.
	MistakeAversion float64
	// DelightMargin is by how much an interaction's utility must beat the
	// outside option to delight with probability one half, money per need.
	// 0 means 8.
	DelightMargin float64
	// DelightScale is the logistic scale of delight around DelightMargin,
	// money per need, in [1e-6, MaxAmount]. 0 means 4.
	DelightScale float64
}

// DefaultModel returns the Model with every default filled in. Its zero
// value behaves identically.
func DefaultModel() Model { return Model{}.withDefaults() }

// withDefaults returns m with every default filled in. The zero Model, the
// common case on hot paths, takes a literal (TestWithDefaultsFastPath
// checks that it equals fill's result).
func (m Model) withDefaults() Model {
	// Field by field: comparing the structs calls a non-inlined equality
	// function.
	if m.Temperature == 0 && m.OutsideUtility == 0 && m.MatchFloor == 0 && m.EffortCost == 0 &&
		m.PrivacyCost == 0 && m.CreepCost == 0 && m.ControlCost == 0 && m.MistakeAversion == 0 &&
		m.DelightMargin == 0 && m.DelightScale == 0 {
		return Model{
			Temperature: 4, DelightScale: 4, MatchFloor: 0.5, EffortCost: 3, PrivacyCost: 30,
			CreepCost: 30, ControlCost: 12, MistakeAversion: 0.5, DelightMargin: 8,
		}
	}
	return m.fill()
}

// fill applies every field's default.
func (m Model) fill() Model {
	if m.Temperature == 0 {
		m.Temperature = 4
	}
	if m.DelightScale == 0 {
		m.DelightScale = 4
	}
	m.MatchFloor = scale(m.MatchFloor, 0.5)
	m.EffortCost = scale(m.EffortCost, 3)
	m.PrivacyCost = scale(m.PrivacyCost, 30)
	m.CreepCost = scale(m.CreepCost, 30)
	m.ControlCost = scale(m.ControlCost, 12)
	m.MistakeAversion = scale(m.MistakeAversion, 0.5)
	m.DelightMargin = scale(m.DelightMargin, 8)
	return m
}

// scale applies the convention of Model's cost scales: 0 means the default
// d, a finite negative value means 0, anything else (including NaN and
// -Inf, which Validate rejects) is kept.
func scale(x, d float64) float64 {
	switch {
	case x == 0:
		return d
	case x < 0 && x > math.Inf(-1):
		return 0
	}
	return x
}

const minScale = 1e-6

// valid reports whether a model with defaults applied is usable. Negative
// scales have become 0 by then; NaN fails every comparison.
func (m Model) valid() bool {
	return m.Temperature >= minScale && m.Temperature <= MaxAmount &&
		m.DelightScale >= minScale && m.DelightScale <= MaxAmount &&
		m.OutsideUtility >= -MaxAmount && m.OutsideUtility <= MaxAmount &&
		m.MatchFloor <= 1 &&
		m.EffortCost <= MaxAmount && m.PrivacyCost <= MaxAmount && m.CreepCost <= MaxAmount &&
		m.ControlCost <= MaxAmount && m.MistakeAversion <= MaxAmount && m.DelightMargin <= MaxAmount &&
		m.MatchFloor >= 0 && m.EffortCost >= 0 && m.PrivacyCost >= 0 && m.CreepCost >= 0 &&
		m.ControlCost >= 0 && m.MistakeAversion >= 0 && m.DelightMargin >= 0
}

// Validate reports every unusable field as a *connected.FieldError, joined:
// NaN or ±Inf anywhere (ErrNotFinite); Temperature or DelightScale negative
// or outside [1e-6, MaxAmount], MatchFloor above 1, OutsideUtility or a cost
// scale beyond ±MaxAmount (ErrOutOfRange).
func (m Model) Validate() error {
	if m.withDefaults().valid() {
		return nil
	}
	const op = "customer.Model.Validate"
	var errs check.Errs
	d := m.withDefaults()
	errs.Add(check.Range(op, "Temperature", d.Temperature, minScale, MaxAmount))
	errs.Add(check.Range(op, "DelightScale", d.DelightScale, minScale, MaxAmount))
	errs.Add(check.Range(op, "OutsideUtility", m.OutsideUtility, -MaxAmount, MaxAmount))
	for _, f := range []struct {
		name      string
		raw, used float64
		hi        float64
	}{
		{"MatchFloor", m.MatchFloor, d.MatchFloor, 1},
		{"EffortCost", m.EffortCost, d.EffortCost, MaxAmount},
		{"PrivacyCost", m.PrivacyCost, d.PrivacyCost, MaxAmount},
		{"CreepCost", m.CreepCost, d.CreepCost, MaxAmount},
		{"ControlCost", m.ControlCost, d.ControlCost, MaxAmount},
		{"MistakeAversion", m.MistakeAversion, d.MistakeAversion, MaxAmount},
		{"DelightMargin", m.DelightMargin, d.DelightMargin, MaxAmount},
	} {
		if !(f.used >= 0 && f.used <= f.hi) || !finite(f.raw) {
			errs.Add(connected.NewFieldError(op, f.name, f.raw, outOfRange(f.raw)))
		}
	}
	return errs.Err()
}

// Utility is a customer's value of one interaction under one strategy,
// money per need, with each term of the privacy calculus named so a report
// can show why. Value is a gain; every other term except Total is a cost
// ≥ 0, and
//
//	Total = Value − Effort − Delay − Privacy − Creepiness − Control − Mistakes − Nuisance
type Utility struct {
	Value      float64 // need value realized: P(act) × match quality × NeedValue
	Effort     float64 // searching the options when ordering
	Delay      float64 // waiting: the customer's recognition lag and the fulfilment delay
	Privacy    float64 // sharing data with a firm not fully trusted
	Creepiness float64 // data use beyond what the customer tolerates
	Control    float64 // ceding decisions the customer wants to make
	Mistakes   float64 // expected cost of the firm's wrong actions
	Nuisance   float64 // the strategy's NuisanceCost
	Total      float64 // Value minus every cost
}

// Terms yields the utility's terms in the order of the struct, named in
// lower case ("value", "effort", "delay", "privacy", "creepiness",
// "control", "mistakes", "nuisance", "total"), with costs as positive
// numbers, for reports that print a breakdown.
func (u Utility) Terms() iter.Seq2[string, float64] {
	return func(yield func(string, float64) bool) {
		_ = yield("value", u.Value) && yield("effort", u.Effort) && yield("delay", u.Delay) &&
			yield("privacy", u.Privacy) && yield("creepiness", u.Creepiness) && yield("control", u.Control) &&
			yield("mistakes", u.Mistakes) && yield("nuisance", u.Nuisance) && yield("total", u.Total)
	}
}

// Utility returns customer c's utility of one interaction under strategy s
// when the firm's prediction accuracy for c is accuracy in [0,1]. With
// a = accuracy, fr = s.FirmRecognize, fq = s.FirmRequest and the traits of
// c (NK need knowledge, I inertia, Pr predictability, …):
//
//	recognition   qr = a·Pr             (the firm anticipates a need only as far as it is regular)
//	matching      qm = a
//	P(act)        = 1 − I·(1 − fr·qr)   (the customer acts alone with probability 1 − I; when
//	                                     inert, the firm catches the need with probability fr·qr)
//	match         = (1−fq)·(F + (1−F)·NK) + fq·qm      F = MatchFloor
//	Value         = P(act) · match · NeedValue
//	Effort        = EffortCost · (1−fq) · (1 − NK/2) · ln(1 + OptionSetSize^(1−fq))
//	Delay         = DelayCost · ((1−fr)·RecognitionLag + s.FulfilmentDelay)
//	Privacy       = PrivacyCost · PrivacyConcern · s.DataIntensity · (1 − Trust.Value())
//	Creepiness    = CreepCost · max(0, s.DataIntensity − MonitoringTolerance)²
//	Control       = ControlCost · ControlDesire · s.Autonomy()
//	Mistakes      = MistakeCost · fq · (1−qm) · (1 + MistakeAversion if s.FirmInitiated())
//	Nuisance      = s.NuisanceCost
//
// A firm that takes over the request (fq) narrows the options the customer
// searches (a curated menu) and owns the match; one that takes over
// recognition (fr) removes the recognition lag and catches needs the
// customer's inertia would let pass. The firm's recognition adds to the
// customer's own rather than replacing it: a reminder never makes a
// customer less likely to act, so at zero inertia P(act) = 1 whoever
// recognizes, and at full inertia P(act) = fr·qr. A customer who knows
// exactly what they want searches half as long. The functional
// forms and constants are modeling choices. Consequences the
// tests check: more privacy concern never raises a strategy's utility, and
// never raises that of a more data-intensive strategy relative to a less
// intensive one; more inertia raises coach behavior relative to respond to
// desire (strictly when the firm recognizes anything, a·Pr > 0); automatic execution falls as mistake cost rises; higher accuracy
// never lowers utility; and every term is finite for valid input.
//
// Utility does not check eligibility: it answers "what if". Errors (a
// *connected.FieldError): accuracy outside [0,1]; invalid c.Traits or
// c.Trust; s.FirmRecognize, s.FirmRequest or s.DataIntensity outside [0,1],
// s.FulfilmentDelay or s.NuisanceCost outside [0, MaxAmount]; an invalid
// Model. It does not allocate.
func (m Model) Utility(c Customer, s strategy.Strategy, accuracy float64) (Utility, error) {
	m = m.withDefaults()
	if err := m.check(&c, accuracy, "customer.Model.Utility"); err != nil {
		return Utility{}, err
	}
	if err := checkStrategy(&s, "customer.Model.Utility", ""); err != nil {
		return Utility{}, err
	}
	p := m.terms(&c.Traits, c.Trust.Value())
	return p.utility(&s, accuracy), nil
}

// check validates the model (with defaults applied), the customer and the
// accuracy, without allocating on success.
func (m Model) check(c *Customer, accuracy float64, op string) error {
	if !m.valid() {
		return m.Validate()
	}
	if !unit(accuracy) {
		return connected.NewFieldError(op, "accuracy", accuracy, outOfRange(accuracy))
	}
	if !c.Traits.valid() || !c.Trust.valid() {
		var errs check.Errs
		c.Traits.validate(&errs, op, "Traits.")
		c.Trust.validate(&errs, op, "Trust.")
		return errs.Err()
	}
	return nil
}

// checkStrategy checks the fields of s that Utility reads.
func checkStrategy(s *strategy.Strategy, op, prefix string) error {
	if unit(s.FirmRecognize) && unit(s.FirmRequest) && unit(s.DataIntensity) &&
		amount(s.FulfilmentDelay, 0) && amount(s.NuisanceCost, 0) {
		return nil
	}
	var errs check.Errs
	errs.Add(check.Unit(op, prefix+"FirmRecognize", s.FirmRecognize))
	errs.Add(check.Unit(op, prefix+"FirmRequest", s.FirmRequest))
	errs.Add(check.Unit(op, prefix+"DataIntensity", s.DataIntensity))
	errs.Add(check.Range(op, prefix+"FulfilmentDelay", s.FulfilmentDelay, 0, MaxAmount))
	errs.Add(check.Range(op, prefix+"NuisanceCost", s.NuisanceCost, 0, MaxAmount))
	return errs.Err()
}

// traitTerms holds the parts of Utility that depend on the customer and
// the model but not on the strategy, so that evaluating many strategies for
// one customer computes them once. The effort logarithms of the two common
// request shares (0 and 0.5) are filled in on first use.
type traitTerms struct {
	t        *Traits
	self     float64 // match quality ordering alone: F + (1−F)·NK
	search   float64 // EffortCost · (1 − NK/2)
	privacy  float64 // PrivacyCost · PrivacyConcern · (1 − trust)
	control  float64 // ControlCost · ControlDesire
	creep    float64 // CreepCost
	log0     float64 // ln(1 + OptionSetSize), if has0
	logHalf  float64 // ln(1 + √OptionSetSize), if hasHalf
	has0     bool
	hasHalf  bool
	aversion float64 // 1 + MistakeAversion
}

// terms returns the strategy-independent parts of the utility of a customer
// of traits t and trust value trust; m has its defaults applied.
func (m Model) terms(t *Traits, trust float64) traitTerms {
	return traitTerms{
		t:        t,
		self:     m.MatchFloor + (1-m.MatchFloor)*t.NeedKnowledge,
		search:   m.EffortCost * (1 - t.NeedKnowledge/2),
		privacy:  m.PrivacyCost * t.PrivacyConcern * (1 - trust),
		control:  m.ControlCost * t.ControlDesire,
		creep:    m.CreepCost,
		aversion: 1 + m.MistakeAversion,
	}
}

// logSearched returns ln(1 + n^(1−fq)) for the customer's option set n,
// caching the values for the shares 0 and 0.5 of the default catalogue.
func (p *traitTerms) logSearched(fq float64) float64 {
	switch fq {
	case 0:
		if !p.has0 {
			p.log0, p.has0 = math.Log(1+p.t.OptionSetSize), true
		}
		return p.log0
	case 0.5:
		if !p.hasHalf {
			p.logHalf, p.hasHalf = math.Log(1+math.Sqrt(p.t.OptionSetSize)), true
		}
		return p.logHalf
	}
	return math.Log(1 + math.Pow(p.t.OptionSetSize, 1-fq))
}

// utility evaluates the formula of Utility on checked input.
func (p *traitTerms) utility(s *strategy.Strategy, a float64) Utility {
	t := p.t
	fr, fq := s.FirmRecognize, s.FirmRequest
	qr, qm := a*t.Predictability, a
	act := 1 - t.Inertia*(1-fr*qr)
	match := (1-fq)*p.self + fq*qm
	var u Utility
	u.Value = act * match * t.NeedValue
	if fq < 1 {
		u.Effort = p.search * (1 - fq) * p.logSearched(fq)
	}
	u.Delay = t.DelayCost * ((1-fr)*t.RecognitionLag + s.FulfilmentDelay)
	u.Privacy = p.privacy * s.DataIntensity
	if x := s.DataIntensity - t.MonitoringTolerance; x > 0 {
		u.Creepiness = p.creep * x * x
	}
	u.Control = p.control * s.Autonomy()
	u.Mistakes = t.MistakeCost * fq * (1 - qm)
	if s.FirmInitiated() {
		u.Mistakes *= p.aversion
	}
	u.Nuisance = s.NuisanceCost
	// Total from total, so that every path (Utility, Choice, Delight, the
	// batched masks) agrees bit for bit even where the compiler fuses
	// multiply-adds differently in the two bodies.
	u.Total = p.total(s, a)
	return u
}

// total is the Total of utility(s, a): the same terms in the same
// order, without filling in the breakdown, which the batched paths and
// Choice do not need.
func (p *traitTerms) total(s *strategy.Strategy, a float64) float64 {
	t := p.t
	fr, fq := s.FirmRecognize, s.FirmRequest
	value := (1 - t.Inertia*(1-fr*(a*t.Predictability))) * ((1-fq)*p.self + fq*a) * t.NeedValue
	effort := 0.0
	if fq < 1 {
		effort = p.search * (1 - fq) * p.logSearched(fq)
	}
	delay := t.DelayCost * ((1-fr)*t.RecognitionLag + s.FulfilmentDelay)
	privacy := p.privacy * s.DataIntensity
	creep := 0.0
	if x := s.DataIntensity - t.MonitoringTolerance; x > 0 {
		creep = p.creep * x * x
	}
	control := p.control * ((fr + fq) / 2)
	mistakes := t.MistakeCost * fq * (1 - a)
	if fr > 0.5 {
		mistakes *= p.aversion
	}
	return value - effort - delay - privacy - creep - control - mistakes - s.NuisanceCost
}

// Choice fills dst with the logit probabilities that customer c chooses
// each strategy of ss, and the outside option, when the firm's accuracy for
// c is accuracy:
//
//	dst[i]       = eligible[i] · exp(U_i/T) / (exp(U_0/T) + Σ_j eligible[j] · exp(U_j/T))   for i < len(ss)
//	dst[len(ss)] = exp(U_0/T) / (same denominator)                                          the outside option
//
// where U_i is Model.Utility(c, ss[i], accuracy).Total, U_0 is
// OutsideUtility and T is Temperature. eligible says which strategies c may
// be offered; take it from [EligibleMask] (and narrow it further, e.g. to
// the strategies a firm has built) so that consent is respected. It is
// computed with log-sum-exp, so every entry is finite, in [0,1], and they
// sum to 1 within rounding, for any valid input.
//
// Errors (a *connected.FieldError; dst is then unspecified):
// len(dst) ≠ len(ss)+1 or len(eligible) ≠ len(ss) (ErrMismatch), and the
// errors of Utility for any strategy, eligible or not, named
// "ss[i].Field". Choice does not modify ss or eligible, and does not
// allocate.
func (m Model) Choice(dst []float64, c Customer, ss []strategy.Strategy, eligible []bool, accuracy float64) error {
	const op = "customer.Model.Choice"
	if err := check.Len(op, "len(dst)", len(dst), len(ss)+1); err != nil {
		return err
	}
	m, err := m.utilityMask(op, dst[:len(ss)], c, ss, eligible, accuracy)
	if err != nil {
		return err
	}
	for i := range ss {
		dst[i] /= m.Temperature // −Inf stays −Inf
	}
	dst[len(ss)] = m.OutsideUtility / m.Temperature
	// The log-sum-exp shift: subtract the largest score so no exponential
	// overflows, then normalize. Normalizing by the sum (rather than
	// exponentiating x − LSE) keeps the sum at 1 within rounding even when
	// scores are huge and close.
	top := math.Inf(-1)
	for _, x := range dst {
		top = max(top, x)
	}
	var sum num.Acc
	for i, x := range dst {
		dst[i] = math.Exp(x - top) // exp(-Inf) = 0; the outside option is finite
		sum.Add(dst[i])
	}
	z := sum.Value() // ≥ 1: the top score contributes exp(0)
	for i := range dst {
		dst[i] /= z
	}
	return nil
}

// UtilityMask sets dst[i] to Utility(c, ss[i], accuracy).Total, bit for
// bit, for each eligible strategy, and to −Inf (never chosen, never best)
// for the others. It validates the model, c and accuracy once and computes
// the parts of the utility that depend only on c and its trust once, so it
// costs much less than len(ss) calls of Utility; pair it with
// [Model.OutcomesOfUtility]. Errors are Choice's, with len(dst) ≠ len(ss)
// (ErrMismatch); it does not modify ss or eligible, and does not allocate.
func (m Model) UtilityMask(dst []float64, c Customer, ss []strategy.Strategy, eligible []bool, accuracy float64) error {
	const op = "customer.Model.UtilityMask"
	if err := check.Len(op, "len(dst)", len(dst), len(ss)); err != nil {
		return err
	}
	_, err := m.utilityMask(op, dst, c, ss, eligible, accuracy)
	return err
}

// utilityMask is UtilityMask and the first half of Choice: it checks
// eligible's length, the model, c and accuracy, fills dst (len(ss)) with
// each eligible strategy's total utility and −Inf for the others, and
// returns the model with its defaults applied. Errors name op.
func (m Model) utilityMask(op string, dst []float64, c Customer, ss []strategy.Strategy, eligible []bool, accuracy float64) (Model, error) {
	if err := check.Len(op, "len(eligible)", len(eligible), len(ss)); err != nil {
		return m, err
	}
	m = m.withDefaults()
	if err := m.check(&c, accuracy, op); err != nil {
		return m, err
	}
	p := m.terms(&c.Traits, c.Trust.Value())
	for i := range ss {
		if err := checkStrategy(&ss[i], op, ""); err != nil {
			return m, renameStrategyErr(err, i)
		}
		if !eligible[i] {
			dst[i] = math.Inf(-1)
			continue
		}
		dst[i] = p.total(&ss[i], accuracy)
	}
	return m, nil
}

// Best returns the index of the eligible strategy in ss with the highest
// utility for customer c at accuracy (the lowest index on ties), or -1 if
// none is eligible. It is the strategy a customer falls back to when a
// revocation removes their current one. Errors are Choice's for a
// len(eligible) ≠ len(ss) and for invalid input; it does not allocate.
func (m Model) Best(c Customer, ss []strategy.Strategy, eligible []bool, accuracy float64) (int, error) {
	const op = "customer.Model.Best"
	if err := check.Len(op, "len(eligible)", len(eligible), len(ss)); err != nil {
		return -1, err
	}
	m = m.withDefaults()
	if err := m.check(&c, accuracy, op); err != nil {
		return -1, err
	}
	p := m.terms(&c.Traits, c.Trust.Value())
	best, bestU := -1, math.Inf(-1)
	for i := range ss {
		if err := checkStrategy(&ss[i], op, ""); err != nil {
			return -1, renameStrategyErr(err, i)
		}
		if !eligible[i] {
			continue
		}
		if u := p.total(&ss[i], accuracy); best < 0 || u > bestU {
			best, bestU = i, u
		}
	}
	return best, nil
}

// renameStrategyErr prefixes the field of every *FieldError in err with
// "ss[i]."; it runs only on the error path.
func renameStrategyErr(err error, i int) error {
	prefix := "ss[" + strconv.Itoa(i) + "]."
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var errs check.Errs
		for _, e := range j.Unwrap() {
			errs.Add(renameStrategyErr1(e, prefix))
		}
		return errs.Err()
	}
	return renameStrategyErr1(err, prefix)
}

func renameStrategyErr1(err error, prefix string) error {
	if fe, ok := err.(*connected.FieldError); ok {
		return connected.NewFieldError(fe.Op, prefix+fe.Field, fe.Value, fe.Err)
	}
	return err
}

// Delight returns the probability that one interaction under s delights
// customer c when the firm's accuracy for c is accuracy: a logistic function
// of how far the interaction's utility beats the outside option,
//
//	P(delight) = 1 / (1 + exp(−(U − OutsideUtility − DelightMargin) / DelightScale))
//
// with U = Utility(c, s, accuracy).Total. It rises with accuracy, so
// learning raises delight; it is the outcome the learning loop draws. The
// logistic link is a modeling choice in the spirit of expectation–
// disconfirmation (Oliver, Journal of Marketing Research 17(4), 1980):
// delight when the experience clearly beats the alternative. It equals the
// delight of [Model.Outcomes]. The result is in [0,1]. Errors are those of
// Utility; it does not allocate.
func (m Model) Delight(c Customer, s strategy.Strategy, accuracy float64) (float64, error) {
	m = m.withDefaults()
	if err := m.check(&c, accuracy, "customer.Model.Delight"); err != nil {
		return 0, err
	}
	if err := checkStrategy(&s, "customer.Model.Delight", ""); err != nil {
		return 0, err
	}
	p := m.terms(&c.Traits, c.Trust.Value())
	u := p.total(&s, accuracy)
	return logistic((u - m.OutsideUtility - m.DelightMargin) / m.DelightScale), nil
}

// logistic returns 1/(1+e^−x) without overflow.
func logistic(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}
