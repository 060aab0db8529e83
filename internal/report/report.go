// Package report holds the formatting helpers the example programs share.
// It is for programs, not the library: it writes only to the io.Writer it is
// given.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
)

// Round rounds x to d decimals, so that JSON shows cents, not noise.
func Round(x float64, d int) float64 {
	p := math.Pow10(d)
	return math.Round(x*p) / p
}

// Money formats an amount compactly: 1234567 as "1.23M", 12345 as "12.3k",
// 123 as "123".
func Money(x float64) string {
	a := math.Abs(x)
	switch {
	case a >= 1e6:
		return fmt.Sprintf("%.2fM", x/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.1fk", x/1e3)
	default:
		return fmt.Sprintf("%.0f", x)
	}
}

// Write prints rep as indented JSON when asJSON is set, and otherwise calls
// text to print it for people.
func Write(w io.Writer, asJSON bool, rep any, text func(io.Writer) error) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return text(w)
}
