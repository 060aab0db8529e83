package learning

import (
	"math"
	"math/rand/v2"
)

// gammaDraw draws from Gamma(a, 1), a > 0, by Marsaglia & Tsang ("A simple
// method for generating gamma variables", ACM TOMS 26(3), 2000), the same
// algorithm as internal/rng.Gamma, with two changes for the Thompson hot
// path: for a < 1 the boost U^(1/a) is computed as exp(−E/a) with E ~ Exp(1)
// from the ziggurat of math/rand/v2, without recursion or math.Pow, and the
// squeeze and log tests share one branch. BenchmarkGamma, CPU time per draw
// on the (loaded) development machine: shape 0.3, 42 ns against 88 ns for
// internal/rng.Gamma; shape 3, 20 ns against 22 ns. TestBetaDrawKolmogorov-
// Smirnov checks the distribution.
func gammaDraw(r *rand.Rand, a float64) float64 {
	boost := 1.0
	if a < 1 {
		// U^(1/a) = exp(−E/a) with E = −log U ~ Exp(1), drawn by the
		// ziggurat of math/rand/v2 without a logarithm.
		boost = math.Exp(-r.ExpFloat64() / a)
		a++
	}
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		x2 := x * x
		if u < 1-0.0331*x2*x2 || math.Log(u) < 0.5*x2+d*(1-v+math.Log(v)) {
			return d * v * boost
		}
	}
}

// betaDraw draws from Beta(a, b) as X/(X+Y), X ~ Gamma(a), Y ~ Gamma(b). When
// both draws underflow to 0 (shapes far below 1), the mass sits at 0 or 1 in
// proportion to the shapes, as in internal/rng.Beta.
func betaDraw(r *rand.Rand, a, b float64) float64 {
	x := gammaDraw(r, a)
	y := gammaDraw(r, b)
	if s := x + y; s > 0 {
		return x / s
	}
	if r.Float64() < a/(a+b) {
		return 1
	}
	return 0
}
