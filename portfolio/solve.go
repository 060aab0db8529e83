package portfolio

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/num"
	"github.com/connectedstrategy/connected/strategy"
)

// Sweeps of dual coordinate descent: many before an exact solve, few for a
// branch-and-bound node bound. Both only affect speed, never the result.
const (
	exactSweeps = 10
	nodeSweeps  = 3
)

// model is a validated Problem in the solver's flat form.
type model struct {
	p         *Problem
	n, k      int
	lp        *lp
	base      []bool
	fixed     []float64
	orient    []strategy.Orientation
	q         []int // strategies that may be opened or not
	scale     float64
	baseFixed float64
}

// newModel builds the model of a valid p; w, of length len(p.Units), is
// overwritten with the weights and kept.
func newModel(p *Problem, w []float64) *model {
	n, k := len(p.Units), len(p.Strategies)
	m := &model{p: p, n: n, k: k, base: make([]bool, k), fixed: make([]float64, k), orient: make([]strategy.Orientation, k)}
	caps := make([]float64, k)
	var sc num.Acc
	for j := range p.Strategies {
		s := &p.Strategies[j]
		m.base[j] = isBase(s)
		m.fixed[j] = s.FixedCost
		m.orient[j] = s.Orientation
		caps[j] = s.Capacity
		sc.Add(s.FixedCost)
		if m.base[j] {
			m.baseFixed += s.FixedCost
		} else {
			m.q = append(m.q, j)
		}
	}
	sc.Add(parSum(n, nil, func(lo, hi int) float64 {
		var part num.Acc
		for i := lo; i < hi; i++ {
			u := &p.Units[i]
			w[i] = u.Weight
			var mx float64
			for _, x := range u.Values {
				mx = max(mx, math.Abs(x))
			}
			part.Add(u.Weight * mx)
		}
		return part.Value()
	}))
	sc.Add(p.CoordinationCost * float64(len(m.q)))
	sc.Add(p.SiloCost)
	m.scale = sc.Value()
	m.lp = newLP(w, p.Units, caps, n, k)
	return m
}

// overflow rejects problems whose magnitudes could overflow float64 in the
// solver's sums: Scale or the total weight within a factor 16 of the largest
// float64.
func (m *model) overflow(op string) error {
	const limit = math.MaxFloat64 / 16
	if !(m.scale < limit) || !(m.lp.wTot < limit) {
		return connected.NewFieldError(op, "units", fmt.Sprintf("Σ weight × max |value| + costs = %g, Σ weight = %g", m.scale, m.lp.wTot),
			fmt.Errorf("magnitudes overflow float64 (limit %g): %w", limit, connected.ErrOutOfRange))
	}
	return nil
}

// cost returns the fixed, coordination and silo cost of an open set.
func (m *model) cost(open []bool) (fixed, coord, silo float64) {
	fixed = m.baseFixed
	var cnt int
	var eng, sol bool
	for _, j := range m.q {
		if open[j] {
			fixed += m.fixed[j]
			cnt++
			eng = eng || m.orient[j] == strategy.Engagement
			sol = sol || m.orient[j] == strategy.Solutions
		}
	}
	if cnt > 1 {
		coord = m.p.CoordinationCost * float64(cnt-1)
	}
	if eng && sol {
		silo = m.p.SiloCost
	}
	return fixed, coord, silo
}

func (m *model) totalCost(open []bool) float64 {
	f, c, s := m.cost(open)
	return f + c + s
}

// solveExact solves the LP of one open set from the prices in m.lp.lam; it
// returns the primal value and the dual bound, or ok = false if infeasible.
func (m *model) solveExact(open []bool) (primal, bound float64, ok bool) {
	s := m.lp
	if !s.solve(open, exactSweeps, m.scale/max(s.wTot, 1e-300)) {
		return 0, 0, false
	}
	return s.primal(), s.bestDual(), true
}

// primal returns Σ amount × value of the exact phase's flow.
func (s *lp) primal() float64 {
	return parSum(s.n, &s.parts, func(lo, hi int) float64 {
		var acc num.Acc
		for i := lo; i < hi; i++ {
			a, x := s.at(i)
			vals, el := s.row(i)
			if x == nil {
				acc.Add(s.w[i] * mask(vals[a], el[a]))
				continue
			}
			for _, j := range s.openIdx {
				if x[j] > 0 {
					acc.Add(x[j] * mask(vals[j], el[j]))
				}
			}
		}
		return acc.Value()
	})
}

