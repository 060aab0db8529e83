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
