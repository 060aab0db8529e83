package learning

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected"
)

func mustNew(t testing.TB, cfg Config) *Learner {
	t.Helper()
	l, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	return l
}

func TestConfigValidate(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		cfg   Config
		field string
		want  error
	}{
		{"no customers", Config{Arms: 2}, "Customers", connected.ErrOutOfRange},
		{"no arms", Config{Customers: 1}, "Arms", connected.ErrOutOfRange},
		{"too many arms", Config{Customers: 1, Arms: MaxArms + 1}, "Arms", connected.ErrOutOfRange},
		{"negative segments", Config{Customers: 1, Arms: 1, Segments: -1}, "Segments", connected.ErrOutOfRange},
		{"NaN prior", Config{Customers: 1, Arms: 1, Prior: Beta{nan, 1}}, "Prior.Alpha", connected.ErrNotFinite},
		{"zero prior beta", Config{Customers: 1, Arms: 1, Prior: Beta{1, 0}}, "Prior.Beta", connected.ErrOutOfRange},
		{"Inf prior", Config{Customers: 1, Arms: 1, Prior: Beta{1, math.Inf(1)}}, "Prior.Beta", connected.ErrNotFinite},
		{"forget above 1", Config{Customers: 1, Arms: 1, Forget: 1.5}, "Forget", connected.ErrOutOfRange},
		{"negative forget", Config{Customers: 1, Arms: 1, Forget: -0.5}, "Forget", connected.ErrOutOfRange},
		{"NaN forget", Config{Customers: 1, Arms: 1, Forget: nan}, "Forget", connected.ErrNotFinite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if !errors.Is(err, tt.want) {
				t.Fatalf("New(%+v) error = %v, want %v", tt.cfg, err, tt.want)
			}
			var fe *connected.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("New(%+v) error field = %v, want %q", tt.cfg, err, tt.field)
			}
		})
	}
}

func TestUpdateRejectsBadInput(t *testing.T) {
	l := mustNew(t, Config{Customers: 3, Arms: 2})
	tests := []struct {
		name  string
		c, k  int
		r     float64
		field string
		want  error
	}{
		{"customer too big", 3, 0, 1, "customer", connected.ErrOutOfRange},
		{"negative customer", -1, 0, 1, "customer", connected.ErrOutOfRange},
		{"arm too big", 0, 2, 1, "arm", connected.ErrOutOfRange},
		{"reward above 1", 0, 0, 1.5, "reward", connected.ErrOutOfRange},
		{"negative reward", 0, 0, -0.1, "reward", connected.ErrOutOfRange},
		{"NaN reward", 0, 0, math.NaN(), "reward", connected.ErrNotFinite},
		{"Inf reward", 0, 0, math.Inf(1), "reward", connected.ErrNotFinite},
	}
	for _, tt := range tests {
		err := l.Update(tt.c, tt.k, tt.r)
		var fe *connected.FieldError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("%s: Update(%d, %d, %v) = %v, want %v on %s", tt.name, tt.c, tt.k, tt.r, err, tt.want, tt.field)
		}
	}
	if s, f, _ := l.Evidence(0, 0); s != 0 || f != 0 {
		t.Errorf("rejected updates changed evidence to (%v, %v)", s, f)
	}
}

