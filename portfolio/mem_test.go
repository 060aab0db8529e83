package portfolio

import (
	"runtime"
	"testing"
	"unsafe"
)

// outputBytes returns the bytes of pl's per-unit slices (assignments and
// unit IDs), the part of a call's allocations that the caller keeps.
func outputBytes(pl Plan) float64 {
	return float64(cap(pl.Assignments))*float64(unsafe.Sizeof(Assignment{})) +
		float64(cap(pl.ids))*float64(unsafe.Sizeof(""))
}

// allocBytes returns the bytes f allocates, the least over runs calls (after
// one warm-up call), so that a stray allocation elsewhere cannot inflate it.
func allocBytes(runs int, f func()) float64 {
	f()
	best := -1.0
	var a, b runtime.MemStats
	for range runs {
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		if d := float64(b.TotalAlloc - a.TotalAlloc); best < 0 || d < best {
			best = d
		}
	}
	return best
}

// TestAssignMemoryWithinBudget checks the issue's memory target, "memory
// beyond the input ≤ 2 × N × K × 8 bytes", for the assignment step at
// N = 1e5, K = 8 (the benchmark's instance): the bytes Assign allocates, less
// the returned assignments and unit IDs, stay within 0.29 × the budget, and
// with them within 0.61 × it (measured: 0.270 × and 0.582 ×, the values read
// in place; the limits leave 5% for changes elsewhere). Allocation counts
// are deterministic for a given problem, so the least of two runs is a
// stable measure.
func TestAssignMemoryWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const n, k = 100_000, 8
	p := randomProblem(7, n, k, true)
	open := make([]bool, k)
	for j := range open {
		open[j] = true
	}
	var pl Plan
	total := allocBytes(2, func() {
		var err error
		if pl, err = Assign(p, open); err != nil {
			t.Fatal(err)
		}
	})
	budget := float64(2 * n * k * 8)
	working := total - outputBytes(pl)
	t.Logf("Assign n=%d k=%d: %.0f bytes, %.3f × budget; %.3f × budget beyond the plan", n, k, total, total/budget, working/budget)
	if working > 0.29*budget {
		t.Errorf("Assign working memory %.0f bytes, want ≤ 0.29 × budget 2·N·K·8 = %.0f", working, budget)
	}
	if total > 0.61*budget {
		t.Errorf("Assign memory with its plan %.0f bytes, want ≤ 0.61 × budget %.0f", total, budget)
	}
}

// TestSolveMemoryWithinBudget guards what the whole of Solve allocates (the
// open-set search, the Plan with its assignments and unit IDs, Focus and
// OneSizeFitsAll), against the budget of 2 × N × K × 8 bytes beyond
// the input, at N = 1e4, K = 8 and 12: BenchmarkSolve measured 0.896 × and
// 0.836 × the budget (N = 1e4 is the benchmarks' worst case, as the tracked
// units' share falls with N); the limits leave 5% for changes elsewhere,
// and a change that needs more should say so here. Allocation counts are deterministic for
// a given problem (goroutines add a few hundred bytes), so the least of two
// runs is a stable measure.
func TestSolveMemoryWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, tc := range []struct {
		n, k  int
		limit float64 // × budget
	}{{10_000, 8, 0.94}, {10_000, 12, 0.88}} {
		p := randomProblem(7, tc.n, tc.k, true)
		total := allocBytes(2, func() {
			if _, err := Solve(p); err != nil {
				t.Fatal(err)
			}
		})
		budget := float64(2 * tc.n * tc.k * 8)
		t.Logf("Solve n=%d k=%d: %.0f bytes, %.3f × budget", tc.n, tc.k, total, total/budget)
		if total > tc.limit*budget {
			t.Errorf("Solve n=%d k=%d allocates %.0f bytes = %.3f × budget 2·N·K·8, want ≤ %.2f ×",
				tc.n, tc.k, total, total/budget, tc.limit)
		}
	}
}
