package strategy

import (
	"strconv"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
)

// A Strategy is one way a firm serves a customer's need, with what it asks of
// the customer (autonomy ceded, data, consent) and what it costs the firm.
// Money is in the caller's currency unit; time is in periods (the unit of the
// caller's simulation, e.g. weeks). A Strategy is a plain value and may be
// shared freely; its zero value is invalid (Validate reports why).
type Strategy struct {
	Name        string      // unique within a list, non-empty
	Kind        Kind        // which of the five kinds it is
	Orientation Orientation // MIT CISR orientation; see Kind.DefaultOrientation

	FirmRecognize float64 // the firm's share of the Recognize stage, [0,1]
	FirmRequest   float64 // the firm's share of the Request stage, [0,1]

	DataIntensity float64 // how much customer data it uses, [0,1]
	Data          DataSet // the data categories it needs
	NeedsConsent  bool    // whether it may be used only with explicit consent

	FixedCost       float64 // money per period to keep the capability, ≥ 0
	VariableCost    float64 // money per interaction, ≥ 0
	FulfilmentDelay float64 // periods from order to fulfilment, ≥ 0
	NuisanceCost    float64 // money-equivalent annoyance per interaction to the customer, ≥ 0
	Capacity        float64 // most weight served per period, ≥ 0; 0 means unlimited
}

// Autonomy is the share of the need's decisions the customer cedes to the
// firm: the mean of FirmRecognize and FirmRequest, in [0,1] for a valid
// strategy.
func (s Strategy) Autonomy() float64 { return (s.FirmRecognize + s.FirmRequest) / 2 }

// FirmShare returns the firm's share of stage: FirmRecognize, FirmRequest,
// and 1 for Respond (fulfilment is always the firm's) and Repeat (learning
// across journeys is the firm's). An invalid stage returns 0.
func (s Strategy) FirmShare(st Stage) float64 {
	switch st {
	case Recognize:
		return s.FirmRecognize
	case Request:
		return s.FirmRequest
	case Respond, Repeat:
		return 1
	}
	return 0
}

// FirmInitiated reports whether the firm, not the customer, starts the
// interaction: FirmRecognize > 0.5. Mistakes of firm-initiated actions weigh
// more with customers (algorithm aversion, Dietvorst, Simmons & Massey 2015).
func (s Strategy) FirmInitiated() bool { return s.FirmRecognize > 0.5 }

// Validate reports every invalid field as a *connected.FieldError (joined
// with errors.Join when there are several): an empty Name (ErrEmpty); an
// invalid Kind or Orientation or unknown data bits (ErrUnknown); a NaN or ±Inf
// number (ErrNotFinite); a share or intensity outside [0,1] or a negative
// cost, delay or capacity (ErrOutOfRange); and NeedsConsent on the
// buy-what-we-have baseline, which must always be available (ErrOutOfRange).
func (s Strategy) Validate() error {
	var errs check.Errs
	s.validate(&errs, "strategy.Strategy.Validate", "")
	return errs.Err()
}

func (s Strategy) validate(errs *check.Errs, op, prefix string) {
	if s.Name == "" {
		errs.Add(connected.NewFieldError(op, prefix+"Name", s.Name, connected.ErrEmpty))
	}
	if !s.Kind.Valid() {
		errs.Add(connected.NewFieldError(op, prefix+"Kind", int(s.Kind), connected.ErrUnknown))
	}
	if !s.Orientation.Valid() {
		errs.Add(connected.NewFieldError(op, prefix+"Orientation", int(s.Orientation), connected.ErrUnknown))
	}
	errs.Add(check.Unit(op, prefix+"FirmRecognize", s.FirmRecognize))
	errs.Add(check.Unit(op, prefix+"FirmRequest", s.FirmRequest))
	errs.Add(check.Unit(op, prefix+"DataIntensity", s.DataIntensity))
	if !s.Data.Valid() {
		errs.Add(connected.NewFieldError(op, prefix+"Data", s.Data.String(), connected.ErrUnknown))
	}
	if s.Kind == BuyWhatWeHave && s.NeedsConsent {
		errs.Add(connected.NewFieldError(op, prefix+"NeedsConsent", true, connected.ErrOutOfRange))
	}
	errs.Add(check.NonNeg(op, prefix+"FixedCost", s.FixedCost))
	errs.Add(check.NonNeg(op, prefix+"VariableCost", s.VariableCost))
	errs.Add(check.NonNeg(op, prefix+"FulfilmentDelay", s.FulfilmentDelay))
	errs.Add(check.NonNeg(op, prefix+"NuisanceCost", s.NuisanceCost))
	errs.Add(check.NonNeg(op, prefix+"Capacity", s.Capacity))
}

// ValidateAll checks a whole list: it must not be empty (ErrEmpty), every
// strategy must be valid, and names must be unique (ErrDuplicate). Fields are
// named by position, e.g. "strategies[2].DataIntensity". All problems are
// reported, joined.
func ValidateAll(ss []Strategy) error {
	const op = "strategy.ValidateAll"
	if len(ss) == 0 {
		return connected.NewFieldError(op, "strategies", 0, connected.ErrEmpty)
	}
	var errs check.Errs
	seen := make(map[string]int, len(ss))
	for i, s := range ss {
		prefix := "strategies[" + strconv.Itoa(i) + "]."
		s.validate(&errs, op, prefix)
		if s.Name == "" {
			continue
		}
		if _, dup := seen[s.Name]; dup {
			errs.Add(connected.NewFieldError(op, prefix+"Name", s.Name, connected.ErrDuplicate))
			continue
		}
		seen[s.Name] = i
	}
	return errs.Err()
}

// Index returns the position of the strategy named name in ss, or -1.
func Index(ss []Strategy, name string) int {
	for i := range ss {
		if ss[i].Name == name {
			return i
		}
	}
	return -1
}
