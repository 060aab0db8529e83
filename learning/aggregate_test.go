package learning

import (
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/google/go-cmp/cmp"
)

func TestAggregateAgreesWithAgents(t *testing.T) {
	seeds, market, periods := 4, 5000, 30
	if raceEnabled {
		seeds, market = 2, 3000
	}
	for _, tt := range []struct {
		name string
		cfg  LoopConfig
	}{
		{"learning", LoopConfig{}},
		{"no consent", LoopConfig{ConsentScale: -1}},
		{"oracle", LoopConfig{Oracle: true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var abmActive, abmDelight, aggActive, aggDelight float64
			for s := range seeds {
				cfg := tt.cfg
				cfg.Seed, cfg.Market, cfg.Periods = uint64(s), market, periods
				h := mustSimulate(t, cfg)
				a, err := Aggregate(cfg, 0)
				if err != nil {
					t.Fatal(err)
				}
				last, alast := h.Periods[periods-1], a.Periods[periods-1]
				abmActive += float64(last.Active)
				abmDelight += last.DelightRate
				aggActive += float64(alast.Active)
				aggDelight += alast.DelightRate
			}
			if rel := math.Abs(aggActive-abmActive) / abmActive; !(rel < 0.10) {
				t.Errorf("active after %d periods: aggregate %.0f, agents %.0f (relative gap %.3f, want < 0.10)",
					periods, aggActive/float64(seeds), abmActive/float64(seeds), rel)
			}
			if gap := math.Abs(aggDelight-abmDelight) / float64(seeds); !(gap < 0.05) {
				t.Errorf("delight rate: aggregate %.3f, agents %.3f (gap %.3f, want < 0.05)",
					aggDelight/float64(seeds), abmDelight/float64(seeds), gap)
			}
		})
	}
}

func TestAggregateProperties(t *testing.T) {
	// No consent: accuracy exactly constant, no data. q = 0 and no churn:
	// pure innovation, newcomers p·(M − A) each period (before rounding).
	h, err := Aggregate(LoopConfig{Market: 2000, Periods: 12, ConsentScale: -1}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range h.Periods {
		if p.Accuracy != 0.5 || p.Data != 0 {
			t.Errorf("no consent, period %d: accuracy %v, data %v; want exactly 0.5 and 0", p.Period, p.Accuracy, p.Data)
		}
	}
	const pBass = 0.04
	h, err = Aggregate(LoopConfig{Market: 2000, Customers: 100, Periods: 12, BassP: pBass, BassQ: -1, NoChurn: true}, 4)
	if err != nil {
		t.Fatal(err)
	}
	active := 100.0
	for _, p := range h.Periods {
		want := pBass * (2000 - active)
		if math.Abs(float64(p.Acquired)-want) > 0.5 || p.Active > 2000 {
			t.Errorf("q = 0, period %d: acquired %d, want %.2f; active %d", p.Period, p.Acquired, want, p.Active)
		}
		active += want
	}
	h, err = Aggregate(LoopConfig{Market: 2000, Periods: 12, Oracle: true}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range h.Periods {
		if p.Regret != 0 {
			t.Errorf("oracle regret %v at period %d, want 0", p.Regret, p.Period)
		}
	}
	// Deterministic.
	a, _ := Aggregate(LoopConfig{Market: 2000, Periods: 6, Seed: 9}, 4)
	b, _ := Aggregate(LoopConfig{Market: 2000, Periods: 6, Seed: 9}, 4)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("Aggregate is not deterministic (-first +second):\n%s", diff)
	}
}

func TestAggregateErrors(t *testing.T) {
	if _, err := Aggregate(LoopConfig{}, -1); !errors.Is(err, connected.ErrOutOfRange) {
		t.Errorf("Aggregate(reps = -1) error = %v, want ErrOutOfRange", err)
	}
	if _, err := Aggregate(LoopConfig{BassQ: math.NaN()}, 0); !errors.Is(err, connected.ErrNotFinite) || !hasField(err, "BassQ") {
		t.Errorf("Aggregate(NaN q) error = %v, want ErrNotFinite for BassQ", err)
	}
}

// BenchmarkAggregate measures one 52-period aggregate run on the default
// population (7 segments × 16 representatives).
func BenchmarkAggregate(b *testing.B) {
	for _, bc := range []struct {
		name string
		cfg  LoopConfig
	}{{"thompson", LoopConfig{}}, {"fixed", LoopConfig{Policy: Fixed{Arm: 1}}}, {"oracle", LoopConfig{Oracle: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Aggregate(bc.cfg, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestPooledPriorStaysInPropensityRange(t *testing.T) {
	// A segment that was never delighted in a million trials: m ≈ 1e-6.
	for _, m := range []float64{1.0 / (1e6 + 2), 0.5, 1 - 1.0/(1e6+2)} {
		b := pooledPrior(4, m)
		if !(b.Alpha >= minPriorShape && b.Beta >= minPriorShape) {
			t.Errorf("pooledPrior(4, %v) = %+v, want shapes ≥ %v", m, b, minPriorShape)
		}
		if _, err := ThompsonProbabilities([]Beta{b, {1, 1}}, []bool{true, true}); err != nil {
			t.Errorf("ThompsonProbabilities rejects pooledPrior(4, %v) = %+v: %v", m, b, err)
		}
	}
}
