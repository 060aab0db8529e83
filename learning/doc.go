// Package learning is the Repeat stage of DESIGN §2: the firm learns, from
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
// A Learner is not safe for concurrent use by writers; its read-only methods
// may run concurrently, and [Learner.Snapshot] returns an independent copy
// any goroutine may read while learning continues. Policies, [Beta] and
// evaluation results are immutable values, safe to share. A *rand.Rand
// belongs to one goroutine.
//
// # Errors
//
// Bad input returns a *connected.FieldError naming the field and value;
// malformed encodings wrap connected.ErrSyntax. Nothing here panics on
// caller data.
package learning
