// Package portfolio decides which connected strategies a firm should build and
// whom to serve with each, exactly, at scale, and with reasons.
//
// # Overview
//
// A [Problem] lists strategies (each with a fixed cost, an optional capacity
// and an orientation) and units (customers or weighted segments, each with a
// value per unit of weight under every strategy and the strategies it is
// eligible for). [Solve] chooses the open set and the split of every unit
// over open, eligible strategies that maximise net value — a capacitated
// facility-location problem (Balinski 1965) with a coordination cost per
// extra strategy and a silo cost when both MIT CISR orientations are open —
// and proves the answer with an upper bound ([Plan.Bound], gap ≤ 1e-9). The
// [Plan] also reports the best plan with one strategy besides
// buy-what-we-have ([Focus], CISR's "choose one digital strategy") and the
// best one-size-fits-all plan, so the price of focus and the value of the
// portfolio are visible, and per-strategy totals with the shadow price of
// each capacity.
//
// # Where to start
//
//   - Build a Problem by hand, decode one from JSON ([Problem.UnmarshalJSON]),
//     or derive one from customers with [Market.Problem]: values are the
//     expected profit of serving each customer with each strategy under a
//     customer.Model, eligibility follows customer.Eligible (consent is a
//     hard rule), and the rule that said no travels with the unit.
//   - [Solve] for the whole decision; [Assign] when the open set is given.
//   - [Plan.Explain] says why a unit got what it got: ineligible (and why),
//     not built, full, or worse, with the runner-up and the margin.
//   - The program examples/plan reads a problem as JSON and prints the plan.
//
// # Speed and memory
//
// The assignment LP for a fixed open set is solved by the Lagrangian dual
// over capacity prices and an exact successive-shortest-path finish on K+1
// nodes; large problems warm-start from a solved 1-in-16 sample. The open set
// is chosen by branch and bound with Lagrangian and submodular bounds (see
// [Solve]). BenchmarkSolve measures N = 1e5 and 1e6 units × K = 8 capacitated
// strategies (Assign) and the open-set choice for K = 8, 12 and 16 over
// N = 1e4 and for K = 8 over N = 1e5 (Solve); BenchmarkSolveMillion runs
// Solve at N = 1e6, K = 8.
//
// Memory is counted against the budget of 2·N·K·8 bytes beyond the
// input, as every byte a call allocates (Go's TotalAlloc, garbage included),
// the returned Plan included. The values and eligibility are read in place
// from Problem.Units, never copied. Working memory is the weights (8·N,
// which first hold the hashes of the unit IDs for the duplicate check), 8·N
// bytes of per-unit margins and assignments, a 1-in-16 sample with its own
// copy of its values (8·N·K/16 bytes, so that its many passes stay in
// cache), and, for each unit the exact finish tracks near a price tie, 4
// bytes per strategy it may move to (its arc-heap entries; the few units
// split between strategies add a row of K flows). One-size-fits-all sorts,
// per capacitated strategy, only the units that can fill it (about twice
// its capacity) and marks the filled ones in a bitset. Nothing is allocated
// per unit in the inner loops. The returned Plan adds 24 bytes per
// assignment and 16 per unit ID. At K = 8, Assign allocates 0.58 × the
// budget at N = 1e5 and 0.52 × at N = 1e6 (0.27 × and 0.20 × beyond its
// Plan); Solve, which also solves the LP of many open sets and the
// comparisons, allocates 0.74 × at N = 1e5 and 0.57 × at N = 1e6, and
// 0.79–0.90 × at N = 1e4 for K = 16 to 8 (TestAssignMemoryWithinBudget,
// TestSolveMemoryWithinBudget; BenchmarkSolve and BenchmarkSolveMillion
// report x-budget, and x-budget-working without the Plan's per-unit
// slices).
//
// # Determinism
//
// Solve reads no randomness and sums in a fixed order with compensated sums.
// Its per-unit passes over large problems use up to GOMAXPROCS goroutines on
// fixed chunks of units whose partial sums merge in chunk order, so the same
// Problem gives the same Plan bit for bit, whatever GOMAXPROCS is.
//
// # Concurrency
//
// Problem, Plan and Explanation are plain values: Solve and Explain do not
// modify their inputs, and any number of goroutines may call them at once.
// Solve and Assign read each unit's Values and Eligible in place, without a
// copy, while they run: do not modify a Problem's units during a call. The
// returned Plan copies what it keeps (the unit IDs), so changing the
// Problem afterwards does not change the Plan.
//
// # Errors
//
// Invalid input returns *connected.FieldError values naming the field by its
// JSON path (e.g. "units[3].values[1]"); infeasible problems wrap
// connected.ErrInfeasible and name the unit or the strategies at fault.
package portfolio
