package portfolio

import (
	"math"

	"github.com/connectedstrategy/connected/internal/num"
)

// exact finishes the LP from the current prices by successive shortest paths
// (see the lp doc). j1 must hold every unit's best strategy and mg its
// margin (topMargin or toMargins) at s.lam; mg is scratch afterwards. It reports false when the open set cannot absorb the
// weight; then s.reach marks the strategies whose units can go nowhere else.
// On success the flow is in asg/cx and s.lam holds the final prices.
func (s *lp) exact() bool {
	n, k, t := s.n, s.k, s.k
	if s.asg == nil {
		s.asg = s.j1 // j1 is not recomputed until the flow has been read
		s.loads = make([]num.Acc, k)
		s.arcN = make([]int, k*k)
	}
	s.nTr, s.sx = 0, s.sx[:0]
	for e := range s.heaps {
		s.heaps[e] = s.heaps[e][:0]
	}
	for j := range s.loads {
		s.loads[j] = num.Acc{}
	}
	for i := 0; i < n; i++ { // every unit untracked, at its best strategy
		s.loads[s.j1[i]].Add(s.w[i])
	}
	var ftSum num.Acc
	for j := 0; j < k; j++ {
		s.ft[j], s.bal[j], s.pi[j] = 0, 0, 0
		if !s.open[j] {
			continue
		}
		s.pi[j] = s.lam[j]
		l := s.loads[j].Value()
		f := min(l, s.caps[j])
		if s.capped[j] && s.pi[j] > 0 && l < s.caps[j] {
			f = s.caps[j] // complementary slackness: a priced strategy is full
		}
		s.ft[j] = f
		s.bal[j] = l - f
		ftSum.Add(f)
	}
	ftSum.Add(-s.wTot)
	s.pi[t], s.bal[t] = 0, ftSum.Value()
	eps := 1e-13 * s.wTot

	if !s.anyExcess(eps) {
		s.finishPrices()
		return true
	}
	s.minEx = math.Inf(1)
	s.tau = s.initialTau()
	s.fresh = true
	s.extend(s.tau, false)
	s.fresh = false
	for iter := 0; ; iter++ {
		if !s.anyExcess(eps) {
			break
		}
		target := s.dijkstra(eps)
		if target < 0 {
			// The path may need arcs through untracked units: track more
			// (never all at once, which would cost 4(K−1) bytes per unit).
			if s.nTr < n && s.extend(4*s.tau, true) {
				continue
			}
			for j := 0; j < k; j++ {
				s.reach[j] = s.open[j] && s.done[j]
			}
			return false
		}
		if s.nTr < n && s.dist[target] > s.lowerBound() {
			// Track the units within f × the path length: f = 4 saves
			// passes over the units while few are tracked, f = 2 saves
			// arc-heap memory once many are. f affects only speed and
			// memory: the flow is optimal for any f > 1.
			f := 4.0
			if s.nTr > n/32 {
				f = 2
			}
			s.extend(max(f*s.tau, f*s.dist[target]), false)
			continue
		}
		dT := s.dist[target]
		for v := 0; v <= k; v++ {
			if v == t || s.open[v] {
				s.pi[v] -= min(s.dist[v], dT)
			}
		}
		s.augment(target)
	}
	s.finishPrices()
	return true
}

func (s *lp) anyExcess(eps float64) bool {
	for v := 0; v <= s.k; v++ {
		if s.bal[v] > eps {
			return true
		}
	}
	return false
}

// finishPrices turns potentials into capacity prices λ_j = max(0, π_j − π_t).
func (s *lp) finishPrices() {
	t := s.k
	for _, j := range s.openIdx {
		if s.capped[j] {
			s.lam[j] = max(0, s.pi[j]-s.pi[t])
		} else {
			s.lam[j] = 0
		}
	}
}

