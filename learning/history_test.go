package learning

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/connectedstrategy/connected/strategy"
	"github.com/google/go-cmp/cmp"
)

func TestHistoryJSON(t *testing.T) {
	h := History{
		Kinds: []strategy.Kind{strategy.BuyWhatWeHave, strategy.CuratedOffering, strategy.CuratedOffering},
		Periods: []Period{{
			Period: 3, Active: 10, Acquired: 2, Churned: 1, Interactions: 8, DelightRate: 0.5, MeanTrust: 0.6,
			Accuracy: 0.7, Data: 12, Share: []float64{0.25, 0.5, 0.25}, Revenue: 9, Cost: 4, Profit: 5, Regret: 1.5,
		}},
	}
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	// Two strategies of one kind add up under that kind's key.
	want := `{"periods":[{"period":3,"active":10,"acquired":2,"churned":1,"delight_rate":0.5,"mean_trust":0.6,` +
		`"accuracy":0.7,"data":12,"profit":5,"regret":1.5,"share":{"buy-what-we-have":0.25,"curated-offering":0.75}}]}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("History JSON mismatch (-want +got):\n%s", diff)
	}
	empty, err := json.Marshal(History{})
	if err != nil || string(empty) != `{"periods":[]}` {
		t.Errorf("empty History JSON = %s, %v; want {\"periods\":[]}", empty, err)
	}
}

func TestLoopHistoryIsACopy(t *testing.T) {
	l, err := NewLoop(LoopConfig{Market: 300, Periods: 3})
	if err != nil {
		t.Fatal(err)
	}
	var seen []int
	h, err := l.Run(func(p Period) { seen = append(seen, p.Period) })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{0, 1, 2}, seen); diff != "" {
		t.Errorf("progress calls (-want +got):\n%s", diff)
	}
	h.Periods[0].Share[0] = 42
	if l.History().Periods[0].Share[0] == 42 {
		t.Error("History shares storage with the loop")
	}
	if l.Period() != 3 || l.Active() != h.Periods[2].Active {
		t.Errorf("Period() = %d, Active() = %d; want 3 and %d", l.Period(), l.Active(), h.Periods[2].Active)
	}
}

func FuzzLoopConfig(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	f.Add(0.03, 0.38, 0.05, 2.0, 0.3, 0.5, -5.5, 0.2, 1.0, 50)
	f.Add(nan, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1)
	f.Add(inf, -inf, 1.0, -1.0, 5.0, 2.0, inf, nan, -1.0, 0)
	f.Fuzz(func(t *testing.T, p, q, floor, scale, exp, own, b0, capture, consent float64, market int) {
		cfg := LoopConfig{
			BassP: p, BassQ: q, ErrFloor: floor, ErrScale: scale, ErrExp: exp, OwnWeight: own,
			ChurnBase: b0, Capture: capture, ConsentScale: consent, Market: market % 400, Periods: 2, Workers: 1,
		}
		err := cfg.Validate()
		h, simErr := Simulate(cfg, nil)
		if (err == nil) != (simErr == nil) {
			t.Fatalf("Validate = %v but Simulate = %v", err, simErr)
		}
		if err != nil {
			return
		}
		for _, per := range h.Periods {
			for _, x := range []float64{per.DelightRate, per.MeanTrust, per.Accuracy, per.Data, per.Profit, per.Regret} {
				if x != x || x-x != 0 {
					t.Fatalf("non-finite output %v in %+v", x, per)
				}
			}
		}
	})
}
