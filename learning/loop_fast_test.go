package learning

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/internal/rng"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// runBothPaths runs cfg for its periods twice, once with the fast service
// step and once with the reference serve, and returns both histories and
// the final agents and learner evidence of each.
func runBothPaths(t *rapid.T, cfg LoopConfig) (fast, ref *Loop) {
	for i, useFast := range []bool{true, false} {
		l, err := NewLoop(cfg)
		if err != nil {
			t.Fatalf("NewLoop: %v", err)
		}
		if useFast && l.fast == nil {
			t.Fatalf("config takes no fast path: %+v", cfg)
		}
		if !useFast {
			l.fast = nil
		}
		if _, err := l.Run(nil); err != nil {
			t.Fatalf("Run: %v", err)
		}
		if i == 0 {
			fast = l
		} else {
			ref = l
		}
	}
	return fast, ref
}

// TestLoopFastMatchesReference checks that serveFast gives exactly serve's
// results, bit for bit: histories, every agent record and every learner's
// evidence, over random configurations of the model, trust parameters,
// rules, open strategies and switches.
func TestLoopFastMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(2, 8).Draw(t, "k")
		ss := benchStrategies(k)
		open := make([]bool, k)
		for i := range open {
			open[i] = i == 0 || rapid.Float64Range(0, 1).Draw(t, "open") < 0.8
		}
		unitOr := func(name string) float64 {
			return rapid.SampledFrom([]float64{0, -1, 0.3, 0.9}).Draw(t, name)
		}
		cfg := LoopConfig{
			Strategies:       ss,
			Open:             open,
			Seed:             rapid.Uint64().Draw(t, "seed"),
			Market:           rapid.IntRange(50, 700).Draw(t, "market"),
			Periods:          rapid.IntRange(1, 6).Draw(t, "periods"),
			NoRegret:         rapid.Bool().Draw(t, "noRegret"),
			NoLearning:       rapid.Bool().Draw(t, "noLearning"),
			NoPooling:        rapid.Bool().Draw(t, "noPooling"),
			NoChurn:          rapid.Bool().Draw(t, "noChurn"),
			ConsentScale:     rapid.SampledFrom([]float64{0, -1, 0.5}).Draw(t, "consent"),
			CreepIncident:    unitOr("creep"),
			RevokeOnIncident: unitOr("revoke"),
			Model: customer.Model{
				DelightMargin:   rapid.SampledFrom([]float64{0, -1, 2, 30}).Draw(t, "margin"),
				DelightScale:    rapid.SampledFrom([]float64{0, 1e-3, 0.5, 9}).Draw(t, "scale"),
				EffortCost:      rapid.SampledFrom([]float64{0, -1, 5}).Draw(t, "effort"),
				MatchFloor:      rapid.SampledFrom([]float64{0, -1, 0.9}).Draw(t, "floor"),
				CreepCost:       rapid.SampledFrom([]float64{0, -1, 50}).Draw(t, "creepCost"),
				OutsideUtility:  rapid.SampledFrom([]float64{0, -5, 5}).Draw(t, "outside"),
				MistakeAversion: rapid.SampledFrom([]float64{0, -1, 2}).Draw(t, "aversion"),
			},
			Trust: customer.TrustParams{
				Forgetting:      rapid.SampledFrom([]float64{0, 0.8}).Draw(t, "forgetting"),
				LossRatio:       rapid.SampledFrom([]float64{0, 1, 5}).Draw(t, "loss"),
				FirmMistake:     rapid.SampledFrom([]float64{0, 1, 3}).Draw(t, "firmMistake"),
				PrivacyIncident: rapid.SampledFrom([]float64{0, 2}).Draw(t, "incident"),
			},
			Rules: customer.Rules{
				MinTrust:          rapid.SampledFrom([]float64{0, -1, 0.4}).Draw(t, "minTrust"),
				MinPredictability: rapid.SampledFrom([]float64{0, -1, 0.5}).Draw(t, "minPred"),
				MaxMistakeCost:    rapid.SampledFrom([]float64{0, math.Inf(1), 5}).Draw(t, "maxCost"),
			},
			Workers: rapid.IntRange(1, 3).Draw(t, "workers"),
		}
		cfg.Customers = rapid.IntRange(0, cfg.Market).Draw(t, "customers")
		if cfg.Customers == 0 {
			cfg.Customers = -1
		}
		fast, ref := runBothPaths(t, cfg)
		if diff := cmp.Diff(ref.History(), fast.History()); diff != "" {
			t.Fatalf("histories differ (-reference +fast):\n%s", diff)
		}
		for c := range ref.chunks {
			rc, fc := &ref.chunks[c], &fast.chunks[c]
			if len(rc.agents) != len(fc.agents) {
				t.Fatalf("chunk %d: %d agents, reference %d", c, len(fc.agents), len(rc.agents))
			}
			for i := range rc.agents {
				if rc.agents[i] != fc.agents[i] {
					t.Fatalf("chunk %d agent %d: fast %+v, reference %+v", c, i, fc.agents[i], rc.agents[i])
				}
			}
			if rc.l != nil && !cmp.Equal(rc.l.ev, fc.l.ev) {
				t.Fatalf("chunk %d: learner evidence differs", c)
			}
		}
	})
}

