package customer_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/strategy"
)

// Example_interactions wires the package's pieces the way a learning loop
// does: each period every customer's eligible strategies are computed from
// consent and trust, the customer chooses by the logit model, the
// interaction delights or not, and trust moves with the outcome. In period
// 5 a privacy incident hits a tenth of the customers, who revoke every
// consent and fall back to the strategies that need none.
//
// With accuracy fixed at 0.7 (no learning) too few interactions delight to
// sustain trust at the default loss ratio of 3 (see [customer.TrustParams]),
// so trust drifts down and automatic execution, which needs trust ≥ 0.8,
// fades: the flywheel has to raise accuracy to keep it.
func Example_interactions() {
	r := rand.New(rand.NewPCG(2026, 1))
	cs, err := customer.DefaultPopulation().Sample(r, 2000)
	if err != nil {
		panic(err)
	}
	ss := strategy.Default()
	var m customer.Model
	params := customer.TrustParams{Forgetting: 0.95}
	mask := make([]bool, len(ss))
	p := make([]float64, len(ss)+1)
	const accuracy = 0.7
	fmt.Println("period  buy  respond curated coach  auto outside  delighted  trust")
	for period := range 8 {
		var chose [6]int
		delighted, trust := 0, 0.0
		for i := range cs {
			c := &cs[i]
			if period == 5 && i%10 == 0 {
				if err := c.Consent.RevokeAll(period); err != nil {
					panic(err)
				}
				_ = c.Trust.Update(customer.Outcome{Good: true, PrivacyIncident: true}, params)
			}
			if err := customer.EligibleMask(mask, *c, ss, period, customer.Rules{}); err != nil {
				panic(err)
			}
			if err := m.Choice(p, *c, ss, mask, accuracy); err != nil {
				panic(err)
			}
			k, u := 0, r.Float64() // draw the choice from p
			for k < len(ss) && u >= p[k] {
				u -= p[k]
				k++
			}
			chose[k]++
			if k < len(ss) { // served: did it delight?
				d, err := m.Delight(*c, ss[k], accuracy)
				if err != nil {
					panic(err)
				}
				good := r.Float64() < d
				if good {
					delighted++
				}
				_ = c.Trust.Update(customer.Outcome{Good: good, FirmInitiated: ss[k].FirmInitiated()}, params)
			}
			trust += c.Trust.Value()
		}
		fmt.Printf("%6d %4d %8d %7d %5d %5d %7d %10d %6.3f\n", period,
			chose[0], chose[1], chose[2], chose[3], chose[4], chose[5], delighted, trust/float64(len(cs)))
	}
	// Output:
	// period  buy  respond curated coach  auto outside  delighted  trust
	//      0  543      694     176   135    30     422        928  0.498
	//      1  554      724     139   113    19     451        898  0.480
	//      2  559      708     163   125    13     432        920  0.467
	//      3  612      631     160   121     8     468        918  0.457
	//      4  537      703     161   127    10     462        906  0.449
	//      5  600      676     145   101     7     471        910  0.425
	//      6  588      678     134   102    10     488        894  0.421
	//      7  596      677     136   106     9     476        887  0.416
}
