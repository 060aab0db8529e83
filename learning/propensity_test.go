package learning

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/connectedstrategy/connected"

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
		{20000, 20000, 20100, 19900}, {3, 100000, 2, 90000},
	}
	for _, c := range cases {
		want := probBGreater(c[0], c[1], c[2], c[3])
		got, err := ThompsonProbabilities([]Beta{{c[0], c[1]}, {c[2], c[3]}}, []bool{true, true})
		if err != nil {
			t.Fatal(err)
		}
		// The contract is 1e-6; 1e-7 catches a degraded rule early.
		if d := math.Abs(got[1] - want); d > 1e-7 {
			t.Errorf("P(B>A) for %v = %.12f, want %.12f (diff %.2g)", c, got[1], want, d)
		}
		if d := math.Abs(got[0] + got[1] - 1); d > 1e-12 {
			t.Errorf("sum for %v = %v", c, got[0]+got[1])
		}
	}
}

// mpmathRef holds P(arm i is the max) computed with mpmath 1.3 at 25 digits
// (mp.quad over [0,1] split at each arm's mean ± {1,2,4,8,30} sd, the
// integrand f_i Π F_j with mpmath.betainc); script in the commit message of
// this test.
var mpmathRef = []struct {
	arms []Beta
	want []float64
}{
	{[]Beta{{1, 1}, {2, 3}, {0.5, 0.5}}, []float64{0.37421875, 0.2, 0.42578124999999939}},
	{[]Beta{{0.2, 3}, {0.3, 0.4}, {2, 20}, {1, 1}}, []float64{0.024781740811049804, 0.41592639948056211, 0.026553245757457637, 0.53273861395040497}},
	{[]Beta{{10, 30}, {12, 28}, {300, 900}, {0.7, 2}}, []float64{0.16778478499907174, 0.41536783745258486, 0.080605158853462974, 0.33624221869488042}},
	{[]Beta{{50, 50}, {51, 49}, {49, 51}, {50.5, 50.5}}, []float64{0.24654458600736418, 0.32241182132353658, 0.18541694200955727, 0.24562665065954196}},
	{[]Beta{{150, 350}, {20, 50}, {3, 6}, {40, 80}}, []float64{0.081109614138407399, 0.11451297326546399, 0.43763609679826087, 0.36674131579786775}},
	{[]Beta{{2.5, 7.5}, {3.5, 6.5}, {1.5, 8.5}, {4.5, 5.5}, {6, 4}}, []float64{0.020450573310032968, 0.07486777805110366, 0.0035434362825834314, 0.20808100104992838, 0.69305721130635156}},
	{[]Beta{{0.5, 2}, {0.6, 1.8}, {0.4, 2.2}, {0.7, 1.6}}, []float64{0.2019362237658804, 0.28032397946291257, 0.13946188808775939, 0.37827790868344764}},
}

func TestThompsonProbabilitiesReference(t *testing.T) {
	for _, tt := range mpmathRef {
		elig := make([]bool, len(tt.arms))
		for i := range elig {
			elig[i] = true
		}
		got, err := ThompsonProbabilities(tt.arms, elig)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			// mpmath's own error on the (0.3, 0.4) case is ~5e-13 (its sum).
			if d := math.Abs(got[i] - tt.want[i]); d > 1e-7 {
				t.Errorf("arms %v: P[%d] = %.12f, want %.12f (diff %.2g)", tt.arms, i, got[i], tt.want[i], d)
			}
		}
	}
}

// TestThompsonProbabilitiesMonteCarlo is a loose sanity check: the frequency
// of Thompson.Choose over 200k seeded draws is within 5 binomial standard
// errors (sd ≤ √(0.25/2e5) ≈ 1.1e-3) of the integrated probability.
func TestThompsonProbabilitiesMonteCarlo(t *testing.T) {
	arms := []Beta{{3, 7}, {4, 6}, {1, 2}, {30, 50}, {2, 2}}
	elig := []bool{true, true, false, true, true}
	want, err := ThompsonProbabilities(arms, elig)
	if err != nil {
		t.Fatal(err)
	}
	const n = 200000
	r := rand.New(rand.NewPCG(11, 12))
	counts := make([]float64, len(arms))
	for range n {
		a, err := Thompson{}.Choose(r, arms, elig)
		if err != nil {
			t.Fatal(err)
		}
		counts[a]++
	}
	for i := range arms {
		f := counts[i] / n
		se := math.Sqrt(want[i]*(1-want[i])/n) + 1e-12
		if math.Abs(f-want[i]) > 5*se {
			t.Errorf("arm %d: frequency %.4f, integrated %.4f (%.1f se)", i, f, want[i], math.Abs(f-want[i])/se)
		}
	}
}

