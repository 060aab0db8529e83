package portfolio

import (
	"cmp"
	"math"
	"slices"

	"github.com/connectedstrategy/connected/internal/num"
)

// oneSizeFitsAll evaluates, for every strategy s, the plan that gives s to
// every unit eligible for it (highest value first when s is capacitated) and
// the rest to the buy-what-we-have strategies, and returns the best.
func (m *model) oneSizeFitsAll(lam0 []float64) OneSizeFitsAll {
	best := OneSizeFitsAll{Infeasible: true}
	s := m.lp
	n, k := m.n, m.k
	baseCapped := false
	baseOpen := make([]bool, k)
	for j := range baseOpen {
		baseOpen[j] = m.base[j]
		baseCapped = baseCapped || (m.base[j] && s.capped[j])
	}
	rest := make([]float64, n)
	var order []cand
	var rlp *lp
	if baseCapped {
		rlp = newLP(rest, s.v, capsOf(s), n, k)
	}
	for sj := 0; sj < k; sj++ {
		// alt is unit i's best buy-what-we-have value, sj aside: a tie-break
		// computed only for equal values rather than stored per unit
		alt := func(i int32) float64 {
			a := math.Inf(-1)
			row := s.v[int(i)*k : int(i+1)*k]
			for j, x := range row {
				if m.base[j] && j != sj {
					a = max(a, x)
				}
			}
			return a
		}
		var val num.Acc
		left := math.Inf(1)
		for i := range rest {
			rest[i] = s.w[i]
		}
		if s.capped[sj] {
			if order == nil {
				order = make([]cand, 0, n)
			}
			order = order[:0]
			for i := 0; i < n; i++ {
				if x := s.v[i*k+sj]; x > math.Inf(-1) {
					order = append(order, cand{x, int32(i)})
				}
			}
			// highest value first; among equal values, the unit whose best
			// other buy-what-we-have value is worst first, then unit order
			slices.SortFunc(order, func(a, b cand) int {
				if c := cmp.Compare(b.v, a.v); c != 0 {
					return c
				}
				if c := cmp.Compare(alt(a.i), alt(b.i)); c != 0 {
					return c
				}
				return cmp.Compare(a.i, b.i)
			})
			left = s.caps[sj]
			for _, c := range order {
				i := c.i
				if left <= 0 {
					break
				}
				amt := min(left, s.w[i])
				left -= amt
				rest[i] -= amt
				val.Add(amt * s.v[int(i)*k+sj])
			}
		} else {
			for i := 0; i < n; i++ {
				if x := s.v[i*k+sj]; x > math.Inf(-1) {
					rest[i] = 0
					val.Add(s.w[i] * x)
				}
			}
		}
		if baseCapped {
			rlp.setWeights(rest)
			copy(rlp.lam, lam0)
			// a capacitated baseline given to everyone keeps only what is left
			if m.base[sj] && s.capped[sj] {
				rlp.caps[sj] = max(left, 0)
			}
			ok := rlp.cdSolve(baseOpen, exactSweeps, m.scale/max(s.wTot, 1e-300))
			rlp.caps[sj] = s.caps[sj]
			if !ok {
				continue
			}
			val.Add(rlp.primal())
		} else {
			for i := 0; i < n; i++ {
				if rest[i] == 0 {
					continue
				}
				b := math.Inf(-1)
				for j := 0; j < k; j++ {
					if m.base[j] {
						b = max(b, s.v[i*k+j])
					}
				}
				val.Add(rest[i] * b)
			}
		}
		net := val.Value() - m.baseFixed
		if !m.base[sj] {
			net -= m.fixed[sj]
		}
		if best.Infeasible || net > best.Net {
			best = OneSizeFitsAll{Strategy: m.p.Strategies[sj].Name, Net: net}
		}
	}
	return best
}

func capsOf(s *lp) []float64 {
	c := make([]float64, s.k)
	for j := range c {
		if s.capped[j] {
			c[j] = s.caps[j]
		}
	}
	return c
}

// setWeights replaces the unit weights (same length).
func (s *lp) setWeights(w []float64) {
	s.w = w
	var acc num.Acc
	for _, x := range w {
		acc.Add(x)
	}
	s.wTot = acc.Value()
}

// cand is a unit competing for a capacitated one-size-fits-all strategy:
// its value under it and its index (16 bytes; the tie-break value is looked
// up by index).
type cand struct {
	v float64
	i int32
}