// flows calls f for every positive amount of the exact phase's flow, by unit
// then strategy.
func (s *lp) flows(f func(i, j int, amt float64)) {
	k := s.k
	for i := 0; i < s.n; i++ {
		a, x := s.at(i)
		if x == nil {
			f(i, a, s.w[i])
			continue
		}
		for j := 0; j < k; j++ {
			if x[j] > 0 {
				f(i, j, x[j])
			}
		}
	}
}

// Solve returns an optimal plan for p and proves it: Plan.Bound is an upper
// bound on every feasible plan's net value, within 1e-9 × Plan.Scale of Net.
// It does not modify p.
//
// Method. For a fixed open set, the assignment is a transportation LP solved
// exactly by dual coordinate descent on the Lagrangian over capacity prices
// followed by successive shortest paths with those prices as potentials (see
// the source of type lp). Which strategies to open is decided by depth-first
// branch and bound over the strategies other than buy-what-we-have. A node
// fixes some strategies open (F) and some closed; with U the undecided ones
// and λ ≥ 0 any capacity prices, every completion F ∪ T (T ⊆ U) has net value
// at most both
//
//	D_{F∪U}(λ) − cost lower bound(F)
//	D_F(λ) + max_T Σ_{j∈T} (gain_j(λ) − fixed_j) − coordination − silo
//
// where D_S is the Lagrangian dual of the LP with open set S and
// gain_j(λ) = Σ_i w_i max(0, v_ij − λ_j − max_{l∈F} (v_il − λ_l)) + λ_j cap_j;
// the second holds because max is submodular in the set it ranges over, as in
// the Lagrangian bounds for capacitated facility location (Cornuéjols,
// Sridharan & Thizy, "A comparison of heuristics and relaxations for the
// capacitated plant location problem", EJOR 50, 1991). The maximum over T is
// exact for the coordination and silo terms (three cases by orientation).
// The prices λ at a node come from the LP with every undecided strategy
// open: for N ≥ 8192 the optimal prices of a 1-in-16 sample of the units,
// else three sweeps of dual coordinate descent; either way the bounds are
// valid, only their tightness depends on it. Branching takes the undecided
// strategy with the largest gain minus fixed cost, open branch first.
// Nodes whose bound does not beat the incumbent (within 1e-12 × Scale) are
// pruned; leaves are solved exactly. Bound is the largest of the pruned nodes' bounds and the leaves'
// dual bounds. The search visits at most 2^(K−B+1) nodes for B
// buy-what-we-have strategies; the bounds keep it far smaller in practice
// (see BenchmarkSolve, K up to 16).
//
// Comparisons. Plan.Focus is the same search with MaxOpen = 1.
// Plan.OneSizeFitsAll, for each strategy s, gives s to every unit eligible for
// it (when s is capacitated, units with the highest value under s first, the
// marginal unit split; equal values go first to the unit whose best other
// buy-what-we-have value is lowest, then by unit order), serves the rest with
// the buy-what-we-have strategies
// (by the exact LP over them, which is "the best one each is eligible for"
// when they are uncapacitated), and reports the best such s.
//
// Errors. Solve returns p.Validate's errors, and ErrOutOfRange on field
// "units" when Σ weight × |value| plus the costs, or the total weight, is
// within a factor 16 of overflowing float64. When even every strategy open
// cannot absorb the weight it returns a *connected.FieldError for
// "strategies" wrapping connected.ErrInfeasible whose value names the
// strategies that are full and the weight only they can serve; when only
// MaxOpen prevents it, the field is "max_open".
//
// Determinism. The per-unit passes over all units (the scale, margins,
// dual and primal sums) run in fixed chunks of 16384 units on up to
// GOMAXPROCS goroutines, with compensated sums per chunk merged in chunk
// order; everything else is sequential. The result depends only on p, bit
// for bit, whatever GOMAXPROCS is.
func Solve(p Problem) (Plan, error) {
	const op = "portfolio.Solve"
	w := make([]float64, len(p.Units)) // the ID hashes, then the weights
	if err := p.validate(op, w); err != nil {
		return Plan{}, err
	}
	m := newModel(&p, w)
	if err := m.overflow(op); err != nil {
		return Plan{}, err
	}
	all := make([]bool, m.k)
	for j := range all {
		all[j] = true
	}
	if _, _, ok := m.solveExact(all); !ok {
		return Plan{}, m.infeasible(op)
	}
	rootLam := slices.Clone(m.lp.lam)
	se := m.search(p.MaxOpen, rootLam)
	if !se.found {
		return Plan{}, connected.NewFieldError(op, "max_open", p.MaxOpen, fmt.Errorf(
			"no open set with at most %d strategies besides buy-what-we-have absorbs the weight: %w", p.MaxOpen, connected.ErrInfeasible))
	}
	var focus Focus
	if p.MaxOpen == 1 {
		focus = Focus{Open: m.names(se.incOpen), Net: se.incNet}
	} else {
		fs := m.search(1, rootLam)
		if fs.found {
			focus = Focus{Open: m.names(fs.incOpen), Net: fs.incNet}
		} else {
			focus.Infeasible = true
		}
	}
	plan := m.plan(se, false, 0, 0)
	plan.Focus = focus
	plan.OneSizeFitsAll = m.oneSizeFitsAll(rootLam)
	return plan, nil
}

