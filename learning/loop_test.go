package learning

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/strategy"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// homogeneous returns a one-segment population of identical customers: the
// default "pragmatist-overwhelmed" segment at its mean traits, all of whom
// consent to everything.
func homogeneous() customer.Population {
	s := customer.DefaultPopulation().Segments[3]
	s.Share = 1
	for _, b := range []*customer.Beta{&s.NeedKnowledge, &s.ControlDesire, &s.PrivacyConcern, &s.MonitoringTolerance, &s.Inertia, &s.Predictability} {
		b.Kappa = 0
	}
	for _, g := range []*customer.Gamma{&s.MistakeCost, &s.OptionSetSize, &s.RecognitionLag, &s.DelayCost, &s.NeedValue, &s.Frequency} {
		g.Shape = 0
	}
	for i := range s.Consent {
		s.Consent[i].Prob = 1
	}
	return customer.Population{Segments: []customer.Segment{s}}
}

func mustSimulate(t testing.TB, cfg LoopConfig) History {
	t.Helper()
	h, err := Simulate(cfg, nil)
	if err != nil {
		t.Fatalf("Simulate: %v", err)
	}
	return h
}

func TestLoopDeterministicAcrossGOMAXPROCS(t *testing.T) {
	// Three chunks, so the work really is split.
	cfg := LoopConfig{Seed: 7, Market: 2*chunkSize + 500, Customers: 2*chunkSize + 100, Periods: 4}
	if raceEnabled {
		cfg.Periods = 2
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want History
	for i, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		got := mustSimulate(t, cfg)
		if i == 0 {
			want = got
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("GOMAXPROCS=%d history differs from GOMAXPROCS=1 (-want +got):\n%s", procs, diff)
		}
	}
	again := mustSimulate(t, cfg)
	if diff := cmp.Diff(want, again); diff != "" {
		t.Errorf("second run differs (-want +got):\n%s", diff)
	}
}

func TestLoopNoConsent(t *testing.T) {
	base := LoopConfig{Seed: 3, Market: 3000, Periods: 15}
	none := base
	none.ConsentScale = -1
	l, err := NewLoop(none)
	if err != nil {
		t.Fatal(err)
	}
	h, err := l.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	start := l.cfg.accuracy(l.cfg.errorRate(0), 0)
	if start != 0.5 {
		t.Fatalf("default starting accuracy = %v, want 0.5 (StartData is set so that ε(n₀) = 0.5)", start)
	}
	for _, p := range h.Periods {
		if p.Accuracy != start || p.Data != 0 {
			t.Errorf("period %d: accuracy %v, data %v; want exactly %v and 0 with no consent", p.Period, p.Accuracy, p.Data, start)
		}
	}
	for c := range l.chunks {
		ch := &l.chunks[c]
		for i := range ch.agents {
			for k := range l.k {
				s, f, err := ch.l.Evidence(i, k)
				if err != nil || s != 0 || f != 0 || ch.agents[i].own != 0 {
					t.Fatalf("slot %d arm %d: evidence (%v, %v), own %v, err %v; want nothing learnt", ch.lo+i, k, s, f, ch.agents[i].own, err)
				}
			}
		}
	}
	// With consent the flywheel turns: accuracy climbs well above its start.
	hc := mustSimulate(t, base)
	if last := hc.Periods[len(hc.Periods)-1]; !(last.Accuracy > start+0.2) || last.Data == 0 {
		t.Errorf("with consent: final accuracy %v, data %v; want > %v and > 0", last.Accuracy, last.Data, start+0.2)
	}
}

func TestLoopOracleRegretZero(t *testing.T) {
	h := mustSimulate(t, LoopConfig{Seed: 5, Market: 2000, Periods: 10, Oracle: true})
	for _, p := range h.Periods {
		if p.Regret != 0 {
			t.Fatalf("period %d: oracle regret %v, want exactly 0", p.Period, p.Regret)
		}
	}
	th := mustSimulate(t, LoopConfig{Seed: 5, Market: 2000, Periods: 10})
	if r := th.Periods[9].Regret; !(r > 0) {
		t.Errorf("Thompson regret %v, want > 0 (the test would not detect a broken regret)", r)
	}
}

func TestLoopPureInnovation(t *testing.T) {
	// q = 0: newcomers are p·(M − A) rounded stochastically, whatever the
	// delight; with no churn A only grows.
	const p = 0.05
	cfg := LoopConfig{Seed: 11, Market: 4000, Customers: 100, Periods: 20, BassP: p, BassQ: -1, NoChurn: true}
	h := mustSimulate(t, cfg)
	prev := 100
	for _, per := range h.Periods {
		want := p * float64(cfg.Market-prev)
		if math.Abs(float64(per.Acquired)-want) >= 1 {
			t.Errorf("period %d: acquired %d, want p·(M−A) = %.2f rounded", per.Period, per.Acquired, want)
		}
		prev = per.Active
	}
}

func TestLoopInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		market := rapid.IntRange(1, 300).Draw(t, "market")
		cfg := LoopConfig{
			Seed:      rapid.Uint64().Draw(t, "seed"),
			Market:    market,
			Customers: rapid.IntRange(-1, market).Draw(t, "customers"),
			Periods:   rapid.IntRange(1, 6).Draw(t, "periods"),
			BassP:     rapid.Float64Range(-0.1, 1).Draw(t, "p"),
			BassQ:     rapid.Float64Range(-0.1, 1).Draw(t, "q"),
			ChurnBase: rapid.Float64Range(-8, 2).Draw(t, "b0"),
			Oracle:    rapid.Bool().Draw(t, "oracle"),
			NoPooling: rapid.Bool().Draw(t, "nopool"),
			Workers:   rapid.IntRange(1, 3).Draw(t, "workers"),
		}
		h, err := Simulate(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		prev, regret := cfg.withDefaults().Customers, 0.0
		for _, p := range h.Periods {
			if p.Active > market || p.Active < 0 {
				t.Fatalf("period %d: %d active in a market of %d", p.Period, p.Active, market)
			}
			if p.Active != prev+p.Acquired-p.Churned {
				t.Fatalf("period %d: active %d ≠ %d + %d − %d", p.Period, p.Active, prev, p.Acquired, p.Churned)
			}
			if p.Interactions > prev+p.Acquired {
				t.Fatalf("period %d: %d interactions for %d customers", p.Period, p.Interactions, prev+p.Acquired)
			}
			if !(p.DelightRate >= 0 && p.DelightRate <= 1 && p.MeanTrust >= 0 && p.MeanTrust < 1 && p.Accuracy >= 0 && p.Accuracy <= 1) {
				t.Fatalf("period %d: rates out of range: %+v", p.Period, p)
			}
			sum := 0.0
			for _, s := range p.Share {
				sum += s
			}
			if p.Interactions > 0 && math.Abs(sum-1) > 1e-12 {
				t.Fatalf("period %d: shares sum to %v", p.Period, sum)
			}
			if p.Regret < regret || (cfg.Oracle && p.Regret != 0) {
				t.Fatalf("period %d: regret %v after %v (oracle %v)", p.Period, p.Regret, regret, cfg.Oracle)
			}
			if math.Abs(p.Profit-(p.Revenue-p.Cost)) > 1e-9*(1+math.Abs(p.Cost)) {
				t.Fatalf("period %d: profit %v ≠ revenue %v − cost %v", p.Period, p.Profit, p.Revenue, p.Cost)
			}
			prev, regret = p.Active, p.Regret
		}
	})
}

// stationary is a market whose true delight probabilities do not move:
// accuracy is flat, trust does not enter utility, nothing is creepy enough
// to revoke consent, automatic execution (trust-gated) is closed, and
// nobody joins or leaves.
func stationary(seed uint64, periods int) LoopConfig {
	return LoopConfig{
		Seed: seed, Market: 1500, Customers: 1500, Periods: periods,
		BassP: -1, BassQ: -1, NoChurn: true,
		ErrScale: -1, OwnWeight: -1, CreepIncident: -1,
		Model: customer.Model{PrivacyCost: -1},
		Open:  []bool{true, true, true, true, false},
	}
}

func TestLoopThompsonRegretSublinear(t *testing.T) {
	// Per-period regret must fall: the regret of the last quarter of the
	// run is well below that of the first quarter. Linear regret (a policy
	// that does not learn) gives a ratio near 1; the test checks both.
	periods := 40
	if raceEnabled {
		periods = 24
	}
	q := periods / 4
	ratio := func(h History) float64 {
		first := h.Periods[q-1].Regret
		last := h.Periods[periods-1].Regret - h.Periods[periods-1-q].Regret
		return last / first
	}
	th := mustSimulate(t, stationary(1, periods))
	if r := ratio(th); !(r < 0.6) {
		t.Errorf("Thompson: last-quarter / first-quarter regret = %.3f, want < 0.6 (sublinear)", r)
	}
	cfg := stationary(1, periods)
	cfg.NoLearning = true
	if r := ratio(mustSimulate(t, cfg)); !(r > 0.8) {
		t.Errorf("no learning: regret ratio %.3f, want > 0.8 (linear)", r)
	}
}

