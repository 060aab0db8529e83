package customer

import (
	"strconv"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/strategy"
)

// Rules are the soft eligibility thresholds for automatic execution. They
// may only remove a strategy a customer has consented to, never add one.
// Every zero field means its default; a field set so that every customer
// passes (a negative minimum, a +Inf cap) switches that rule off. Rules is a
// plain value and may be shared freely.
type Rules struct {
	// MinTrust is the least Trust.Value() for automatic execution. 0 means
	// 0.8, a modeling choice: the firm acts alone only for customers who
	// trust it clearly more than not.
	MinTrust float64
	// MinPredictability is the least Traits.Predictability for automatic
	// execution. 0 means 0.7, a modeling choice: below it the firm would
	// anticipate too few needs correctly.
	MinPredictability float64
	// MaxMistakeCost is the largest Traits.MistakeCost (money per wrong
	// action) for automatic execution, > 0. 0 means 30, a modeling choice
	// near the value of one typical need in the default population.
	MaxMistakeCost float64
}

// DefaultRules returns Rules with the defaults filled in: MinTrust 0.8,
// MinPredictability 0.7, MaxMistakeCost 30.
func DefaultRules() Rules { return Rules{}.withDefaults() }

func (r Rules) withDefaults() Rules {
	if r.MinTrust == 0 {
		r.MinTrust = 0.8
	}
	if r.MinPredictability == 0 {
		r.MinPredictability = 0.7
	}
	if r.MaxMistakeCost == 0 {
		r.MaxMistakeCost = 30
	}
	return r
}

// Validate reports a NaN threshold (ErrNotFinite), ±Inf minimums
// (ErrNotFinite) and a negative MaxMistakeCost (ErrOutOfRange) as
// *connected.FieldError values, joined. +Inf MaxMistakeCost is valid.
func (r Rules) Validate() error {
	if r.valid() {
		return nil
	}
	const op = "customer.Rules.Validate"
	var errs check.Errs
	errs.Add(check.Finite(op, "MinTrust", r.MinTrust))
	errs.Add(check.Finite(op, "MinPredictability", r.MinPredictability))
	if !(r.MaxMistakeCost >= 0) {
		errs.Add(connected.NewFieldError(op, "MaxMistakeCost", r.MaxMistakeCost, outOfRange(r.MaxMistakeCost)))
	}
	return errs.Err()
}

func (r Rules) valid() bool {
	return finite(r.MinTrust) && finite(r.MinPredictability) && r.MaxMistakeCost >= 0
}

func finite(x float64) bool { return x-x == 0 }

// A Reason says why a strategy is or is not eligible for a customer. Its
// String is a phrase a report can print. The zero Reason is invalid.
type Reason int

// The reasons Eligible gives, in the order it checks them.
const (
	Allowed        Reason = iota + 1 // eligible
	InvalidInput                     // unknown strategy kind, negative period or invalid rules
	NoConsent                        // the strategy needs consent and none was ever granted for its kind
	ConsentRevoked                   // consent for the kind was granted but is revoked at this period
	DataNotCovered                   // the consent in force does not cover every data category the strategy needs
	LowTrust                         // automatic execution: Trust.Value() < Rules.MinTrust
	Unpredictable                    // automatic execution: Predictability < Rules.MinPredictability
	CostlyMistakes                   // automatic execution: MistakeCost > Rules.MaxMistakeCost
)

var reasonText = [...]string{
	Allowed:        "eligible",
	InvalidInput:   "invalid input: unknown strategy kind, negative period or invalid rules",
	NoConsent:      "needs consent, and none was granted",
	ConsentRevoked: "consent was revoked",
	DataNotCovered: "consent does not cover all the data it needs",
	LowTrust:       "trust too low for automatic execution",
	Unpredictable:  "needs too irregular for automatic execution",
	CostlyMistakes: "a mistake would cost too much for automatic execution",
}

// String returns the reason as a short phrase, e.g. "consent was revoked",
// and "Reason(n)" for an invalid reason.
func (r Reason) String() string {
	if r >= Allowed && r <= CostlyMistakes {
		return reasonText[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// Eligible reports whether the firm may serve customer c with strategy s
// at period, and which rule decided. It applies, in order:
//
//  1. Input: an invalid s.Kind, a negative period or invalid rules give
//     (false, InvalidInput).
//  2. The baseline: buy-what-we-have is always eligible.
//  3. Consent, a hard rule: a strategy with NeedsConsent is eligible only if
//     c.Consent holds a grant for s.Kind, unrevoked at period, covering
//     every category of s.Data (see [Consent.Allows]). Nothing is inferred.
//  4. Soft rules (r, defaults in [Rules]) for automatic execution: trust,
//     predictability and mistake cost thresholds. They can only say no.
//
// Eligible does not validate the rest of s or c: a NaN trait or an invalid
// Trust fails the soft rules it meets (it can only remove options). It
// never panics and does not allocate.
func Eligible(c Customer, s strategy.Strategy, period int, r Rules) (bool, Reason) {
	if !s.Kind.Valid() || period < 0 || !r.valid() {
		return false, InvalidInput
	}
	return eligible(&c, &s, period, r.withDefaults())
}

// eligible is Eligible for checked input with defaults applied.
func eligible(c *Customer, s *strategy.Strategy, period int, r Rules) (bool, Reason) {
	if !s.Kind.Valid() {
		return false, InvalidInput
	}
	if s.Kind == strategy.BuyWhatWeHave {
		return true, Allowed
	}
	if s.NeedsConsent {
		i, _ := kindIndex(s.Kind)
		g := c.Consent.granted(i, period)
		switch {
		case g.Empty() && c.Consent.everGranted(i, period):
			return false, ConsentRevoked
		case g.Empty():
			return false, NoConsent
		case !g.Covers(s.Data):
			return false, DataNotCovered
		}
	}
	if s.Kind == strategy.AutomaticExecution {
		switch {
		case !(c.Trust.Value() >= r.MinTrust):
			return false, LowTrust
		case !(c.Traits.Predictability >= r.MinPredictability):
			return false, Unpredictable
		case !(c.Traits.MistakeCost <= r.MaxMistakeCost):
			return false, CostlyMistakes
		}
	}
	return true, Allowed
}

// EligibleMask sets dst[i] to whether ss[i] is eligible for c at period
// under r, exactly as [Eligible] decides it. It returns a
// *connected.FieldError, leaving dst unchanged, if len(dst) ≠ len(ss)
// (ErrMismatch), period is negative (ErrOutOfRange) or r is invalid. A
// strategy with an invalid Kind is marked ineligible. It does not allocate.
func EligibleMask(dst []bool, c Customer, ss []strategy.Strategy, period int, r Rules) error {
	const op = "customer.EligibleMask"
	if err := check.Len(op, "len(dst)", len(dst), len(ss)); err != nil {
		return err
	}
	if period < 0 {
		return connected.NewFieldError(op, "period", period, connected.ErrOutOfRange)
	}
	if !r.valid() {
		return r.Validate()
	}
	r = r.withDefaults()
	for i := range ss {
		dst[i], _ = eligible(&c, &ss[i], period, r)
	}
	return nil
}
