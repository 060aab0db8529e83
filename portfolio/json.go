package portfolio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
)

type problemJSON struct {
	Strategies       []json.RawMessage `json:"strategies"`
	Units            []json.RawMessage `json:"units"`
	CoordinationCost float64           `json:"coordination_cost"`
	SiloCost         float64           `json:"silo_cost"`
	MaxOpen          int               `json:"max_open"`
}

type unitJSON struct {
	ID       string          `json:"id"`
	Weight   float64         `json:"weight"`
	Values   json.RawMessage `json:"values"`
	Eligible json.RawMessage `json:"eligible,omitempty"`
	Reasons  json.RawMessage `json:"reasons,omitempty"`
}

type unitOut struct {
	ID       string    `json:"id"`
	Weight   float64   `json:"weight"`
	Values   []float64 `json:"values"`
	Eligible []bool    `json:"eligible,omitempty"`
	Reasons  []string  `json:"reasons,omitempty"`
}

// MarshalJSON encodes a valid problem with the snake_case schema
//
//	{"strategies": [strategy JSON], "units": [{"id", "weight", "values",
//	 "eligible", "reasons"}], "coordination_cost", "silo_cost", "max_open"}
//
// where "eligible" and "reasons" are omitted when nil. A problem that
// Validate rejects returns those errors, except infeasibility, which Solve
// reports.
func (p Problem) MarshalJSON() ([]byte, error) {
	if err := p.validate("portfolio.Problem.MarshalJSON", nil); err != nil {
		var errs []error
		for _, e := range unjoin(err) {
			if !errors.Is(e, connected.ErrInfeasible) {
				errs = append(errs, e)
			}
		}
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
	}
	us := make([]unitOut, len(p.Units))
	for i, u := range p.Units {
		us[i] = unitOut(u)
	}
	return json.Marshal(struct {
		Strategies       []strategy.Strategy `json:"strategies"`
		Units            []unitOut           `json:"units"`
		CoordinationCost float64             `json:"coordination_cost"`
		SiloCost         float64             `json:"silo_cost"`
		MaxOpen          int                 `json:"max_open"`
	}{p.Strategies, us, p.CoordinationCost, p.SiloCost, p.MaxOpen})
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly: malformed JSON,
// unknown keys, values of the wrong type and trailing data are ErrSyntax;
// unknown strategy kinds, orientations and data categories ErrUnknown; then
// everything Validate rejects (an omitted "eligible" means eligible for all,
// omitted numbers are 0). Every error is a *connected.FieldError whose Field
// is the JSON path, e.g. "units[3].values[1]" or "strategies[0].kind";
// several are joined. Problems that are well-formed but infeasible (no
// buy-what-we-have strategy, a unit eligible for none) decode without error;
// Solve reports them. On error p is left unchanged.
func (p *Problem) UnmarshalJSON(b []byte) error {
	const op = "portfolio.Problem.UnmarshalJSON"
	var w problemJSON
	if err := decodeStrict(b, &w); err != nil {
		return jsonError(op, "", err)
	}
	var errs []error
	v := Problem{CoordinationCost: w.CoordinationCost, SiloCost: w.SiloCost, MaxOpen: w.MaxOpen}
	v.Strategies = make([]strategy.Strategy, len(w.Strategies))
	for j, raw := range w.Strategies {
		pre := "strategies[" + strconv.Itoa(j) + "]"
		if err := v.Strategies[j].UnmarshalJSON(raw); err != nil {
			for _, e := range unjoin(err) {
				errs = append(errs, prefixed(op, pre, e))
			}
		}
	}
	v.Units = make([]Unit, len(w.Units))
	for i, raw := range w.Units {
		pre := "units[" + strconv.Itoa(i) + "]"
		var uw unitJSON
		if err := decodeStrict(raw, &uw); err != nil {
			errs = append(errs, jsonError(op, pre, err))
			continue
		}
		u := Unit{ID: uw.ID, Weight: uw.Weight}
		if err := decodeArray(op, pre+".values", uw.Values, &u.Values); err != nil {
			errs = append(errs, err)
		}
		if err := decodeArray(op, pre+".eligible", uw.Eligible, &u.Eligible); err != nil {
			errs = append(errs, err)
		}
		if err := decodeArray(op, pre+".reasons", uw.Reasons, &u.Reasons); err != nil {
			errs = append(errs, err)
		}
		v.Units[i] = u
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := v.validate(op, nil); err != nil {
		for _, e := range unjoin(err) {
			if errors.Is(e, connected.ErrInfeasible) {
				continue
			}
			var fe *connected.FieldError
			if errors.As(e, &fe) {
				fe.Field = goToJSONField(fe.Field)
			}
			errs = append(errs, e)
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
	}
	*p = v
	return nil
}

// decodeArray decodes a JSON array (or null/absent) into *dst, naming the
// offending element on a type error.
func decodeArray[T any](op, field string, raw json.RawMessage, dst *[]T) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err == nil {
		return nil
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return connected.NewFieldError(op, field, "not an array", connected.ErrSyntax)
	}
	for x, e := range elems {
		var t T
		if err := json.Unmarshal(e, &t); err != nil {
			return connected.NewFieldError(op, field+"["+strconv.Itoa(x)+"]", string(e), connected.ErrSyntax)
		}
	}
	return connected.NewFieldError(op, field, "malformed", connected.ErrSyntax)
}

// strategyKeys maps strategy.Strategy field names to JSON keys.
var strategyKeys = strings.NewReplacer(
	".Name", ".name", ".Kind", ".kind", ".Orientation", ".orientation",
	".FirmRecognize", ".firm_recognize", ".FirmRequest", ".firm_request",
	".DataIntensity", ".data_intensity", ".Data", ".data", ".NeedsConsent", ".needs_consent",
	".FixedCost", ".fixed_cost", ".VariableCost", ".variable_cost",
	".FulfilmentDelay", ".fulfilment_delay", ".NuisanceCost", ".nuisance_cost",
	".Capacity", ".capacity",
)

func goToJSONField(f string) string {
	if strings.HasPrefix(f, "strategies[") {
		return strategyKeys.Replace(f)
	}
	return f
}

// prefixed returns e with its Field moved under prefix and its Op set.
func prefixed(op, prefix string, e error) error {
	var fe *connected.FieldError
	if !errors.As(e, &fe) {
		return connected.NewFieldError(op, prefix, e.Error(), connected.ErrSyntax)
	}
	f := prefix
	if fe.Field != "" {
		f += "." + fe.Field
	}
	return connected.NewFieldError(op, f, fe.Value, fe.Err)
}

// decodeStrict decodes one JSON value into v, rejecting unknown keys and
// trailing data.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// jsonError turns a decoding error into a *connected.FieldError wrapping
// ErrSyntax, naming the key under prefix where the decoder says which.
func jsonError(op, prefix string, err error) error {
	join := func(name string) string {
		switch {
		case prefix == "":
			return name
		case name == "":
			return prefix
		}
		return prefix + "." + name
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return connected.NewFieldError(op, join(te.Field), te.Value, connected.ErrSyntax)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return connected.NewFieldError(op, join(""), fmt.Sprintf("%v at byte %d", se, se.Offset), connected.ErrSyntax)
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if uq, qerr := strconv.Unquote(name); qerr == nil {
			name = uq
		}
		return connected.NewFieldError(op, join(name), "unknown key", connected.ErrSyntax)
	}
	return connected.NewFieldError(op, join(""), msg, connected.ErrSyntax)
}

// unjoin returns the errors joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

type assignmentJSON struct {
	Unit     string  `json:"unit"`
	Strategy string  `json:"strategy"`
	Amount   float64 `json:"amount"`
}

type totalJSON struct {
	Name        string  `json:"name"`
	Open        bool    `json:"open"`
	Weight      float64 `json:"weight"`
	Value       float64 `json:"value"`
	ShadowPrice float64 `json:"shadow_price"`
}

type focusJSON struct {
	Open       []string `json:"open"`
	Net        float64  `json:"net"`
	Infeasible bool     `json:"infeasible,omitempty"`
}

type osfaJSON struct {
	Strategy   string  `json:"strategy"`
	Net        float64 `json:"net"`
	Infeasible bool    `json:"infeasible,omitempty"`
}

type planJSON struct {
	Open             []string         `json:"open"`
	Net              float64          `json:"net"`
	Value            float64          `json:"value"`
	FixedCost        float64          `json:"fixed_cost"`
	CoordinationCost float64          `json:"coordination_cost"`
	SiloCost         float64          `json:"silo_cost"`
	Bound            float64          `json:"bound"`
	Assignments      []assignmentJSON `json:"assignments"`
	Strategies       []totalJSON      `json:"strategies"`
	Focus            focusJSON        `json:"focus"`
	OneSizeFitsAll   osfaJSON         `json:"one_size_fits_all"`
	BaselineOnly     bool             `json:"baseline_only,omitempty"`
}

// MarshalJSON encodes the plan with the snake_case schema
//
//	{"open": [names], "net", "value", "fixed_cost", "coordination_cost",
//	 "silo_cost", "bound", "assignments": [{"unit", "strategy", "amount"}],
//	 "strategies": [{"name", "open", "weight", "value", "shadow_price"}],
//	 "focus": {"open", "net"}, "one_size_fits_all": {"strategy", "net"}}
//
// with units by ID and strategies by name. "baseline_only": true is added when
// nothing beats buy-what-we-have, and "infeasible": true inside focus or
// one_size_fits_all when that comparison has no feasible plan. A plan not
// returned by Solve or Assign (so without unit IDs, or with non-finite
// numbers) is an error.
func (pl Plan) MarshalJSON() ([]byte, error) {
	const op = "portfolio.Plan.MarshalJSON"
	for _, x := range []float64{pl.Net, pl.Value, pl.FixedCost, pl.CoordinationCost, pl.SiloCost, pl.Bound, pl.Focus.Net, pl.OneSizeFitsAll.Net} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, connected.NewFieldError(op, "plan", x, connected.ErrNotFinite)
		}
	}
	w := planJSON{
		Open: nonNil(pl.Open), Net: pl.Net, Value: pl.Value, FixedCost: pl.FixedCost,
		CoordinationCost: pl.CoordinationCost, SiloCost: pl.SiloCost, Bound: pl.Bound,
		Assignments:    make([]assignmentJSON, len(pl.Assignments)),
		Strategies:     make([]totalJSON, len(pl.Strategies)),
		Focus:          focusJSON{nonNil(pl.Focus.Open), pl.Focus.Net, pl.Focus.Infeasible},
		OneSizeFitsAll: osfaJSON{pl.OneSizeFitsAll.Strategy, pl.OneSizeFitsAll.Net, pl.OneSizeFitsAll.Infeasible},
		BaselineOnly:   pl.BaselineOnly,
	}
	for x, a := range pl.Assignments {
		if a.Unit < 0 || a.Unit >= len(pl.ids) || a.Strategy < 0 || a.Strategy >= len(pl.Strategies) {
			return nil, connected.NewFieldError(op, "assignments["+strconv.Itoa(x)+"]", a, connected.ErrOutOfRange)
		}
		w.Assignments[x] = assignmentJSON{pl.ids[a.Unit], pl.Strategies[a.Strategy].Name, a.Amount}
	}
	for j, s := range pl.Strategies {
		w.Strategies[j] = totalJSON(s)
	}
	return json.Marshal(w)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly (unknown keys,
// wrong types and trailing data are ErrSyntax). Strategy indices come from the
// order of "strategies" and unit indices from the order in which unit IDs
// first appear in "assignments" (MarshalJSON writes them by unit, and every
// unit has at least one assignment), so a decoded plan marshals back to the
// same JSON and Explain works with the problem it came from. Scale is not
// part of the JSON and decodes as 0. Errors are *connected.FieldError values
// naming the JSON path: an assignment to a strategy not listed
// (ErrUnknown), a NaN-free but non-positive amount or a negative weight
// (ErrOutOfRange), duplicate strategy names (ErrDuplicate). On error pl is
// left unchanged.
func (pl *Plan) UnmarshalJSON(b []byte) error {
	const op = "portfolio.Plan.UnmarshalJSON"
	var w planJSON
	if err := decodeStrict(b, &w); err != nil {
		return jsonError(op, "", err)
	}
	var errs []error
	v := Plan{
		Open: w.Open, Net: w.Net, Value: w.Value, FixedCost: w.FixedCost,
		CoordinationCost: w.CoordinationCost, SiloCost: w.SiloCost, Bound: w.Bound,
		Focus:          Focus{Open: w.Focus.Open, Net: w.Focus.Net, Infeasible: w.Focus.Infeasible},
		OneSizeFitsAll: OneSizeFitsAll{Strategy: w.OneSizeFitsAll.Strategy, Net: w.OneSizeFitsAll.Net, Infeasible: w.OneSizeFitsAll.Infeasible},
		BaselineOnly:   w.BaselineOnly,
		Strategies:     make([]StrategyTotal, len(w.Strategies)),
		Assignments:    make([]Assignment, len(w.Assignments)),
	}
	names := make(map[string]int, len(w.Strategies))
	for j, s := range w.Strategies {
		pre := "strategies[" + strconv.Itoa(j) + "]"
		if _, dup := names[s.Name]; dup {
			errs = append(errs, connected.NewFieldError(op, pre+".name", s.Name, connected.ErrDuplicate))
		}
		names[s.Name] = j
		if !(s.Weight >= 0) {
			errs = append(errs, connected.NewFieldError(op, pre+".weight", s.Weight, connected.ErrOutOfRange))
		}
		v.Strategies[j] = StrategyTotal(s)
	}
	units := make(map[string]int)
	for x, a := range w.Assignments {
		pre := "assignments[" + strconv.Itoa(x) + "]"
		j, ok := names[a.Strategy]
		if !ok {
			errs = append(errs, connected.NewFieldError(op, pre+".strategy", a.Strategy, connected.ErrUnknown))
		}
		if !(a.Amount > 0) {
			errs = append(errs, connected.NewFieldError(op, pre+".amount", a.Amount, connected.ErrOutOfRange))
		}
		i, seen := units[a.Unit]
		if !seen {
			i = len(v.ids)
			units[a.Unit] = i
			v.ids = append(v.ids, a.Unit)
		}
		v.Assignments[x] = Assignment{Unit: i, Strategy: j, Amount: a.Amount}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	*pl = v
	return nil
}
