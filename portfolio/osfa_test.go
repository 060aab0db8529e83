package portfolio

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/connectedstrategy/connected/strategy"
	"pgregory.net/rapid"
)

// refOneSizeFitsAll computes Plan.OneSizeFitsAll from its definition (see
// Solve), independently of oneSizeFitsAll, for problems whose
// buy-what-we-have strategies are uncapacitated: for each strategy s, every
// unit eligible for s gets s (when s is capacitated, all of them sorted by
// value under s, highest first, then by their best other buy-what-we-have
// value, lowest first, then by index, until s is full), the rest the best
// buy-what-we-have strategy they are eligible for; the best s wins.
func refOneSizeFitsAll(p *Problem) OneSizeFitsAll {
	best := OneSizeFitsAll{Infeasible: true}
	var baseFixed float64
	for j := range p.Strategies {
		if isBase(&p.Strategies[j]) {
			baseFixed += p.Strategies[j].FixedCost
		}
	}
	// bestBase is unit i's best eligible buy-what-we-have value, except
	// strategy skip.
	bestBase := func(i, skip int) float64 {
		b := math.Inf(-1)
		u := &p.Units[i]
		for j := range p.Strategies {
			if j != skip && isBase(&p.Strategies[j]) && u.eligible(j) {
				b = max(b, u.Values[j])
			}
		}
		return b
	}
	for sj := range p.Strategies {
		st := &p.Strategies[sj]
		rest := make([]float64, len(p.Units))
		var elig []int
		for i := range p.Units {
			rest[i] = p.Units[i].Weight
			if p.Units[i].eligible(sj) {
				elig = append(elig, i)
			}
		}
		val := 0.0
		if st.Capacity > 0 {
			slices.SortStableFunc(elig, func(a, b int) int {
				if c := cmp.Compare(p.Units[b].Values[sj], p.Units[a].Values[sj]); c != 0 {
					return c
				}
				return cmp.Compare(bestBase(a, sj), bestBase(b, sj))
			})
			left := st.Capacity
			for _, i := range elig {
				if left <= 0 {
					break
				}
				amt := min(left, p.Units[i].Weight)
				left -= amt
				rest[i] -= amt
				val += amt * p.Units[i].Values[sj]
			}
		} else {
			for _, i := range elig {
				rest[i] = 0
				val += p.Units[i].Weight * p.Units[i].Values[sj]
			}
		}
		for i := range p.Units {
			if rest[i] > 0 {
				val += rest[i] * bestBase(i, -1)
			}
		}
		net := val - baseFixed
		if !isBase(st) {
			net -= st.FixedCost
		}
		if best.Infeasible || net > best.Net {
			best = OneSizeFitsAll{Strategy: st.Name, Net: net}
		}
	}
	return best
}

// checkOneSizeFitsAll fails unless Solve's OneSizeFitsAll.Net matches
// refOneSizeFitsAll within exactTol × Scale.
func checkOneSizeFitsAll(t interface {
	Helper()
	Fatalf(string, ...any)
}, p *Problem) {
	t.Helper()
	pl, err := Solve(*p)
	if err != nil {
		t.Fatalf("Solve error: %v", err)
	}
	want := refOneSizeFitsAll(p)
	got := pl.OneSizeFitsAll
	if got.Infeasible || math.Abs(got.Net-want.Net) > exactTol*max(1, pl.Scale) {
		t.Fatalf("OneSizeFitsAll = %+v, want %+v", got, want)
	}
}

func TestOneSizeFitsAllMatchesDefinition(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		if baseCapped(&p) {
			t.Skip("capacitated buy-what-we-have: the rest is an LP")
		}
		if _, err := Solve(p); err != nil {
			t.Skip("infeasible")
		}
		checkOneSizeFitsAll(t, &p)
	})
}

// TestOneSizeFitsAllThreshold covers the sampled threshold that limits which
// units a capacitated strategy sorts (N ≥ 1024), and its fallback to every
// eligible unit.
func TestOneSizeFitsAllThreshold(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{2000, 4}, {9000, 8}} {
		for seed := uint64(1); seed <= 2; seed++ {
			t.Run(fmt.Sprintf("n=%d/k=%d/seed=%d", tc.n, tc.k, seed), func(t *testing.T) {
				p := randomProblem(seed, tc.n, tc.k, true)
				checkOneSizeFitsAll(t, &p)
			})
		}
	}
	t.Run("fallback", func(t *testing.T) {
		// Every 16th unit (the ones the sample reads) values s1 at 100, the
		// others at about 1: the sample puts the threshold at 100, and those
		// units weigh 1/16 of the total, short of s1's capacity of 1/10.
		const n = 4096
		p := Problem{Strategies: []strategy.Strategy{
			{Name: "base", Kind: strategy.BuyWhatWeHave, Orientation: strategy.Engagement},
			{Name: "s1", Kind: strategy.CuratedOffering, Orientation: strategy.Engagement, Capacity: n / 10},
		}}
		for i := range n {
			v := 1 + float64(i%97)/97
			if i%16 == 0 {
				v = 100
			}
			p.Units = append(p.Units, Unit{ID: fmt.Sprint(i), Weight: 1, Values: []float64{float64(i % 5), v}})
		}
		w := make([]float64, n)
		if err := p.validate("test", w); err != nil {
			t.Fatal(err)
		}
		m := newModel(&p, w)
		if th, _ := osfaThreshold(m.lp, 1, nil); th != 100 {
			t.Fatalf("osfaThreshold = %v, want 100 (the case this test is for)", th)
		}
		checkOneSizeFitsAll(t, &p)
	})
}