func TestLoopPoolingRaisesEarlyDelight(t *testing.T) {
	// Paired over seeds: the mean delight rate of the first periods with
	// pooling minus without. One-sided paired t-test at α = 0.01: with n = 8
	// seeds the critical value of t(7) is 2.998 (t tables).
	const seeds = 8
	periods, market := 8, 3000
	if raceEnabled {
		periods, market = 6, 1500
	}
	var d [seeds]float64
	for s := range seeds {
		early := func(noPool bool) float64 {
			h := mustSimulate(t, LoopConfig{Seed: uint64(s), Market: market, Customers: market / 2, Periods: periods, NoPooling: noPool})
			sum := 0.0
			for _, p := range h.Periods {
				sum += p.DelightRate
			}
			return sum / float64(periods)
		}
		d[s] = early(false) - early(true)
	}
	mean, sd := meanSD(d[:])
	tstat := mean / (sd / math.Sqrt(seeds))
	if !(tstat > 2.998) {
		t.Errorf("pooling − no pooling early delight: mean %.4f, sd %.4f, t = %.2f; want t > 2.998", mean, sd, tstat)
	}
}

func meanSD(xs []float64) (float64, float64) {
	m := 0.0
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	v := 0.0
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, math.Sqrt(v / float64(len(xs)-1))
}

func TestLoopPortfolioVersusOneSizeFitsAll(t *testing.T) {
	seeds, periods, market := 3, 30, 5000
	if raceEnabled {
		seeds, periods, market = 2, 20, 2500
	}
	growth := func(pop customer.Population, p Policy) float64 {
		sum := 0.0
		for s := range seeds {
			h := mustSimulate(t, LoopConfig{Seed: uint64(s), Market: market, Periods: periods, Population: pop, Policy: p})
			sum += float64(h.Periods[periods-1].Active)
		}
		return sum / float64(seeds)
	}
	for _, tt := range []struct {
		name    string
		pop     customer.Population
		wantWin bool
	}{{"default heterogeneous", customer.Population{}, true}, {"homogeneous", homogeneous(), false}} {
		t.Run(tt.name, func(t *testing.T) {
			portfolio := growth(tt.pop, Thompson{})
			best, bestArm := 0.0, -1
			for arm := range strategy.Default() {
				if g := growth(tt.pop, Fixed{Arm: arm, Fallback: 0}); g > best {
					best, bestArm = g, arm
				}
			}
			if win := portfolio > best; win != tt.wantWin {
				t.Errorf("portfolio (Thompson over all) ends with %.0f customers, best one size fits all (arm %d) %.0f; want portfolio better = %v",
					portfolio, bestArm, best, tt.wantWin)
			}
		})
	}
}

func TestLoopConfigValidate(t *testing.T) {
	tests := []struct {
		name  string
		cfg   LoopConfig
		field string
		err   error
	}{
		{"NaN p", LoopConfig{BassP: math.NaN()}, "BassP", connected.ErrNotFinite},
		{"q above 1", LoopConfig{BassQ: 1.5}, "BassQ", connected.ErrOutOfRange},
		{"customers above market", LoopConfig{Market: 10, Customers: 11}, "Customers", connected.ErrOutOfRange},
		{"negative periods", LoopConfig{Periods: -1}, "Periods", connected.ErrOutOfRange},
		{"open mismatch", LoopConfig{Open: []bool{true}}, "Open", connected.ErrMismatch},
		{"no baseline", LoopConfig{Open: []bool{false, true, true, true, true}}, "Open", connected.ErrInfeasible},
		{"consent scale", LoopConfig{ConsentScale: 2}, "ConsentScale", connected.ErrOutOfRange},
		{"infinite error floor", LoopConfig{ErrFloor: math.Inf(1)}, "ErrFloor", connected.ErrNotFinite},
		{"error floor 1", LoopConfig{ErrFloor: 1}, "ErrFloor", connected.ErrOutOfRange},
		{"exponent", LoopConfig{ErrExp: 3}, "ErrExp", connected.ErrOutOfRange},
		{"memory", LoopConfig{DelightMemory: 1.5}, "DelightMemory", connected.ErrOutOfRange},
		{"workers", LoopConfig{Workers: -2}, "Workers", connected.ErrOutOfRange},
		{"trust", LoopConfig{Trust: customer.TrustParams{LossRatio: 0.5}}, "LossRatio", connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewLoop(tt.cfg)
			if !errors.Is(err, tt.err) {
				t.Fatalf("NewLoop error = %v, want %v", err, tt.err)
			}
			if !hasField(err, tt.field) {
				t.Errorf("NewLoop error = %v, want a *connected.FieldError for %s", err, tt.field)
			}
		})
	}
	if err := (LoopConfig{}).Validate(); err != nil {
		t.Errorf("zero LoopConfig: %v, want valid defaults", err)
	}
	// A bad Market is reported once, not again as a Customers error.
	if err := (LoopConfig{Market: -1}).Validate(); !hasField(err, "Market") || hasField(err, "Customers") {
		t.Errorf("LoopConfig{Market: -1}.Validate() = %v, want a Market error only", err)
	}
	if err := (LoopConfig{Market: 10, Customers: 11}).Validate(); err == nil || !strings.Contains(err.Error(), "Market = 10") {
		t.Errorf("Customers above Market: error %v, want it to name Market = 10", err)
	}
}

