// Package num holds the numerics the module shares: compensated sums,
// log-sum-exp and special functions.
package num

import "math"

// Sum returns the sum of xs with Neumaier's compensated summation (Neumaier
// 1974, an improved Kahan–Babuška sum), accurate to about one rounding error
// whatever the order of magnitudes. It does not allocate.
func Sum(xs []float64) float64 {
	var s Acc
	for _, x := range xs {
		s.Add(x)
	}
	return s.Value()
}

// Acc is a running Neumaier-compensated sum. The zero value is an empty sum.
type Acc struct{ sum, c float64 }

// Add adds x to the sum.
func (a *Acc) Add(x float64) {
	t := a.sum + x
	if math.Abs(a.sum) >= math.Abs(x) {
		a.c += (a.sum - t) + x
	} else {
		a.c += (x - t) + a.sum
	}
	a.sum = t
}

// Value returns the compensated sum so far.
func (a Acc) Value() float64 { return a.sum + a.c }

// LogSumExp returns log Σ exp(xs[i]) without overflow, skipping -Inf
// entries; it returns -Inf for an empty slice or one of only -Inf. It does not
// allocate.
func LogSumExp(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		if x > m {
			m = x
		}
	}
	if math.IsInf(m, -1) {
		return m
	}
	var s Acc
	for _, x := range xs {
		if !math.IsInf(x, -1) {
			s.Add(math.Exp(x - m))
		}
	}
	return m + math.Log(s.Value())
}

// LogBeta returns log B(a, b) = lgamma(a) + lgamma(b) − lgamma(a+b) for
// a, b > 0.
func LogBeta(a, b float64) float64 {
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	return la + lb - lab
}

// Clamp returns x limited to [lo, hi]; NaN becomes lo.
func Clamp(x, lo, hi float64) float64 {
	if !(x >= lo) {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}
