package learning

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/quad"
)

func TestPolicyProbabilities(t *testing.T) {
	arms := []Beta{{3, 7}, {6, 4}, {6, 4}, {9, 1}}
	tests := []struct {
		name string
		p    Policy
		elig []bool
		want []float64
	}{
		// Arms 1 and 2 tie at mean 0.6; arm 3 (0.9) is ineligible.
		{"greedy splits ties evenly", Greedy{}, []bool{true, true, true, false}, []float64{0, 0.5, 0.5, 0}},
		{"greedy unique best", Greedy{}, []bool{true, true, false, true}, []float64{0, 0, 0, 1}},
		{"epsilon-greedy", EpsilonGreedy{Epsilon: 0.3}, []bool{true, true, true, false}, []float64{0.1, 0.1 + 0.35, 0.1 + 0.35, 0}},
		{"epsilon 1 is uniform", EpsilonGreedy{Epsilon: 1}, []bool{true, false, true, true}, []float64{1.0 / 3, 0, 1.0 / 3, 1.0 / 3}},
		{"fixed", Fixed{Arm: 2}, []bool{true, true, true, true}, []float64{0, 0, 1, 0}},
		{"fixed falls back", Fixed{Arm: 3, Fallback: 0}, []bool{true, true, true, false}, []float64{1, 0, 0, 0}},
		{"bayes-ucb fixed level picks the highest quantile", BayesUCB{Level: 0.99}, []bool{true, true, false, false}, []float64{0, 1, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.p.Probabilities(arms, tt.elig)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("Probabilities mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBayesUCBIndex checks the adaptive level: with t = 1 + Σ(α+β) the index
// is the 1 − 1/t quantile, so the wide arm wins over the narrow one with the
// same mean.
func TestBayesUCBIndex(t *testing.T) {
	arms := []Beta{{50, 50}, {1, 1}}
	p, err := BayesUCB{}.Probabilities(arms, []bool{true, true})
	if err != nil {
		t.Fatal(err)
	}
	// t = 103: Q_{Beta(1,1)}(1−1/103) = 0.9903 > Q_{Beta(50,50)}(…) ≈ 0.62.
	if p[1] != 1 {
		t.Errorf("BayesUCB probabilities = %v, want the uncertain arm", p)
	}
	if q := quad.InvRegIncBeta(1, 1, 1-1.0/103); math.Abs(q-(1-1.0/103)) > 1e-12 {
		t.Errorf("uniform quantile = %v", q)
	}
}

// TestChooseFrequenciesMatchProbabilities: every policy's empirical choice
// frequencies over 20k seeded draws agree with its Probabilities within 5
// binomial standard errors (sd ≤ √(0.25/2e4) = 3.5e-3).
func TestChooseFrequenciesMatchProbabilities(t *testing.T) {
	arms := []Beta{{3, 7}, {6, 4}, {6, 4}, {5, 5}, {2, 1}}
	elig := []bool{true, true, true, true, false}
	policies := []Policy{Thompson{}, Greedy{}, EpsilonGreedy{Epsilon: 0.2}, Fixed{Arm: 3}, BayesUCB{Level: 0.9}, Guard{Baseline: 0, Z: 0.5}}
	for _, p := range policies {
		want, err := p.Probabilities(arms, elig)
		if err != nil {
			t.Fatalf("%T: %v", p, err)
		}
		const n = 20000
		r := rand.New(rand.NewPCG(5, 6))
		freq := make([]float64, len(arms))
		for range n {
			a, err := p.Choose(r, arms, elig)
			if err != nil {
				t.Fatal(err)
			}
			freq[a]++
		}
		for i := range freq {
			f := freq[i] / n
			se := math.Sqrt(want[i]*(1-want[i])/n) + 1e-12
			if math.Abs(f-want[i]) > 5*se {
				t.Errorf("%T arm %d: frequency %.4f, probability %.4f", p, i, f, want[i])
			}
		}
	}
}

// TestPoliciesNeverChooseIneligible: whatever the beliefs and mask, every
// policy returns an eligible arm and its probabilities are 0 off the mask and
// sum to 1 on it.
func TestPoliciesNeverChooseIneligible(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		arms, elig := genArms(t)
		base := nthEligible(elig, 0)
		policies := []Policy{Thompson{}, Greedy{}, EpsilonGreedy{Epsilon: rapid.Float64Range(0, 1).Draw(t, "eps")},
			Fixed{Arm: rapid.IntRange(0, len(arms)-1).Draw(t, "fixed"), Fallback: base}, BayesUCB{}, Guard{Baseline: base}}
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		for _, p := range policies {
			for range 5 {
				a, err := p.Choose(r, arms, elig)
				if err != nil {
					t.Fatalf("%T: %v", p, err)
				}
				if !elig[a] {
					t.Fatalf("%T chose ineligible %d (mask %v)", p, a, elig)
				}
			}
			if _, ok := p.(Thompson); ok {
				continue // covered, with its range limits, by TestThompsonProbabilitiesProperties
			}
			if g, ok := p.(Guard); ok && g.Policy == nil {
				continue
			}
			pr, err := p.Probabilities(arms, elig)
			if err != nil {
				t.Fatalf("%T: %v", p, err)
			}
			var s float64
			for i, v := range pr {
				if !elig[i] && v != 0 {
					t.Fatalf("%T: ineligible arm %d has probability %v", p, i, v)
				}
				s += v
			}
			if math.Abs(s-1) > 1e-12 {
				t.Fatalf("%T: probabilities sum to %v", p, s)
			}
		}
	})
}

func TestPolicyErrors(t *testing.T) {
	arms := []Beta{{1, 1}, {2, 2}}
	elig := []bool{true, false}
	r := rand.New(rand.NewPCG(1, 1))
	tests := []struct {
		name  string
		p     Policy
		field string
		want  error
	}{
		{"epsilon NaN", EpsilonGreedy{Epsilon: math.NaN()}, "Epsilon", connected.ErrNotFinite},
		{"epsilon above 1", EpsilonGreedy{Epsilon: 1.5}, "Epsilon", connected.ErrOutOfRange},
		{"fixed arm out of range", Fixed{Arm: 5}, "Arm", connected.ErrOutOfRange},
		{"fixed neither eligible", Fixed{Arm: 1, Fallback: 1}, "Fallback", connected.ErrInfeasible},
		{"bayes-ucb level 1", BayesUCB{Level: 1}, "Level", connected.ErrOutOfRange},
		{"guard baseline ineligible", Guard{Baseline: 1}, "Baseline", connected.ErrInfeasible},
		{"guard baseline out of range", Guard{Baseline: -1}, "Baseline", connected.ErrOutOfRange},
		{"guard Z negative", Guard{Z: -1}, "Z", connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		_, err1 := tt.p.Choose(r, arms, elig)
		_, err2 := tt.p.Probabilities(arms, elig)
		for _, err := range []error{err1, err2} {
			var fe *connected.FieldError
			if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("%s: error %v, want %v on %s", tt.name, err, tt.want, tt.field)
			}
		}
	}
}

func TestChooseRejectsNilRand(t *testing.T) {
	arms := []Beta{{1, 1}, {2, 1}, {2, 1}} // a tie, so Greedy would draw
	eligible := []bool{true, true, true}
	for _, p := range []Policy{Thompson{}, Greedy{}, EpsilonGreedy{Epsilon: 0.1}, BayesUCB{}, Guard{}} {
		_, err := p.Choose(nil, arms, eligible)
		var fe *connected.FieldError
		if !errors.Is(err, connected.ErrEmpty) || !errors.As(err, &fe) || fe.Field != "r" {
			t.Errorf("%T.Choose(nil, …) error = %v, want a FieldError on r wrapping ErrEmpty", p, err)
		}
	}
	if _, err := (Fixed{Arm: 1}).Choose(nil, arms, eligible); err != nil {
		t.Errorf("Fixed.Choose(nil, …) = %v, want no error: Fixed reads no randomness", err)
	}
	l, err := New(Config{Customers: 2, Arms: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Policy{Thompson{}, Greedy{}} {
		if _, err := l.Choose(nil, p, 0, eligible); !errors.Is(err, connected.ErrEmpty) {
			t.Errorf("Learner.Choose(nil, %T, …) error = %v, want ErrEmpty", p, err)
		}
	}
}
