package learning

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected/internal/rng"
)

// stepBench is one Thompson step: choose for a random customer among all
// arms, draw a Bernoulli reward from a fixed truth, update.
type stepBench struct {
	l     *Learner
	r     *rand.Rand
	elig  []bool
	truth []float64
}

func newStepBench(tb testing.TB, n, k, segments int) *stepBench {
	l, err := New(Config{Customers: n, Arms: k, Segments: segments})
	if err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	if segments > 1 {
		for c := range n {
			if err := l.SetSegment(c, c%segments); err != nil {
				tb.Fatal(err)
			}
		}
		for s := range segments {
			for a := range k {
				// Pooled priors as Pool would produce: informative, some < 1.
				if err := l.SetPrior(s, a, Beta{0.5 + 3*r.Float64(), 1 + 10*r.Float64()}); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	sb := &stepBench{l: l, r: r, elig: make([]bool, k), truth: make([]float64, k)}
	for a := range k {
		sb.elig[a] = true
		sb.truth[a] = 0.1 + 0.8*float64(a)/float64(k)
	}
	return sb
}

func (sb *stepBench) step() {
	c := sb.r.IntN(sb.l.n)
	a, err := sb.l.Choose(sb.r, Thompson{}, c, sb.elig)
	if err != nil {
		panic(err)
	}
	rew := 0.0
	if sb.r.Float64() < sb.truth[a] {
		rew = 1
	}
	if err := sb.l.Update(c, a, rew); err != nil {
		panic(err)
	}
}

var stepSizes = []struct {
	name string
	n, k int
}{{"K=4", 1000, 4}, {"K=16", 1000, 16}, {"N=1e6,K=8", 1_000_000, 8}}

// BenchmarkThompsonStep measures one Thompson choice plus one update of a
// random customer's beliefs, flat prior (one segment).
func BenchmarkThompsonStep(b *testing.B) {
	for _, sz := range stepSizes {
		b.Run(sz.name, func(b *testing.B) {
			sb := newStepBench(b, sz.n, sz.k, 1)
			b.ReportAllocs()
			for b.Loop() {
				sb.step()
			}
		})
	}
}

// BenchmarkThompsonStepPooled is BenchmarkThompsonStep with 16 segments and
// informative pooled priors (some shapes < 1).
func BenchmarkThompsonStepPooled(b *testing.B) {
	for _, sz := range stepSizes {
		b.Run(sz.name, func(b *testing.B) {
			sb := newStepBench(b, sz.n, sz.k, 16)
			b.ReportAllocs()
			for b.Loop() {
				sb.step()
			}
		})
	}
}

func BenchmarkThompsonProbabilities(b *testing.B) {
	for _, k := range []int{2, 4, 8, 16} {
		b.Run(fmt.Sprintf("K=%d", k), func(b *testing.B) {
			arms := make([]Beta, k)
			elig := make([]bool, k)
			for i := range arms {
				arms[i] = Beta{float64(3 + 2*i), float64(10 + i)}
				elig[i] = true
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ThompsonProbabilities(arms, elig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGamma(b *testing.B) {
	for _, shape := range []float64{0.3, 0.5, 1, 3, 30} {
		b.Run(fmt.Sprintf("shape=%g", shape), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			var s float64
			for b.Loop() {
				s += rng.Gamma(r, shape)
			}
			_ = s
		})
		b.Run(fmt.Sprintf("own/shape=%g", shape), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			var s float64
			for b.Loop() {
				s += gammaDraw(r, shape)
			}
			_ = s
		})
	}
}

// BenchmarkPool re-estimates 16 segment priors over 1e5 customers × 8 arms.
func BenchmarkPool(b *testing.B) {
	sb := newStepBench(b, 100_000, 8, 16)
	for range 1_000_000 {
		sb.step()
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := sb.l.Pool(PoolConfig{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDR evaluates 10⁴ records with 1000 bootstrap resamples.
func BenchmarkDR(b *testing.B) {
	recs := sampleLog(rand.New(rand.NewPCG(1, 2)), 10_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DR(recs, EvalConfig{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarshalBinary encodes 1e5 customers × 8 arms.
func BenchmarkMarshalBinary(b *testing.B) {
	sb := newStepBench(b, 100_000, 8, 1)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sb.l.MarshalBinary(); err != nil {
			b.Fatal(err)
		}
	}
}
