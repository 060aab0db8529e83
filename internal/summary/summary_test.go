package summary

import (
	"slices"
	"sort"

	"math"
	"pgregory.net/rapid"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		qs   []float64
		want Stats
	}{
		// Mean 2.5, sample variance 5/3 (closed form), R-7 quantiles of 1..4:
		// 0.25 → 1.75, 0.5 → 2.5, 1 → 4.
		{"one to four", []float64{4, 1, 3, 2}, []float64{0.25, 0.5, 1}, Stats{N: 4, Mean: 2.5, SD: math.Sqrt(5.0 / 3), Quantiles: []float64{1.75, 2.5, 4}}},
		{"single value", []float64{7}, []float64{0, 0.5}, Stats{N: 1, Mean: 7, SD: 0, Quantiles: []float64{7, 7}}},
		{"no levels", []float64{1, 3}, nil, Stats{N: 2, Mean: 2, SD: math.Sqrt2, Quantiles: []float64{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Describe(tt.xs, tt.qs)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("Describe(%v, %v) mismatch (-want +got):\n%s", tt.xs, tt.qs, diff)
			}
		})
	}
}

func TestDescribeBadInput(t *testing.T) {
	s := Describe(nil, []float64{0.5})
	if !math.IsNaN(s.Mean) || !math.IsNaN(s.Quantiles[0]) {
		t.Errorf("Describe(nil) = %+v, want NaN mean and quantile", s)
	}
	s = Describe([]float64{1, 2}, []float64{-1, 0.5, 2})
	if !math.IsNaN(s.Quantiles[0]) || s.Quantiles[1] != 1.5 || !math.IsNaN(s.Quantiles[2]) {
		t.Errorf("Describe with bad levels = %v, want [NaN 1.5 NaN]", s.Quantiles)
	}
	xs := []float64{3, 1, 2}
	Describe(xs, []float64{0.5})
	if xs[0] != 3 || xs[1] != 1 {
		t.Errorf("Describe modified its input: %v", xs)
	}
}

func TestDescribeInfinities(t *testing.T) {
	s := Describe([]float64{1, math.Inf(1), 2}, []float64{0, 0.25})
	if !math.IsInf(s.Mean, 1) || !math.IsInf(s.SD, 1) || s.Quantiles[0] != 1 || s.Quantiles[1] != 1.5 {
		t.Errorf("Describe with +Inf = %+v, want mean +Inf, SD +Inf, quantiles [1 1.5]", s)
	}
	s = Describe([]float64{math.Inf(-1), math.Inf(1)}, nil)
	if !math.IsNaN(s.Mean) || !math.IsInf(s.SD, 1) {
		t.Errorf("Describe with ±Inf = %+v, want mean NaN, SD +Inf", s)
	}
}

// reference computes the same statistics independently of x/exp/stats:
// Welford's running mean and variance and the type-7 quantile written
// from Hyndman & Fan's definition h = (n−1)q.
func reference(xs, qs []float64) Stats {
	s := Stats{N: len(xs), Quantiles: make([]float64, len(qs))}
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
	sorted := append([]float64(nil), xs...)
	sort.Float64s(sorted)
	for i, q := range qs {
		h := float64(len(sorted)-1) * q
		lo := int(math.Floor(h))
		if lo >= len(sorted)-1 {
			s.Quantiles[i] = sorted[len(sorted)-1]
			continue
		}
		s.Quantiles[i] = sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
	}
	return s
}

func TestDescribeProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), 1, 50).Draw(t, "xs")
		qs := rapid.SliceOfN(rapid.Float64Range(0, 1), 0, 6).Draw(t, "qs")
		got := Describe(xs, qs)
		want := reference(xs, qs)
		// The two mean algorithms differ only by rounding: allow a few ulps
		// of the sample's scale.
		scale := 0.0
		for _, x := range xs {
			scale = math.Max(scale, math.Abs(x))
		}
		tol := 1e-12 * math.Max(scale, 1)
		if math.Abs(got.Mean-want.Mean) > tol || math.Abs(got.SD-want.SD) > tol {
			t.Fatalf("mean, SD = %v, %v; reference %v, %v", got.Mean, got.SD, want.Mean, want.SD)
		}
		lo, hi := slices.Min(xs), slices.Max(xs)
		for i, q := range got.Quantiles {
			if math.Abs(q-want.Quantiles[i]) > tol {
				t.Fatalf("quantile %v = %v, reference %v", qs[i], q, want.Quantiles[i])
			}
			if q < lo || q > hi {
				t.Fatalf("quantile %v = %v outside the sample's range [%v, %v]", qs[i], q, lo, hi)
			}
			for j := range qs {
				if qs[j] < qs[i] && got.Quantiles[j] > q {
					t.Fatalf("quantiles not monotone: level %v → %v, level %v → %v", qs[j], got.Quantiles[j], qs[i], q)
				}
			}
		}
		if got.SD < 0 {
			t.Fatalf("SD = %v < 0", got.SD)
		}
	})
}