// hasField reports whether err (or one of the errors it joins) is a
// *connected.FieldError for field.
func hasField(err error, field string) bool {
	var fe *connected.FieldError
	if errors.As(err, &fe) && fe.Field == field {
		return true
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if hasField(e, field) {
				return true
			}
		}
	}
	return false
}

func TestLoopServeAllocs(t *testing.T) {
	l, err := NewLoop(steadyConfig(2000, 8, 1))
	if err != nil {
		t.Fatal(err)
	}
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
		t.Errorf("serving a chunk of 2000 customers allocates %v times, want 0", allocs)
	}
}

func TestLoopMemory(t *testing.T) {
	// The budget is 200 bytes per customer at K = 8; the learner
	// takes 16·8 + 4 of them.
	if AgentBytes != 64 {
		t.Errorf("AgentBytes = %d, want 64", AgentBytes)
	}
	if got := LoopBytesPerCustomer(8); got > 200 {
		t.Errorf("LoopBytesPerCustomer(8) = %d, want ≤ 200", got)
	}
}

func TestOpenFromPlan(t *testing.T) {
	ss := strategy.Default()
	got, err := OpenFromPlan(ss, []string{"curated-offering", "buy-what-we-have"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{true, false, true, false, false}, got); diff != "" {
		t.Errorf("OpenFromPlan mismatch (-want +got):\n%s", diff)
	}
	if _, err := OpenFromPlan(ss, []string{"buy-what-we-have", "teleport"}); !errors.Is(err, connected.ErrUnknown) || !hasField(err, "open[1]") {
		t.Errorf("OpenFromPlan(unknown) error = %v, want ErrUnknown for open[1]", err)
	}
	// Closed strategies are never served.
	h := mustSimulate(t, LoopConfig{Market: 500, Periods: 4, Open: got})
	for _, p := range h.Periods {
		if p.Share[1] != 0 || p.Share[3] != 0 || p.Share[4] != 0 {
			t.Errorf("period %d serves a closed strategy: shares %v", p.Period, p.Share)
		}
	}
}

func TestAgentConsentRevocation(t *testing.T) {
	// An agent keeps its period-0 grants until it revokes; from the
	// revocation period on, nothing that needs consent is eligible and
	// nothing is learnable.
	ss := strategy.Default()
	var c customer.Customer
	for _, k := range []strategy.Kind{strategy.RespondToDesire, strategy.CuratedOffering, strategy.CoachBehavior, strategy.AutomaticExecution} {
		if err := c.Consent.Grant(k, ss[k-1].Data, 0); err != nil {
			t.Fatal(err)
		}
	}
	c.Traits = customer.DefaultPopulation().Segments[5].MeanTraits()
	c.Trust = customer.Trust{Good: 20}
	var a agent
	a.set(&c, 0, 0.5)
	a.revoked = 5
	mask := make([]bool, len(ss))
	for _, tt := range []struct {
		period    int
		want      []bool
		learnable bool
	}{
		{4, []bool{true, true, true, true, true}, true},
		{5, []bool{true, true, false, false, false}, false},
		{9, []bool{true, true, false, false, false}, false},
	} {
		var got customer.Customer
		a.fill(&got, tt.period)
		if err := customer.EligibleMask(mask, got, ss, tt.period, customer.Rules{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, mask); diff != "" {
			t.Errorf("period %d eligibility (-want +got):\n%s", tt.period, diff)
		}
		if l := got.Consent.Learnable(tt.period); (l != 0) != tt.learnable {
			t.Errorf("period %d: learnable %v, want non-empty = %v", tt.period, l, tt.learnable)
		}
	}
}

func TestLoopRevocationStopsConsentStrategies(t *testing.T) {
	// Every creepy action is an incident and every incident revokes: the
	// share of consent-needing strategies must fall, and the count of
	// revoked customers must be positive.
	cfg := LoopConfig{Seed: 2, Market: 2000, Customers: 2000, Periods: 12, BassP: -1, BassQ: -1, NoChurn: true, CreepIncident: 1, RevokeOnIncident: 1}
	l, err := NewLoop(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h, err := l.Run(nil)
	if err != nil {
		t.Fatal(err)
	}
	consentShare := func(p Period) float64 { return p.Share[2] + p.Share[3] + p.Share[4] }
	if first, last := consentShare(h.Periods[0]), consentShare(h.Periods[11]); !(last < first) {
		t.Errorf("consent-needing share %v → %v, want a fall as customers revoke", first, last)
	}
	revoked := 0
	for c := range l.chunks {
		for _, a := range l.chunks[c].agents {
			if a.revoked != noRevoke {
				revoked++
			}
		}
	}
	if revoked == 0 {
		t.Error("no customer revoked consent")
	}
}

func TestLoopNoRegret(t *testing.T) {
	// Skipping the oracle changes nothing but Regret: the same draws are
	// made in the same order.
	cfg := LoopConfig{Seed: 4, Market: 1500, Periods: 6}
	want := mustSimulate(t, cfg)
	cfg.NoRegret = true
	got := mustSimulate(t, cfg)
	for i := range want.Periods {
		want.Periods[i].Regret = 0
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NoRegret history differs beyond Regret (-want +got):\n%s", diff)
	}
}

// badPolicy returns an arm that is never eligible in its test.
type badPolicy struct{ arm int }

func (b badPolicy) Choose(*rand.Rand, []Beta, []bool) (int, error) { return b.arm, nil }
func (b badPolicy) Probabilities(arms []Beta, _ []bool) ([]float64, error) {
	return make([]float64, len(arms)), nil
}

func TestLoopRejectsBrokenPolicy(t *testing.T) {
	for _, arm := range []int{-1, 99, 4} { // 4: automatic execution, closed below
		cfg := LoopConfig{Market: 100, Periods: 2, Policy: badPolicy{arm}, Open: []bool{true, true, true, true, false}}
		if _, err := Simulate(cfg, nil); !errors.Is(err, connected.ErrInfeasible) {
			t.Errorf("policy choosing arm %d: error %v, want ErrInfeasible", arm, err)
		}
	}
	if _, err := Aggregate(LoopConfig{Market: 100, Periods: 1, Policy: nanPolicy{}}, 2); !errors.Is(err, connected.ErrInfeasible) {
		t.Errorf("Aggregate with NaN propensities: error %v, want ErrInfeasible", err)
	}
	// A Fixed policy whose arm and fallback are both closed fails the same way.
	if _, err := Simulate(LoopConfig{Market: 100, Periods: 1, Policy: Fixed{Arm: 4, Fallback: 3}, Open: []bool{true, true, true, false, false}}, nil); !errors.Is(err, connected.ErrInfeasible) {
		t.Errorf("Fixed on closed arms: error %v, want ErrInfeasible", err)
	}
}

// nanPolicy reports NaN propensities.
type nanPolicy struct{ badPolicy }

func (nanPolicy) Probabilities(arms []Beta, _ []bool) ([]float64, error) {
	p := make([]float64, len(arms))
	p[0] = math.NaN()
	return p, nil
}

// TestLoopTrustRisesWithLearning is the claim behind the three-level
// outcome (customer.Model.Outcomes): a satisfactory interaction is no
// evidence, so under the defaults a learning firm's customers end up
// trusting it more than at the start (0.5), not less; and more than a firm
// that does not learn. Over three seeds, mean trust of the last period.
func TestLoopTrustRisesWithLearning(t *testing.T) {
	for seed := range uint64(3) {
		cfg := LoopConfig{Seed: seed, Market: 3000, Periods: 30}
		h := mustSimulate(t, cfg)
		cfg.NoLearning = true
		hn := mustSimulate(t, cfg)
		first, last := h.Periods[0].MeanTrust, h.Periods[len(h.Periods)-1].MeanTrust
		lastN := hn.Periods[len(hn.Periods)-1].MeanTrust
		t.Logf("seed %d: %.3f → %.3f, no learning %.3f", seed, first, last, lastN)
		if !(last > 0.52 && last > first && last > lastN) {
			t.Errorf("seed %d: mean trust %.3f → %.3f with learning, %.3f without; want a rise above 0.52 and above no learning", seed, first, last, lastN)
		}
	}
}
