package learning

import (
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestSweepDeterministicAndSummarized(t *testing.T) {
	points := []LoopConfig{{Market: 400, Periods: 5, Seed: 1}, {Market: 400, Periods: 5, Seed: 1, NoLearning: true}}
	var calls int
	one, err := Sweep(points, SweepConfig{Replications: 4, Workers: 1}, func(done, total int) {
		calls++
		if done != calls || total != 8 {
			t.Errorf("progress(%d, %d), want (%d, 8)", done, total, calls)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	three, err := Sweep(points, SweepConfig{Replications: 4, Workers: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(one, three); diff != "" {
		t.Errorf("Sweep depends on Workers (-1 +3):\n%s", diff)
	}
	// The summary of point 0 is that of its replications run one by one.
	var hs []History
	for r := range 4 {
		cfg := points[0]
		cfg.Seed = ReplicationSeed(1, r)
		hs = append(hs, mustSimulate(t, cfg))
	}
	if hs[0].Periods[4].Active == hs[1].Periods[4].Active && hs[0].Periods[4].Regret == hs[1].Periods[4].Regret {
		t.Errorf("replications 0 and 1 look identical; seeds not independent")
	}
	want := Summarize(hs, []float64{0.05, 0.5, 0.95})
	if diff := cmp.Diff(want, one[0]); diff != "" {
		t.Errorf("Sweep point 0 ≠ Summarize of its replications (-want +got):\n%s", diff)
	}
	// Spot-check a statistic by hand.
	xs := make([]float64, 4)
	for i, h := range hs {
		xs[i] = float64(h.Periods[2].Active)
	}
	m, sd := meanSD(xs)
	got := one[0][2].Active
	if diff := cmp.Diff([]float64{m, sd}, []float64{got.Mean, got.SD}, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("period 2 active mean, sd mismatch (-want +got):\n%s", diff)
	}
}

func TestSweepAggregate(t *testing.T) {
	s, err := Sweep([]LoopConfig{{Market: 1000, Periods: 4}}, SweepConfig{Replications: 3, Aggregate: true, Representatives: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 1 || len(s[0]) != 4 || !(s[0][3].Active.Mean > 0) {
		t.Errorf("aggregate sweep = %+v, want one point with 4 periods of customers", s)
	}
}

func TestSweepErrors(t *testing.T) {
	tests := []struct {
		name   string
		points []LoopConfig
		sc     SweepConfig
		field  string
		err    error
	}{
		{"no points", nil, SweepConfig{}, "points", connected.ErrEmpty},
		{"bad quantile", []LoopConfig{{}}, SweepConfig{Quantiles: []float64{math.NaN()}}, "Quantiles[0]", connected.ErrNotFinite},
		{"negative replications", []LoopConfig{{}}, SweepConfig{Replications: -1}, "Replications", connected.ErrOutOfRange},
		{"bad point", []LoopConfig{{}, {BassP: 2}}, SweepConfig{}, "points[1]", connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Sweep(tt.points, tt.sc, nil)
			if !errors.Is(err, tt.err) || !hasField(err, tt.field) {
				t.Errorf("Sweep error = %v, want %v for field %s", err, tt.err, tt.field)
			}
		})
	}
	if got := Summarize(nil, nil); got != nil {
		t.Errorf("Summarize(nil) = %v, want nil", got)
	}
}
