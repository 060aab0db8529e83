// Package learning is the Repeat stage (README, Concepts): the firm learns, from
// each interaction, which strategy delights which customer.
//
// A [Learner] holds a Beta-Bernoulli posterior per (customer, strategy) in
// flat fixed-point slices, with priors pooled per segment by empirical Bayes
// ([Learner.Pool]). A [Policy] ([Thompson], [BayesUCB], [Greedy],
// [EpsilonGreedy], [Fixed], and the [Guard] wrapper that keeps the baseline
// until a challenger is credibly better) chooses among the strategies a
// customer is eligible for and reports the exact probability of its choice
// ([ThompsonProbabilities] integrates the Beta densities numerically), so
// logged decisions support off-policy evaluation ([IPS], [SNIPS], [DR]).
// Learners merge, snapshot, and encode to binary and JSON.
//
// # Determinism
//
// Every random choice reads only the caller's *rand.Rand (math/rand/v2);
// bootstrap intervals take a seed. The same seed and inputs give the same
// output.
//
// # Concurrency
//
// Per-customer calls of a [Learner] (Choose, Update, Reset, Posterior, …)
// for different customers may run concurrently, so a simulation can split
// customers over goroutines; calls that change shared state (Pool, Merge,
// Grow, SetPrior, decoding) need exclusive access. [Learner.Snapshot] returns
// an independent copy any goroutine may read while learning continues.
// Policies, [Beta] and evaluation results are immutable values, safe to
// share. A *rand.Rand belongs to one goroutine.
//
// # Merging, forgetting and priors
//
// A Learner stores evidence (discounted success and failure sums, in 32.32
// fixed point) apart from priors, so [Learner.Merge] adds evidence exactly
// and in any order, and never counts a prior twice; the receiver keeps its
// priors, and [Learner.Pool] re-estimates them from the merged evidence.
// Forgetting discounts a customer's evidence on that customer's own
// interactions, so shards split by customer merge to exactly the single
// learner's state (see [Learner.Merge] for the other case).
//
// # Errors
//
// Bad input returns a *connected.FieldError naming the field and value;
// malformed encodings wrap connected.ErrSyntax. Nothing here panics on
// caller data.
package learning
