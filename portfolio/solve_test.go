package portfolio

import (
	"math/rand/v2"
	"runtime"
	"strings"

	"errors"
	"fmt"
	"github.com/google/go-cmp/cmp"
	"math"
	"slices"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
	"pgregory.net/rapid"
)

// genProblem draws a small valid problem: K ≤ 4 strategies (the first of kind
// buy-what-we-have), N ≤ 6 units, optional capacities, ineligible pairs,
// fixed, coordination and silo costs, and values drawn sometimes from a small
// set so that ties are common.
func genProblem(t *rapid.T) Problem {
	k := rapid.IntRange(1, 4).Draw(t, "k")
	n := rapid.IntRange(1, 6).Draw(t, "n")
	ss := make([]strategy.Strategy, k)
	for j := range ss {
		kind := strategy.BuyWhatWeHave
		if j > 0 {
			kind = strategy.Kind(rapid.IntRange(1, 5).Draw(t, fmt.Sprintf("kind%d", j)))
		}
		ss[j] = strategy.Strategy{
			Name: fmt.Sprintf("s%d", j), Kind: kind,
			Orientation: strategy.Orientation(rapid.IntRange(1, 2).Draw(t, fmt.Sprintf("orient%d", j))),
			FixedCost:   rapid.SampledFrom([]float64{0, 0, 1, 2.5, 7}).Draw(t, fmt.Sprintf("fixed%d", j)),
		}
		if rapid.Bool().Draw(t, fmt.Sprintf("capped%d", j)) {
			ss[j].Capacity = rapid.Float64Range(0.2, 6).Draw(t, fmt.Sprintf("cap%d", j))
		}
	}
	val := rapid.OneOf(rapid.Float64Range(-5, 10), rapid.SampledFrom([]float64{0, 1, 2, 5}))
	us := make([]Unit, n)
	for i := range us {
		u := Unit{ID: fmt.Sprintf("u%d", i), Weight: rapid.Float64Range(0.1, 3).Draw(t, fmt.Sprintf("w%d", i))}
		u.Values = make([]float64, k)
		for j := range u.Values {
			u.Values[j] = val.Draw(t, fmt.Sprintf("v%d,%d", i, j))
		}
		if rapid.Bool().Draw(t, fmt.Sprintf("restrict%d", i)) {
			u.Eligible = make([]bool, k)
			for j := range u.Eligible {
				u.Eligible[j] = j == 0 || rapid.Float64Range(0, 1).Draw(t, fmt.Sprintf("e%d,%d", i, j)) < 0.7
			}
		}
		us[i] = u
	}
	return Problem{
		Strategies: ss, Units: us,
		CoordinationCost: rapid.SampledFrom([]float64{0, 0.5, 3}).Draw(t, "coord"),
		SiloCost:         rapid.SampledFrom([]float64{0, 1, 4}).Draw(t, "silo"),
		MaxOpen:          rapid.IntRange(0, 3).Draw(t, "maxopen"),
	}
}

const exactTol = 1e-9

