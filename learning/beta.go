package learning

import (
	"math"
	"math/rand/v2"

	"github.com/connectedstrategy/connected"
)

// Beta is a Beta(Alpha, Beta) distribution on the probability that an
// interaction delights. Alpha counts pseudo-successes and Beta
// pseudo-failures; both must be finite and > 0. The zero value is invalid
// (use {1, 1} for the uniform prior). A Beta is a plain value: safe to copy
// and to share between goroutines.
type Beta struct {
	Alpha float64 // pseudo-successes, finite and > 0
	Beta  float64 // pseudo-failures, finite and > 0
}

// Mean returns α/(α+β).
func (b Beta) Mean() float64 { return b.Alpha / (b.Alpha + b.Beta) }

// Var returns the variance αβ/((α+β)²(α+β+1)).
func (b Beta) Var() float64 {
	n := b.Alpha + b.Beta
	return b.Alpha * b.Beta / (n * n * (n + 1))
}

// valid reports whether both parameters are finite and > 0 (NaN-safe).
func (b Beta) valid() bool {
	return b.Alpha > 0 && b.Beta > 0 && b.Alpha <= math.MaxFloat64 && b.Beta <= math.MaxFloat64
}

// checkBeta returns a *connected.FieldError naming field if b is not a valid
// Beta.
func checkBeta(op, field string, b Beta) error {
	for _, p := range [2]struct {
		name string
		v    float64
	}{{".Alpha", b.Alpha}, {".Beta", b.Beta}} {
		if math.IsNaN(p.v) || math.IsInf(p.v, 0) {
			return connected.NewFieldError(op, field+p.name, p.v, connected.ErrNotFinite)
		}
		if !(p.v > 0) {
			return connected.NewFieldError(op, field+p.name, p.v, connected.ErrOutOfRange)
		}
	}
	return nil
}

// checkRand rejects a nil random source, which a policy would otherwise
// dereference.
func checkRand(op string, r *rand.Rand) error {
	if r == nil {
		return connected.NewFieldError(op, "r", nil, connected.ErrEmpty)
	}
	return nil
}

// checkArms validates a policy's inputs: arms non-empty and at most MaxArms,
// every arm a valid Beta, eligible of the same length with at least one true
// entry. It returns the number of eligible arms.
func checkArms(op string, arms []Beta, eligible []bool) (int, error) {
	if len(arms) == 0 {
		return 0, connected.NewFieldError(op, "arms", 0, connected.ErrEmpty)
	}
	if len(arms) > MaxArms {
		return 0, connected.NewFieldError(op, "arms", len(arms), connected.ErrOutOfRange)
	}
	if len(eligible) != len(arms) {
		return 0, connected.NewFieldError(op, "eligible", len(eligible), connected.ErrMismatch)
	}
	m := 0
	for i, a := range arms {
		if !a.valid() {
			return 0, checkBeta(op, "arms["+itoa(i)+"]", a)
		}
		if eligible[i] {
			m++
		}
	}
	if m == 0 {
		return 0, connected.NewFieldError(op, "eligible", "none", connected.ErrEmpty)
	}
	return m, nil
}

// itoa formats small non-negative indices without fmt (error paths only).
func itoa(i int) string {
	if i < 0 {
		return "-" + itoa(-i)
	}
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
