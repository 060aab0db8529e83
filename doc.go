// Package connected models connected strategies: how a firm serves each
// customer's need, which of those capabilities it should build, whom it
// should serve with which, and how learning from repeat interactions
// compounds into a network effect (Siggelkow & Terwiesch, Connected
// Strategy, Harvard Business Review Press, 2019).
//
// # Overview
//
// A customer's need passes four stages: Recognize (someone notices it),
// Request (it becomes an order), Respond (it is fulfilled; always the firm's)
// and Repeat (learning across many such journeys). The five strategy kinds
// differ in who owns Recognize and Request:
//
//	kind                  Recognize      Request          consent
//	buy-what-we-have      customer       customer         no (always available)
//	respond-to-desire     customer       customer         no
//	curated-offering      customer       shared           yes
//	coach-behavior        firm (nudges)  customer         yes
//	automatic-execution   firm           firm             yes
//
// The module is split by the questions it answers, with imports pointing one
// way:
//
//   - package strategy: the stages, the five kinds, a Strategy's parameters
//     and the default catalogue.
//   - package customer: traits, populations, consent, trust, and how a
//     customer values each strategy (a privacy calculus and a logit choice).
//   - package portfolio: which strategies to build and whom to serve with
//     each, solved exactly as a facility-location problem, with the price of
//     focus and the gain over one size for all.
//   - package learning: pooled Bayesian beliefs, policies with exact
//     propensities, off-policy evaluation, and the flywheel loop.
//
// # Where to start
//
// Run the quickstart program (go run ./examples/quickstart) for the whole
// flow on the default population, then read the package-level Example
// below, which does the same in forty lines: sample customers with
// customer.Population.Sample, build a portfolio problem with
// portfolio.Market, solve it exactly with portfolio.Solve, and simulate the
// firm learning on the planned strategies with learning.Simulate. To embed
// the decision in a service, keep a learning.Learner per customer base,
// compute each customer's eligible strategies with customer.EligibleMask,
// and let Learner.Choose pick one with a policy such as learning.Thompson;
// learning.ThompsonProbabilities gives the exact propensity to log beside
// each decision for off-policy evaluation (learning.IPS, SNIPS, DR).
//
// Every default number says in its documentation whether it comes from the
// literature (with the citation) or is a modeling choice.
//
// # Consent
//
// Consent is a hard rule, never inferred: a strategy that needs consent is
// eligible only with a granted, unrevoked consent covering every data
// category it needs, and buy-what-we-have is always eligible.
//
// # Errors
//
// Every package reports bad input (NaN, ±Inf, out-of-range values,
// mismatched lengths, unknown names) as a [*FieldError] naming the call, the
// field and the value, wrapping one of the sentinels below; it never panics
// on caller data. Test the condition with [errors.Is] and recover the field
// with [errors.As].
//
// # Determinism
//
// The library performs no I/O and keeps no global state. Randomness comes
// only from a *rand.Rand (math/rand/v2) or a seed the caller passes, so the
// same seed and inputs give the same output on any number of cores.
//
// # Concurrency
//
// Value types (strategies, traits, plans) may be shared freely. Each
// stateful type documents what sharing it allows.
package connected
