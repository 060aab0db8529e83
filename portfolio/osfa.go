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
//
// Memory: a capacitated s sorts only the units valued at least at a
// threshold that a sample says leaves about twice its capacity (every
// eligible unit when that turns out too few), and marks the units it fills
// in a bitset; a unit's remaining weight is w_i, 0 when filled, or w_i − amt
// for the one unit that fills s exactly. A weight slice per unit is
// allocated only when a buy-what-we-have strategy is capacitated, for the LP
// over them.
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
	var rest []float64
	var rlp *lp
	if baseCapped {
		rest = make([]float64, n)
		rlp = newLP(rest, m.p.Units, capsOf(s), n, k)
	}
	us := m.p.Units                   // the values and eligibility, read in place
	full := make([]uint64, (n+63)/64) // units whose whole weight s takes
	// count returns how many units eligible for sj value it at least t.
	count := func(sj int, t float64) int {
		cnt := 0
		for i := range us {
			if u := &us[i]; u.eligible(sj) && u.Values[sj] >= t {
				cnt++
			}
		}
		return cnt
	}
	// the thresholds first, so that the candidates are allocated once
	ts, cnts := make([]float64, k), make([]int, k)
	var smp []wv
	most := 0
	for sj := 0; sj < k; sj++ {
		if s.capped[sj] {
			ts[sj], smp = osfaThreshold(s, sj, smp)
			cnts[sj] = count(sj, ts[sj])
			most = max(most, cnts[sj])
		}
	}
	order := make([]cand, 0, most)
	for sj := 0; sj < k; sj++ {
		// alt is unit i's best buy-what-we-have value, sj aside: a tie-break
		// computed only for equal values rather than stored per unit
		alt := func(i int32) float64 {
			a := math.Inf(-1)
			u := &us[i]
			for j, x := range u.Values {
				if m.base[j] && j != sj && u.eligible(j) {
					a = max(a, x)
				}
			}
			return a
		}
		var val num.Acc
		left := math.Inf(1)
		part, partRest := -1, 0.0 // the unit s takes in part, and what it leaves
		if s.capped[sj] {
			t, cnt := ts[sj], cnts[sj]
			for {
				order = growTo(order[:0], cnt, n)
				for i := range us {
					if u := &us[i]; u.eligible(sj) && u.Values[sj] >= t {
						order = append(order, cand{u.Values[sj], int32(i)})
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
				// order is the prefix of every eligible unit's order down to
				// value t: it decides the plan unless s is left unfilled
				val = num.Acc{}
				clear(full)
				part = -1
				left = s.caps[sj]
				for _, c := range order {
					i := int(c.i)
					if left <= 0 {
						break
					}
					amt := min(left, s.w[i])
					left -= amt
					if r := s.w[i] - amt; r == 0 {
						full[i/64] |= 1 << (i % 64)
					} else {
						part, partRest = i, r
					}
					val.Add(amt * c.v)
				}
				if left <= 0 || t == math.Inf(-1) {
					break
				}
				t = math.Inf(-1) // the sample misled: take every eligible unit
				cnt = count(sj, t)
			}
		}
		// remaining returns the weight of unit i that s leaves to the
		// buy-what-we-have strategies.
		remaining := func(i int) float64 {
			switch {
			case !s.capped[sj]:
				if us[i].eligible(sj) {
					return 0
				}
			case full[i/64]&(1<<(i%64)) != 0:
				return 0
			case i == part:
				return partRest
			}
			return s.w[i]
		}
		if !s.capped[sj] {
			for i := range us {
				if u := &us[i]; u.eligible(sj) {
					val.Add(s.w[i] * u.Values[sj])
				}
			}
		}
		if baseCapped {
			for i := range rest {
				rest[i] = remaining(i)
			}
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
				r := remaining(i)
				if r == 0 {
					continue
				}
				b := math.Inf(-1)
				u := &us[i]
				for j := 0; j < k; j++ {
					if m.base[j] && u.eligible(j) {
						b = max(b, u.Values[j])
					}
				}
				val.Add(r * b)
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

// osfaSample is the most units osfaThreshold reads.
const osfaSample = 1 << 12

// osfaThreshold returns a value t such that the units eligible for the
// capacitated strategy j with v_ij ≥ t likely weigh about twice its
// capacity, from a systematic sample of at most osfaSample units (1 in 16 or
// sparser); −Inf when that is most of them or n is small. The threshold only
// affects speed and memory: oneSizeFitsAll falls back to every eligible unit
// when the units above it cannot fill j. smp is scratch, returned for reuse.
func osfaThreshold(s *lp, j int, smp []wv) (float64, []wv) {
	const minN = 1 << 10
	if s.n < minN {
		return math.Inf(-1), smp
	}
	stride := max(16, (s.n+osfaSample-1)/osfaSample)
	if cap(smp) < s.n/stride+1 {
		smp = make([]wv, 0, s.n/stride+1)
	}
	smp = smp[:0]
	var all, elig float64
	for i := 0; i < s.n; i += stride {
		all += s.w[i]
		vals, el := s.row(i)
		if x := mask(vals[j], el[j]); x > math.Inf(-1) {
			smp = append(smp, wv{x, s.w[i]})
			elig += s.w[i]
		}
	}
	// twice the capacity at the sample's scale, plus eight average units
	c := 2*s.caps[j]*all/s.wTot + 8*all/float64(len(smp)+1)
	if len(smp) == 0 || !(c < elig/2) {
		return math.Inf(-1), smp
	}
	return wselect(smp, c), smp
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