// genArms draws 1..8 arms with parameters log-uniform over the supported range and a
// mask with at least one eligible arm.
func genArms(t *rapid.T) ([]Beta, []bool) {
	k := rapid.IntRange(1, 8).Draw(t, "k")
	arms := make([]Beta, k)
	elig := make([]bool, k)
	for i := range arms {
		lg := rapid.Float64Range(math.Log(PropensityMin), math.Log(PropensityMax))
		arms[i] = Beta{
			num.Clamp(math.Exp(lg.Draw(t, "logAlpha")), PropensityMin, PropensityMax),
			num.Clamp(math.Exp(lg.Draw(t, "logBeta")), PropensityMin, PropensityMax),
		}
		elig[i] = rapid.Bool().Draw(t, "eligible")
	}
	elig[rapid.IntRange(0, k-1).Draw(t, "forced")] = true
	return arms, elig
}

func TestThompsonProbabilitiesProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		arms, elig := genArms(t)
		p, err := ThompsonProbabilities(arms, elig)
		if err != nil {
			t.Fatal(err)
		}
		var s float64
		for i, v := range p {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("p[%d] = %v outside [0,1]", i, v)
			}
			if !elig[i] && v != 0 {
				t.Fatalf("ineligible arm %d has probability %v", i, v)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-12 {
			t.Fatalf("probabilities sum to %v", s)
		}
		// Permuting the arms permutes the probabilities.
		perm := rapid.Permutation(seq(len(arms))).Draw(t, "perm")
		pa, pe := make([]Beta, len(arms)), make([]bool, len(arms))
		for i, j := range perm {
			pa[i], pe[i] = arms[j], elig[j]
		}
		pp, err := ThompsonProbabilities(pa, pe)
		if err != nil {
			t.Fatal(err)
		}
		for i, j := range perm {
			if math.Abs(pp[i]-p[j]) > 1e-7 {
				t.Fatalf("permuted p[%d] = %v, original p[%d] = %v", i, pp[i], j, p[j])
			}
		}
	})
}

// TestThompsonProbabilitiesK2Integer checks random integer K = 2 cases
// against the closed form, including skewed and peaked ones.
func TestThompsonProbabilitiesK2Integer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := rapid.IntRange(1, 400)
		c := [4]float64{float64(g.Draw(t, "aA")), float64(g.Draw(t, "bA")), float64(g.Draw(t, "aB")), float64(g.Draw(t, "bB"))}
		want := probBGreater(c[0], c[1], c[2], c[3])
		got, err := ThompsonProbabilities([]Beta{{c[0], c[1]}, {c[2], c[3]}}, []bool{true, true})
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(got[1] - want); d > 1e-7 {
			t.Fatalf("P(B>A) for %v = %.12f, want %.12f (diff %.2g)", c, got[1], want, d)
		}
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func TestThompsonProbabilitiesErrors(t *testing.T) {
	tests := []struct {
		name  string
		arms  []Beta
		elig  []bool
		field string
		want  error
	}{
		{"empty", nil, nil, "arms", connected.ErrEmpty},
		{"mismatch", []Beta{{1, 1}}, []bool{true, true}, "eligible", connected.ErrMismatch},
		{"none eligible", []Beta{{1, 1}, {1, 2}}, []bool{false, false}, "eligible", connected.ErrEmpty},
		{"NaN", []Beta{{1, 1}, {math.NaN(), 2}}, []bool{true, true}, "arms[1].Alpha", connected.ErrNotFinite},
		{"Inf", []Beta{{1, math.Inf(1)}}, []bool{true}, "arms[0].Beta", connected.ErrNotFinite},
		{"zero", []Beta{{0, 1}}, []bool{true}, "arms[0].Alpha", connected.ErrOutOfRange},
		{"tiny alpha", []Beta{{1, 1}, {1e-3, 1}}, []bool{true, true}, "arms[1].Alpha", connected.ErrOutOfRange},
		{"huge beta", []Beta{{1, 2e6}, {1, 1}}, []bool{true, true}, "arms[0].Beta", connected.ErrOutOfRange},
		{"too many", make([]Beta, MaxArms+1), make([]bool, MaxArms+1), "arms", connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		_, err := ThompsonProbabilities(tt.arms, tt.elig)
		var fe *connected.FieldError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: error %v, want %v on %s", tt.name, err, tt.want, tt.field)
		}
	}
}

