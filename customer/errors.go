package customer

import (
	"math"

	"github.com/connectedstrategy/connected"
)

// outOfRange returns the sentinel for a rejected number: ErrNotFinite for
// NaN or ±Inf, ErrOutOfRange otherwise.
func outOfRange(x float64) error {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return connected.ErrNotFinite
	}
	return connected.ErrOutOfRange
}
