package connected

import (
	"errors"
	"fmt"
)

// Sentinel conditions wrapped by every error the module returns. Callers test
// for them with [errors.Is] and recover the rejected input with [errors.As] on
// a [*FieldError].
var (
	// ErrNotFinite reports a NaN or ±Inf where a finite number is required.
	ErrNotFinite = errors.New("value is NaN or infinite")
	// ErrOutOfRange reports a finite value outside its documented range.
	ErrOutOfRange = errors.New("value out of range")
	// ErrEmpty reports an input that must not be empty.
	ErrEmpty = errors.New("empty input")
	// ErrMismatch reports slices whose lengths must agree but do not.
	ErrMismatch = errors.New("length mismatch")
	// ErrUnknown reports a name, kind or ID that is not known.
	ErrUnknown = errors.New("unknown name")
	// ErrDuplicate reports a name or ID that must be unique but repeats.
	ErrDuplicate = errors.New("duplicate name")
	// ErrInfeasible reports a problem that has no feasible solution.
	ErrInfeasible = errors.New("infeasible")
	// ErrNoConsent reports an action that needs a consent the customer has
	// not granted (or has revoked).
	ErrNoConsent = errors.New("no consent")
	// ErrSyntax reports encoded input (JSON or binary) that is malformed,
	// truncated, has an unknown key or a value of the wrong type.
	ErrSyntax = errors.New("malformed input")
)

// A FieldError reports which input was rejected, where, and why. It is the one
// error shape of the module, modelled on [strconv.NumError]. Several problems
// found by one Validate call are joined with [errors.Join]; each is still a
// *FieldError reachable with [errors.As].
type FieldError struct {
	Op    string // the call that rejected it, e.g. "strategy.Strategy.Validate"
	Field string // the input path, e.g. "DataIntensity" or "units[3].values[1]"
	Value any    // the rejected value: a number, a length or an unknown name
	Err   error  // the condition: ErrNotFinite, ErrOutOfRange, ...
}

// Error returns "op: field = value: condition".
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s: %s = %v: %v", e.Op, e.Field, e.Value, e.Err)
}

// Unwrap returns the condition, so errors.Is(err, ErrOutOfRange) works.
func (e *FieldError) Unwrap() error { return e.Err }

// NewFieldError returns a *FieldError; it is shorthand for the composite
// literal, used by every package of the module.
func NewFieldError(op, field string, value any, err error) *FieldError {
	return &FieldError{Op: op, Field: field, Value: value, Err: err}
}
