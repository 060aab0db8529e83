package portfolio

import (
	"math"

	"github.com/connectedstrategy/connected/internal/num"
)

// lp solves the assignment step for a fixed open set exactly: the
// transportation LP
//
//	max Σ_ij v_ij x_ij  s.t.  Σ_j x_ij = w_i,  Σ_i x_ij ≤ cap_j,  x ≥ 0,
//
// with x_ij = 0 where unit i is not eligible for j or j is closed. Its
// Lagrangian dual over the capacity prices λ ≥ 0 is
//
//	D(λ) = Σ_i w_i max_j (v_ij − λ_j) + Σ_j λ_j cap_j,
//
// an upper bound on the LP for every λ ≥ 0 (weak duality), equal to it at the
// minimiser (LP duality). The method has two phases:
//
//  1. Dual coordinate descent: each capacitated price in turn is set to the
//     exact minimiser of D along its axis, a weighted quantile of the units'
//     preference margins (found by quickselect, O(N)). Each unit keeps its best
//     and second-best reduced value so that a price change costs O(1) for most
//     units. This gets λ close to optimal but may stall at a kink.
//  2. Exact finish by successive shortest paths (Ahuja, Magnanti & Orlin,
//     "Network Flows", 1993, §9.7) on the min-cost-flow form of the LP, started
//     from the pseudo-flow that gives each unit to its best strategy at λ, with
//     λ as node potentials. Units collapse into strategy-to-strategy arcs
//     (cost min_i (v_ij − v_il) − π_j + π_l over units i with flow at j), so
//     Dijkstra runs on K+1 nodes. Only units whose margin at the reference
//     prices is below a threshold τ are tracked; the others are provably not
//     on a shortest path while the path length stays below a lower bound on
//     their arc costs, and τ grows when that check fails.
//
// For N ≥ subMin, phase 1 is replaced by solving a 1-in-16 systematic sample
// of the units exactly (recursively, with capacities scaled to the sample's
// weight) and starting from its optimal prices; statistically they are within
// O(1/√(N/16)) of the full problem's, so few units need to move.
//
// At the end the flow is feasible and satisfies complementary slackness with
// the final potentials, so the primal value equals D(λ) up to rounding; the
// caller verifies both. Closed strategies get λ_j = +Inf, which removes them
// from every max without branching in the inner loops.
type lp struct {
	n, k   int
	w      []float64 // unit weights
	u      []Unit    // the values and eligibility of unit i at u[i], read in place
	v      []float64 // if not nil, a sample's own copy of its values instead of u: row i at v[i×k:], −Inf where ineligible
	yes    []bool    // k × true: the eligibility of a row of v, or of a unit whose Eligible is nil
	caps   []float64 // +Inf when unlimited
	capped []bool
	wTot   float64

	open       []bool
	openIdx    []int
	cappedOpen []int
	lam        []float64 // prices; +Inf for closed, 0 for uncapacitated

	// Per unit: the best and second-best reduced value and their strategies,
	// kept current by coordinate descent. b1, b2 and j2 are allocated only
	// when coordinate descent runs on this LP.
	b1, b2 []float64
	j1, j2 []int32 // j1 is also where a unit not in C is served
	// mg is the margin best − second best that exact() reads (see
	// topMargin), rounded down to float32: it only decides which units to
	// track and bounds the untracked ones' margins from below, so rounding
	// down keeps the exact phase exact and saves 4 bytes per unit.
	mg  []float32
	sel []wv // selection scratch

	// exact phase
	nTr   int       // tracked units
	sx    []float64 // split rows × k flows: the flows of tracked units served by several strategies
	pi    []float64 // potentials, k strategies then the sink
	piRef []float64 // potentials when C was last extended
	ft    []float64 // flow strategy → sink
	bal   []float64 // imbalance per node, > 0 excess
	heaps [][]int32 // k×k arc heaps of tracked units by base cost
	dist  []float64
	done  []bool
	pred  []int32
	predC []int32
	tau   float64
	minEx float64 // smallest margin among untracked units at piRef

	// asg is the flow per unit (it aliases j1): a ≥ 0 untracked, all its
	// weight at strategy a; −k ≤ a < 0 tracked, all its weight at −1−a;
	// a < −k tracked and split, its flows in row −1−k−a of sx. A tracked
	// unit costs only its arc-heap entries; few are ever split (a basic
	// optimal solution splits at most K units; Solve at N = 1e5, K = 8
	// split at most 7 per LP), so rows of K flows are kept for those alone.
	asg   []int32
	arcN  []int     // k×k scratch: new entries per arc heap
	loads []num.Acc // per-strategy scratch
	reach []bool    // strategies reachable when infeasible

	parts []float64 // per-chunk partial sums
	sub   *lp       // a 1-in-16 systematic sample, for warm starts when n is large
	fresh bool      // mg holds the margins at the current potentials
}