// TestPosteriorClosedForm checks the conjugate update: with prior Beta(a, b),
// s successes and f failures the posterior is Beta(a+s, b+f) with mean
// (a+s)/(a+b+s+f); fractional rewards r add r and 1−r.
func TestPosteriorClosedForm(t *testing.T) {
	l := mustNew(t, Config{Customers: 2, Arms: 3, Prior: Beta{2, 3}})
	rewards := []float64{1, 0, 1, 1, 0.25, 0.5}
	for _, r := range rewards {
		if err := l.Update(1, 2, r); err != nil {
			t.Fatal(err)
		}
	}
	// Σr = 3.75, Σ(1−r) = 2.25 (exact in binary fixed point).
	want := Beta{2 + 3.75, 3 + 2.25}
	got, err := l.Posterior(1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Posterior = %+v, want %+v", got, want)
	}
	if m := got.Mean(); math.Abs(m-5.75/11) > 1e-15 {
		t.Errorf("Mean = %v, want %v", m, 5.75/11)
	}
	// Other pairs untouched.
	if p, _ := l.Posterior(0, 2); p != (Beta{2, 3}) {
		t.Errorf("untouched posterior = %+v", p)
	}
	// A non-dyadic reward is rounded to 2⁻³².
	if err := l.Update(0, 0, 0.3); err != nil {
		t.Fatal(err)
	}
	s, f, _ := l.Evidence(0, 0)
	if math.Abs(s-0.3) > 1.2e-10 || math.Abs(s+f-1) != 0 {
		t.Errorf("Evidence after 0.3 = (%v, %v)", s, f)
	}
}

// TestForgetClosedForm: with λ, after rewards r_1..r_n on one arm the success
// evidence is Σ λ^(n−i) r_i, and other arms of the customer decay by λ^n.
func TestForgetClosedForm(t *testing.T) {
	const lam = 0.9
	l := mustNew(t, Config{Customers: 1, Arms: 2, Forget: lam})
	if err := l.Update(0, 1, 1); err != nil {
		t.Fatal(err)
	}
	rewards := []float64{1, 0, 1, 0.5, 1, 1, 0, 0}
	var ws, wf float64
	for _, r := range rewards {
		if err := l.Update(0, 0, r); err != nil {
			t.Fatal(err)
		}
		ws, wf = lam*ws+r, lam*wf+1-r
	}
	s, f, _ := l.Evidence(0, 0)
	if math.Abs(s-ws) > 1e-8 || math.Abs(f-wf) > 1e-8 {
		t.Errorf("Evidence(0,0) = (%v, %v), want (%v, %v)", s, f, ws, wf)
	}
	s1, _, _ := l.Evidence(0, 1)
	if want := math.Pow(lam, float64(len(rewards))); math.Abs(s1-want) > 1e-8 {
		t.Errorf("Evidence(0,1) = %v, want λ^8 = %v", s1, want)
	}
}

func TestChooseNeverIneligibleAndDeterministic(t *testing.T) {
	policies := []Policy{Thompson{}, Greedy{}, EpsilonGreedy{Epsilon: 0.3}, Fixed{Arm: 3, Fallback: 0}, BayesUCB{}, Guard{Baseline: 0}}
	for _, p := range policies {
		run := func() []int {
			l := mustNew(t, Config{Customers: 5, Arms: 4})
			r := rand.New(rand.NewPCG(7, 8))
			var got []int
			for i := range 300 {
				c := i % 5
				elig := []bool{true, i%2 == 0, i%3 != 0, i%5 == 0}
				a, err := l.Choose(r, p, c, elig)
				if err != nil {
					t.Fatalf("%T: %v", p, err)
				}
				if !elig[a] {
					t.Fatalf("%T chose ineligible arm %d for mask %v", p, a, elig)
				}
				// Arm 3 is by far the best when allowed, so beliefs push toward it.
				rew := 0.0
				if a == 3 || r.Float64() < 0.2 {
					rew = 1
				}
				if err := l.Update(c, a, rew); err != nil {
					t.Fatal(err)
				}
				got = append(got, a)
			}
			return got
		}
		a, b := run(), run()
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%T: same seed gave different choice at step %d: %d vs %d", p, i, a[i], b[i])
			}
		}
	}
}

