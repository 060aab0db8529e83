package customer

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
)

// consentChangeJSON is the wire form of one ConsentChange.
type consentChangeJSON struct {
	Kind   string           `json:"kind"`
	Period int              `json:"period"`
	Data   strategy.DataSet `json:"data"`
}

// MarshalJSON encodes the ledger as its changes, in the order Changes
// yields them: an array of {"kind": "curated-offering", "period": 2,
// "data": ["transactions", "preferences"]}, where empty data is a full
// revocation. The zero Consent is [].
func (c Consent) MarshalJSON() ([]byte, error) {
	out := make([]consentChangeJSON, 0, 2*consentKinds)
	for ch := range c.Changes() {
		out = append(out, consentChangeJSON{Kind: ch.Kind.String(), Period: ch.Period, Data: ch.Data})
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes the form MarshalJSON writes (null is the empty
// ledger). It is strict: unknown keys, wrong types and trailing data wrap
// connected.ErrSyntax; unknown kinds or categories, and buy-what-we-have,
// wrap ErrUnknown or ErrOutOfRange; within a kind, periods must increase
// strictly, lie in [0, MaxPeriod], and each change must alter the
// consent (the first must grant something), else ErrOutOfRange. Fields are
// named like "[3].period". On error c is left unchanged.
func (c *Consent) UnmarshalJSON(b []byte) error {
	const op = "customer.Consent.UnmarshalJSON"
	var w []consentChangeJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		var fe *connected.FieldError
		if errors.As(err, &fe) { // from DataSet.UnmarshalJSON
			return err
		}
		return connected.NewFieldError(op, "", err.Error(), connected.ErrSyntax)
	}
	if _, err := dec.Token(); err != io.EOF {
		return connected.NewFieldError(op, "", "trailing data after the JSON value", connected.ErrSyntax)
	}
	var v Consent
	for j, ch := range w {
		field := func(name string) string { return "[" + strconv.Itoa(j) + "]." + name }
		k, err := strategy.ParseKind(ch.Kind)
		if err != nil {
			return connected.NewFieldError(op, field("kind"), ch.Kind, connected.ErrUnknown)
		}
		i, ok := kindIndex(k)
		if !ok {
			return connected.NewFieldError(op, field("kind"), ch.Kind, connected.ErrOutOfRange)
		}
		if !ch.Data.Valid() {
			return connected.NewFieldError(op, field("data"), ch.Data.String(), connected.ErrUnknown)
		}
		if ch.Period < 0 || ch.Period > MaxPeriod || ch.Period <= v.last(i) {
			return connected.NewFieldError(op, field("period"), ch.Period, connected.ErrOutOfRange)
		}
		if ch.Data == v.current(i) {
			return connected.NewFieldError(op, field("data"), ch.Data.String(), connected.ErrOutOfRange)
		}
		v.set(i, ch.Data, int32(ch.Period))
	}
	*c = v
	return nil
}

// UnmarshalJSON decodes a population written by encoding/json (snake_case
// keys: "segments", and per segment "name", "share", "need_knowledge":
// {"mean", "kappa"}, …, "mistake_cost": {"mean", "shape"}, …, "trust":
// {"good", "bad"}, "consent": [{"kind", "data", "prob"}]) strictly: unknown
// keys, wrong types and trailing data wrap connected.ErrSyntax, and the
// result must pass Validate. Every error is a *connected.FieldError whose
// Field is the JSON path, e.g. "segments[2].inertia.mean". On error p is
// left unchanged.
func (p *Population) UnmarshalJSON(b []byte) error {
	const op = "customer.Population.UnmarshalJSON"
	type plain Population // no methods: decodes field by field
	var v plain
	if err := decodeStrict(op, b, &v); err != nil {
		return err
	}
	if err := Population(v).Validate(); err != nil {
		return toJSONPaths(op, err)
	}
	*p = Population(v)
	return nil
}

// UnmarshalJSON decodes a customer written by encoding/json (keys "id",
// "segment", "traits", "trust", "consent") strictly, as
// Population.UnmarshalJSON does; the result must pass Validate. On error c
// is left unchanged.
func (c *Customer) UnmarshalJSON(b []byte) error {
	const op = "customer.Customer.UnmarshalJSON"
	type plain Customer
	var v plain
	if err := decodeStrict(op, b, &v); err != nil {
		return err
	}
	if err := Customer(v).Validate(); err != nil {
		return toJSONPaths(op, err)
	}
	*c = Customer(v)
	return nil
}

// decodeStrict decodes one JSON value into v, rejecting unknown keys, wrong
// types and trailing data as *connected.FieldError values wrapping
// ErrSyntax. Errors from nested decoders (already FieldErrors) pass through.
func decodeStrict(op string, b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			return connected.NewFieldError(op, "", "trailing data after the JSON value", connected.ErrSyntax)
		}
		return nil
	}
	var fe *connected.FieldError
	if errors.As(err, &fe) {
		return err
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return connected.NewFieldError(op, te.Field, te.Value, connected.ErrSyntax)
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		if uq, qerr := strconv.Unquote(name); qerr == nil {
			name = uq
		}
		return connected.NewFieldError(op, name, "unknown key", connected.ErrSyntax)
	}
	return connected.NewFieldError(op, "", msg, connected.ErrSyntax)
}

// toJSONPaths rewrites the Go field paths of Validate's errors
// ("Segments[2].Inertia.Mean") as JSON paths ("segments[2].inertia.mean").
func toJSONPaths(op string, err error) error {
	var out []error
	for _, e := range unjoin(err) {
		var fe *connected.FieldError
		if errors.As(e, &fe) {
			e = connected.NewFieldError(op, snakePath(fe.Field), fe.Value, fe.Err)
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// snakePath turns each CamelCase name in a field path into snake_case.
func snakePath(path string) string {
	var sb strings.Builder
	prevLower := false
	for _, r := range path {
		if r >= 'A' && r <= 'Z' {
			if prevLower {
				sb.WriteByte('_')
			}
			sb.WriteRune(r - 'A' + 'a')
			prevLower = false
			continue
		}
		sb.WriteRune(r)
		prevLower = r >= 'a' && r <= 'z'
	}
	return sb.String()
}

// unjoin returns the errors joined in err, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
