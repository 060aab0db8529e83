package learning

import (
	"math"
	"testing"

	"github.com/connectedstrategy/connected/internal/num"
)

// probBGreater is the closed form of P(θ_B > θ_A) for θ_A ~ Beta(aA, bA),
// θ_B ~ Beta(aB, bB) with integer aB (Evan Miller, "Formulas for Bayesian
// A/B testing", 2015; derived from Cook 2005):
//
//	Σ_{i=0}^{aB−1} B(aA+i, bA+bB) / ((bB+i) B(1+i, bB) B(aA, bA))
//
// summed in log space with a compensated sum.
func probBGreater(aA, bA, aB, bB float64) float64 {
	var s num.Acc
	for i := 0.0; i < aB; i++ {
		s.Add(math.Exp(num.LogBeta(aA+i, bA+bB) - math.Log(bB+i) - num.LogBeta(1+i, bB) - num.LogBeta(aA, bA)))
	}
	return s.Value()
}

func TestThompsonProbabilitiesClosedFormK2(t *testing.T) {
	cases := [][4]float64{
		{1, 1, 1, 1}, {1, 1, 2, 1}, {3, 7, 5, 5}, {20, 30, 25, 25}, {1, 50, 2, 3},
		{100, 100, 101, 99}, {300, 700, 320, 680}, {1, 1, 40, 2}, {2, 200, 1, 100},
		{5, 1, 1, 5}, {500, 500, 510, 500}, {1000, 9000, 1100, 8900},
	}
	for _, c := range cases {
		want := probBGreater(c[0], c[1], c[2], c[3])
		got, err := ThompsonProbabilities([]Beta{{c[0], c[1]}, {c[2], c[3]}}, []bool{true, true})
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(got[1] - want); d > 1e-9 {
			t.Errorf("P(B>A) for %v = %.12f, want %.12f (diff %.2g)", c, got[1], want, d)
		}
		if d := math.Abs(got[0] + got[1] - 1); d > 1e-12 {
			t.Errorf("sum for %v = %v", c, got[0]+got[1])
		}
	}
}
