package learning

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/connectedstrategy/connected/strategy"
)

// benchStrategies returns k strategies: the default five, then variants of
// the data-using ones (other names, same parameters) up to k.
func benchStrategies(k int) []strategy.Strategy {
	base := strategy.Default()
	ss := make([]strategy.Strategy, 0, k)
	for i := 0; len(ss) < k; i++ {
		s := base[i%len(base)]
		if i >= len(base) {
			s = base[1+(i-len(base))%(len(base)-1)]
			s.Name = fmt.Sprintf("%s-%d", s.Name, i)
		}
		ss = append(ss, s)
	}
	return ss
}

// steadyConfig is a stationary market for speed measurements: every person
// is a customer from the start, nobody leaves or joins.
func steadyConfig(n, k, workers int) LoopConfig {
	return LoopConfig{
		Strategies: benchStrategies(k), Market: n, Customers: n, Seed: 1,
		BassP: -1, BassQ: -1, NoChurn: true, Workers: workers, Periods: 1 << 30,
	}
}

// BenchmarkLoopStep measures customer-periods per second of the
// agent-based loop on one goroutine (Thompson, pooled priors, default
// population) at K = 4 and K = 8, and on two goroutines at K = 8, with and
// without the oracle's regret.
func BenchmarkLoopStep(b *testing.B) {
	for _, bc := range []struct {
		name       string
		n, k, work int
		noRegret   bool
	}{
		{"K=4", 1 << 15, 4, 1, false}, {"K=8", 1 << 15, 8, 1, false}, {"K=8,workers=2", 1 << 15, 8, 2, false},
		{"K=4,noregret", 1 << 15, 4, 1, true}, {"K=8,noregret", 1 << 15, 8, 1, true}, {"K=8,noregret,workers=2", 1 << 15, 8, 2, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if bc.work > runtime.GOMAXPROCS(0) {
				b.Skipf("needs GOMAXPROCS ≥ %d", bc.work)
			}
			cfg := steadyConfig(bc.n, bc.k, bc.work)
			cfg.NoRegret = bc.noRegret
			l, err := NewLoop(cfg)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := cpuSeconds()
			for b.Loop() {
				if _, err := l.Step(); err != nil {
					b.Fatal(err)
				}
			}
			reportRates(b, float64(bc.n)*float64(b.N), cpuSeconds()-cpu)
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkLoopMillion runs 52 periods of a market of 1e6 customers, all
// active (K = 8, Thompson, pooled priors) on GOMAXPROCS goroutines, and
// reports the heap the loop holds per customer. Run it with -benchtime=1x.
func BenchmarkLoopMillion(b *testing.B) {
	for _, noRegret := range []bool{false, true} {
		b.Run(fmt.Sprintf("noregret=%v", noRegret), func(b *testing.B) { benchMillion(b, noRegret) })
	}
}

func benchMillion(b *testing.B, noRegret bool) {
	const n, periods = 1_000_000, 52
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cfg := steadyConfig(n, 8, 0)
	cfg.NoRegret = noRegret
	l, err := NewLoop(cfg)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportAllocs()
	cpu := cpuSeconds()
	for b.Loop() {
		for range periods {
			if _, err := l.Step(); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heap-B/customer")
	reportRates(b, float64(n)*periods*float64(b.N), cpuSeconds()-cpu)
	runtime.KeepAlive(l)
}

// reportRates reports customer-periods per wall-clock second and, where the
// platform tells CPU time, per CPU-second (summed over all threads).
func reportRates(b *testing.B, custPeriods, cpu float64) {
	b.ReportMetric(custPeriods/b.Elapsed().Seconds(), "cust-periods/s")
	if cpu > 0 {
		b.ReportMetric(custPeriods/cpu, "cust-periods/cpu-s")
	}
}
