package num

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

func TestSumCompensates(t *testing.T) {
	// 1 + 1e100 + 1 − 1e100 is 2 exactly; a naive sum gives 0.
	if got := Sum([]float64{1, 1e100, 1, -1e100}); got != 2 {
		t.Errorf("Sum = %v, want 2", got)
	}
	xs := make([]float64, 10001)
	xs[0] = 1
	for i := 1; i < len(xs); i++ {
		xs[i] = 1e-16
	}
	// 1 + 10000·1e-16 = 1.000000000001 to double precision.
	if got, want := Sum(xs), 1+1e-12; math.Abs(got-want) > 1e-16 {
		t.Errorf("Sum = %.17g, want %.17g", got, want)
	}
}

func TestLogSumExp(t *testing.T) {
	tests := []struct {
		xs   []float64
		want float64
	}{
		{nil, math.Inf(-1)},
		{[]float64{math.Inf(-1)}, math.Inf(-1)},
		{[]float64{0, 0}, math.Ln2},
		{[]float64{1000, 1000}, 1000 + math.Ln2},
		{[]float64{-1000, math.Inf(-1)}, -1000},
	}
	for _, tt := range tests {
		if got := LogSumExp(tt.xs); got != tt.want && math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("LogSumExp(%v) = %v, want %v", tt.xs, got, tt.want)
		}
	}
}

func TestLogBeta(t *testing.T) {
	// B(2, 3) = 1!·2!/4! = 1/12.
	if got, want := LogBeta(2, 3), math.Log(1.0/12); math.Abs(got-want) > 1e-14 {
		t.Errorf("LogBeta(2, 3) = %v, want %v", got, want)
	}
}

func TestClamp(t *testing.T) {
	for _, tt := range []struct{ x, want float64 }{{-1, 0}, {0.5, 0.5}, {2, 1}, {math.NaN(), 0}} {
		if got := Clamp(tt.x, 0, 1); got != tt.want {
			t.Errorf("Clamp(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

func TestPropertyLogSumExpBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOfN(rapid.Float64Range(-700, 700), 1, 30).Draw(t, "xs")
		got := LogSumExp(xs)
		m := math.Inf(-1)
		for _, x := range xs {
			m = math.Max(m, x)
		}
		// max ≤ LSE ≤ max + log n
		if !(got >= m-1e-12 && got <= m+math.Log(float64(len(xs)))+1e-12) {
			t.Fatalf("LogSumExp(%v) = %v outside [%v, %v]", xs, got, m, m+math.Log(float64(len(xs))))
		}
	})
}

func TestPropertySumPermutation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOfN(rapid.Float64Range(-1e6, 1e6), 0, 50).Draw(t, "xs")
		perm := rapid.Permutation(xs).Draw(t, "perm")
		a, b := Sum(xs), Sum(perm)
		if math.Abs(a-b) > 1e-9*(1+math.Abs(a)) {
			t.Fatalf("Sum depends on order: %v vs %v", a, b)
		}
	})
}
