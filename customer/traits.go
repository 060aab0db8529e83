package customer

import (
	"github.com/connectedstrategy/connected/internal/check"
)

// MaxAmount bounds every unbounded trait (money, option-set size, periods,
// frequency) so that utilities, which multiply at most two of them, stay
// finite. 1e12 is far above any realistic value; it is a numerical guard, not
// a modeling claim.
const MaxAmount = 1e12

// Traits are what a customer brings to a need: how well they know it, how
// they feel about control and privacy, how inert and predictable they are,
// and what is at stake. Money is in the caller's currency unit per need;
// time is in periods (e.g. weeks). The traits in [0,1] are relative scores,
// not probabilities, except where a field says so. Traits is a plain value
// and may be shared freely; its zero value is invalid (OptionSetSize < 1).
type Traits struct {
	NeedKnowledge       float64 `json:"need_knowledge"`       // how well the customer knows what they want, [0,1]
	ControlDesire       float64 `json:"control_desire"`       // how much they want the final say, [0,1]
	PrivacyConcern      float64 `json:"privacy_concern"`      // how much sharing data costs them, [0,1]
	MonitoringTolerance float64 `json:"monitoring_tolerance"` // the data intensity they accept without feeling watched, [0,1]
	Inertia             float64 `json:"inertia"`              // probability a need they must act on alone goes unacted, [0,1]
	Predictability      float64 `json:"predictability"`       // how regular their needs are, [0,1]; caps how well a firm can anticipate them

	MistakeCost    float64 `json:"mistake_cost"`    // money lost per wrong firm-executed action, [0, MaxAmount]
	OptionSetSize  float64 `json:"option_set_size"` // options to search when ordering alone, [1, MaxAmount]
	RecognitionLag float64 `json:"recognition_lag"` // periods before they notice a need themselves, [0, MaxAmount]
	DelayCost      float64 `json:"delay_cost"`      // money per period a need stays unmet, [0, MaxAmount]
	NeedValue      float64 `json:"need_value"`      // money a perfectly met need is worth to them, [0, MaxAmount]
	Frequency      float64 `json:"frequency"`       // needs per period, [0, MaxAmount]
}

// Validate reports every field outside its range as a *connected.FieldError
// (joined with errors.Join when there are several), wrapping
// connected.ErrNotFinite for NaN or ±Inf and connected.ErrOutOfRange
// otherwise. Fields are named as in the struct, e.g. "Inertia".
func (t Traits) Validate() error {
	// The fast path allocates nothing, so hot paths may call it per customer.
	if t.valid() {
		return nil
	}
	var errs check.Errs
	t.validate(&errs, "customer.Traits.Validate", "")
	return errs.Err()
}

// valid reports whether every field is in range; NaN fails every test.
func (t Traits) valid() bool {
	return unit(t.NeedKnowledge) && unit(t.ControlDesire) && unit(t.PrivacyConcern) &&
		unit(t.MonitoringTolerance) && unit(t.Inertia) && unit(t.Predictability) &&
		amount(t.MistakeCost, 0) && amount(t.OptionSetSize, 1) && amount(t.RecognitionLag, 0) &&
		amount(t.DelayCost, 0) && amount(t.NeedValue, 0) && amount(t.Frequency, 0)
}

func (t Traits) validate(errs *check.Errs, op, prefix string) {
	errs.Add(check.Unit(op, prefix+"NeedKnowledge", t.NeedKnowledge))
	errs.Add(check.Unit(op, prefix+"ControlDesire", t.ControlDesire))
	errs.Add(check.Unit(op, prefix+"PrivacyConcern", t.PrivacyConcern))
	errs.Add(check.Unit(op, prefix+"MonitoringTolerance", t.MonitoringTolerance))
	errs.Add(check.Unit(op, prefix+"Inertia", t.Inertia))
	errs.Add(check.Unit(op, prefix+"Predictability", t.Predictability))
	errs.Add(check.Range(op, prefix+"MistakeCost", t.MistakeCost, 0, MaxAmount))
	errs.Add(check.Range(op, prefix+"OptionSetSize", t.OptionSetSize, 1, MaxAmount))
	errs.Add(check.Range(op, prefix+"RecognitionLag", t.RecognitionLag, 0, MaxAmount))
	errs.Add(check.Range(op, prefix+"DelayCost", t.DelayCost, 0, MaxAmount))
	errs.Add(check.Range(op, prefix+"NeedValue", t.NeedValue, 0, MaxAmount))
	errs.Add(check.Range(op, prefix+"Frequency", t.Frequency, 0, MaxAmount))
}

func unit(x float64) bool { return x >= 0 && x <= 1 }

func amount(x, lo float64) bool { return x >= lo && x <= MaxAmount }