// subMin is the smallest n for which solve warm-starts from a sample: below
// it, dual coordinate descent on all units is cheap enough.
const subMin = 8192

// sampled returns the 1-in-16 sample LP, building it on first use.
func (s *lp) sampled() *lp {
	if s.sub == nil {
		s.sub = s.subsample(16)
	}
	return s.sub
}

// approx sets s.lam to prices near the optimum of the LP for the open set,
// from the warm start in s.lam, cheaply: the sample's optimal prices when n
// is large, else sweeps of coordinate descent. It returns D(λ) at them, an
// upper bound on the LP.
func (s *lp) approx(open []bool, sweeps int, scale float64) float64 {
	if s.n >= subMin {
		s.samplePrices(open, sweeps, scale)
		return s.bestDual()
	}
	s.setOpen(open)
	s.initTop2()
	s.cd(sweeps, scale)
	return s.dual()
}

// samplePrices sets s.lam to the sample's optimal prices for the open set
// (approx for n ≥ subMin without D(λ), which the caller computes).
func (s *lp) samplePrices(open []bool, sweeps int, scale float64) {
	sub := s.sampled()
	copy(sub.lam, s.lam)
	sub.solve(open, sweeps, scale)
	copy(s.lam, sub.lam)
	s.setOpen(open)
}

// solve solves the LP for the open set from the prices in s.lam (a warm
// start) and reports false if it is infeasible. For large n it first solves a
// 1-in-16 systematic sample exactly (recursively) and starts from the
// sample's optimal prices, which are close to the full problem's; otherwise
// it runs sweeps of coordinate descent. Either only affects speed.
func (s *lp) solve(open []bool, sweeps int, scale float64) bool {
	if s.n < subMin {
		return s.cdSolve(open, sweeps, scale)
	}
	s.sampled()
	copy(s.sub.lam, s.lam)
	s.sub.solve(open, sweeps, scale)
	copy(s.lam, s.sub.lam)
	s.setOpen(open)
	s.topMargin()
	return s.exact()
}

// cdSolve is solve without the sample: coordinate descent, then exact.
func (s *lp) cdSolve(open []bool, sweeps int, scale float64) bool {
	s.setOpen(open)
	s.initTop2()
	s.cd(sweeps, scale)
	s.toMargins()
	return s.exact()
}

type wv struct{ t, w float64 }

// newLP returns the LP over units u (unit i at u[i], with weight w[i]) and
// capacities caps (0 = unlimited).
func newLP(w []float64, u []Unit, caps []float64, n, k int) *lp {
	s := &lp{n: n, k: k, w: w, u: u, caps: make([]float64, k), capped: make([]bool, k), yes: make([]bool, k)}
	for j := range s.yes {
		s.yes[j] = true
	}
	for j, c := range caps {
		if c > 0 {
			s.caps[j], s.capped[j] = c, true
		} else {
			s.caps[j] = math.Inf(1)
		}
	}
	var acc num.Acc
	for _, x := range w {
		acc.Add(x)
	}
	s.wTot = acc.Value()
	s.open = make([]bool, k)
	s.lam = make([]float64, k)
	s.mg = make([]float32, n)
	s.j1 = make([]int32, n)
	s.pi = make([]float64, k+1)
	s.piRef = make([]float64, k+1)
	s.ft = make([]float64, k)
	s.bal = make([]float64, k+1)
	s.heaps = make([][]int32, k*k)
	s.dist = make([]float64, k+1)
	s.done = make([]bool, k+1)
	s.pred = make([]int32, k+1)
	s.predC = make([]int32, k+1)
	s.reach = make([]bool, k)
	return s
}

// setOpen fixes the open set. Prices of strategies that stay open and are
// capacitated keep their (warm-start) values.
func (s *lp) setOpen(open []bool) {
	copy(s.open, open)
	s.openIdx = s.openIdx[:0]
	s.cappedOpen = s.cappedOpen[:0]
	for j := 0; j < s.k; j++ {
		switch {
		case !open[j]:
			s.lam[j] = math.Inf(1)
		case s.capped[j]:
			s.openIdx = append(s.openIdx, j)
			s.cappedOpen = append(s.cappedOpen, j)
			if !(s.lam[j] >= 0 && s.lam[j] < math.Inf(1)) {
				s.lam[j] = 0
			}
		default:
			s.openIdx = append(s.openIdx, j)
			s.lam[j] = 0
		}
	}
}