// margin returns unit i's reduced value at its assigned strategy minus the
// best reduced value elsewhere, at potentials π.
func (s *lp) margin(i int) float64 {
	vals, el := s.row(i)
	a := s.asg[i]
	other := math.Inf(-1)
	for _, j := range s.openIdx {
		if el[j] && int32(j) != a {
			other = max(other, vals[j]-s.pi[j])
		}
	}
	return mask(vals[a], el[a]) - s.pi[a] - other
}

// tauSample is the most units initialTau reads.
const tauSample = 1 << 12

// initialTau picks a threshold that tracks about 64K + N/1024 units. It
// reads the margins mg that the caller left, on a systematic
// sample of at most tauSample units (the threshold only affects speed).
func (s *lp) initialTau() float64 {
	want := 64*s.k + s.n/1024
	if want >= s.n {
		return math.Inf(1)
	}
	stride := max(1, (s.n+tauSample-1)/tauSample)
	if cap(s.sel) < s.n/stride+1 {
		s.sel = make([]wv, 0, s.n/stride+1)
	}
	sel := s.sel[:0]
	for i := 0; i < s.n; i += stride {
		sel = append(sel, wv{-float64(s.mg[i]), 1})
	}
	s.sel = sel
	// the q-th smallest margin is the largest −margin τ with W(> τ) ≤ q − 1
	q := max(1, float64(want)*float64(len(sel))/float64(s.n))
	return -wselect(sel, q-0.5)
}

// extend tracks every untracked unit whose margin at the current potentials
// is at most tau and records the smallest margin left untracked. When grow
// is set it first raises tau to 4 × the smallest finite margin of an
// untracked unit if that is larger, so that at least one unit is tracked;
// it reports whether any was (false: every untracked unit has a single
// option, so no path runs through one).
//
// It grows the arc heaps once per call (see growTo): appending unit by unit
// would allocate up to 5 × their final size, as append grows large slices by
// 1.25× steps.
func (s *lp) extend(tau float64, grow bool) bool {
	copy(s.piRef, s.pi)
	if !s.fresh { // mg[i] = margin at the current potentials, rounded down
		parChunks(s.n, func(_, lo, hi int) {
			for i := lo; i < hi; i++ {
				if s.asg[i] >= 0 {
					s.mg[i] = down32(s.margin(i))
				}
			}
		})
	}
	if grow {
		lo := math.Inf(1)
		for i, a := range s.asg {
			if a >= 0 {
				lo = min(lo, float64(s.mg[i]))
			}
		}
		if math.IsInf(lo, 1) {
			return false
		}
		tau = max(tau, 4*lo, lo)
	}
	s.tau = tau
	s.minEx = math.Inf(1)
	k := s.k
	cnt := 0
	clear(s.arcN)
	for i, a := range s.asg {
		if a < 0 {
			continue
		}
		if m := float64(s.mg[i]); m > tau {
			s.minEx = min(s.minEx, m)
			continue
		}
		cnt++
		vals, el := s.row(i)
		for _, l := range s.openIdx {
			if l != int(a) && mask(vals[l], el[l]) != math.Inf(-1) {
				s.arcN[int(a)*k+l]++
			}
		}
	}
	if cnt == 0 {
		return false
	}
	for e, c := range s.arcN {
		if c > 0 {
			s.heaps[e] = growTo(s.heaps[e], c, s.n)
		}
	}
	for i, a := range s.asg {
		if a < 0 || float64(s.mg[i]) > tau {
			continue
		}
		s.asg[i] = -1 - a
		s.nTr++
		s.pushArcs(i, int(a))
	}
	return true
}

// growTo returns x with room for add more elements, reallocating at most once,
// to max(len + add, min(2 × cap, limit)) elements: doubling bounds the bytes
// allocated over many calls by twice the largest size, and limit (the most
// it can ever hold) keeps the last step from overshooting. Unlike
// slices.Grow it allocates no temporary, even under the race detector.
func growTo[E any](x []E, add, limit int) []E {
	if cap(x)-len(x) >= add {
		return x
	}
	t := make([]E, len(x), max(len(x)+add, min(2*cap(x), limit)))
	copy(t, x)
	return t
}