// checkFeasible fails unless pl is a feasible plan for p whose reported parts
// add up.
func checkFeasible(t interface {
	Helper()
	Fatalf(string, ...any)
}, p *Problem, pl Plan) {
	t.Helper()
	k := len(p.Strategies)
	open := make([]bool, k)
	for _, name := range pl.Open {
		open[strategy.Index(p.Strategies, name)] = true
	}
	served := make([]float64, len(p.Units))
	load := make([]float64, k)
	var value float64
	for _, a := range pl.Assignments {
		u := p.Units[a.Unit]
		if !open[a.Strategy] || (u.Eligible != nil && !u.Eligible[a.Strategy]) || !(a.Amount > 0) {
			t.Fatalf("assignment %+v to a closed or ineligible strategy", a)
		}
		served[a.Unit] += a.Amount
		load[a.Strategy] += a.Amount
		value += a.Amount * u.Values[a.Strategy]
	}
	for i, u := range p.Units {
		if math.Abs(served[i]-u.Weight) > 1e-9*u.Weight {
			t.Fatalf("unit %d served %v, weight %v", i, served[i], u.Weight)
		}
	}
	cnt := 0
	for j, s := range p.Strategies {
		if s.Kind == strategy.BuyWhatWeHave && !open[j] {
			t.Fatalf("baseline %s closed", s.Name)
		}
		if s.Kind != strategy.BuyWhatWeHave && open[j] {
			cnt++
		}
		if s.Capacity > 0 && load[j] > s.Capacity*(1+1e-9)+1e-12 {
			t.Fatalf("strategy %s load %v > capacity %v", s.Name, load[j], s.Capacity)
		}
		if math.Abs(pl.Strategies[j].Weight-load[j]) > 1e-9*(1+load[j]) {
			t.Fatalf("strategy %s weight %v, assignments say %v", s.Name, pl.Strategies[j].Weight, load[j])
		}
	}
	if p.MaxOpen > 0 && cnt > p.MaxOpen {
		t.Fatalf("%d open > MaxOpen %d", cnt, p.MaxOpen)
	}
	if math.Abs(value-pl.Value) > 1e-9*(1+pl.Scale) {
		t.Fatalf("Value %v, assignments say %v", pl.Value, value)
	}
	if d := pl.Value - pl.FixedCost - pl.CoordinationCost - pl.SiloCost - pl.Net; math.Abs(d) > 1e-9*(1+pl.Scale) {
		t.Fatalf("Net %v does not add up (diff %v)", pl.Net, d)
	}
	if pl.Bound < pl.Net || pl.Gap() > exactTol {
		t.Fatalf("Bound %v, Net %v, gap %v", pl.Bound, pl.Net, pl.Gap())
	}
}

func TestSolveMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		want, feasible := bruteSolve(&p, p.MaxOpen)
		pl, err := Solve(p)
		if !feasible {
			if !errors.Is(err, connected.ErrInfeasible) {
				t.Fatalf("Solve error %v, want ErrInfeasible (brute force finds no feasible plan)", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Solve error: %v (brute force net %v)", err, want)
		}
		tol := exactTol * max(1, pl.Scale)
		if math.Abs(pl.Net-want) > tol {
			t.Fatalf("Net = %v, brute force %v (open %v)", pl.Net, want, pl.Open)
		}
		if pl.Bound < want-tol {
			t.Fatalf("Bound %v < brute-force optimum %v", pl.Bound, want)
		}
		checkFeasible(t, &p, pl)
		// focus
		fwant, ffeas := bruteSolve(&p, 1)
		if ffeas != !pl.Focus.Infeasible {
			t.Fatalf("Focus infeasible = %v, brute force feasible = %v", pl.Focus.Infeasible, ffeas)
		}
		if ffeas && math.Abs(pl.Focus.Net-fwant) > tol {
			t.Fatalf("Focus.Net = %v, brute force %v", pl.Focus.Net, fwant)
		}
		if ffeas && pl.Focus.Net > pl.Net+tol {
			t.Fatalf("Focus.Net %v > Net %v", pl.Focus.Net, pl.Net)
		}
		if !pl.OneSizeFitsAll.Infeasible && pl.OneSizeFitsAll.Net > pl.Net+tol {
			t.Fatalf("OneSizeFitsAll.Net %v > Net %v", pl.OneSizeFitsAll.Net, pl.Net)
		}
	})
}

func TestSolvePermutationInvariance(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		pl, err := Solve(p)
		if err != nil {
			t.Skip("infeasible")
		}
		n, k := len(p.Units), len(p.Strategies)
		up := rapid.Permutation(seq(n)).Draw(t, "unitPerm")
		sp := rapid.Permutation(seq(k)).Draw(t, "stratPerm")
		q := p
		q.Strategies = make([]strategy.Strategy, k)
		for j := range sp {
			q.Strategies[j] = p.Strategies[sp[j]]
		}
		q.Units = make([]Unit, n)
		for i := range up {
			u := p.Units[up[i]]
			v := Unit{ID: u.ID, Weight: u.Weight, Values: make([]float64, k)}
			if u.Eligible != nil {
				v.Eligible = make([]bool, k)
			}
			for j := range sp {
				v.Values[j] = u.Values[sp[j]]
				if u.Eligible != nil {
					v.Eligible[j] = u.Eligible[sp[j]]
				}
			}
			q.Units[i] = v
		}
		pq, err := Solve(q)
		if err != nil {
			t.Fatalf("permuted problem: %v", err)
		}
		tol := exactTol * max(1, pl.Scale)
		pairs := [][2]float64{{pl.Net, pq.Net}, {pl.Bound, pq.Bound}, {pl.Focus.Net, pq.Focus.Net}}
		if !baseCapped(&p) {
			// With a capacitated buy-what-we-have strategy, one size fits all
			// breaks ties in value by unit order (see Solve).
			pairs = append(pairs, [2]float64{pl.OneSizeFitsAll.Net, pq.OneSizeFitsAll.Net})
		}
		for _, c := range pairs {
			if math.Abs(c[0]-c[1]) > tol {
				t.Fatalf("net values %v (original) vs %v (permuted)", c[0], c[1])
			}
		}
	})
}