// top2 recomputes the best and second-best reduced values of unit i.
func (s *lp) top2(i int) {
	vals, el := s.row(i)
	best, second := math.Inf(-1), math.Inf(-1)
	bj, sj := int32(-1), int32(-1)
	for _, j := range s.openIdx {
		if !el[j] {
			continue
		}
		x := vals[j] - s.lam[j]
		if x > best {
			second, sj = best, bj
			best, bj = x, int32(j)
		} else if x > second {
			second, sj = x, int32(j)
		}
	}
	s.b1[i], s.b2[i], s.j1[i], s.j2[i] = best, second, bj, sj
}

func (s *lp) initTop2() {
	if s.b2 == nil {
		s.b1 = make([]float64, s.n)
		s.b2 = make([]float64, s.n)
		s.j2 = make([]int32, s.n)
	}
	for i := 0; i < s.n; i++ {
		s.top2(i)
	}
}

// bestDual returns D(λ) at the current prices from scratch, without touching
// the per-unit state.
func (s *lp) bestDual() float64 {
	d := parSum(s.n, &s.parts, func(lo, hi int) float64 {
		var acc num.Acc
		for i := lo; i < hi; i++ {
			vals, el := s.row(i)
			best := math.Inf(-1)
			for _, j := range s.openIdx {
				if el[j] {
					best = max(best, vals[j]-s.lam[j])
				}
			}
			acc.Add(s.w[i] * best)
		}
		return acc.Value()
	})
	var acc num.Acc
	acc.Add(d)
	for _, j := range s.cappedOpen {
		acc.Add(s.lam[j] * s.caps[j])
	}
	return acc.Value()
}

// topMargin sets, for every unit, j1 to its best strategy and mg to the
// margin of the best over the second-best reduced value (+Inf when it has
// one option), as exact() needs them.
func (s *lp) topMargin() {
	parChunks(s.n, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			vals, el := s.row(i)
			best, second := math.Inf(-1), math.Inf(-1)
			bj := int32(-1)
			for _, j := range s.openIdx {
				if !el[j] {
					continue
				}
				x := vals[j] - s.lam[j]
				if x > best {
					second = best
					best, bj = x, int32(j)
				} else if x > second {
					second = x
				}
			}
			s.mg[i], s.j1[i] = down32(best-second), bj
		}
	})
}

// toMargins turns the current best and second-best values into the margins
// exact() reads.
func (s *lp) toMargins() {
	for i := 0; i < s.n; i++ {
		s.mg[i] = down32(s.b1[i] - s.b2[i])
	}
}

