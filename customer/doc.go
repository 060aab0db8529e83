// Package customer models the customer side of a connected strategy
// (README, Concepts): what a customer brings to a need ([Traits]), how populations
// of customers are drawn ([Segment], [Population], [DefaultPopulation]),
// what they have consented to ([Consent]), how much they trust the firm
// ([Trust]), which strategies the firm may offer them ([Eligible]), and how
// they value and choose among those strategies ([Model]).
//
// # Where to start
//
//   - [DefaultPopulation] and [Population.Sample] draw customers
//     ([Population.Fill] and [Population.FillStream] fill a caller's slice,
//     for millions of customers); [Population.ScaleConsent] makes a population more or
//     less willing to share data.
//   - [EligibleMask] (or [Eligible], with a printable [Reason]) says which
//     strategies the firm may offer a customer at a period.
//   - [Model.Utility] explains a customer's value of a strategy term by
//     term; [Model.Choice] gives logit choice probabilities over the
//     eligible strategies and an outside option; [Model.Best] the fallback
//     after a revocation; [Model.Delight] the probability an interaction
//     delights, and [Model.Outcomes] the three levels a learning loop draws
//     (delight, satisfactory, disappointment); [Model.UtilityMask] and
//     [Model.OutcomesMask] evaluate many strategies for one customer at once.
//   - [Trust.Update] moves trust after each good or bad outcome (a
//     satisfactory one is [Outcome].Neutral); [Consent.Grant],
//     [Consent.Revoke] and [Consent.Learnable] keep the consent ledger and
//     say what the firm may learn from.
//
// Money is in the caller's currency unit per need, time in periods (think
// of a week), as in package strategy.
//
// # Consent
//
// Consent is a hard rule, never inferred. A strategy that needs consent is
// eligible only with a granted, unrevoked consent for its kind covering
// every data category it needs; a missing record means no; a revocation
// takes effect from its period on; buy-what-we-have needs no consent and is
// always eligible. Soft thresholds ([Rules]) may remove options, never add
// them. The firm learns only from the data categories in
// [Consent.Learnable]: with no consent there is no flywheel.
//
// # Determinism
//
// The package performs no I/O and keeps no global state. Sampling reads
// randomness only from the caller's *rand.Rand (math/rand/v2), so the same
// seed gives the same customers.
//
// # Concurrency
//
// Traits, Trust, Rules, Segment, Population and Model are values that may
// be shared freely (Population and Segment hold slices: do not modify them
// while others read). A Consent or Customer may be read by many goroutines
// while nobody modifies it; copies are independent.
//
// # Errors
//
// Bad input (NaN, ±Inf, out-of-range traits, unknown kinds, negative
// periods, mismatched lengths) returns a *connected.FieldError naming the
// call, the field and the value; nothing panics on caller data. The hot
// paths (Eligible, EligibleMask, Trust.Update, Model.Utility, Model.Choice,
// Model.Delight, Model.Outcomes and the mask and OfUtility variants,
// Model.Best, consent queries, Population.Fill) allocate
// nothing on success.
//
// # Encoding
//
// Customers, traits, trust, segments and populations encode as JSON with
// snake_case keys, and a Consent as its list of changes. A Population,
// Customer or Consent decodes strictly: unknown keys, wrong types and
// invalid values are errors naming the JSON path, never silent zeros.
package customer
