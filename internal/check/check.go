// Package check holds the input checks every package of the module shares.
// Each returns nil or a *connected.FieldError naming the call, the field and
// the rejected value. Range checks are written so that NaN fails them.
package check

import (
	"errors"
	"fmt"
	"math"

	"github.com/connectedstrategy/connected"
)

// Finite rejects NaN and ±Inf.
func Finite(op, field string, x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return connected.NewFieldError(op, field, x, connected.ErrNotFinite)
	}
	return nil
}

// Range rejects x outside [lo, hi], and NaN and ±Inf.
func Range(op, field string, x, lo, hi float64) error {
	if err := Finite(op, field, x); err != nil {
		return err
	}
	if !(x >= lo && x <= hi) {
		return connected.NewFieldError(op, field, x, connected.ErrOutOfRange)
	}
	return nil
}

// Unit rejects x outside [0, 1], and NaN and ±Inf.
func Unit(op, field string, x float64) error { return Range(op, field, x, 0, 1) }

// NonNeg rejects negative x, and NaN and ±Inf.
func NonNeg(op, field string, x float64) error {
	return Range(op, field, x, 0, math.MaxFloat64)
}

// Positive rejects x ≤ 0, and NaN and ±Inf.
func Positive(op, field string, x float64) error {
	if err := Finite(op, field, x); err != nil {
		return err
	}
	if !(x > 0) {
		return connected.NewFieldError(op, field, x, connected.ErrOutOfRange)
	}
	return nil
}

// Open rejects x outside the open interval (lo, hi), and NaN and ±Inf.
func Open(op, field string, x, lo, hi float64) error {
	if err := Finite(op, field, x); err != nil {
		return err
	}
	if !(x > lo && x < hi) {
		return connected.NewFieldError(op, field, x, connected.ErrOutOfRange)
	}
	return nil
}

// Len rejects a length n that differs from want.
func Len(op, field string, n, want int) error {
	if n != want {
		return connected.NewFieldError(op, field, n, fmt.Errorf("want %d: %w", want, connected.ErrMismatch))
	}
	return nil
}

// Errs collects errors for a Validate method; the zero value is ready.
type Errs []error

// Add appends err if it is not nil.
func (e *Errs) Add(err error) {
	if err != nil {
		*e = append(*e, err)
	}
}

// Err returns nil, the single error, or all errors joined.
func (e Errs) Err() error {
	switch len(e) {
	case 0:
		return nil
	case 1:
		return e[0]
	}
	return errors.Join(e...)
}
