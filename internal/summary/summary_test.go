package summary

import (
	"math"
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
