// Package summary describes samples: mean, standard deviation and
// quantiles, for the learning loop's sweeps and replications.
//
// STYLE §1 makes this the one place where the module may use
// golang.org/x/exp/stats. That package currently requires a main module
// "go 1.26.0" line (ours says "go 1.26"), so until go.mod is updated this
// file computes the same statistics itself: the mean and sample standard
// deviation (Welford 1962) and the Hyndman & Fan (1996) type-7 quantiles
// that x/exp/stats.Quantiles and R's quantile() use. Swapping in
// stats.MeanAndStdDev and stats.Quantiles then changes only this file.
package summary

import (
	"math"
	"slices"
)

// Stats describes a sample.
type Stats struct {
	N         int       // sample size
	Mean      float64   // arithmetic mean
	SD        float64   // sample standard deviation (n−1 denominator); 0 when N < 2
	Quantiles []float64 // one per requested level, Hyndman & Fan (1996) type 7
}

// Describe returns the mean, standard deviation and the quantiles at levels
// qs of xs. It does not modify xs. An empty xs gives NaN statistics, and a
// level outside [0,1] (or NaN) a NaN quantile, instead of a panic; callers
// check their input. A NaN in xs makes every statistic NaN.
func Describe(xs []float64, qs []float64) Stats {
	s := Stats{N: len(xs), Quantiles: make([]float64, len(qs))}
	if len(xs) == 0 || slices.ContainsFunc(xs, math.IsNaN) {
		s.Mean, s.SD = math.NaN(), math.NaN()
		for i := range s.Quantiles {
			s.Quantiles[i] = math.NaN()
		}
		return s
	}
	// Welford's running mean and sum of squared deviations.
	var mean, m2 float64
	for i, x := range xs {
		d := x - mean
		mean += d / float64(i+1)
		m2 += d * (x - mean)
	}
	s.Mean = mean
	if len(xs) > 1 {
		s.SD = math.Sqrt(m2 / float64(len(xs)-1))
	}
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	for i, q := range qs {
		s.Quantiles[i] = type7(sorted, q)
	}
	return s
}

// type7 is the Hyndman & Fan type-7 quantile of sorted at level q:
// h = (n−1)q, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
func type7(sorted []float64, q float64) float64 {
	if !(q >= 0 && q <= 1) {
		return math.NaN()
	}
	h := float64(len(sorted)-1) * q
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
