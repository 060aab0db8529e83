package portfolio

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/strategy"
)

// A Problem asks which strategies to build and whom to serve with each. It is
// the capacitated facility-location problem of Balinski (1965) with a
// coordination and a silo cost: choose the open set and a split of each unit's
// weight over open strategies it is eligible for, to maximise
//
//	Σ amount × value − Σ fixed cost of open strategies
//	  − CoordinationCost × max(0, k − 1)
//	  − SiloCost × [the open strategies other than buy-what-we-have span both orientations]
//
// where k counts the open strategies other than buy-what-we-have. Strategies of
// kind buy-what-we-have are always open (their fixed cost is always paid).
// Every unit is served in full; a strategy with Capacity > 0 serves at most
// that much weight; MaxOpen > 0 bounds k.
//
// A Problem is a plain value; Solve does not modify it. Money is in the
// caller's currency unit per period.
type Problem struct {
	Strategies       []strategy.Strategy // at least one of kind buy-what-we-have
	Units            []Unit              // customers or segments, at least one
	CoordinationCost float64             // money per extra open strategy, ≥ 0
	SiloCost         float64             // money when both orientations are open, ≥ 0
	MaxOpen          int                 // most open strategies besides buy-what-we-have, ≥ 0; 0 means no limit
}

// A Unit is a customer or a weighted segment.
type Unit struct {
	ID     string    // unique, non-empty
	Weight float64   // customers (or any weight) the unit stands for, > 0, finite
	Values []float64 // value per unit of weight under each strategy, one per strategy, finite
	// Eligible says per strategy whether the unit may be served with it; nil
	// means eligible for all. Every unit must be eligible for at least one
	// buy-what-we-have strategy.
	Eligible []bool
	// Reasons optionally says per strategy why the unit is not eligible (the
	// customer rule that said no); nil, or one string per strategy. Explain
	// reports it.
	Reasons []string
}

// eligible reports whether u may be served with strategy j.
func (u *Unit) eligible(j int) bool { return u.Eligible == nil || u.Eligible[j] }

// isBase reports whether s is always open.
func isBase(s *strategy.Strategy) bool { return s.Kind == strategy.BuyWhatWeHave }

// Validate reports every invalid field of p as a *connected.FieldError, joined
// with errors.Join when there are several. Fields are named by their JSON path,
// e.g. "units[3].values[1]"; strategy fields as strategy.ValidateAll names them
// ("strategies[2].FixedCost"). It reports: invalid or duplicate strategies; no
// units (ErrEmpty); an empty (ErrEmpty) or repeated (ErrDuplicate) unit ID; a
// weight that is not finite and > 0; a values, eligible or reasons slice whose
// length is not the number of strategies (ErrMismatch); a NaN or ±Inf value
// (ErrNotFinite); a negative or non-finite coordination or silo cost; a
// negative MaxOpen (ErrOutOfRange). Structural infeasibility wraps
// connected.ErrInfeasible: no strategy of kind buy-what-we-have
// ("strategies"), or a unit eligible for none of them ("units[i].eligible").
func (p *Problem) Validate() error {
	return p.validate("portfolio.Problem.Validate", nil)
}

