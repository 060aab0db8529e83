package customer

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/connectedstrategy/connected/strategy"
)

func benchCustomer() Customer {
	c := Customer{Traits: validTraits(), Trust: Trust{Good: 12, Bad: 1}}
	_ = c.Consent.Grant(strategy.AutomaticExecution, allData, 0)
	_ = c.Consent.Grant(strategy.CuratedOffering, allData, 0)
	_ = c.Consent.Revoke(strategy.CuratedOffering, allData, 10)
	c.Traits.Predictability = 0.8
	return c
}

func BenchmarkUtility(b *testing.B) {
	c, s := benchCustomer(), strategy.Default()[strategy.CoachBehavior-1]
	var m Model
	b.ReportAllocs()
	for b.Loop() {
		_, _ = m.Utility(c, s, 0.7)
	}
}

func BenchmarkDelight(b *testing.B) {
	c, s := benchCustomer(), strategy.Default()[strategy.AutomaticExecution-1]
	var m Model
	b.ReportAllocs()
	for b.Loop() {
		_, _ = m.Delight(c, s, 0.7)
	}
}

func BenchmarkOutcomes(b *testing.B) {
	c, s := benchCustomer(), strategy.Default()[strategy.AutomaticExecution-1]
	var m Model
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = m.Outcomes(c, s, 0.7)
	}
}

// BenchmarkOutcomesMask compares the batched outcomes and utilities of the
// default catalogue, doubled to K = 10, with one Delight call per strategy.
func BenchmarkOutcomesMask(b *testing.B) {
	c := benchCustomer()
	ss := append(strategy.Default(), strategy.Default()...)
	elig := make([]bool, len(ss))
	for i := range elig {
		elig[i] = true
	}
	d, q := make([]float64, len(ss)), make([]float64, len(ss))
	var m Model
	b.Run("mask", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = m.OutcomesMask(d, q, c, ss, elig, 0.7)
		}
	})
	b.Run("delight-only", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = m.OutcomesMask(d, nil, c, ss, elig, 0.7)
		}
	})
	b.Run("utility-mask", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = m.UtilityMask(d, c, ss, elig, 0.7)
		}
	})
	b.Run("per-strategy-delight", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range ss {
				d[i], _ = m.Delight(c, ss[i], 0.7)
			}
		}
	})
}

func BenchmarkChoice(b *testing.B) {
	for _, n := range []int{5, 50} {
		b.Run("strategies="+strconv.Itoa(n), func(b *testing.B) {
			c := benchCustomer()
			ss := make([]strategy.Strategy, n)
			elig := make([]bool, n)
			for i := range ss {
				ss[i] = strategy.Default()[i%5]
				elig[i] = i%4 != 3
			}
			dst := make([]float64, n+1)
			var m Model
			b.ReportAllocs()
			for b.Loop() {
				_ = m.Choice(dst, c, ss, elig, 0.7)
			}
		})
	}
}

func BenchmarkEligible(b *testing.B) {
	c, ss := benchCustomer(), strategy.Default()
	b.ReportAllocs()
	for b.Loop() {
		Eligible(c, ss[4], 12, Rules{})
	}
}

func BenchmarkEligibleMask(b *testing.B) {
	c, ss := benchCustomer(), strategy.Default()
	dst := make([]bool, len(ss))
	b.ReportAllocs()
	for b.Loop() {
		_ = EligibleMask(dst, c, ss, 12, Rules{})
	}
}

func BenchmarkTrustUpdate(b *testing.B) {
	var tr Trust
	p := TrustParams{Forgetting: 0.98}
	b.ReportAllocs()
	for b.Loop() {
		_ = tr.Update(Outcome{Good: true}, p)
	}
}

// BenchmarkFill reports the cost of drawing customers from the default
// population; ns/customer is the figure to quote.
func BenchmarkFill(b *testing.B) {
	for _, n := range []int{1000, 1000000} {
		b.Run("customers="+strconv.Itoa(n), func(b *testing.B) {
			pop := DefaultPopulation()
			r := rand.New(rand.NewPCG(1, 2))
			dst := make([]Customer, n)
			b.ReportAllocs()
			for b.Loop() {
				if err := pop.Fill(r, dst); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/customer")
		})
	}
}

func BenchmarkSample(b *testing.B) {
	pop := DefaultPopulation()
	r := rand.New(rand.NewPCG(1, 2))
	const n = 10000
	b.ReportAllocs()
	for b.Loop() {
		if _, err := pop.Sample(r, n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/customer")
}

func BenchmarkFillStream(b *testing.B) {
	pop := DefaultPopulation()
	const n = 100000
	dst := make([]Customer, n)
	b.ReportAllocs()
	for b.Loop() {
		if err := pop.FillStream(1, 0, dst); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/customer")
}