func TestChooseErrors(t *testing.T) {
	l := mustNew(t, Config{Customers: 2, Arms: 3})
	r := rand.New(rand.NewPCG(1, 1))
	for _, p := range []Policy{Thompson{}, Greedy{}} {
		if _, err := l.Choose(r, p, 0, []bool{false, false, false}); !errors.Is(err, connected.ErrEmpty) {
			t.Errorf("%T no eligible: %v, want ErrEmpty", p, err)
		}
		if _, err := l.Choose(r, p, 0, []bool{true}); !errors.Is(err, connected.ErrMismatch) {
			t.Errorf("%T short mask: %v, want ErrMismatch", p, err)
		}
		if _, err := l.Choose(r, p, 2, []bool{true, true, true}); !errors.Is(err, connected.ErrOutOfRange) {
			t.Errorf("%T bad customer: %v, want ErrOutOfRange", p, err)
		}
	}
}

func TestSegmentsAndPriors(t *testing.T) {
	l := mustNew(t, Config{Customers: 3, Arms: 2, Segments: 2})
	if err := l.SetSegment(1, 1); err != nil {
		t.Fatal(err)
	}
	if err := l.SetPrior(1, 0, Beta{4, 6}); err != nil {
		t.Fatal(err)
	}
	if p, _ := l.Posterior(1, 0); p != (Beta{4, 6}) {
		t.Errorf("segment-1 customer posterior = %+v, want prior {4 6}", p)
	}
	if p, _ := l.Posterior(0, 0); p != (Beta{1, 1}) {
		t.Errorf("segment-0 customer posterior = %+v, want {1 1}", p)
	}
	if err := l.SetSegment(0, 2); !errors.Is(err, connected.ErrOutOfRange) {
		t.Errorf("SetSegment(0, 2) = %v, want ErrOutOfRange", err)
	}
	if err := l.SetPrior(0, 0, Beta{-1, 1}); !errors.Is(err, connected.ErrOutOfRange) {
		t.Errorf("SetPrior negative = %v, want ErrOutOfRange", err)
	}
	if err := l.SetPrior(0, 0, Beta{math.NaN(), 1}); !errors.Is(err, connected.ErrNotFinite) {
		t.Errorf("SetPrior NaN = %v, want ErrNotFinite", err)
	}
}

func TestSnapshotIndependent(t *testing.T) {
	l := mustNew(t, Config{Customers: 2, Arms: 2})
	if err := l.Update(0, 1, 1); err != nil {
		t.Fatal(err)
	}
	snap := l.Snapshot()
	if err := l.Update(0, 1, 1); err != nil {
		t.Fatal(err)
	}
	if err := l.SetPrior(0, 1, Beta{9, 9}); err != nil {
		t.Fatal(err)
	}
	if p, _ := snap.Posterior(0, 1); p != (Beta{2, 1}) {
		t.Errorf("snapshot changed with the original: %+v", p)
	}
}

// TestSnapshotConcurrentRead runs readers of a snapshot while the original
// learns; -race reports any sharing.
func TestSnapshotConcurrentRead(t *testing.T) {
	l := mustNew(t, Config{Customers: 50, Arms: 4})
	snap := l.Snapshot()
	done := make(chan struct{})
	for range 2 {
		go func() {
			defer func() { done <- struct{}{} }()
			var dst []Beta
			for c := range 50 {
				dst, _ = snap.Posteriors(dst, c)
				_, _ = snap.MarshalBinary()
			}
		}()
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		if err := l.Update(i%50, i%4, r.Float64()); err != nil {
			t.Fatal(err)
		}
	}
	<-done
	<-done
}

func TestMergeErrors(t *testing.T) {
	a := mustNew(t, Config{Customers: 2, Arms: 2})
	for _, cfg := range []Config{{Customers: 3, Arms: 2}, {Customers: 2, Arms: 3}, {Customers: 2, Arms: 2, Forget: 0.5}} {
		b := mustNew(t, cfg)
		if err := a.Merge(b); !errors.Is(err, connected.ErrMismatch) {
			t.Errorf("Merge(%+v) = %v, want ErrMismatch", cfg, err)
		}
	}
	if err := a.Merge(nil); !errors.Is(err, connected.ErrEmpty) {
		t.Errorf("Merge(nil) = %v, want ErrEmpty", err)
	}
}

