// Package customer models the customer side of a connected strategy
// (DESIGN §2): what a customer brings to a need ([Traits]), how populations
// of customers are drawn ([Segment], [Population], [DefaultPopulation]),
// what they have consented to ([Consent]), how much they trust the firm
// ([Trust]), which strategies the firm may offer them ([Eligible]), and how
// they value and choose among those strategies ([Model]).
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
// Model.Delight, consent queries) allocate nothing on success.
package customer
