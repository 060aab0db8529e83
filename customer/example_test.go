package customer_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/strategy"
)

// A customer who consented to automatic execution, then revoked monitoring
// data, falls back to the best remaining eligible strategy.
func ExampleEligible() {
	c := customer.Customer{
		ID:     "ana",
		Traits: customer.Traits{Predictability: 0.9, MistakeCost: 10, OptionSetSize: 20},
		Trust:  customer.Trust{Good: 20, Bad: 1}, // Value 21/23 ≈ 0.913
	}
	all := strategy.NewDataSet(strategy.Categories()...)
	if err := c.Consent.Grant(strategy.AutomaticExecution, all, 0); err != nil {
		panic(err)
	}
	if err := c.Consent.Revoke(strategy.AutomaticExecution, strategy.NewDataSet(strategy.Monitoring), 5); err != nil {
		panic(err)
	}
	for _, s := range strategy.Default() {
		ok0, why0 := customer.Eligible(c, s, 0, customer.Rules{})
		ok5, why5 := customer.Eligible(c, s, 5, customer.Rules{})
		fmt.Printf("%-20s period 0: %-5v (%s); period 5: %-5v (%s)\n", s.Name, ok0, why0, ok5, why5)
	}
	// Output:
	// buy-what-we-have     period 0: true  (eligible); period 5: true  (eligible)
	// respond-to-desire    period 0: true  (eligible); period 5: true  (eligible)
	// curated-offering     period 0: false (needs consent, and none was granted); period 5: false (needs consent, and none was granted)
	// coach-behavior       period 0: false (needs consent, and none was granted); period 5: false (needs consent, and none was granted)
	// automatic-execution  period 0: true  (eligible); period 5: false (consent does not cover all the data it needs)
}

// The consent ledger answers questions about any period exactly.
func ExampleConsent() {
	var c customer.Consent
	curated := strategy.NewDataSet(strategy.Transactions, strategy.Preferences)
	_ = c.Grant(strategy.CuratedOffering, curated, 2)
	_ = c.RevokeAll(6)
	for _, p := range []int{0, 2, 5, 6} {
		fmt.Printf("period %d: curated consent %v, learnable %v\n", p, c.Granted(strategy.CuratedOffering, p), c.Learnable(p))
	}
	for ch := range c.Changes() {
		fmt.Printf("change: %v from period %d covers %v\n", ch.Kind, ch.Period, ch.Data)
	}
	// Output:
	// period 0: curated consent none, learnable none
	// period 2: curated consent transactions+preferences, learnable transactions+preferences
	// period 5: curated consent transactions+preferences, learnable transactions+preferences
	// period 6: curated consent none, learnable none
	// change: curated-offering from period 2 covers transactions+preferences
	// change: curated-offering from period 6 covers none
}

// Trust is won slowly and lost fast: issue 3's worked example.
func ExampleTrust_Update() {
	var t customer.Trust // no evidence: 0.5
	p := customer.TrustParams{Forgetting: 1, Gain: 1, LossRatio: 3}
	for range 5 {
		_ = t.Update(customer.Outcome{Good: true}, p)
	}
	fmt.Printf("after 5 good: %.3f\n", t.Value())
	_ = t.Update(customer.Outcome{Good: false}, p)
	fmt.Printf("after 1 bad:  %.3f\n", t.Value())
	n := 0
	for t.Value() < 6.0/7-1e-12 {
		_ = t.Update(customer.Outcome{Good: true}, p)
		n++
	}
	fmt.Printf("good outcomes to recover: %d\n", n)
	// Output:
	// after 5 good: 0.857
	// after 1 bad:  0.600
	// good outcomes to recover: 18
}

// Utility explains, term by term, why a customer prefers a strategy.
func ExampleModel_Utility() {
	c := customer.Customer{Traits: customer.Traits{
		NeedKnowledge: 0.35, ControlDesire: 0.45, PrivacyConcern: 0.45, MonitoringTolerance: 0.45,
		Inertia: 0.3, Predictability: 0.5, MistakeCost: 15, OptionSetSize: 80,
		RecognitionLag: 0.5, DelayCost: 4, NeedValue: 40, Frequency: 1,
	}} // an overwhelmed pragmatist; trust 0.5
	var m customer.Model
	fmt.Println("strategy              value effort delay privacy creepy control mistakes nuisance  total")
	for _, s := range strategy.Default() {
		u, err := m.Utility(c, s, 0.7)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-20s %6.2f %6.2f %5.2f %7.2f %6.2f %7.2f %8.2f %8.2f %6.2f\n", s.Name,
			u.Value, u.Effort, u.Delay, u.Privacy, u.Creepiness, u.Control, u.Mistakes, u.Nuisance, u.Total)
	}
	// Output:
	// strategy              value effort delay privacy creepy control mistakes nuisance  total
	// buy-what-we-have      18.90  10.88  6.00    0.00   0.00    0.00     0.00     0.00   2.02
	// respond-to-desire     18.90  10.88  4.00    0.68   0.00    0.00     0.00     0.00   3.35
	// curated-offering      19.25   2.84  4.00    2.70   0.00    1.35     2.25     0.20   5.91
	// coach-behavior        21.73  10.88  2.00    4.72   1.87    2.70     0.00     0.50  -0.94
	// automatic-execution   22.54   0.00  0.00    6.75   9.08    5.40     6.75     0.00  -5.44
}

