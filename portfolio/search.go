package portfolio

import (
	"math"
	"slices"

	"github.com/connectedstrategy/connected/internal/num"
	"github.com/connectedstrategy/connected/strategy"
)

// search is one depth-first branch and bound over open sets (see Solve).
type search struct {
	m       *model
	maxOpen int
	tol     float64

	found   bool
	incNet  float64
	incOpen []bool
	incLam  []float64
	bound   float64 // max over pruned nodes and solved leaves

	state []int8 // per strategy: 0 undecided, 1 open, 2 closed
	open  []bool
	lams  [][]float64 // warm-start prices per depth
	gain  []float64
	items [3][]float64
}

func (m *model) search(maxOpen int, lam0 []float64) *search {
	if maxOpen <= 0 || maxOpen > len(m.q) {
		maxOpen = len(m.q)
	}
	se := &search{
		m: m, maxOpen: maxOpen, tol: 1e-12 * m.scale,
		incNet: math.Inf(-1), bound: math.Inf(-1),
		state: make([]int8, m.k), open: make([]bool, m.k), gain: make([]float64, m.k),
	}
	for j := range se.state {
		if m.base[j] {
			se.state[j] = 1
		}
	}
	se.lams = make([][]float64, len(m.q)+2)
	for d := range se.lams {
		se.lams[d] = make([]float64, m.k)
	}
	copy(se.lams[0], lam0)
	se.node(0)
	return se
}

func (se *search) node(depth int) {
	m, s := se.m, se.m.lp
	lam := se.lams[depth]
	nF, branch := 0, -1
	for _, j := range m.q {
		switch se.state[j] {
		case 1:
			nF++
		case 0:
			branch = j
		}
	}
	if branch < 0 || nF == se.maxOpen {
		se.leaf(lam)
		return
	}
	// Bound 1: the dual of the LP with every undecided strategy open.
	for j := range se.open {
		se.open[j] = se.state[j] != 2
	}
	// For large n the sample gives the prices and gainBound computes D(λ)
	// in its pass over the units, bit for bit as approx would.
	copy(s.lam, lam)
	fused := s.n >= subMin
	var d float64
	if fused {
		s.samplePrices(se.open, nodeSweeps, m.scale/max(s.wTot, 1e-300))
	} else {
		d = s.approx(se.open, nodeSweeps, m.scale/max(s.wTot, 1e-300))
	}
	copy(lam, s.lam)
	for j := range se.open {
		se.open[j] = se.state[j] == 1
	}
	fixedF, coordF, siloF := m.cost(se.open)
	// Bound 2: submodular bound over completions at the same prices.
	ub2, j, dAll := se.gainBound(lam, nF, fixedF, fused)
	if fused {
		d = dAll
	}
	ub := d - fixedF - coordF - siloF
	if ub2 < ub {
		ub, branch = ub2, j
	} else {
		branch = j
	}
	if se.found && ub <= se.incNet+se.tol {
		se.bound = max(se.bound, ub)
		return
	}
	next := se.lams[depth+1]
	if nF < se.maxOpen {
		se.state[branch] = 1
		copy(next, lam)
		se.node(depth + 1)
	}
	se.state[branch] = 2
	copy(next, lam)
	se.node(depth + 1)
	se.state[branch] = 0
}

func (se *search) leaf(lam []float64) {
	m, s := se.m, se.m.lp
	for j := range se.open {
		se.open[j] = se.state[j] == 1
	}
	copy(s.lam, lam)
	primal, bound, ok := m.solveExact(se.open)
	if !ok {
		return
	}
	c := m.totalCost(se.open)
	net := primal - c
	se.bound = max(se.bound, bound-c)
	if !se.found || net > se.incNet {
		se.found = true
		se.incNet = net
		se.incOpen = slices.Clone(se.open)
		se.incLam = slices.Clone(s.lam)
	}
}