// down32 returns the largest float32 ≤ x (x not NaN).
func down32(x float64) float32 {
	f := float32(x)
	if float64(f) > x {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

// dual returns D(λ) at the current prices; b1 must be current.
func (s *lp) dual() float64 {
	var acc num.Acc
	for i := 0; i < s.n; i++ {
		acc.Add(s.w[i] * s.b1[i])
	}
	for _, j := range s.cappedOpen {
		acc.Add(s.lam[j] * s.caps[j])
	}
	return acc.Value()
}

// lineSearch returns the minimiser of D along coordinate j (capacitated,
// open): the smallest λ_j ≥ 0 at which the weight strictly preferring j fits
// its capacity. It returns −1 when units that can go nowhere else already
// exceed the capacity.
func (s *lp) lineSearch(j int) float64 {
	if cap(s.sel) < s.n {
		s.sel = make([]wv, 0, s.n)
	}
	sel := s.sel[:0]
	var tot num.Acc
	for i := 0; i < s.n; i++ {
		vals, el := s.row(i)
		vij := mask(vals[j], el[j])
		if vij == math.Inf(-1) {
			continue
		}
		other := s.b1[i]
		if s.j1[i] == int32(j) {
			other = s.b2[i]
		}
		t := vij - other
		if t > 0 {
			sel = append(sel, wv{t, s.w[i]})
			tot.Add(s.w[i])
		}
	}
	s.sel = sel
	if tot.Value() <= s.caps[j] {
		return 0
	}
	t := wselect(sel, s.caps[j])
	if math.IsInf(t, 1) {
		return -1
	}
	return t
}

// wselect returns τ among a's t with W(t > τ) ≤ c < W(t ≥ τ), for W(a) > c. It
// reorders a.
func wselect(a []wv, c float64) float64 {
	p := a[0].t
	for len(a) > 0 {
		p = median3(a)
		lt, i, gt := 0, 0, len(a)
		for i < gt {
			switch t := a[i].t; {
			case t > p:
				a[lt], a[i] = a[i], a[lt]
				lt++
				i++
			case t < p:
				gt--
				a[i], a[gt] = a[gt], a[i]
			default:
				i++
			}
		}
		var wg, we float64
		for _, x := range a[:lt] {
			wg += x.w
		}
		for _, x := range a[lt:gt] {
			we += x.w
		}
		switch {
		case wg > c:
			a = a[:lt]
		case wg+we > c:
			return p
		default:
			c -= wg + we
			a = a[gt:]
		}
	}
	return p
}

func median3(a []wv) float64 {
	x, y, z := a[0].t, a[len(a)/2].t, a[len(a)-1].t
	if x > y {
		x, y = y, x
	}
	if y > z {
		y = z
	}
	if x > y {
		return x
	}
	return y
}

// setPrice moves λ_j and keeps every unit's best and second best current.
func (s *lp) setPrice(j int, lam float64) {
	s.lam[j] = lam
	jj := int32(j)
	for i := 0; i < s.n; i++ {
		vals, el := s.row(i)
		vij := mask(vals[j], el[j])
		if vij == math.Inf(-1) {
			continue
		}
		if s.j1[i] == jj || s.j2[i] == jj {
			s.top2(i)
			continue
		}
		x := vij - lam
		if x > s.b2[i] {
			if x > s.b1[i] {
				s.b2[i], s.j2[i] = s.b1[i], s.j1[i]
				s.b1[i], s.j1[i] = x, jj
			} else {
				s.b2[i], s.j2[i] = x, jj
			}
		}
	}
}

// cd runs up to sweeps rounds of dual coordinate descent; b1..j2 must be
// current. It reports whether some capacity cannot be met.
func (s *lp) cd(sweeps int, scale float64) {
	for range sweeps {
		var moved float64
		for _, j := range s.cappedOpen {
			t := s.lineSearch(j)
			if t < 0 {
				continue // infeasible along this axis; the exact phase decides
			}
			if t != s.lam[j] {
				moved = max(moved, math.Abs(t-s.lam[j]))
				s.setPrice(j, t)
			}
		}
		if moved <= 1e-13*scale {
			return
		}
	}
}

// subsample returns an LP over every stride-th unit (a systematic sample)
// with capacities scaled by the sample's share of the weight. Its optimal
// prices approximate the full problem's and warm-start it.
//
// The sample copies its values, −Inf where ineligible (8·K bytes per
// sampled unit, 1/32 of the memory budget for stride 16): its passes, many
// per solve, then read 8·K contiguous bytes per unit rather than a Unit and
// its two slices scattered over the caller's, which keeps it in cache.
func (s *lp) subsample(stride int) *lp {
	m := (s.n + stride - 1) / stride
	w := make([]float64, 0, m)
	v := make([]float64, 0, m*s.k)
	var ws float64
	for i := 0; i < s.n; i += stride {
		w = append(w, s.w[i])
		ws += s.w[i]
		vals, el := s.row(i)
		for j := range s.k {
			v = append(v, mask(vals[j], el[j]))
		}
	}
	caps := make([]float64, s.k)
	for j := range caps {
		if s.capped[j] {
			caps[j] = s.caps[j] * ws / s.wTot
		}
	}
	sub := newLP(w, nil, caps, len(w), s.k)
	sub.v = v
	return sub
}

// row returns the LP's unit i's values and eligibility, both of length k:
// v_ij is mask(vals[j], el[j]), −Inf where ineligible.
func (s *lp) row(i int) (vals []float64, el []bool) {
	if s.v != nil {
		o := i * s.k
		return s.v[o : o+s.k : o+s.k], s.yes
	}
	u := &s.u[i]
	if u.Eligible == nil {
		return u.Values, s.yes
	}
	return u.Values, u.Eligible
}

// mask returns x when ok, else −Inf (what x is when its value is −Inf: the
// pair is ineligible), without a branch the data could mispredict.
func mask(x float64, ok bool) float64 {
	b := math.Float64bits(x)
	if !ok {
		b = negInfBits
	}
	return math.Float64frombits(b)
}

// negInfBits is the bit pattern of −Inf.
const negInfBits = 0xfff0000000000000
