package portfolio

import (
	"math"

	"github.com/connectedstrategy/connected/strategy"
)

// This file is an exact reference solver written independently of the
// package's: it enumerates open sets and solves each transportation LP with a
// dense two-phase simplex (Bland's rule, so it cannot cycle).

// simplexMax maximises c·x subject to Aeq x = beq, Ale x ≤ ble, x ≥ 0, with
// beq, ble ≥ 0. It returns the optimum and false when infeasible.
func simplexMax(c []float64, aeq [][]float64, beq []float64, ale [][]float64, ble []float64) (float64, bool) {
	nv := len(c)
	me, ml := len(aeq), len(ale)
	m := me + ml
	// columns: x (nv), slacks (ml), artificials (me), rhs
	cols := nv + ml + me
	t := make([][]float64, m)
	basis := make([]int, m)
	for r := 0; r < me; r++ {
		row := make([]float64, cols+1)
		copy(row, aeq[r])
		row[nv+ml+r] = 1
		row[cols] = beq[r]
		t[r] = row
		basis[r] = nv + ml + r
	}
	for r := 0; r < ml; r++ {
		row := make([]float64, cols+1)
		copy(row, ale[r])
		row[nv+r] = 1
		row[cols] = ble[r]
		t[me+r] = row
		basis[me+r] = nv + r
	}
	const eps = 1e-11
	pivot := func(r, q int) {
		p := t[r][q]
		for j := range t[r] {
			t[r][j] /= p
		}
		for i := range t {
			if i != r && t[i][q] != 0 {
				f := t[i][q]
				for j := range t[i] {
					t[i][j] -= f * t[r][j]
				}
			}
		}
		basis[r] = q
	}
	// run minimises obj·x over allowed columns.
	run := func(obj []float64, allowed int) {
		for {
			// reduced costs d_q = obj_q − Σ_r obj_basis[r] t[r][q]
			enter := -1
			for q := 0; q < allowed; q++ {
				d := obj[q]
				for r := range t {
					d -= obj[basis[r]] * t[r][q]
				}
				if d < -eps {
					enter = q // Bland: smallest index
					break
				}
			}
			if enter < 0 {
				return
			}
			leave, best := -1, math.Inf(1)
			for r := range t {
				if t[r][enter] > eps {
					ratio := t[r][cols] / t[r][enter]
					if ratio < best-1e-15 || (math.Abs(ratio-best) <= 1e-15 && basis[r] < basis[leave]) {
						leave, best = r, ratio
					}
				}
			}
			if leave < 0 {
				panic("unbounded") // cannot happen: the LPs here are bounded
			}
			pivot(leave, enter)
		}
	}
	obj1 := make([]float64, cols)
	for r := 0; r < me; r++ {
		obj1[nv+ml+r] = 1
	}
	run(obj1, cols)
	var art float64
	for r := range t {
		if basis[r] >= nv+ml {
			art += t[r][cols]
		}
	}
	if art > 1e-9 {
		return 0, false
	}
	// drive artificials out of the basis where possible
	for r := range t {
		if basis[r] >= nv+ml {
			for q := 0; q < nv+ml; q++ {
				if math.Abs(t[r][q]) > eps {
					pivot(r, q)
					break
				}
			}
		}
	}
	obj2 := make([]float64, cols)
	for q := 0; q < nv; q++ {
		obj2[q] = -c[q]
	}
	for q := nv + ml; q < cols; q++ {
		obj2[q] = 0
	}
	run(obj2, nv+ml)
	var z float64
	for r := range t {
		if basis[r] < nv {
			z += c[basis[r]] * t[r][cols]
		}
	}
	return z, true
}

// bruteLP solves the assignment LP of p for one open set.
func bruteLP(p *Problem, open []bool) (float64, bool) {
	k := len(p.Strategies)
	type pair struct{ i, j int }
	var vars []pair
	for i, u := range p.Units {
		for j := 0; j < k; j++ {
			if open[j] && (u.Eligible == nil || u.Eligible[j]) {
				vars = append(vars, pair{i, j})
			}
		}
	}
	c := make([]float64, len(vars))
	for q, pr := range vars {
		c[q] = p.Units[pr.i].Values[pr.j]
	}
	var aeq [][]float64
	var beq []float64
	for i, u := range p.Units {
		row := make([]float64, len(vars))
		any := false
		for q, pr := range vars {
			if pr.i == i {
				row[q] = 1
				any = true
			}
		}
		if !any {
			return 0, false
		}
		aeq = append(aeq, row)
		beq = append(beq, u.Weight)
	}
	var ale [][]float64
	var ble []float64
	for j := 0; j < k; j++ {
		if !open[j] || p.Strategies[j].Capacity == 0 {
			continue
		}
		row := make([]float64, len(vars))
		for q, pr := range vars {
			if pr.j == j {
				row[q] = 1
			}
		}
		ale = append(ale, row)
		ble = append(ble, p.Strategies[j].Capacity)
	}
	return simplexMax(c, aeq, beq, ale, ble)
}

// bruteSolve returns the optimal net value over every open set allowed by
// maxOpen (0 = no limit), and false when none is feasible.
func bruteSolve(p *Problem, maxOpen int) (float64, bool) {
	k := len(p.Strategies)
	best, found := math.Inf(-1), false
	for mask := 0; mask < 1<<k; mask++ {
		open := make([]bool, k)
		cnt := 0
		var fixed float64
		var eng, sol, skip bool
		for j, s := range p.Strategies {
			base := s.Kind == strategy.BuyWhatWeHave
			in := mask&(1<<j) != 0
			if base && !in {
				skip = true
			}
			if !in {
				continue
			}
			open[j] = true
			fixed += s.FixedCost
			if !base {
				cnt++
				eng = eng || s.Orientation == strategy.Engagement
				sol = sol || s.Orientation == strategy.Solutions
			}
		}
		if skip || (maxOpen > 0 && cnt > maxOpen) {
			continue
		}
		val, ok := bruteLP(p, open)
		if !ok {
			continue
		}
		net := val - fixed - p.CoordinationCost*float64(max(0, cnt-1))
		if eng && sol {
			net -= p.SiloCost
		}
		if net > best {
			best, found = net, true
		}
	}
	return best, found
}
