package rng

import (
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// TestGammaMoments checks the sample mean and variance of Gamma(k, 1) draws
// against the closed forms E = k and Var = k, within 5 standard errors.
func TestGammaMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 200000
	for _, k := range []float64{0.05, 0.3, 1, 2.5, 40} {
		var s, s2 float64
		for range n {
			x := Gamma(r, k)
			if !(x >= 0) || math.IsInf(x, 0) {
				t.Fatalf("Gamma(%v) = %v", k, x)
			}
			s += x
			s2 += x * x
		}
		mean := s / n
		variance := s2/n - mean*mean
		se := math.Sqrt(k / n) // standard error of the mean
		if math.Abs(mean-k) > 5*se {
			t.Errorf("Gamma(%v): mean %v, want %v ± %v", k, mean, k, 5*se)
		}
		// Var of the sample variance is about (μ4 − σ⁴)/n with μ4 = 3k² + 6k.
		seVar := math.Sqrt((3*k*k + 6*k - k*k) / n)
		if math.Abs(variance-k) > 5*seVar {
			t.Errorf("Gamma(%v): variance %v, want %v ± %v", k, variance, k, 5*seVar)
		}
	}
}

// TestBetaMean checks Beta(a, b) draws against the mean a/(a+b).
func TestBetaMean(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n = 100000
	for _, ab := range [][2]float64{{1, 1}, {0.5, 0.5}, {2, 8}, {30, 3}, {1e-3, 1e-3}} {
		a, b := ab[0], ab[1]
		var s float64
		for range n {
			x := Beta(r, a, b)
			if !(x >= 0 && x <= 1) {
				t.Fatalf("Beta(%v, %v) = %v", a, b, x)
			}
			s += x
		}
		mean := a / (a + b)
		sd := math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)))
		if got := s / n; math.Abs(got-mean) > 5*sd/math.Sqrt(n) {
			t.Errorf("Beta(%v, %v): mean %v, want %v", a, b, got, mean)
		}
	}
}

func TestBetaMeanKappaPointMass(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	if got := BetaMeanKappa(r, 0, 10); got != 0 {
		t.Errorf("BetaMeanKappa(0, 10) = %v", got)
	}
	if got := BetaMeanKappa(r, 1, 10); got != 1 {
		t.Errorf("BetaMeanKappa(1, 10) = %v", got)
	}
}

func TestStreamDeterministicAndDistinct(t *testing.T) {
	a, b := Stream(7, 1, 2), Stream(7, 1, 2)
	if a != b {
		t.Fatal("Stream is not deterministic")
	}
	seen := map[uint64]bool{}
	for seed := range uint64(20) {
		for a := range uint64(20) {
			for b := range uint64(20) {
				s := Stream(seed, a, b)
				if seen[s] {
					t.Fatalf("Stream(%d, %d, %d) collides", seed, a, b)
				}
				seen[s] = true
			}
		}
	}
	if Stream(1, 2, 3) == Stream(1, 3, 2) {
		t.Error("Stream ignores the order of coordinates")
	}
}

func TestReseedRepeats(t *testing.T) {
	var src rand.PCG
	Reseed(&src, 9, 4, 5)
	a := src.Uint64()
	Reseed(&src, 9, 4, 5)
	if b := src.Uint64(); a != b {
		t.Errorf("Reseed did not repeat: %d != %d", a, b)
	}
	if n := testing.AllocsPerRun(100, func() { Reseed(&src, 9, 4, 5) }); n != 0 {
		t.Errorf("Reseed allocates %v times", n)
	}
}

func TestPropertyBetaInUnitInterval(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.Float64Range(1e-4, 1e4).Draw(t, "a")
		b := rapid.Float64Range(1e-4, 1e4).Draw(t, "b")
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0))
		if x := Beta(r, a, b); !(x >= 0 && x <= 1) {
			t.Fatalf("Beta(%v, %v) = %v", a, b, x)
		}
	})
}

func BenchmarkGamma(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, k := range []float64{0.5, 3} {
		b.Run("shape="+formatShape(k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Gamma(r, k)
			}
		})
	}
}

func formatShape(k float64) string {
	if k < 1 {
		return "0.5"
	}
	return "3"
}