func TestLoopFastPathChoice(t *testing.T) {
	for _, tc := range []struct {
		cfg  LoopConfig
		fast bool
	}{
		{LoopConfig{}, true},
		{LoopConfig{Policy: Thompson{}, NoRegret: true}, true},
		{LoopConfig{Oracle: true}, false},
		{LoopConfig{Policy: Greedy{}}, false},
	} {
		l, err := NewLoop(tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.fast != nil; got != tc.fast {
			t.Errorf("%+v: fast path %v, want %v", tc.cfg, got, tc.fast)
		}
	}
}

// TestStepSeedMatchesReseed checks seedStep's copy of rng.Reseed's stream
// derivation.
func TestStepSeedMatchesReseed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.Uint64().Draw(t, "seed")
		slot := rapid.Uint64Range(0, math.MaxInt32).Draw(t, "slot")
		period := rapid.IntRange(0, math.MaxInt32-1).Draw(t, "period")
		f := newFastPath(&LoopConfig{Seed: seed, Policy: Thompson{}, Strategies: benchStrategies(5), Open: make([]bool, 5)})
		var want, got rand.PCG
		rng.Reseed(&want, seed, tagStep, slot, uint64(period))
		f.seedStep(&got, slot, periodHash(period))
		for range 3 {
			if w, g := want.Uint64(), got.Uint64(); w != g {
				t.Fatalf("stream differs: %x, want %x", g, w)
			}
		}
	})
}

// TestBetaDrawPCGMatchesBetaDraw checks that the concrete-generator beta
// draw returns betaDraw's values and leaves the generator in the same
// state, for shapes on both sides of 1 and far below it.
func TestBetaDrawPCGMatchesBetaDraw(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		shape := func(name string) float64 {
			return rapid.SampledFrom([]float64{1e-3, 0.05, 0.3, 0.99, 1, 1.5, 4, 60}).Draw(t, name) *
				rapid.Float64Range(0.5, 2).Draw(t, name+"·")
		}
		a, b := shape("a"), shape("b")
		seed := rapid.Uint64().Draw(t, "seed")
		ps, pf := rand.NewPCG(seed, 1), rand.NewPCG(seed, 1)
		rs, rf := rand.New(ps), rand.New(pf)
		for i := range 50 {
			want := betaDraw(rs, a, b)
			got := betaDrawPCG(pf, rf, a, b)
			if math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("draw %d of Beta(%v, %v): %v, want %v", i, a, b, got, want)
			}
		}
		if *ps != *pf {
			t.Fatalf("generator states differ")
		}
	})
}

// TestExpDrawMatchesExpFloat64 checks expDraw and its copied tables against
// rand.Rand.ExpFloat64: the same values and the same generator state, over
// enough draws to reach the tail and the wedges of every strip.
func TestExpDrawMatchesExpFloat64(t *testing.T) {
	ps, pf := rand.NewPCG(3, 4), rand.NewPCG(3, 4)
	r := rand.New(ps)
	n := 1 << 20
	if testing.Short() || raceEnabled {
		n = 1 << 14
	}
	for i := range n {
		want, got := r.ExpFloat64(), expDraw(pf)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("draw %d: %v, want %v", i, got, want)
		}
	}
	if *ps != *pf {
		t.Fatal("generator states differ")
	}
}

// TestLoopReferenceServeAllocs is TestLoopServeAllocs for the reference
// path, which the oracle and policies other than Thompson take.
func TestLoopReferenceServeAllocs(t *testing.T) {
	for _, cfg := range []LoopConfig{
		{Oracle: true},
		{Policy: Greedy{}},
		{}, // Thompson, forced onto the reference path
	} {
		base := steadyConfig(2000, 8, 1)
		base.Oracle, base.Policy = cfg.Oracle, cfg.Policy
		l, err := NewLoop(base)
		if err != nil {
			t.Fatal(err)
		}
		l.fast = nil
		if _, err := l.Step(); err != nil {
			t.Fatal(err)
		}
		period := l.period
		allocs := testing.AllocsPerRun(5, func() {
			if err := l.serveChunk(l.workers[0], &l.chunks[0], period); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("oracle %v, policy %T: serving a chunk allocates %v times, want 0", cfg.Oracle, cfg.Policy, allocs)
		}
	}
}
