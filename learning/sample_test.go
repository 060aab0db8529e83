package learning

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/connectedstrategy/connected/internal/quad"
)

// TestBetaDrawKolmogorovSmirnov compares 20000 seeded draws of betaDraw with
// the exact CDF (regularized incomplete beta). The KS critical value at
// level 0.001 is 1.95/√n ≈ 0.0138 (Kolmogorov distribution, asymptotic).
func TestBetaDrawKolmogorovSmirnov(t *testing.T) {
	const n = 20000
	crit := 1.95 / math.Sqrt(n)
	for _, ab := range []Beta{{1, 1}, {0.3, 2}, {5, 0.7}, {0.6, 0.4}, {50, 80}, {2.5, 1}, {2, 1}, {2, 2}, {1, 7}} {
		r := rand.New(rand.NewPCG(71, uint64(ab.Alpha*1000+ab.Beta)))
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = betaDraw(r, ab.Alpha, ab.Beta)
		}
		slices.Sort(xs)
		var d float64
		for i, x := range xs {
			f := quad.RegIncBeta(ab.Alpha, ab.Beta, x)
			d = max(d, math.Abs(f-float64(i)/n), math.Abs(f-float64(i+1)/n))
		}
		if d > crit {
			t.Errorf("Beta%v: KS distance %.4f > %.4f", ab, d, crit)
		}
	}
}

// gammaDrawRef is gammaDraw as first written (commit 785ccba): the plain
// Marsaglia–Tsang loop with r.NormFloat64 and both logarithms. gammaDraw's
// optimizations must leave every draw and the stream bit-identical to it.
func gammaDrawRef(r *rand.Rand, a float64) float64 {
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

// TestGammaDrawMatchesReference checks that gammaDraw returns bit-identical
// draws and leaves the generator in the same state as gammaDrawRef over
// shapes from 0.01 to 1e6: 2.8e5 normal deviates, so the ziggurat's wedge
// (about 1%) and tail paths and the log-bound shortcut are all exercised.
func TestGammaDrawMatchesReference(t *testing.T) {
	shapes := []float64{0.01, 0.05, 0.3, 0.5, 0.99, 1, 1.5, 2, 3, 10, 100, 1e3, 1e5, 1e6}
	for si, a := range shapes {
		r1 := rand.New(rand.NewPCG(uint64(si), 99))
		r2 := rand.New(rand.NewPCG(uint64(si), 99))
		for n := range 20000 {
			g, w := gammaDraw(r1, a), gammaDrawRef(r2, a)
			if math.Float64bits(g) != math.Float64bits(w) {
				t.Fatalf("shape %g draw %d: gammaDraw %v, reference %v", a, n, g, w)
			}
		}
		if u1, u2 := r1.Uint64(), r2.Uint64(); u1 != u2 {
			t.Fatalf("shape %g: streams diverged", a)
		}
	}
}

// TestAcceptLog checks acceptLog against math.Log(u) < rhs near the
// boundary, where the shortcut must defer to the exact test.
func TestAcceptLog(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		u := r.Float64()
		if r.IntN(8) == 0 {
			u = 1 - math.Ldexp(float64(1+r.IntN(1000)), -53)
		}
		l := math.Log(u)
		for _, rhs := range []float64{l, math.Nextafter(l, 0), math.Nextafter(l, -1), u - 1, u - 1 - 1e-12, u - 1 + 1e-13, l + 1e-15, l - 1e-15} {
			if got, want := acceptLog(u, rhs), l < rhs; got != want {
				t.Fatalf("acceptLog(%v, %v) = %v, want %v", u, rhs, got, want)
			}
		}
	}
}

// TestBetaDrawMatchesReference checks betaDraw against the same ratio of
// gammaDrawRef draws, bit for bit, with shapes on both sides of 1.
func TestBetaDrawMatchesReference(t *testing.T) {
	shapes := []float64{0.02, 0.4, 1, 1.7, 12, 3e3, 4e5}
	for _, a := range shapes {
		for _, b := range shapes {
			r1 := rand.New(rand.NewPCG(uint64(a*100), uint64(b*100)))
			r2 := rand.New(rand.NewPCG(uint64(a*100), uint64(b*100)))
			for n := range 2000 {
				var w float64
				x, y := gammaDrawRef(r2, a), gammaDrawRef(r2, b)
				if s := x + y; s > 0 {
					w = x / s
				} else if r2.Float64() < a/(a+b) {
					w = 1
				}
				if g := betaDraw(r1, a, b); math.Float64bits(g) != math.Float64bits(w) {
					t.Fatalf("Beta(%g, %g) draw %d: betaDraw %v, reference %v", a, b, n, g, w)
				}
			}
			if r1.Uint64() != r2.Uint64() {
				t.Fatalf("Beta(%g, %g): streams diverged", a, b)
			}
		}
	}
}
