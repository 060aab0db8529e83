package learning_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/connectedstrategy/connected/learning"
)

// A firm with three strategies learns which one delights each of its
// customers. Strategy 2 needs consent that customer 1 has not given.
func Example() {
	l, err := learning.New(learning.Config{Customers: 2, Arms: 3})
	if err != nil {
		panic(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	truth := [2][3]float64{{0.2, 0.5, 0.8}, {0.3, 0.6, 0.9}}
	eligible := [2][]bool{{true, true, true}, {true, true, false}}
	served := [2][3]int{}
	for range 500 {
		for c := range 2 {
			a, err := l.Choose(r, learning.Thompson{}, c, eligible[c])
			if err != nil {
				panic(err)
			}
			reward := 0.0
			if r.Float64() < truth[c][a] {
				reward = 1
			}
			if err := l.Update(c, a, reward); err != nil {
				panic(err)
			}
			served[c][a]++
		}
	}
	fmt.Println("customer 0 served:", served[0])
	fmt.Println("customer 1 served:", served[1])
	p, _ := l.Posterior(0, 2)
	fmt.Printf("customer 0, strategy 2: mean %.2f\n", p.Mean())
	// Output:
	// customer 0 served: [8 5 487]
	// customer 1 served: [8 492 0]
	// customer 0, strategy 2: mean 0.81
}

// The exact probability that Thompson sampling picks each strategy, for the
// propensity log; the ineligible strategy gets 0.
func ExampleThompsonProbabilities() {
	arms := []learning.Beta{{Alpha: 3, Beta: 7}, {Alpha: 6, Beta: 4}, {Alpha: 9, Beta: 1}, {Alpha: 5, Beta: 5}}
	p, err := learning.ThompsonProbabilities(arms, []bool{true, true, false, true})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.6f\n", p)
	// Output:
	// [0.038179 0.658104 0.000000 0.303717]
}

// Pooling: a segment's customers teach the firm what a new customer of the
// segment probably likes.
func ExampleLearner_Pool() {
	l, _ := learning.New(learning.Config{Customers: 1001, Arms: 1})
	r := rand.New(rand.NewPCG(3, 4))
	for c := range 1000 { // customer 1000 is new
		rate := 0.1 + 0.2*r.Float64() // heterogeneous, mean 0.2
		for range 20 {
			reward := 0.0
			if r.Float64() < rate {
				reward = 1
			}
			_ = l.Update(c, 0, reward)
		}
	}
	if err := l.Pool(learning.PoolConfig{}); err != nil {
		panic(err)
	}
	p, _ := l.Posterior(1000, 0)
	fmt.Printf("new customer starts at %.2f (prior strength %.0f)\n", p.Mean(), p.Alpha+p.Beta)
	// Rates uniform on [0.1, 0.3] have variance 0.04/12, so κ = 0.16/(0.04/12) − 1 = 47.
	// Output:
	// new customer starts at 0.20 (prior strength 46)
}

// The guard serves buy-what-we-have (arm 0) until a challenger is credibly
// better.
func ExampleGuard() {
	g := learning.Guard{Baseline: 0}
	all := []bool{true, true}
	early, _ := g.Qualified([]learning.Beta{{Alpha: 40, Beta: 60}, {Alpha: 3, Beta: 2}}, all)
	later, _ := g.Qualified([]learning.Beta{{Alpha: 40, Beta: 60}, {Alpha: 30, Beta: 20}}, all)
	fmt.Println(early, later)
	// Output:
	// [true false] [true true]
}

// Off-policy evaluation: what would "always strategy 1" have earned, judged
// from a log of uniformly random choices?
func ExampleDR() {
	r := rand.New(rand.NewPCG(5, 6))
	truth := []float64{0.3, 0.7}
	var recs []learning.Record
	for range 2000 {
		a := r.IntN(2)
		reward := 0.0
		if r.Float64() < truth[a] {
			reward = 1
		}
		recs = append(recs, learning.Record{
			Arm: a, Propensity: 0.5, Reward: reward,
			Target: []float64{0, 1},
			Model:  []float64{0.5, 0.5}, // a crude reward model
		})
	}
	est, err := learning.DR(recs, learning.EvalConfig{Seed: 1})
	if err != nil {
		panic(err)
	}
	fmt.Printf("value %.3f, 95%% interval [%.3f, %.3f]\n", est.Value, est.Lo, est.Hi)
	// Output:
	// value 0.673, 95% interval [0.646, 0.704]
}

// Shards that learned from different customers merge into one learner; the
// order of merging does not matter, and priors are never counted twice.
func ExampleLearner_Merge() {
	cfg := learning.Config{Customers: 4, Arms: 2}
	a, _ := learning.New(cfg)
	b, _ := learning.New(cfg)
	_ = a.Update(0, 1, 1) // shard a serves customers 0 and 1
	_ = a.Update(1, 0, 0)
	_ = b.Update(2, 1, 1) // shard b serves customers 2 and 3
	_ = b.Update(2, 1, 0.5)
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	for c := range 4 {
		p, _ := a.Posterior(c, 1)
		fmt.Printf("customer %d, strategy 1: Beta(%g, %g)\n", c, p.Alpha, p.Beta)
	}
	// Output:
	// customer 0, strategy 1: Beta(2, 1)
	// customer 1, strategy 1: Beta(1, 1)
	// customer 2, strategy 1: Beta(2.5, 1.5)
	// customer 3, strategy 1: Beta(1, 1)
}

// Learned state round-trips through the compact binary form, for storage or
// for sending shards to a reducer.
func ExampleLearner_MarshalBinary() {
	l, _ := learning.New(learning.Config{Customers: 1000, Arms: 8, Segments: 4})
	_ = l.Update(7, 3, 1)
	data, err := l.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var back learning.Learner
	if err := back.UnmarshalBinary(data); err != nil {
		panic(err)
	}
	p, _ := back.Posterior(7, 3)
	fmt.Println(len(data), "bytes;", p)
	// Output:
	// 132541 bytes; {2 1}
}
