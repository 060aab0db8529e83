package customer

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

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
