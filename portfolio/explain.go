package portfolio

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/connectedstrategy/connected"
)

// A Status says what became of one strategy for one unit in a plan.
type Status int

// The statuses Explain reports, in the order it checks them.
const (
	Assigned   Status = iota + 1 // the unit is served (in part) with it
	Ineligible                   // a customer rule excludes it (see Option.Reason)
	NotBuilt                     // eligible, but the plan does not open it
	Full                         // open, eligible and worth more to the unit, but its capacity went to units that gain more from it
	Worse                        // open and eligible, but worth no more to the unit than its assignment
)

var statusNames = [...]string{Assigned: "assigned", Ineligible: "ineligible", NotBuilt: "not built", Full: "full", Worse: "worse"}

// String returns the status's text form, e.g. "not built".
func (s Status) String() string {
	if s >= Assigned && s <= Worse {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// An Option is one strategy as one unit sees it in a plan.
type Option struct {
	Strategy string  // the strategy's name
	Status   Status  // what became of it for this unit
	Value    float64 // the unit's value per unit of weight under it
	Amount   float64 // weight of the unit served with it, ≥ 0
	// ShadowPrice is the strategy's capacity price in the plan: a unit is
	// served by a strategy maximising Value − ShadowPrice among the open,
	// eligible ones (complementary slackness).
	ShadowPrice float64
	Reason      string // for Ineligible, the rule's text from Unit.Reasons ("" if none given)
}

// An Explanation says why a unit got what it got.
type Explanation struct {
	Unit    string   // the unit's ID
	Options []Option // one per strategy, in problem order
	// Best is the index of the strategy serving most of the unit's weight
	// (the first such on ties).
	Best int
	// RunnerUp is the index of the open, eligible strategy the unit is not
	// served with that has the largest Value − ShadowPrice, or −1 when there
	// is none.
	RunnerUp int
	// Margin is Options[Best].Value − Options[RunnerUp].Value, the value per
	// unit of weight the unit would lose by moving (negative when the
	// runner-up is worth more but full); 0 when RunnerUp is −1.
	Margin float64
}

// Explain reports, for unit index i of the problem p that pl solves, every
// strategy's status (assigned, ineligible with the rule's reason, not built,
// full, worse), the runner-up and the margin. It does not modify p or pl.
//
// Errors (*connected.FieldError): i out of range (field "unit",
// ErrOutOfRange); a p whose strategies or units do not match pl's
// (ErrMismatch).
func (pl Plan) Explain(p Problem, i int) (Explanation, error) {
	const op = "portfolio.Plan.Explain"
	if i < 0 || i >= len(p.Units) {
		return Explanation{}, connected.NewFieldError(op, "unit", i, connected.ErrOutOfRange)
	}
	if len(p.Strategies) != len(pl.Strategies) {
		return Explanation{}, connected.NewFieldError(op, "strategies", len(p.Strategies), connected.ErrMismatch)
	}
	if pl.ids != nil && (len(pl.ids) != len(p.Units) || pl.ids[i] != p.Units[i].ID) {
		return Explanation{}, connected.NewFieldError(op, "units", len(p.Units), connected.ErrMismatch)
	}
	u := &p.Units[i]
	k := len(p.Strategies)
	if len(u.Values) != k {
		return Explanation{}, connected.NewFieldError(op, unitField(i, "values"), len(u.Values), connected.ErrMismatch)
	}
	ex := Explanation{Unit: u.ID, Options: make([]Option, k), Best: -1, RunnerUp: -1}
	a := sort.Search(len(pl.Assignments), func(x int) bool { return pl.Assignments[x].Unit >= i })
	for ; a < len(pl.Assignments) && pl.Assignments[a].Unit == i; a++ {
		as := pl.Assignments[a]
		if as.Strategy >= 0 && as.Strategy < k {
			ex.Options[as.Strategy].Amount += as.Amount
		}
	}
	for j := range ex.Options {
		if ex.Options[j].Amount > 0 && (ex.Best < 0 || ex.Options[j].Amount > ex.Options[ex.Best].Amount) {
			ex.Best = j
		}
	}
	if ex.Best < 0 {
		return Explanation{}, connected.NewFieldError(op, "unit", i, fmt.Errorf("no assignment in the plan: %w", connected.ErrMismatch))
	}
	bestV := u.Values[ex.Best]
	runner := math.Inf(-1)
	for j := range ex.Options {
		o := &ex.Options[j]
		st := pl.Strategies[j]
		o.Strategy, o.Value, o.ShadowPrice = st.Name, u.Values[j], st.ShadowPrice
		switch {
		case o.Amount > 0:
			o.Status = Assigned
		case !u.eligible(j):
			o.Status = Ineligible
			if u.Reasons != nil {
				o.Reason = u.Reasons[j]
			}
		case !st.Open:
			o.Status = NotBuilt
		case o.Value > bestV && st.ShadowPrice > 0:
			o.Status = Full
		default:
			o.Status = Worse
		}
		if o.Status == Full || o.Status == Worse {
			if r := o.Value - o.ShadowPrice; r > runner {
				runner, ex.RunnerUp = r, j
			}
		}
	}
	if ex.RunnerUp >= 0 {
		ex.Margin = bestV - u.Values[ex.RunnerUp]
	}
	return ex, nil
}

// String renders the explanation as one line per strategy, e.g.
//
//	unit "a": served with curated-offering (value 12); runner-up buy-what-we-have, margin 4
//	  buy-what-we-have: worse (value 8)
//	  automatic-execution: ineligible (no monitoring consent)
func (ex Explanation) String() string {
	var b strings.Builder
	best := ex.Options[ex.Best]
	fmt.Fprintf(&b, "unit %q: served with %s (value %.4g)", ex.Unit, best.Strategy, best.Value)
	if ex.RunnerUp >= 0 {
		fmt.Fprintf(&b, "; runner-up %s, margin %.4g", ex.Options[ex.RunnerUp].Strategy, ex.Margin)
	}
	for j, o := range ex.Options {
		if j == ex.Best {
			continue
		}
		fmt.Fprintf(&b, "\n  %s: %s", o.Strategy, o.Status)
		switch o.Status {
		case Assigned:
			fmt.Fprintf(&b, " (amount %.4g, value %.4g)", o.Amount, o.Value)
		case Ineligible:
			if o.Reason != "" {
				fmt.Fprintf(&b, " (%s)", o.Reason)
			}
		case Full:
			fmt.Fprintf(&b, " (value %.4g, capacity price %.4g)", o.Value, o.ShadowPrice)
		default:
			fmt.Fprintf(&b, " (value %.4g)", o.Value)
		}
	}
	return b.String()
}