// validate is Validate with the name of the calling operation; scratch, if
// it holds at least one element per unit, is used (and overwritten) instead of
// allocating the ID hashes, so that Solve can reuse it for the weights.
func (p *Problem) validate(op string, scratch []float64) error {
	var errs check.Errs
	errs.Add(strategy.ValidateAll(p.Strategies))
	k := len(p.Strategies)
	hasBase := false
	for i := range p.Strategies {
		if isBase(&p.Strategies[i]) {
			hasBase = true
		}
	}
	if k > 0 && !hasBase {
		errs.Add(connected.NewFieldError(op, "strategies", "no buy-what-we-have strategy", connected.ErrInfeasible))
	}
	errs.Add(check.NonNeg(op, "coordination_cost", p.CoordinationCost))
	errs.Add(check.NonNeg(op, "silo_cost", p.SiloCost))
	if p.MaxOpen < 0 {
		errs.Add(connected.NewFieldError(op, "max_open", p.MaxOpen, connected.ErrOutOfRange))
	}
	if len(p.Units) == 0 {
		errs.Add(connected.NewFieldError(op, "units", 0, connected.ErrEmpty))
	}
	for _, i := range duplicateIDs(p.Units, scratch) {
		errs.Add(connected.NewFieldError(op, unitField(i, "id"), p.Units[i].ID, connected.ErrDuplicate))
	}
	for i := range p.Units {
		u := &p.Units[i]
		if u.ID == "" {
			errs.Add(connected.NewFieldError(op, unitField(i, "id"), u.ID, connected.ErrEmpty))
		}
		if !(u.Weight > 0 && u.Weight <= math.MaxFloat64) {
			errs.Add(check.Positive(op, unitField(i, "weight"), u.Weight))
		}
		if len(u.Values) != k {
			errs.Add(connected.NewFieldError(op, unitField(i, "values"), len(u.Values), connected.ErrMismatch))
		} else {
			for j, v := range u.Values {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					errs.Add(connected.NewFieldError(op, unitField(i, "values")+"["+strconv.Itoa(j)+"]", v, connected.ErrNotFinite))
				}
			}
		}
		eligOK := true
		if u.Eligible != nil && len(u.Eligible) != k {
			errs.Add(connected.NewFieldError(op, unitField(i, "eligible"), len(u.Eligible), connected.ErrMismatch))
			eligOK = false
		}
		if u.Reasons != nil && len(u.Reasons) != k {
			errs.Add(connected.NewFieldError(op, unitField(i, "reasons"), len(u.Reasons), connected.ErrMismatch))
		}
		if eligOK && hasBase {
			ok := false
			for j := range p.Strategies {
				if isBase(&p.Strategies[j]) && u.eligible(j) {
					ok = true
					break
				}
			}
			if !ok {
				errs.Add(connected.NewFieldError(op, unitField(i, "eligible"), u.ID+" is eligible for no buy-what-we-have strategy", connected.ErrInfeasible))
			}
		}
	}
	return errs.Err()
}

// unitField returns "units[i].name".
func unitField(i int, name string) string {
	return "units[" + strconv.Itoa(i) + "]." + name
}

// duplicateIDs returns, in increasing order, the index of every unit whose
// non-empty ID repeats an earlier unit's. It hashes IDs (FNV-1a) and sorts the
// hashes rather than building a map, to keep memory at 8 bytes per unit (in
// scratch when it is long enough), or 24 when two hashes clash.
func duplicateIDs(us []Unit, scratch []float64) []int {
	// Fast path: sort the top 53 bits of the hashes, as float64 integers
	// (exact, never NaN) so that the caller's float64 buffer can hold them;
	// only equal hashes need the slow pass.
	hs0 := scratch
	if len(hs0) < len(us) {
		hs0 = make([]float64, len(us))
	}
	hs0 = hs0[:len(us)]
	for i := range us {
		hs0[i] = float64(fnv(us[i].ID) >> 11)
	}
	slices.Sort(hs0)
	clash := false
	for x := 1; x < len(hs0); x++ {
		if hs0[x] == hs0[x-1] {
			clash = true
			break
		}
	}
	if !clash {
		return nil
	}
	type hi struct {
		h uint64
		i int
	}
	hs := make([]hi, 0, len(us))
	for i := range us {
		if us[i].ID == "" {
			continue
		}
		hs = append(hs, hi{fnv(us[i].ID), i})
	}
	slices.SortFunc(hs, func(a, b hi) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	var dups []int
	for a := 0; a < len(hs); {
		b := a + 1
		for b < len(hs) && hs[b].h == hs[a].h {
			b++
		}
		for x := a + 1; x < b; x++ { // same hash: compare the strings
			for y := a; y < x; y++ {
				if us[hs[x].i].ID == us[hs[y].i].ID {
					dups = append(dups, hs[x].i)
					break
				}
			}
		}
		a = b
	}
	slices.Sort(dups)
	return dups
}

// fnv returns the 64-bit FNV-1a hash of s.
func fnv(s string) uint64 {
	h := uint64(14695981039346656037)
	for b := range len(s) {
		h ^= uint64(s[b])
		h *= 1099511628211
	}
	return h
}
