package portfolio

import (
	"errors"
	"strconv"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/strategy"
)

// Defaults of Market's zero fields. Both are modeling choices.
const (
	// DefaultAccuracy is the firm's prediction accuracy for every strategy
	// when Market.Accuracy is nil: a firm that is right more often than not
	// before it has learned anything about a customer.
	DefaultAccuracy = 0.7
	// DefaultCapture is the share of a delighted need's value the firm
	// earns when Market.Capture is 0, a gross margin typical of retail.
	DefaultCapture = 0.2
)

// A Market is the domain a Problem is built from: what the firm can build,
// who its customers (or representative segment members) are, how they value
// each strategy (a customer.Model), which customer rules decide eligibility,
// and the horizon of the plan. The zero value of every optional field means
// its default. A Market is a plain value and may be shared freely.
type Market struct {
	Strategies []strategy.Strategy // the catalogue, at least one of kind buy-what-we-have
	Customers  []customer.Customer // one unit each; IDs unique and non-empty
	// Weights gives how many customers each one stands for (a segment's
	// size when Customers holds one representative per segment), each > 0;
	// nil means 1 each.
	Weights []float64
	Model   customer.Model // how customers value strategies; zero means customer.DefaultModel
	Rules   customer.Rules // eligibility thresholds; zero means customer.DefaultRules
	Period  int            // the period at which consent and rules are judged, ≥ 0
	Horizon float64        // periods the plan covers, > 0
	// Accuracy is the firm's prediction accuracy per strategy, in [0,1], one
	// per strategy; nil means DefaultAccuracy for all.
	Accuracy []float64
	// Capture is the share of a delighted need's value the firm earns, in
	// (0,1]; 0 means DefaultCapture.
	Capture float64

	CoordinationCost float64 // money per period per extra open strategy, ≥ 0
	SiloCost         float64 // money per period when both orientations are open, ≥ 0
	MaxOpen          int     // as Problem.MaxOpen
}

// Problem builds the Problem for m: unit i is customer i with weight
// Weights[i], and its value under strategy j is the expected profit of
// serving it with j over the horizon,
//
//	value_ij = Horizon × Frequency_i × (P(delight)_ij × Capture × NeedValue_i − VariableCost_j)
//
// where P(delight)_ij = m.Model.Delight(customer i, strategy j, Accuracy_j)
// and Frequency and NeedValue are the customer's traits (needs per period and
// money per need). Eligibility is customer.Eligible(customer i, strategy j,
// Period, Rules); an ineligible pair carries the rule's text as the unit's
// Reason. The fixed costs (money per period) are multiplied by Horizon in the
// Problem's copy of the strategies, as are CoordinationCost and SiloCost, so
// that values and costs cover the same span. Capacities (weight per period)
// are kept. m is not modified.
//
// Errors (*connected.FieldError, joined): invalid strategies; no customers
// (ErrEmpty); Weights or Accuracy of the wrong length (ErrMismatch); a weight
// not > 0, an accuracy outside [0,1], a Capture outside (0,1], a Horizon not
// > 0 or a negative Period (ErrOutOfRange or ErrNotFinite); invalid Rules,
// Model, customer traits or trust (the customer package's errors, with the
// field prefixed by "Customers[i]."); and whatever Problem.Validate reports
// about the result.
func (m Market) Problem() (Problem, error) {
	const op = "portfolio.Market.Problem"
	var errs check.Errs
	errs.Add(strategy.ValidateAll(m.Strategies))
	k, n := len(m.Strategies), len(m.Customers)
	if n == 0 {
		errs.Add(connected.NewFieldError(op, "Customers", 0, connected.ErrEmpty))
	}
	if m.Weights != nil {
		if err := check.Len(op, "Weights", len(m.Weights), n); err != nil {
			errs.Add(err)
		} else {
			for i, w := range m.Weights {
				errs.Add(check.Positive(op, "Weights["+strconv.Itoa(i)+"]", w))
			}
		}
	}
	if m.Accuracy != nil {
		if err := check.Len(op, "Accuracy", len(m.Accuracy), k); err != nil {
			errs.Add(err)
		} else {
			for j, a := range m.Accuracy {
				errs.Add(check.Unit(op, "Accuracy["+strconv.Itoa(j)+"]", a))
			}
		}
	}
	capture := m.Capture
	if capture == 0 {
		capture = DefaultCapture
	}
	if err := check.Range(op, "Capture", capture, 0, 1); err != nil || capture == 0 {
		errs.Add(connected.NewFieldError(op, "Capture", m.Capture, connected.ErrOutOfRange))
	}
	errs.Add(check.Positive(op, "Horizon", m.Horizon))
	if m.Period < 0 {
		errs.Add(connected.NewFieldError(op, "Period", m.Period, connected.ErrOutOfRange))
	}
	errs.Add(m.Rules.Validate())
	errs.Add(m.Model.Validate())
	errs.Add(check.NonNeg(op, "CoordinationCost", m.CoordinationCost))
	errs.Add(check.NonNeg(op, "SiloCost", m.SiloCost))
	if err := errs.Err(); err != nil {
		return Problem{}, err
	}
	p := Problem{
		Strategies:       make([]strategy.Strategy, k),
		Units:            make([]Unit, n),
		CoordinationCost: m.CoordinationCost * m.Horizon,
		SiloCost:         m.SiloCost * m.Horizon,
		MaxOpen:          m.MaxOpen,
	}
	for j, s := range m.Strategies {
		s.FixedCost *= m.Horizon
		p.Strategies[j] = s
	}
	values := make([]float64, n*k)
	elig := make([]bool, n*k)
	for i := range m.Customers {
		c := &m.Customers[i]
		w := 1.0
		if m.Weights != nil {
			w = m.Weights[i]
		}
		u := Unit{ID: c.ID, Weight: w, Values: values[i*k : (i+1)*k : (i+1)*k]}
		var reasons []string
		for j := range m.Strategies {
			s := &m.Strategies[j]
			acc := DefaultAccuracy
			if m.Accuracy != nil {
				acc = m.Accuracy[j]
			}
			d, err := m.Model.Delight(*c, *s, acc)
			if err != nil {
				errs.Add(renamed(op, "Customers["+strconv.Itoa(i)+"].", err))
				break
			}
			t := c.Traits
			u.Values[j] = m.Horizon * t.Frequency * (d*capture*t.NeedValue - s.VariableCost)
			ok, why := customer.Eligible(*c, *s, m.Period, m.Rules)
			if !ok {
				if u.Eligible == nil {
					u.Eligible = elig[i*k : (i+1)*k : (i+1)*k]
					for x := range u.Eligible {
						u.Eligible[x] = true
					}
					reasons = make([]string, k)
				}
				u.Eligible[j] = false
				reasons[j] = why.String()
			}
		}
		u.Reasons = reasons
		p.Units[i] = u
	}
	if err := errs.Err(); err != nil {
		return Problem{}, err
	}
	if err := p.validate(op, nil); err != nil {
		return Problem{}, err
	}
	return p, nil
}

// renamed prefixes the Field of every *connected.FieldError in err.
func renamed(op, prefix string, err error) error {
	var out []error
	for _, e := range unjoin(err) {
		var fe *connected.FieldError
		if errors.As(e, &fe) {
			e = connected.NewFieldError(op, prefix+fe.Field, fe.Value, fe.Err)
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}
