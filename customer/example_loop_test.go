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
// interaction delights, satisfies or disappoints ([customer.Model.Outcomes],
// one uniform draw for the three levels), and trust moves with delights and
// disappointments only (a satisfactory interaction is
// [customer.Outcome].Neutral). In period 5 a privacy incident hits a tenth
// of the customers, who revoke every consent and fall back to the strategies
// that need none.
//
// With accuracy fixed at 0.7 (no learning) about 60% of served interactions
// delight and 19% disappoint, so at the default loss ratio of 3 (see
// [customer.TrustParams]) trust rises a little from 0.5 and holds until the
// incident knocks it down; automatic execution, which needs trust ≥ 0.8,
// stays rare: the flywheel has to raise accuracy to widen it.
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
	fmt.Println("period  buy  respond curated coach  auto outside  delighted  disappointed  trust")
	for period := range 8 {
		var chose [6]int
		delighted, disappointed, trust := 0, 0, 0.0
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
			if k < len(ss) { // served: delight, satisfy or disappoint?
				d, b, err := m.Outcomes(*c, ss[k], accuracy)
				if err != nil {
					panic(err)
				}
				u := r.Float64()
				good, bad := u < d, u >= d && u < d+b
				if good {
					delighted++
				}
				if bad {
					disappointed++
				}
				_ = c.Trust.Update(customer.Outcome{Good: good, Neutral: !good && !bad, FirmInitiated: ss[k].FirmInitiated()}, params)
			}
			trust += c.Trust.Value()
		}
		fmt.Printf("%6d %4d %8d %7d %5d %5d %7d %10d %13d %6.3f\n", period,
			chose[0], chose[1], chose[2], chose[3], chose[4], chose[5], delighted, disappointed, trust/float64(len(cs)))
	}
	// Output:
	// period  buy  respond curated coach  auto outside  delighted  disappointed  trust
	//      0  544      660     163   192    36     405        941           298  0.540
	//      1  517      686     147   188    30     432        971           269  0.549
	//      2  542      667     146   196    33     416        964           313  0.550
	//      3  537      657     148   201    26     431        960           279  0.552
	//      4  499      698     155   199    27     422        975           304  0.549
	//      5  557      669     151   192    13     418        977           289  0.522
	//      6  534      665     149   171    24     457        959           288  0.523
	//      7  517      710     139   182    22     430        947           312  0.522
}
