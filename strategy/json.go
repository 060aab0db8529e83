package strategy

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/connectedstrategy/connected"
)

// strategyJSON is the wire form of a Strategy: snake_case keys, kinds,
// orientations and data categories as their text forms.
type strategyJSON struct {
	Name            string  `json:"name"`
	Kind            string  `json:"kind"`
	Orientation     string  `json:"orientation"`
	FirmRecognize   float64 `json:"firm_recognize"`
	FirmRequest     float64 `json:"firm_request"`
	DataIntensity   float64 `json:"data_intensity"`
	Data            DataSet `json:"data"`
	NeedsConsent    bool    `json:"needs_consent"`
	FixedCost       float64 `json:"fixed_cost"`
	VariableCost    float64 `json:"variable_cost"`
	FulfilmentDelay float64 `json:"fulfilment_delay"`
	NuisanceCost    float64 `json:"nuisance_cost"`
	Capacity        float64 `json:"capacity"`
}

// jsonKeys maps Go field names, as Validate reports them, to JSON keys.
var jsonKeys = map[string]string{
	"Name": "name", "Kind": "kind", "Orientation": "orientation",
	"FirmRecognize": "firm_recognize", "FirmRequest": "firm_request",
	"DataIntensity": "data_intensity", "Data": "data", "NeedsConsent": "needs_consent",
	"FixedCost": "fixed_cost", "VariableCost": "variable_cost",
	"FulfilmentDelay": "fulfilment_delay", "NuisanceCost": "nuisance_cost",
	"Capacity": "capacity",
}

// MarshalJSON encodes a valid strategy with the snake_case keys name, kind,
// orientation, firm_recognize, firm_request, data_intensity, data (an array
// of category names), needs_consent, fixed_cost, variable_cost,
// fulfilment_delay, nuisance_cost and capacity. An invalid strategy returns
// its Validate error.
func (s Strategy) MarshalJSON() ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return json.Marshal(strategyJSON{
		Name: s.Name, Kind: s.Kind.String(), Orientation: s.Orientation.String(),
		FirmRecognize: s.FirmRecognize, FirmRequest: s.FirmRequest,
		DataIntensity: s.DataIntensity, Data: s.Data, NeedsConsent: s.NeedsConsent,
		FixedCost: s.FixedCost, VariableCost: s.VariableCost,
		FulfilmentDelay: s.FulfilmentDelay, NuisanceCost: s.NuisanceCost,
		Capacity: s.Capacity,
	})
}

// UnmarshalJSON decodes the form MarshalJSON writes. It rejects unknown keys,
// values of the wrong type and trailing data (ErrSyntax), unknown kinds,
// orientations and data categories (ErrUnknown), and any value Validate
// rejects; every error is a *connected.FieldError whose Field is the JSON key
// (several are joined). Omitted numbers are 0 and an omitted data array is
// the empty set; name, kind and orientation are required. On error s is left
// unchanged.
func (s *Strategy) UnmarshalJSON(b []byte) error {
	const op = "strategy.Strategy.UnmarshalJSON"
	var w strategyJSON
	if err := decodeStrict(b, &w); err != nil {
		return syntaxError(op, "", err)
	}
	v := Strategy{
		Name: w.Name, FirmRecognize: w.FirmRecognize, FirmRequest: w.FirmRequest,
		DataIntensity: w.DataIntensity, Data: w.Data, NeedsConsent: w.NeedsConsent,
		FixedCost: w.FixedCost, VariableCost: w.VariableCost,
		FulfilmentDelay: w.FulfilmentDelay, NuisanceCost: w.NuisanceCost,
		Capacity: w.Capacity,
	}
	var parseErrs []error
	if k, err := ParseKind(w.Kind); err == nil {
		v.Kind = k
	} else {
		parseErrs = append(parseErrs, connected.NewFieldError(op, "kind", w.Kind, connected.ErrUnknown))
	}
	if o, err := ParseOrientation(w.Orientation); err == nil {
		v.Orientation = o
	} else {
		parseErrs = append(parseErrs, connected.NewFieldError(op, "orientation", w.Orientation, connected.ErrUnknown))
	}
	var errs []error
	errs = append(errs, parseErrs...)
	if err := v.Validate(); err != nil {
		for _, e := range unjoin(err) {
			var fe *connected.FieldError
			if !errors.As(e, &fe) {
				errs = append(errs, e)
				continue
			}
			if (fe.Field == "Kind" || fe.Field == "Orientation") && len(parseErrs) > 0 {
				continue // already reported with the text the caller wrote
			}
			fe.Op = op
			if key, ok := jsonKeys[fe.Field]; ok {
				fe.Field = key
			}
			errs = append(errs, fe)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	*s = v
	return nil
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

// syntaxError turns a decoding error into a *connected.FieldError. A
// FieldError already produced by a nested decoder is returned as it is.
func syntaxError(op, field string, err error) error {
	var fe *connected.FieldError
	if errors.As(err, &fe) {
		return err
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		name := te.Field
		if name == "" {
			name = field
		}
		return connected.NewFieldError(op, name, te.Value, connected.ErrSyntax)
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if uq, qerr := strconv.Unquote(name); qerr == nil {
			name = uq
		}
		return connected.NewFieldError(op, name, "unknown key", connected.ErrSyntax)
	}
	return connected.NewFieldError(op, field, msg, connected.ErrSyntax)
}

// unjoin returns the errors joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
