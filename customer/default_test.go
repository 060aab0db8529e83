package customer

import (
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected/strategy"
)

// bestKinds returns, for each customer, the kind of the default strategy
// with the highest utility at the given accuracy (consent assumed granted).
func bestKinds(t *testing.T, cs []Customer, accuracy float64) []strategy.Kind {
	t.Helper()
	ss := strategy.Default()
	out := make([]strategy.Kind, len(cs))
	for j, c := range cs {
		best := -1e300
		for _, s := range ss {
			u, err := Model{}.Utility(c, s, accuracy)
			if err != nil {
				t.Fatal(err)
			}
			if u.Total > best {
				best, out[j] = u.Total, s.Kind
			}
		}
	}
	return out
}

// TestDefaultPopulationSegmentsDiffer is the calibration promise of
// DefaultPopulation and DefaultModel: with consent granted and a moderate
// accuracy of 0.7, at least three kinds are the best strategy of more than
// 5% of customers, and each group prefers the strategies the README's Concepts say fit
// it.
func TestDefaultPopulationSegmentsDiffer(t *testing.T) {
	pop := DefaultPopulation()
	if err := pop.Validate(); err != nil {
		t.Fatal(err)
	}
	cs, err := pop.Sample(rand.New(rand.NewPCG(7, 7)), 8000)
	if err != nil {
		t.Fatal(err)
	}
	best := bestKinds(t, cs, 0.7)
	share := map[strategy.Kind]float64{}
	bySeg := map[string]map[strategy.Kind]float64{}
	n := map[string]float64{}
	for i, c := range cs {
		share[best[i]] += 1 / float64(len(cs))
		if bySeg[c.Segment] == nil {
			bySeg[c.Segment] = map[strategy.Kind]float64{}
		}
		bySeg[c.Segment][best[i]]++
		n[c.Segment]++
	}
	kinds := 0
	for _, k := range strategy.Kinds() {
		if share[k] > 0.05 {
			kinds++
		}
	}
	if kinds < 4 {
		t.Errorf("only %d kinds are best for > 5%% of customers: %v", kinds, share)
	}
	frac := func(seg string, ks ...strategy.Kind) float64 {
		s := 0.0
		for _, k := range ks {
			s += bySeg[seg][k]
		}
		return s / n[seg]
	}
	tests := []struct {
		segment string
		kinds   []strategy.Kind
	}{
		{"fundamentalist-decided", []strategy.Kind{strategy.BuyWhatWeHave, strategy.RespondToDesire}},
		{"fundamentalist-browsing", []strategy.Kind{strategy.BuyWhatWeHave, strategy.RespondToDesire}},
		{"pragmatist-decided", []strategy.Kind{strategy.RespondToDesire}},
		{"pragmatist-overwhelmed", []strategy.Kind{strategy.CuratedOffering}},
		{"pragmatist-inert", []strategy.Kind{strategy.CoachBehavior}},
		{"unconcerned-routine", []strategy.Kind{strategy.CoachBehavior, strategy.AutomaticExecution}},
		{"unconcerned-inert", []strategy.Kind{strategy.CoachBehavior, strategy.AutomaticExecution}},
	}
	for _, tt := range tests {
		if f := frac(tt.segment, tt.kinds...); f < 0.6 {
			t.Errorf("%s: %.2f prefer %v, want ≥ 0.6 (%v)", tt.segment, f, tt.kinds, bySeg[tt.segment])
		}
	}
	if f := frac("unconcerned-routine", strategy.AutomaticExecution); f < 0.3 {
		t.Errorf("unconcerned-routine: only %.2f prefer automatic execution", f)
	}
}