// TestMergeEqualsSingleLearner: sharding interactions by customer over two
// learners and merging gives the single learner's state, with forgetting.
func TestMergeEqualsSingleLearner(t *testing.T) {
	cfg := Config{Customers: 20, Arms: 3, Forget: 0.95}
	one, a, b := mustNew(t, cfg), mustNew(t, cfg), mustNew(t, cfg)
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		c, k, rew := r.IntN(20), r.IntN(3), r.Float64()
		if err := one.Update(c, k, rew); err != nil {
			t.Fatal(err)
		}
		shard := a
		if c%2 == 1 {
			shard = b
		}
		if err := shard.Update(c, k, rew); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Merge(b); err != nil {
		t.Fatal(err)
	}
	for i := range one.ev {
		if one.ev[i] != a.ev[i] {
			t.Fatalf("merged evidence[%d] = %d, want %d", i, a.ev[i], one.ev[i])
		}
	}
}

func TestSaturation(t *testing.T) {
	l := mustNew(t, Config{Customers: 1, Arms: 1})
	l.ev[0] = fixMax - fixOne/2
	if err := l.Update(0, 0, 1); err != nil {
		t.Fatal(err)
	}
	if l.ev[0] != fixMax {
		t.Errorf("evidence = %d, want saturated %d", l.ev[0], uint64(fixMax))
	}
}

func TestHotPathsDoNotAllocate(t *testing.T) {
	l := mustNew(t, Config{Customers: 100, Arms: 8, Segments: 4})
	for c := range 100 {
		_ = l.SetSegment(c, c%4)
	}
	r := rand.New(rand.NewPCG(1, 2))
	elig := []bool{true, true, false, true, true, true, false, true}
	dst := make([]Beta, 8)
	policies := []Policy{Thompson{}, Greedy{}, EpsilonGreedy{Epsilon: 0.1}, Fixed{Arm: 1}, BayesUCB{}, Guard{Baseline: 0}, Guard{Baseline: 0, Policy: Greedy{}}}
	for _, p := range policies {
		c := 0
		allocs := testing.AllocsPerRun(1000, func() {
			c = (c + 7) % 100
			a, err := l.Choose(r, p, c, elig)
			if err != nil {
				panic(err)
			}
			if err := l.Update(c, a, float64(a%2)); err != nil {
				panic(err)
			}
			dst, _ = l.Posteriors(dst, c)
		})
		if allocs != 0 {
			t.Errorf("%T choose+update+posteriors allocates %v times per run", p, allocs)
		}
	}
	forget := mustNew(t, Config{Customers: 10, Arms: 4, Forget: 0.9})
	if allocs := testing.AllocsPerRun(1000, func() { _ = forget.Update(3, 2, 0.5) }); allocs != 0 {
		t.Errorf("Update with forgetting allocates %v times per run", allocs)
	}
}

func TestGrowAndReset(t *testing.T) {
	l := mustNew(t, Config{Customers: 2, Arms: 3, Segments: 2})
	_ = l.SetSegment(1, 1)
	_ = l.Update(1, 2, 1)
	if err := l.Grow(3); err != nil {
		t.Fatal(err)
	}
	if l.Customers() != 5 {
		t.Fatalf("Customers after Grow = %d", l.Customers())
	}
	if p, _ := l.Posterior(1, 2); p != (Beta{2, 1}) {
		t.Errorf("Grow lost evidence: %+v", p)
	}
	if err := l.Update(4, 0, 1); err != nil {
		t.Errorf("update of a new customer: %v", err)
	}
	if err := l.Grow(-1); !errors.Is(err, connected.ErrOutOfRange) {
		t.Errorf("Grow(-1) = %v", err)
	}
	if err := l.Reset(1); err != nil {
		t.Fatal(err)
	}
	if p, _ := l.Posterior(1, 2); p != (Beta{1, 1}) {
		t.Errorf("Reset kept evidence: %+v", p)
	}
	if s, _ := l.Segment(1); s != 1 {
		t.Errorf("Reset changed the segment to %d", s)
	}
	if p, _ := l.Posterior(4, 0); p != (Beta{2, 1}) {
		t.Errorf("Reset touched another customer: %+v", p)
	}
}