// lowerBound bounds from below the reduced cost of any arc through an
// untracked unit at the current potentials.
func (s *lp) lowerBound() float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, j := range s.openIdx {
		d := s.piRef[j] - s.pi[j]
		lo, hi = min(lo, d), max(hi, d)
	}
	return s.minEx + lo - hi
}

// The heap of arc j→l holds tracked units, ordered by the base cost
// v_ij − v_il of moving one from j to l (recomputed from the unit's values,
// so an entry is 4 bytes), then by unit index, so that ties break the same
// way for any heap history.

// arcKey returns the base cost of moving unit c from j to l; c is eligible
// for both (it has flow at j, and only eligible arcs enter a heap).
func (s *lp) arcKey(c int32, j, l int) float64 {
	vals, _ := s.row(int(c))
	return vals[j] - vals[l]
}

// before reports whether the entry (ka, a) goes above (kb, b) in a heap:
// base cost ka < kb, ties by unit index.
func before(ka float64, a int32, kb float64, b int32) bool {
	return ka < kb || (ka == kb && a < b)
}

// pushArcs enters tracked unit c into the heaps of every arc out of
// strategy j.
func (s *lp) pushArcs(c, j int) {
	k := s.k
	vals, el := s.row(c)
	for _, l := range s.openIdx {
		if l == j || mask(vals[l], el[l]) == math.Inf(-1) {
			continue
		}
		// stale entries can take a heap past n: keep doubling then too
		h := s.heaps[j*k+l]
		h = append(growTo(h, 1, max(s.n, 2*len(h))), int32(c))
		// sift up, moving the hole rather than swapping, with c's key
		// computed once: each arcKey reads a unit's values
		kc, x := s.arcKey(int32(c), j, l), len(h)-1
		for x > 0 {
			p := (x - 1) / 2
			if !before(kc, int32(c), s.arcKey(h[p], j, l), h[p]) {
				break
			}
			h[x] = h[p]
			x = p
		}
		h[x] = int32(c)
		s.heaps[j*k+l] = h
	}
}

// arcTop returns the base cost and index of the cheapest tracked unit that
// still has flow at j and may move to l, dropping stale entries, or c = −1.
func (s *lp) arcTop(j, l int) (float64, int32) {
	k := s.k
	h := s.heaps[j*k+l]
	for len(h) > 0 && s.flowAt(int(h[0]), j) <= 0 {
		last := len(h) - 1
		e := h[last]
		h = h[:last]
		if last == 0 {
			break
		}
		// sift e down from the root, moving the hole, each key computed once
		ke, x := s.arcKey(e, j, l), 0
		for {
			m, km, cm := x, ke, e
			if a := 2*x + 1; a < len(h) {
				if ka := s.arcKey(h[a], j, l); before(ka, h[a], km, cm) {
					m, km, cm = a, ka, h[a]
				}
			}
			if b := 2*x + 2; b < len(h) {
				if kb := s.arcKey(h[b], j, l); before(kb, h[b], km, cm) {
					m, cm = b, h[b]
				}
			}
			if m == x {
				break
			}
			h[x] = cm
			x = m
		}
		h[x] = e
	}
	s.heaps[j*k+l] = h
	if len(h) == 0 {
		return math.Inf(1), -1
	}
	return s.arcKey(h[0], j, l), h[0]
}

