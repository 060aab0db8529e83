package portfolio

import "testing"

// TestSolveAllocsDoNotGrowWithUnits checks the promise that Solve allocates
// nothing per unit: a 10× larger problem may add only a few allocations
// (slices that grow by doubling), never one per unit.
func TestSolveAllocsDoNotGrowWithUnits(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	allocs := func(n int) float64 {
		p := randomProblem(3, n, 6, true)
		return testing.AllocsPerRun(2, func() {
			if _, err := Solve(p); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(300), allocs(3000)
	if large > small+200 {
		t.Errorf("Solve allocations: %v for 300 units, %v for 3000; want no per-unit growth", small, large)
	}
	t.Logf("allocations: %v (300 units), %v (3000 units)", small, large)
}
