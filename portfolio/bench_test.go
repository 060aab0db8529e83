package portfolio

import (
	"fmt"
	"testing"
)

// BenchmarkSolve measures Solve ("choose": open-set choice by branch and bound, plus
// focus and one-size-fits-all) and Assign ("assign": the assignment LP for a fixed open
// set) on seeded random capacitated instances with 10% ineligible pairs (see
// randomProblem). Run the big sizes with -benchtime=3x.
func BenchmarkSolve(b *testing.B) {
	for _, tc := range []struct{ n, k int }{{10_000, 8}, {10_000, 12}, {10_000, 16}, {100_000, 8}} {
		p := randomProblem(7, tc.n, tc.k, true)
		b.Run(fmt.Sprintf("choose/n=%d/k=%d", tc.n, tc.k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Solve(p); err != nil {
					b.Fatal(err)
				}
			}
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
			for b.Loop() {
				if _, err := Assign(p, open); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