// dijkstra finds shortest reduced-cost paths from every node with excess and
// returns the first node with a deficit it settles, or −1.
func (s *lp) dijkstra(eps float64) int {
	k, t := s.k, s.k
	for v := 0; v <= k; v++ {
		s.dist[v] = math.Inf(1)
		s.done[v] = v < k && !s.open[v]
		s.pred[v], s.predC[v] = -1, -1
		if !s.done[v] && s.bal[v] > eps {
			s.dist[v] = 0
		}
	}
	relax := func(u, v int, c float64, slot int32) {
		if c < 0 {
			c = 0 // rounding; reduced costs are ≥ 0 in exact arithmetic
		}
		if d := s.dist[u] + c; d < s.dist[v] {
			s.dist[v], s.pred[v], s.predC[v] = d, int32(u), slot
		}
	}
	for {
		u := -1
		for v := 0; v <= k; v++ {
			if !s.done[v] && s.dist[v] < math.Inf(1) && (u < 0 || s.dist[v] < s.dist[u]) {
				u = v
			}
		}
		if u < 0 {
			return -1
		}
		s.done[u] = true
		if s.bal[u] < -eps {
			return u
		}
		if u == t {
			for _, j := range s.openIdx {
				if !s.done[j] && s.ft[j] > 0 {
					relax(t, j, s.pi[j]-s.pi[t], -1)
				}
			}
			continue
		}
		for _, l := range s.openIdx {
			if s.done[l] {
				continue
			}
			if d, c := s.arcTop(u, l); c >= 0 {
				relax(u, l, d-s.pi[u]+s.pi[l], c)
			}
		}
		if !s.done[t] && s.ft[u] < s.caps[u] {
			relax(u, t, s.pi[t]-s.pi[u], -1)
		}
	}
}

// augment pushes flow along the shortest path that ends at target.
func (s *lp) augment(target int) {
	t := s.k
	delta := -s.bal[target]
	v := target
	for s.pred[v] >= 0 {
		u := int(s.pred[v])
		switch {
		case u == t:
			delta = min(delta, s.ft[v])
		case v == t:
			delta = min(delta, s.caps[u]-s.ft[u])
		default:
			delta = min(delta, s.flowAt(int(s.predC[v]), u))
		}
		v = u
	}
	src := v
	delta = min(delta, s.bal[src])
	v = target
	for s.pred[v] >= 0 {
		u := int(s.pred[v])
		switch {
		case u == t:
			s.ft[v] = sub(s.ft[v], delta)
		case v == t:
			if delta >= s.caps[u]-s.ft[u] {
				s.ft[u] = s.caps[u] // saturated exactly, not within an ulp
			} else {
				s.ft[u] += delta
			}
		default:
			s.move(int(s.predC[v]), u, v, delta)
		}
		v = u
	}
	s.bal[src] = sub(s.bal[src], delta)
	s.bal[target] += delta
}

// flowAt returns the weight of unit i served by strategy j.
func (s *lp) flowAt(i, j int) float64 {
	a, row := s.at(i)
	switch {
	case row != nil:
		return row[j]
	case a == j:
		return s.w[i]
	}
	return 0
}

// at returns where unit i is served: a ≥ 0 when all its weight is at
// strategy a (tracked or not), else a = −1 and row its flows by strategy.
func (s *lp) at(i int) (a int, row []float64) {
	x := s.asg[i]
	if x >= 0 {
		return int(x), nil
	}
	a = int(-1 - x)
	if a < s.k {
		return a, nil
	}
	r := (a - s.k) * s.k
	return -1, s.sx[r : r+s.k : r+s.k]
}

// move moves delta ≤ its flow at u of tracked unit i from strategy u to v.
// A unit served by one strategy stays so while it moves whole; the first
// partial move gives it a row of sx.
func (s *lp) move(i, u, v int, delta float64) {
	k := s.k
	a, row := s.at(i)
	if row == nil { // all of w_i at a = u
		if delta >= s.w[i] {
			s.asg[i] = int32(-1 - v)
			s.pushArcs(i, v)
			return
		}
		r := len(s.sx)
		s.sx = growTo(s.sx, k, s.n*k)[:r+k]
		row = s.sx[r : r+k]
		clear(row)
		row[a] = s.w[i]
		s.asg[i] = int32(-1 - k - r/k)
	}
	row[u] = sub(row[u], delta)
	if row[v] == 0 {
		row[v] = delta
		s.pushArcs(i, v)
	} else {
		row[v] += delta
	}
}

// sub returns a − b, exactly 0 when b is a's whole remainder.
func sub(a, b float64) float64 {
	if b >= a {
		return 0
	}
	return a - b
}
