// Package summary describes samples: mean, standard deviation and
// quantiles, for the learning loop's sweeps and replications.
//
// STYLE §1 makes this the one place where the module uses
// golang.org/x/exp/stats: the mean and sample standard deviation are
// stats.MeanAndStdDev (a plain mean and the two-pass sum of squared
// deviations, n−1 denominator) and the quantiles stats.Quantiles, the
// Hyndman & Fan (1996) type-7 estimator that R's quantile() also uses by
// default. This package adds only what a library must not do: panic.
// stats panics on an empty sample or a level outside [0,1]; Describe
// returns NaN for those instead, so a caller's bad input never crashes a
// long sweep.
package summary

import (
	"math"
	"slices"

	"golang.org/x/exp/stats"
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
// check their input. A NaN in xs makes every statistic NaN; an infinite
// value makes the mean that infinity (NaN if both signs occur) and the
// standard deviation +Inf, as in x/exp/stats, and a quantile whose
// interpolation touches an infinite value may be NaN (∞ − ∞ inside the
// type-7 formula). The learning loop's histories are always finite.
func Describe(xs []float64, qs []float64) Stats {
	s := Stats{N: len(xs), Quantiles: make([]float64, len(qs))}
	if len(xs) == 0 || slices.ContainsFunc(xs, math.IsNaN) {
		s.Mean, s.SD = math.NaN(), math.NaN()
		for i := range s.Quantiles {
			s.Quantiles[i] = math.NaN()
		}
		return s
	}
	s.Mean, s.SD = stats.MeanAndStdDev(xs)
	// stats.Quantiles panics on a level outside [0,1]: pass only the valid
	// ones, sorted once, and mark the others NaN.
	valid := make([]float64, 0, len(qs))
	for _, q := range qs {
		if q >= 0 && q <= 1 {
			valid = append(valid, q)
		}
	}
	var got []float64
	if len(valid) > 0 {
		got = stats.Quantiles(xs, valid...)
	}
	j := 0
	for i, q := range qs {
		if q >= 0 && q <= 1 {
			s.Quantiles[i] = got[j]
			j++
		} else {
			s.Quantiles[i] = math.NaN()
		}
	}
	return s
}