// gainBound returns the submodular upper bound on the net value of every
// completion of the node at prices lam, and the undecided strategy with the
// largest gain minus fixed cost (the branching choice). When dual is set it
// also returns D(λ) of the LP with every undecided strategy open, summed as
// lp.bestDual sums it (compensated, per chunk of units, chunks merged in
// order), so bit for bit equal to it; m.lp's open set must be that LP's.
func (se *search) gainBound(lam []float64, nF int, fixedF float64, dual bool) (float64, int, float64) {
	m, s := se.m, se.m.lp
	k := m.k
	var undecided, inF []int
	var fE, fS bool
	for j := 0; j < k; j++ {
		se.gain[j] = 0
		switch se.state[j] {
		case 0:
			undecided = append(undecided, j)
		case 1:
			inF = append(inF, j)
			if !m.base[j] {
				fE = fE || m.orient[j] == strategy.Engagement
				fS = fS || m.orient[j] == strategy.Solutions
			}
		}
	}
	var dF float64
	nc := (s.n + chunkSize - 1) / chunkSize
	if cap(s.parts) < nc {
		s.parts = make([]float64, nc)
	}
	parts := s.parts[:nc]
	for c := range parts {
		var acc num.Acc // D(λ) of the chunk, when dual is set
		for i := c * chunkSize; i < min(s.n, (c+1)*chunkSize); i++ {
			vals, el := s.row(i)
			bF := math.Inf(-1)
			for _, j := range inF {
				if el[j] {
					bF = max(bF, vals[j]-lam[j])
				}
			}
			wi := s.w[i]
			dF += wi * bF
			best := bF // over F ∪ U: max is exact, so the order does not matter
			for _, j := range undecided {
				if !el[j] {
					continue
				}
				y := vals[j] - lam[j]
				best = max(best, y)
				if x := y - bF; x > 0 {
					se.gain[j] += wi * x
				}
			}
			if dual {
				acc.Add(wi * best)
			}
		}
		parts[c] = acc.Value()
	}
	var dAll float64
	if dual {
		var acc num.Acc
		for _, x := range parts {
			acc.Add(x)
		}
		var tot num.Acc
		tot.Add(acc.Value())
		for _, j := range s.cappedOpen {
			tot.Add(lam[j] * s.caps[j])
		}
		dAll = tot.Value()
	}
	for _, j := range inF {
		if s.capped[j] {
			dF += lam[j] * s.caps[j]
		}
	}
	branch, bestVal := -1, math.Inf(-1)
	for c := range se.items {
		se.items[c] = se.items[c][:0]
	}
	for _, j := range undecided {
		if s.capped[j] {
			se.gain[j] += lam[j] * s.caps[j]
		}
		val := se.gain[j] - m.fixed[j]
		if val > bestVal {
			branch, bestVal = j, val
		}
		se.items[2] = append(se.items[2], val)
		if m.orient[j] == strategy.Engagement {
			se.items[0] = append(se.items[0], val)
		} else {
			se.items[1] = append(se.items[1], val)
		}
	}
	maxAdd := se.maxOpen - nF
	cc, silo := m.p.CoordinationCost, m.p.SiloCost
	best := math.Inf(-1)
	for c, list := range se.items {
		slices.SortFunc(list, func(a, b float64) int {
			switch {
			case a > b:
				return -1
			case a < b:
				return 1
			}
			return 0
		})
		sum := 0.0
		for add := 0; add <= min(len(list), maxAdd); add++ {
			if add > 0 {
				sum += list[add-1]
			}
			var sc float64
			switch c {
			case 0: // only engagement strategies added
				if fS && (fE || add > 0) {
					sc = silo
				}
			case 1: // only solutions strategies added
				if fE && (fS || add > 0) {
					sc = silo
				}
			default: // the completion spans both orientations
				sc = silo
			}
			coord := cc * float64(max(0, nF+add-1))
			best = max(best, sum-coord-sc)
		}
	}
	return dF - fixedF + best, branch, dAll
}