// Choice gives the logit probabilities over the eligible strategies and the
// outside option.
func ExampleModel_Choice() {
	pop := customer.DefaultPopulation()
	cs, err := pop.Sample(rand.New(rand.NewPCG(1, 2)), 1)
	if err != nil {
		panic(err)
	}
	c := cs[0]
	ss := strategy.Default()
	eligible := make([]bool, len(ss))
	if err := customer.EligibleMask(eligible, c, ss, 0, customer.Rules{}); err != nil {
		panic(err)
	}
	p := make([]float64, len(ss)+1)
	if err := (customer.Model{}).Choice(p, c, ss, eligible, 0.7); err != nil {
		panic(err)
	}
	fmt.Println("segment:", c.Segment)
	for i, s := range ss {
		fmt.Printf("%-20s eligible %-5v P = %.3f\n", s.Name, eligible[i], p[i])
	}
	fmt.Printf("%-20s                P = %.3f\n", "outside option", p[len(ss)])
	// Output:
	// segment: pragmatist-overwhelmed
	// buy-what-we-have     eligible true  P = 0.357
	// respond-to-desire    eligible true  P = 0.557
	// curated-offering     eligible false P = 0.000
	// coach-behavior       eligible false P = 0.000
	// automatic-execution  eligible false P = 0.000
	// outside option                      P = 0.086
}

// Sampling a population, then summarizing who is in it.
func ExamplePopulation_Sample() {
	pop := customer.DefaultPopulation()
	cs, err := pop.Sample(rand.New(rand.NewPCG(42, 0)), 10000)
	if err != nil {
		panic(err)
	}
	count := map[string]int{}
	consented := 0
	for _, c := range cs {
		count[c.Segment]++
		if !c.Consent.Learnable(0).Empty() {
			consented++
		}
	}
	for _, s := range pop.Segments {
		fmt.Printf("%-24s share %.2f, sampled %.3f\n", s.Name, s.Share, float64(count[s.Name])/float64(len(cs)))
	}
	fmt.Printf("customers who let the firm learn from some data: %.3f\n", float64(consented)/float64(len(cs)))
	// Output:
	// fundamentalist-decided   share 0.14, sampled 0.141
	// fundamentalist-browsing  share 0.12, sampled 0.119
	// pragmatist-decided       share 0.24, sampled 0.241
	// pragmatist-overwhelmed   share 0.24, sampled 0.237
	// pragmatist-inert         share 0.16, sampled 0.155
	// unconcerned-routine      share 0.06, sampled 0.064
	// unconcerned-inert        share 0.04, sampled 0.043
	// customers who let the firm learn from some data: 0.714
}

// The probability an interaction delights rises as the firm learns.
func ExampleModel_Delight() {
	c := customer.Customer{Traits: customer.Traits{
		NeedKnowledge: 0.6, ControlDesire: 0.2, PrivacyConcern: 0.1, MonitoringTolerance: 0.9,
		Inertia: 0.6, Predictability: 0.85, MistakeCost: 6, OptionSetSize: 12,
		RecognitionLag: 1.5, DelayCost: 4, NeedValue: 40, Frequency: 1,
	}}
	c.Trust, _ = customer.TrustFrom(0.85, 10)
	auto := strategy.Default()[strategy.AutomaticExecution-1]
	for _, acc := range []float64{0.5, 0.7, 0.9} {
		d, err := customer.Model{}.Delight(c, auto, acc)
		if err != nil {
			panic(err)
		}
		fmt.Printf("accuracy %.1f: P(delight) = %.3f\n", acc, d)
	}
	// Output:
	// accuracy 0.5: P(delight) = 0.346
	// accuracy 0.7: P(delight) = 0.863
	// accuracy 0.9: P(delight) = 0.991
}

// Outcomes splits an interaction into delight, a satisfactory middle that
// leaves trust alone, and disappointment (including the firm's wrong
// actions, FirmRequest × (1 − accuracy)).
func ExampleModel_Outcomes() {
	c := customer.Customer{Traits: customer.Traits{
		NeedKnowledge: 0.6, ControlDesire: 0.2, PrivacyConcern: 0.1, MonitoringTolerance: 0.9,
		Inertia: 0.6, Predictability: 0.85, MistakeCost: 6, OptionSetSize: 12,
		RecognitionLag: 1.5, DelayCost: 4, NeedValue: 40, Frequency: 1,
	}}
	c.Trust, _ = customer.TrustFrom(0.85, 10)
	for _, s := range strategy.Default() {
		d, b, err := customer.Model{}.Outcomes(c, s, 0.6)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-20s delight %.3f  satisfactory %.3f  disappoint %.3f\n", s.Name, d, 1-d-b, b)
	}
	// Output:
	// buy-what-we-have     delight 0.066  satisfactory 0.278  disappoint 0.656
	// respond-to-desire    delight 0.104  satisfactory 0.357  disappoint 0.539
	// curated-offering     delight 0.105  satisfactory 0.288  disappoint 0.606
	// coach-behavior       delight 0.785  satisfactory 0.179  disappoint 0.036
	// automatic-execution  delight 0.634  satisfactory 0.176  disappoint 0.190
}
