package portfolio

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkSolve measures Solve ("choose": open-set choice by branch and bound, plus
// focus and one-size-fits-all) and Assign ("assign": the assignment LP for a fixed open
// set) on seeded random capacitated instances with 10% ineligible pairs (see
// randomProblem). Run the big sizes with -benchtime=3x.
//
// Besides B/op it reports memory against the budget of
// 2 × N × K × 8 bytes beyond the input: x-budget counts every byte a call
// allocates, the returned Plan included; x-budget-working leaves out the
// Plan's per-unit slices (assignments and unit IDs), i.e. the solver's working
// memory beyond input and output.
func BenchmarkSolve(b *testing.B) {
	for _, tc := range []struct{ n, k int }{{10_000, 8}, {10_000, 12}, {10_000, 16}, {100_000, 8}} {
		p := randomProblem(7, tc.n, tc.k, true)
		b.Run(fmt.Sprintf("choose/n=%d/k=%d", tc.n, tc.k), func(b *testing.B) {
			b.ReportAllocs()
			var pl Plan
			var err error
			m := startMem()
			for b.Loop() {
				if pl, err = Solve(p); err != nil {
					b.Fatal(err)
				}
			}
			m.report(b, pl, tc.n, tc.k)
		})
	}
	for _, tc := range []struct{ n, k int }{{100_000, 8}, {1_000_000, 8}} {
		p := randomProblem(7, tc.n, tc.k, true)
		open := make([]bool, tc.k)
		for j := range open {
			open[j] = true
		}
		b.Run(fmt.Sprintf("assign/n=%d/k=%d", tc.n, tc.k), func(b *testing.B) {
			b.ReportAllocs()
			var pl Plan
			var err error
			m := startMem()
			for b.Loop() {
				if pl, err = Assign(p, open); err != nil {
					b.Fatal(err)
				}
			}
			m.report(b, pl, tc.n, tc.k)
		})
	}
}

// memStart is the allocation count when a benchmark's loop starts.
type memStart uint64

func startMem() memStart {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return memStart(ms.TotalAlloc)
}

// report adds the x-budget and x-budget-working metrics (see BenchmarkSolve)
// for b.N calls that returned plans like pl.
func (m memStart) report(b *testing.B, pl Plan, n, k int) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	perCall := float64(ms.TotalAlloc-uint64(m)) / float64(b.N)
	budget := float64(2 * n * k * 8)
	b.ReportMetric(perCall/budget, "x-budget")
	b.ReportMetric((perCall-outputBytes(pl))/budget, "x-budget-working")
}

// BenchmarkSolveMillion measures Solve on the N = 1e6, K = 8 capacitated
// instance (as BenchmarkSolve, with the same metrics). It takes several
// seconds per call: run it on its own, e.g. -bench 'SolveMillion' -benchtime 1x;
// -bench 'Solve$' runs BenchmarkSolve without it.
func BenchmarkSolveMillion(b *testing.B) {
	const n, k = 1_000_000, 8
	p := randomProblem(7, n, k, true)
	b.Run(fmt.Sprintf("choose/n=%d/k=%d", n, k), func(b *testing.B) {
		b.ReportAllocs()
		var pl Plan
		var err error
		m := startMem()
		for b.Loop() {
			if pl, err = Solve(p); err != nil {
				b.Fatal(err)
			}
		}
		m.report(b, pl, n, k)
	})
}
