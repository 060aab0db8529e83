package learning

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/rng"
)

// simulatePool fills n customers of segment 0 with m Bernoulli observations
// each on arm 0, their true rates drawn from Beta(mean·κ, (1−mean)·κ). It
// returns the true rates.
func simulatePool(t *testing.T, l *Learner, r *rand.Rand, first, n, m int, mean, kappa float64) []float64 {
	t.Helper()
	ps := make([]float64, n)
	for i := range n {
		ps[i] = rng.BetaMeanKappa(r, mean, kappa)
		for range m {
			rew := 0.0
			if r.Float64() < ps[i] {
				rew = 1
			}
			if err := l.Update(first+i, 0, rew); err != nil {
				t.Fatal(err)
			}
		}
	}
	return ps
}

// TestPoolRecoversSegment: 4000 customers × 10 observations from Beta(2, 8)
// (mean 0.2, κ = 10). The method-of-moments estimate has standard error about
// 0.003 on the mean and about 10% on κ at this size, so the test allows ±0.02
// and κ in [7, 14].
func TestPoolRecoversSegment(t *testing.T) {
	l := mustNew(t, Config{Customers: 4000, Arms: 2})
	r := rand.New(rand.NewPCG(21, 22))
	simulatePool(t, l, r, 0, 4000, 10, 0.2, 10)
	if err := l.Pool(PoolConfig{}); err != nil {
		t.Fatal(err)
	}
	p, _ := l.Prior(0, 0)
	if m, k := p.Mean(), p.Alpha+p.Beta; math.Abs(m-0.2) > 0.02 || k < 7 || k > 14 {
		t.Errorf("pooled prior %+v: mean %.3f, κ %.2f; want 0.2, 10", p, m, k)
	}
	// Arm 1 has no evidence: its prior is untouched.
	if p1, _ := l.Prior(0, 1); p1 != (Beta{1, 1}) {
		t.Errorf("arm without evidence prior = %+v", p1)
	}
}

// TestPooledPriorPredictsNewCustomersBetter: train the segment prior on 3000
// customers, then compare, on 2000 new customers with 0, 1, 3 or 10
// observations, the squared error of the posterior mean against the true rate
// under the pooled prior and under the flat Beta(1, 1). The expected squared
// error with no data is Var(p) + (E p − 0.5)² = 0.0145 + 0.09 flat versus
// 0.0145 pooled; the test requires pooled < flat at every n and a large gap
// at n = 0.
func TestPooledPriorPredictsNewCustomersBetter(t *testing.T) {
	const train, test = 3000, 2000
	r := rand.New(rand.NewPCG(31, 32))
	pooled := mustNew(t, Config{Customers: train + test, Arms: 1})
	simulatePool(t, pooled, r, 0, train, 20, 0.2, 10)
	if err := pooled.Pool(PoolConfig{}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 3, 10} {
		flat := mustNew(t, Config{Customers: test, Arms: 1})
		trial := pooled.Snapshot()
		truth := make([]float64, test)
		for i := range test {
			truth[i] = rng.BetaMeanKappa(r, 0.2, 10)
			for range n {
				rew := float64(btoi(r.Float64() < truth[i]))
				_ = trial.Update(train+i, 0, rew)
				_ = flat.Update(i, 0, rew)
			}
		}
		var msePooled, mseFlat float64
		for i := range test {
			pp, _ := trial.Posterior(train+i, 0)
			pf, _ := flat.Posterior(i, 0)
			msePooled += (pp.Mean() - truth[i]) * (pp.Mean() - truth[i]) / test
			mseFlat += (pf.Mean() - truth[i]) * (pf.Mean() - truth[i]) / test
		}
		t.Logf("n=%d: MSE pooled %.4f, flat %.4f", n, msePooled, mseFlat)
		if !(msePooled < mseFlat) {
			t.Errorf("n=%d: pooled MSE %.4f not below flat %.4f", n, msePooled, mseFlat)
		}
		if n == 0 && !(msePooled < mseFlat/3) {
			t.Errorf("n=0: pooled MSE %.4f not well below flat %.4f", msePooled, mseFlat)
		}
	}
}