func FuzzThompsonProbabilities(f *testing.F) {
	f.Add(1.0, 1.0, 2.0, 3.0, 0.5, 0.5)
	f.Add(math.NaN(), 1.0, 1.0, 1.0, 1.0, 1.0)
	f.Add(math.Inf(1), 1.0, 1.0, math.Inf(-1), 1.0, 1.0)
	f.Add(1e-300, 1e300, 1e5, 1e5, 0.01, 100.0)
	f.Add(0.01, 1e6, 1e6, 1e6, 0.01, 0.01)
	f.Add(0.01, 0.01, 1e6, 0.01, 0.5, 1e6)
	f.Add(0.0, -1.0, 1.0, 1.0, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, a0, b0, a1, b1, a2, b2 float64) {
		arms := []Beta{{a0, b0}, {a1, b1}, {a2, b2}}
		p, err := ThompsonProbabilities(arms, []bool{true, true, true})
		if err != nil {
			if errors.Is(err, connected.ErrInfeasible) {
				t.Fatalf("integration failed in range for %v: %v", arms, err)
			}
			return
		}
		var s float64
		for _, v := range p {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("p = %v for %v", p, arms)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-9 {
			t.Fatalf("sum %v for %v", s, arms)
		}
	})
}

// TestThompsonTotalMassGrid checks, over a grid of pairs spanning the whole
// supported range, that the unnormalized probabilities sum to 1: their sum is
// ∫ d/dx Π F_j = 1 exactly, so its error measures the integration error.
func TestThompsonTotalMassGrid(t *testing.T) {
	vals := []float64{PropensityMin, 0.05, 0.2, 1, 5, 100, 1e4, 1e5, PropensityMax}
	worst := 0.0
	for _, a1 := range vals {
		for _, b1 := range vals {
			for _, a2 := range vals {
				for _, b2 := range vals {
					// Two arms, or four (each twice) when a1 == b2: repeated
					// arms stress the product Π F_j.
					arms := []Beta{{a1, b1}, {a2, b2}, {a1, b1}, {a2, b2}}
					four := a1 == b2
					p := make([]float64, 4)
					sum := thompsonInto(p, arms, []bool{true, true, four, four}, 2+2*btoi(four))
					if d := math.Abs(sum - 1); d > worst {
						worst = d
						if d > 1e-7 {
							t.Errorf("arms %v: total probability %v", arms, sum)
						}
					}
				}
			}
		}
	}
	t.Logf("worst total-probability error %.2g", worst)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestThompsonIdenticalArms covers the hardest case for the wide panels of
// two to four arms (and the 2ℓ panels of more): identical arms, whose
// integrand f·F^(K−1) is the sharpest. By symmetry every probability is
// exactly 1/K (within 1e-8: shapes near 1e6 lose digits in log B, as before
// the wide panels); the unnormalized sum, whose error the self-check bounds
// by 1e-6, must keep a margin (worst measured on a finer grid: 2.6e-7 at
// K = 4, shapes near (2, 2.5); here 1.9e-7).
func TestThompsonIdenticalArms(t *testing.T) {
	for _, k := range []int{2, 3, 4, 6} {
		worst := 0.0
		for i := 0; i <= 20; i++ {
			for j := 0; j <= 20; j++ {
				b := Beta{math.Pow(10, -2+8*float64(i)/20), math.Pow(10, -2+8*float64(j)/20)}
				arms := make([]Beta, k)
				elig := make([]bool, k)
				for q := range arms {
					arms[q], elig[q] = b, true
				}
				p := make([]float64, k)
				sum := thompsonInto(p, arms, elig, k)
				worst = max(worst, math.Abs(sum-1))
				if d := math.Abs(sum - 1); d > 5e-7 {
					t.Errorf("K = %d identical %v: total probability %v", k, b, sum)
				}
				for q := range p {
					if d := math.Abs(p[q] - 1/float64(k)); d > 1e-8 {
						t.Errorf("K = %d identical %v: P[%d] = %v, want 1/%d", k, b, q, p[q], k)
					}
				}
			}
		}
		if testing.Verbose() {
			t.Logf("K = %d: worst total-probability error %.2g", k, worst)
		}
	}
}