// TestConcurrentDisjointCustomers exercises the concurrency contract: Choose
// and Update for different customers from different goroutines (run with
// -race).
func TestConcurrentDisjointCustomers(t *testing.T) {
	l := mustNew(t, Config{Customers: 100, Arms: 4, Segments: 2})
	done := make(chan struct{})
	for g := range 2 {
		go func() {
			defer func() { done <- struct{}{} }()
			r := rand.New(rand.NewPCG(uint64(g), 0))
			elig := []bool{true, true, true, true}
			for i := range 2000 {
				c := 2*(i%50) + g // goroutine g owns customers of parity g
				for _, p := range []Policy{Thompson{}, Greedy{}} {
					a, err := l.Choose(r, p, c, elig)
					if err != nil {
						panic(err)
					}
					if err := l.Update(c, a, r.Float64()); err != nil {
						panic(err)
					}
				}
			}
		}()
	}
	<-done
	<-done
}

// uniformPolicy is a Policy from outside the package's set.
type uniformPolicy struct{}

func (uniformPolicy) Choose(r *rand.Rand, arms []Beta, eligible []bool) (int, error) {
	return nthEligible(eligible, r.IntN(len(arms))%max(1, countTrue(eligible))), nil
}

func (uniformPolicy) Probabilities(arms []Beta, eligible []bool) ([]float64, error) {
	p := make([]float64, len(arms))
	for i, ok := range eligible {
		if ok {
			p[i] = 1 / float64(countTrue(eligible))
		}
	}
	return p, nil
}

func countTrue(b []bool) int {
	n := 0
	for _, v := range b {
		n += btoi(v)
	}
	return n
}

func TestChooseWithForeignPolicy(t *testing.T) {
	l := mustNew(t, Config{Customers: 1, Arms: 3})
	r := rand.New(rand.NewPCG(1, 1))
	a, err := l.Choose(r, uniformPolicy{}, 0, []bool{false, true, false})
	if err != nil || a != 1 {
		t.Errorf("Choose(foreign) = %d, %v", a, err)
	}
	if _, err := l.Choose(r, nil, 0, []bool{true, true, true}); !errors.Is(err, connected.ErrEmpty) {
		t.Errorf("Choose(nil policy) = %v, want ErrEmpty", err)
	}
	p, err := l.Probabilities(uniformPolicy{}, 0, []bool{true, true, false})
	if err != nil || p[0] != 0.5 || p[2] != 0 {
		t.Errorf("Probabilities(foreign) = %v, %v", p, err)
	}
}

// TestFusedThompsonMatchesPolicy: the learner's fused Thompson path draws
// exactly as Thompson.Choose on the same posteriors and the same stream.
func TestFusedThompsonMatchesPolicy(t *testing.T) {
	l := busyLearner(t)
	elig := []bool{true, false, true}
	r1, r2 := rand.New(rand.NewPCG(3, 3)), rand.New(rand.NewPCG(3, 3))
	for i := range 500 {
		c := i % l.Customers()
		got, err := l.Choose(r1, Thompson{}, c, elig)
		if err != nil {
			t.Fatal(err)
		}
		arms, _ := l.Posteriors(nil, c)
		want, _ := Thompson{}.Choose(r2, arms, elig)
		if got != want {
			t.Fatalf("step %d: learner chose %d, policy %d", i, got, want)
		}
	}
}