func TestSolveScaling(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		c := rapid.SampledFrom([]float64{0.001, 0.5, 3, 1000}).Draw(t, "c")
		pl, err := Solve(p)
		if err != nil {
			t.Skip("infeasible")
		}
		q := p
		q.Strategies = slices.Clone(p.Strategies)
		for j := range q.Strategies {
			q.Strategies[j].FixedCost *= c
		}
		q.CoordinationCost *= c
		q.SiloCost *= c
		q.Units = slices.Clone(p.Units)
		for i := range q.Units {
			q.Units[i].Values = slices.Clone(p.Units[i].Values)
			for j := range q.Units[i].Values {
				q.Units[i].Values[j] *= c
			}
		}
		pq, err := Solve(q)
		if err != nil {
			t.Fatalf("scaled problem: %v", err)
		}
		if math.Abs(pq.Net-c*pl.Net) > exactTol*max(1, pq.Scale) {
			t.Fatalf("scaled Net %v, want %v × %v = %v", pq.Net, c, pl.Net, c*pl.Net)
		}
	})
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func baseCapped(p *Problem) bool {
	for _, s := range p.Strategies {
		if s.Kind == strategy.BuyWhatWeHave && s.Capacity > 0 {
			return true
		}
	}
	return false
}

func TestSolveCertificateMedium(t *testing.T) {
	for _, tc := range []struct{ n, k int }{{300, 3}, {1000, 5}, {2000, 8}} {
		for seed := uint64(1); seed <= 3; seed++ {
			t.Run(fmt.Sprintf("n=%d/k=%d/seed=%d", tc.n, tc.k, seed), func(t *testing.T) {
				p := randomProblem(seed, tc.n, tc.k, true)
				pl, err := Solve(p)
				if err != nil {
					t.Fatal(err)
				}
				checkFeasible(t, &p, pl)
				if g := certificate(&p, pl); math.Abs(g) > exactTol {
					t.Errorf("dual at shadow prices − value = %v (relative), want ≤ %v", g, exactTol)
				}
				if pl.Focus.Net > pl.Net || pl.OneSizeFitsAll.Net > pl.Net {
					t.Errorf("Net %v below Focus %v or OneSizeFitsAll %v", pl.Net, pl.Focus.Net, pl.OneSizeFitsAll.Net)
				}
			})
		}
	}
}

// TestAssignCertificateLarge covers the sampled warm start (N ≥ 8192).
func TestAssignCertificateLarge(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		p := randomProblem(seed, 30_000, 8, true)
		open := []bool{true, true, true, true, true, true, true, true}
		pl, err := Assign(p, open)
		if err != nil {
			t.Fatal(err)
		}
		checkFeasible(t, &p, pl)
		if g := certificate(&p, pl); math.Abs(g) > exactTol {
			t.Errorf("seed %d: dual at shadow prices − value = %v (relative), want ≤ %v", seed, g, exactTol)
		}
	}
}

// TestSolveDeterministic: the same problem gives the same plan bit for bit,
// whatever GOMAXPROCS is (Solve is single-threaded and sums in unit order).
func TestSolveDeterministic(t *testing.T) {
	p := randomProblem(5, 9000, 6, true) // ≥ 8192 units: the sampled warm start too
	prev := runtime.GOMAXPROCS(1)
	a, errA := Solve(p)
	runtime.GOMAXPROCS(2)
	b, errB := Solve(p)
	runtime.GOMAXPROCS(prev)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if diff := cmp.Diff(a, b, cmp.AllowUnexported(Plan{})); diff != "" {
		t.Errorf("plans differ across GOMAXPROCS (-1 +2):\n%s", diff)
	}
	// Assign on several chunks of units, so that the parallel passes run.
	q := randomProblem(6, 3*chunkSize+100, 5, true)
	open := []bool{true, true, true, true, true}
	var plans [3]Plan
	for x, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		var err error
		if plans[x], err = Assign(q, open); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GOMAXPROCS(prev)
	for x := 1; x < len(plans); x++ {
		if diff := cmp.Diff(plans[0], plans[x], cmp.AllowUnexported(Plan{})); diff != "" {
			t.Errorf("Assign plans differ across GOMAXPROCS:\n%s", diff)
		}
	}
}

