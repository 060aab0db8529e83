// Package rng holds the random-variate generators and stream derivation the
// module shares. Every function reads randomness only from the *rand.Rand it
// is given (math/rand/v2), so results are reproducible from a seed.
package rng

import (
	"math"
	"math/rand/v2"
)

// Gamma draws from a Gamma(shape, 1) distribution with the method of
// Marsaglia & Tsang, "A Simple Method for Generating Gamma Variables", ACM
// TOMS 26(3), 2000. For shape < 1 it boosts a Gamma(shape+1) draw by
// U^(1/shape) (their §6). shape must be finite and > 0; the caller checks.
func Gamma(r *rand.Rand, shape float64) float64 {
	if shape < 1 {
		u := r.Float64()
		for u == 0 {
			u = r.Float64()
		}
		return Gamma(r, shape+1) * math.Pow(u, 1/shape)
	}
	d := shape - 1.0/3
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
		if u < 1-0.0331*x2*x2 {
			return d * v
		}
		if u > 0 && math.Log(u) < 0.5*x2+d*(1-v+math.Log(v)) {
			return d * v
		}
	}
}

// Beta draws from a Beta(a, b) distribution as X/(X+Y) with X ~ Gamma(a) and
// Y ~ Gamma(b). a and b must be finite and > 0; the caller checks. The
// result is in [0,1].
func Beta(r *rand.Rand, a, b float64) float64 {
	x := Gamma(r, a)
	y := Gamma(r, b)
	if s := x + y; s > 0 {
		return x / s
	}
	// Both underflowed (tiny shapes): the mass sits at 0 or 1 in proportion
	// to the shapes.
	if r.Float64() < a/(a+b) {
		return 1
	}
	return 0
}

// BetaMeanKappa draws from a Beta distribution given its mean μ in (0,1) and
// concentration κ = α + β > 0, i.e. α = μκ and β = (1−μ)κ. μ of exactly 0 or
// 1 returns μ (a point mass). The caller checks ranges.
func BetaMeanKappa(r *rand.Rand, mean, kappa float64) float64 {
	if mean <= 0 || mean >= 1 {
		return mean
	}
	return Beta(r, mean*kappa, (1-mean)*kappa)
}

// Mix is the SplitMix64 finalizer (Steele, Lea & Flood, "Fast Splittable
// Pseudorandom Number Generators", OOPSLA 2014): a bijection of uint64 with
// good avalanche, used to derive independent streams.
func Mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Stream derives a seed for one unit of work from a root seed and any number
// of unit coordinates (e.g. replication, customer, period), so that each unit
// gets an independent stream whatever order or goroutine runs it.
func Stream(seed uint64, coords ...uint64) uint64 {
	h := Mix(seed)
	for _, c := range coords {
		h = Mix(h ^ Mix(c+0x632be59bd9b4e019))
	}
	return h
}

// Reseed resets a PCG source to the stream for (seed, coords...) without
// allocating: the same coordinates always give the same sequence.
func Reseed(src *rand.PCG, seed uint64, coords ...uint64) {
	s := Stream(seed, coords...)
	src.Seed(s, Mix(s))
}