// TestShrinkage checks the closed form (α+S)/(κ+n) = w·S/n + (1−w)·m with
// w = n/(n+κ).
func TestShrinkage(t *testing.T) {
	l := mustNew(t, Config{Customers: 1, Arms: 1, Prior: Beta{3, 12}}) // m = 0.2, κ = 15
	for _, r := range []float64{1, 1, 0, 1, 1} {
		_ = l.Update(0, 0, r)
	}
	p, _ := l.Posterior(0, 0)
	w := 5.0 / (5 + 15)
	if want := w*0.8 + (1-w)*0.2; math.Abs(p.Mean()-want) > 1e-15 {
		t.Errorf("posterior mean %v, want shrinkage %v", p.Mean(), want)
	}
}

// TestPoolSegmentsSeparate: two segments with different rates get different
// priors, and a single-observation segment (ρ not identifiable) only moves
// the mean.
func TestPoolSegmentsSeparate(t *testing.T) {
	l := mustNew(t, Config{Customers: 400, Arms: 1, Segments: 3})
	r := rand.New(rand.NewPCG(41, 42))
	for c := range 400 {
		_ = l.SetSegment(c, c%2)
	}
	for c := range 400 {
		rate := 0.2
		if c%2 == 1 {
			rate = 0.7
		}
		for range 15 {
			_ = l.Update(c, 0, float64(btoi(r.Float64() < rate)))
		}
	}
	if err := l.Pool(PoolConfig{}); err != nil {
		t.Fatal(err)
	}
	p0, _ := l.Prior(0, 0)
	p1, _ := l.Prior(1, 0)
	if math.Abs(p0.Mean()-0.2) > 0.03 || math.Abs(p1.Mean()-0.7) > 0.03 {
		t.Errorf("segment means %.3f, %.3f; want 0.2, 0.7", p0.Mean(), p1.Mean())
	}
	// Homogeneous segments: no heterogeneity beyond noise usually → κ at the
	// cap or large.
	if k := p0.Alpha + p0.Beta; k < 50 {
		t.Errorf("homogeneous segment κ = %v, want large", k)
	}
	// Segment 2 is empty: prior unchanged.
	if p2, _ := l.Prior(2, 0); p2 != (Beta{1, 1}) {
		t.Errorf("empty segment prior %+v", p2)
	}

	single := mustNew(t, Config{Customers: 10, Arms: 1, Prior: Beta{2, 2}})
	for c := range 10 {
		_ = single.Update(c, 0, float64(btoi(c < 3)))
	}
	if err := single.Pool(PoolConfig{}); err != nil {
		t.Fatal(err)
	}
	if p, _ := single.Prior(0, 0); math.Abs(p.Mean()-0.3) > 1e-12 || math.Abs(p.Alpha+p.Beta-4) > 1e-12 {
		t.Errorf("single-observation pool = %+v, want mean 0.3 with κ 4", p)
	}
}

func TestPoolConfigValidate(t *testing.T) {
	l := mustNew(t, Config{Customers: 1, Arms: 1})
	for _, tt := range []struct {
		cfg   PoolConfig
		field string
		want  error
	}{
		{PoolConfig{MinCustomers: 1}, "MinCustomers", connected.ErrOutOfRange},
		{PoolConfig{MaxKappa: -1}, "MaxKappa", connected.ErrOutOfRange},
		{PoolConfig{MinShape: math.NaN()}, "MinShape", connected.ErrNotFinite},
	} {
		err := l.Pool(tt.cfg)
		var fe *connected.FieldError
		if !errors.Is(err, tt.want) || !errors.As(err, &fe) || fe.Field != tt.field {
			t.Errorf("Pool(%+v) = %v, want %v on %s", tt.cfg, err, tt.want, tt.field)
		}
	}
}
