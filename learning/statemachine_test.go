package learning

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// countModel is the state machine's model: plain success and failure sums.
type countModel struct {
	s, f    []float64 // per pair
	updates []int     // per pair, to scale the fixed-point tolerance
}

func (m countModel) clone() countModel {
	return countModel{append([]float64(nil), m.s...), append([]float64(nil), m.f...), append([]int(nil), m.updates...)}
}

// checkAgainst compares every posterior of l to prior + counts. Each update
// rounds its reward to 2⁻³², so the tolerance grows with the update count.
func (m countModel) checkAgainst(t *rapid.T, what string, l *Learner, prior Beta) {
	for c := range l.Customers() {
		for k := range l.Arms() {
			i := c*l.Arms() + k
			got, err := l.Posterior(c, k)
			if err != nil {
				t.Fatal(err)
			}
			tol := 1e-9 * float64(1+m.updates[i])
			if math.Abs(got.Alpha-(prior.Alpha+m.s[i])) > tol || math.Abs(got.Beta-(prior.Beta+m.f[i])) > tol {
				t.Fatalf("%s: posterior(%d,%d) = %+v, want {%v %v}", what, c, k, got, prior.Alpha+m.s[i], prior.Beta+m.f[i])
			}
		}
	}
}

// TestLearnerStateMachine drives a Learner with random update, choose,
// merge, snapshot and encode/decode actions and checks after each that its
// posteriors equal the prior plus plain counts, and that every snapshot still
// shows the counts of when it was taken.
func TestLearnerStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 5).Draw(t, "customers")
		k := rapid.IntRange(1, 4).Draw(t, "arms")
		prior := Beta{rapid.Float64Range(0.1, 5).Draw(t, "alpha0"), rapid.Float64Range(0.1, 5).Draw(t, "beta0")}
		cfg := Config{Customers: n, Arms: k, Prior: prior}
		l, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		model := countModel{make([]float64, n*k), make([]float64, n*k), make([]int, n*k)}
		type snap struct {
			l *Learner
			m countModel
		}
		var snaps []snap
		r := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0))
		reward := rapid.OneOf(rapid.SampledFrom([]float64{0, 1, 0.5, 0.25}), rapid.Float64Range(0, 1))
		policies := []Policy{Thompson{}, Greedy{}, EpsilonGreedy{Epsilon: 0.5}, Guard{Baseline: 0}}
		t.Repeat(map[string]func(*rapid.T){
			"update": func(t *rapid.T) {
				c, a, rew := rapid.IntRange(0, n-1).Draw(t, "c"), rapid.IntRange(0, k-1).Draw(t, "a"), reward.Draw(t, "r")
				if err := l.Update(c, a, rew); err != nil {
					t.Fatal(err)
				}
				i := c*k + a
				model.s[i] += rew
				model.f[i] += 1 - rew
				model.updates[i]++
			},
			"choose": func(t *rapid.T) {
				c := rapid.IntRange(0, n-1).Draw(t, "c")
				elig := rapid.SliceOfN(rapid.Bool(), k, k).Draw(t, "eligible")
				elig[0] = true // the baseline
				p := rapid.SampledFrom(policies).Draw(t, "policy")
				a, err := l.Choose(r, p, c, elig)
				if err != nil {
					t.Fatal(err)
				}
				if !elig[a] {
					t.Fatalf("%T chose ineligible %d", p, a)
				}
			},
			"merge": func(t *rapid.T) {
				o, _ := New(cfg)
				for range rapid.IntRange(0, 5).Draw(t, "count") {
					c, a, rew := rapid.IntRange(0, n-1).Draw(t, "c"), rapid.IntRange(0, k-1).Draw(t, "a"), reward.Draw(t, "r")
					_ = o.Update(c, a, rew)
					i := c*k + a
					model.s[i] += rew
					model.f[i] += 1 - rew
					model.updates[i]++
				}
				if err := l.Merge(o); err != nil {
					t.Fatal(err)
				}
			},
			"snapshot": func(t *rapid.T) {
				snaps = append(snaps, snap{l.Snapshot(), model.clone()})
			},
			"encode": func(t *rapid.T) {
				var nl Learner
				if rapid.Bool().Draw(t, "binary") {
					b, err := l.MarshalBinary()
					if err != nil {
						t.Fatal(err)
					}
					if err := nl.UnmarshalBinary(b); err != nil {
						t.Fatal(err)
					}
				} else {
					b, err := json.Marshal(l)
					if err != nil {
						t.Fatal(err)
					}
					if err := json.Unmarshal(b, &nl); err != nil {
						t.Fatal(err)
					}
				}
				l = &nl
			},
			"": func(t *rapid.T) {
				model.checkAgainst(t, "learner", l, prior)
				for _, s := range snaps {
					s.m.checkAgainst(t, "snapshot", s.l, prior)
				}
			},
		})
	})
}

// TestMergeOrderIndependent: merging the same shards in any order and
// grouping gives bit-identical evidence (fixed-point addition), with and
// without forgetting.
func TestMergeOrderIndependent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		forget := rapid.SampledFrom([]float64{1, 0.9}).Draw(t, "forget")
		cfg := Config{Customers: 3, Arms: 2, Forget: forget}
		m := rapid.IntRange(2, 5).Draw(t, "shards")
		shards := make([]*Learner, m)
		for i := range shards {
			shards[i], _ = New(cfg)
			for range rapid.IntRange(0, 20).Draw(t, "updates") {
				_ = shards[i].Update(rapid.IntRange(0, 2).Draw(t, "c"), rapid.IntRange(0, 1).Draw(t, "a"), rapid.Float64Range(0, 1).Draw(t, "r"))
			}
		}
		// Left fold in the given order.
		a, _ := New(cfg)
		for _, s := range shards {
			if err := a.Merge(s); err != nil {
				t.Fatal(err)
			}
		}
		// A permuted, tree-shaped merge.
		perm := rapid.Permutation(seq(m)).Draw(t, "perm")
		level := make([]*Learner, m)
		for i, j := range perm {
			level[i] = shards[j].Snapshot()
		}
		for len(level) > 1 {
			var next []*Learner
			for i := 0; i < len(level); i += 2 {
				if i+1 < len(level) {
					if err := level[i].Merge(level[i+1]); err != nil {
						t.Fatal(err)
					}
				}
				next = append(next, level[i])
			}
			level = next
		}
		for i := range a.ev {
			if a.ev[i] != level[0].ev[i] {
				t.Fatalf("evidence[%d]: fold %d, tree %d", i, a.ev[i], level[0].ev[i])
			}
		}
	})
}