// TestSolveMatchesEnumerationLarge checks the branch and bound on an instance
// big enough for its sampled bounds (N ≥ 8192): Net equals the best over all
// open sets, each solved by Assign and certified optimal independently.
func TestSolveMatchesEnumerationLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	p := randomProblem(9, 9000, 5, true)
	p.MaxOpen = 3
	pl, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	checkFeasible(t, &p, pl)
	best := math.Inf(-1)
	for mask := 0; mask < 1<<4; mask++ {
		open := []bool{true, mask&1 != 0, mask&2 != 0, mask&4 != 0, mask&8 != 0}
		cnt := 0
		for _, o := range open[1:] {
			if o {
				cnt++
			}
		}
		if cnt > p.MaxOpen {
			continue
		}
		a, err := Assign(p, open)
		if err != nil {
			continue
		}
		if g := certificate(&p, a); math.Abs(g) > exactTol {
			t.Fatalf("open %v: certificate gap %v", open, g)
		}
		fixed, coord, silo := newModel(&p, make([]float64, len(p.Units))).cost(open)
		best = max(best, a.Value-fixed-coord-silo)
	}
	if math.Abs(pl.Net-best) > exactTol*pl.Scale {
		t.Errorf("Net %v, enumeration %v", pl.Net, best)
	}
}

// TestAssignCertifiedMedium: on random medium instances (N up to 600, so only
// part of the units is tracked by the exact phase), with many ties, capacities
// and ineligible pairs, Assign's plan is feasible and certified optimal by
// the dual at its own shadow prices; infeasibility is reported as such.
func TestAssignCertifiedMedium(t *testing.T) {
	var feasible, infeasible int
	defer func() { t.Logf("%d feasible, %d infeasible instances", feasible, infeasible) }()
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.IntRange(2, 4).Draw(t, "k")
		n := rapid.IntRange(200, 600).Draw(t, "n")
		seed := rapid.Uint64().Draw(t, "seed")
		ties := rapid.Bool().Draw(t, "ties")
		r := rand.New(rand.NewPCG(seed, 3))
		p := randomProblem(seed, n, k, true)
		for i := range p.Units {
			for j := range p.Units[i].Values {
				if ties {
					p.Units[i].Values[j] = float64(r.IntN(4))
				}
				if j > 0 && r.Float64() < 0.3 {
					p.Units[i].Eligible[j] = false
				}
			}
		}
		for j := range p.Strategies {
			if j > 0 {
				p.Strategies[j].Capacity = float64(n) * r.Float64() / float64(k)
			}
		}
		if rapid.Bool().Draw(t, "cappedBase") {
			p.Strategies[0].Capacity = float64(n) * r.Float64()
		}
		open := make([]bool, k)
		for j := range open {
			open[j] = true
		}
		pl, err := Assign(p, open)
		if err != nil {
			if !errors.Is(err, connected.ErrInfeasible) {
				t.Fatal(err)
			}
			infeasible++
			return
		}
		feasible++
		checkFeasible(t, &p, pl)
		if g := certificate(&p, pl); math.Abs(g) > exactTol {
			t.Fatalf("dual at shadow prices − value = %v (relative)", g)
		}
	})
}

func TestAssignOpenLengthError(t *testing.T) {
	p := Problem{
		Strategies: []strategy.Strategy{strategy.Default()[0]},
		Units:      []Unit{{ID: "a", Weight: 1, Values: []float64{1}}},
	}
	_, err := Assign(p, nil)
	if !errors.Is(err, connected.ErrMismatch) || !strings.Contains(err.Error(), "want 1") {
		t.Errorf("Assign(p, nil) error = %v, want ErrMismatch saying it wants 1", err)
	}
}