func (m *model) names(open []bool) []string {
	var out []string
	for j, o := range open {
		if o {
			out = append(out, m.p.Strategies[j].Name)
		}
	}
	return out
}

// plan builds the Plan of the winning open set. Unless solved says that
// m.lp already holds its solution, it solves it again.
func (m *model) plan(se *search, solved bool, primal, bound float64) Plan {
	s := m.lp
	if !solved {
		copy(s.lam, se.incLam)
		primal, bound, _ = m.solveExact(se.incOpen)
	}
	fixed, coord, silo := m.cost(se.incOpen)
	pl := Plan{
		Open: m.names(se.incOpen), Value: primal, FixedCost: fixed,
		CoordinationCost: coord, SiloCost: silo, Scale: m.scale,
	}
	pl.Net = primal - fixed - coord - silo
	pl.Bound = max(se.bound, bound-fixed-coord-silo, pl.Net)
	pl.Strategies = make([]StrategyTotal, m.k)
	wacc := make([]num.Acc, m.k)
	vacc := make([]num.Acc, m.k)
	cnt := 0
	s.flows(func(i, j int, amt float64) { cnt++ })
	pl.Assignments = make([]Assignment, 0, cnt)
	s.flows(func(i, j int, amt float64) {
		pl.Assignments = append(pl.Assignments, Assignment{Unit: i, Strategy: j, Amount: amt})
		wacc[j].Add(amt)
		vacc[j].Add(amt * m.p.Units[i].Values[j])
	})
	pl.BaselineOnly = true
	for j := range pl.Strategies {
		st := &pl.Strategies[j]
		st.Name = m.p.Strategies[j].Name
		st.Open = se.incOpen[j]
		st.Weight, st.Value = wacc[j].Value(), vacc[j].Value()
		if st.Open && s.capped[j] {
			st.ShadowPrice = s.lam[j]
		}
		if st.Open && !m.base[j] {
			pl.BaselineOnly = false
		}
	}
	pl.ids = make([]string, m.n)
	for i := range m.p.Units {
		pl.ids[i] = m.p.Units[i].ID
	}
	return pl
}

// infeasible explains why the all-open LP has no solution: the strategies the
// last shortest-path search could reach are full and their units can go
// nowhere else.
func (m *model) infeasible(op string) error {
	s := m.lp
	var names []string
	var capSum, load num.Acc
	for j := 0; j < m.k; j++ {
		if s.reach[j] {
			names = append(names, m.p.Strategies[j].Name)
			capSum.Add(s.caps[j])
		}
	}
	for i := 0; i < m.n; i++ {
		a, x := s.at(i)
		if x != nil {
			for j := 0; j < m.k; j++ {
				if s.reach[j] {
					load.Add(x[j])
				}
			}
		} else if s.reach[a] {
			load.Add(s.w[i])
		}
	}
	msg := fmt.Sprintf("capacity %.6g of [%s] cannot absorb weight %.6g of units eligible for no other strategy",
		capSum.Value(), strings.Join(names, ", "), load.Value())
	return connected.NewFieldError(op, "strategies", msg, connected.ErrInfeasible)
}
