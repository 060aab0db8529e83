// Command subscription studies household goods (detergent, coffee, nappies):
// should a shop let customers reorder with one click when they want
// (respond to desire) or replenish automatically on a schedule it learns
// (automatic execution, "subscribe and save")? It answers two questions
// with the library's real machinery:
//
//  1. Who should get which: portfolio.Market builds the problem from sampled
//     customers of five explicit household segments, portfolio.Solve plans
//     it, and the report shows each segment's split.
//  2. What letting customers switch is worth: with the plan's open
//     strategies, compare a fixed plan (each customer is offered only the
//     strategy the plan assigns, and takes it or walks away) with free choice
//     (each customer chooses by logit among every open strategy they are
//     eligible for, customer.Model.Choice, and may still walk away). The
//     customer's value of the option is the change in expected maximum
//     utility, the logit "logsum" T·ln(e^{U₀/T} + Σ_offered e^{U_j/T})
//     (McFadden 1978; Small & Rosen, Econometrica 49(1), 1981), per need;
//     the firm's side is the change in expected profit, Σ_j P_j × value_j with
//     the plan's values (delight × margin × need value − variable cost), and
//     in the share of customers who stay.
//
// Modeling choices: the three strategies' parameters and the segments below
// (shares, trait distributions, trust, consent rates), the eligibility rule
// MinTrust 0.6 for subscriptions (the library's default 0.8 is meant for
// firms acting alone in riskier settings; the other thresholds are the
// defaults), the firm's accuracy (0.7) and margin (0.2), the horizon
// (-weeks, 52) and every utility weight of customer.DefaultModel. Money is
// euros per need, a period is a week.
//
// Usage:
//
//	go run ./examples/subscription [-seed N] [-customers N] [-weeks H] [-json]
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/examples/internal/cli"
	"github.com/connectedstrategy/connected/internal/report"
	"github.com/connectedstrategy/connected/portfolio"
	"github.com/connectedstrategy/connected/strategy"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "subscription:", err)
		os.Exit(2)
	}
}

// accuracy is the firm's prediction accuracy for every customer and strategy
// (portfolio.DefaultAccuracy), used both to plan and to model choice.
const accuracy = portfolio.DefaultAccuracy

// scale is how many real households each sampled one stands for.
const scale = 100

// rules are the eligibility thresholds: MinTrust 0.6 instead of the library's
// 0.8 (a modeling choice: a subscription the customer can pause is a smaller
// act of trust than a firm acting alone), the other defaults kept.
var rules = customer.Rules{MinTrust: 0.6}

// shopStrategies derives the catalogue from strategy.Default.
func shopStrategies() []strategy.Strategy {
	d := strategy.Default()
	shop := d[0]
	shop.Name = "shop-aisle" // browse the shop and order

	click := d[1]
	click.Name = "one-click-reorder" // "buy again" when the customer wants
	click.FixedCost = 1500

	sub := d[4]
	sub.Name = "subscribe-and-save" // ships on a schedule the shop learns
	// Order history and stated preferences suffice; no device monitoring.
	sub.Data = strategy.NewDataSet(strategy.Transactions, strategy.Preferences)
	sub.DataIntensity = 0.4
	sub.FixedCost, sub.VariableCost, sub.FulfilmentDelay = 4000, 0.6, 0
	return []strategy.Strategy{shop, click, sub}
}

// households are the five segments. Shares, trait means and consent rates
// are modeling choices; the Gamma traits follow customer.DefaultPopulation.
func households(sub strategy.Strategy) customer.Population {
	b := func(mean float64) customer.Beta { return customer.Beta{Mean: mean, Kappa: 12} }
	trust := func(v float64) customer.Trust {
		t, err := customer.TrustFrom(v, 6)
		if err != nil {
			panic(err) // constant input
		}
		return t
	}
	seg := func(name string, share, knowledge, control, privacy, tolerance, inertia, predictability, tr, consent float64) customer.Segment {
		return customer.Segment{
			Name: name, Share: share,
			NeedKnowledge: b(knowledge), ControlDesire: b(control), PrivacyConcern: b(privacy),
			MonitoringTolerance: b(tolerance), Inertia: b(inertia), Predictability: b(predictability),
			MistakeCost:    customer.Gamma{Mean: 10, Shape: 2},
			OptionSetSize:  customer.Gamma{Mean: 10, Shape: 2},
			RecognitionLag: customer.Gamma{Mean: 1, Shape: 3},
			DelayCost:      customer.Gamma{Mean: 4, Shape: 3},
			NeedValue:      customer.Gamma{Mean: 30, Shape: 4},
			Frequency:      customer.Gamma{Mean: 0.5, Shape: 2},
			Trust:          trust(tr),
			Consent:        []customer.ConsentRate{{Kind: strategy.AutomaticExecution, Data: sub.Data, Prob: consent}},
		}
	}
	return customer.Population{Segments: []customer.Segment{
		//  name                      share knows control privacy tolerance inertia predictable trust consent
		seg("young-parents", 0.20, 0.8, 0.3, 0.3, 0.7, 0.7, 0.85, 0.75, 0.7),
		seg("steady-routines", 0.25, 0.8, 0.4, 0.3, 0.6, 0.5, 0.8, 0.7, 0.6),
		seg("deal-hunters", 0.20, 0.7, 0.85, 0.5, 0.3, 0.2, 0.5, 0.55, 0.3),
		seg("irregular-needs", 0.20, 0.6, 0.5, 0.4, 0.5, 0.4, 0.4, 0.6, 0.4),
		seg("privacy-minded", 0.15, 0.75, 0.7, 0.85, 0.1, 0.3, 0.6, 0.5, 0.1),
	}}
}

// Report is everything the program computes; -json prints it.
type Report struct {
	Seed      uint64    `json:"seed"`
	Customers int       `json:"customers"`
	Weeks     float64   `json:"weeks"`
	Open      []string  `json:"open"`
	Net       float64   `json:"net"`
	Focus     []string  `json:"focus_open"`
	FocusNet  float64   `json:"focus_net"`
	OSFA      string    `json:"one_size_fits_all"`
	OSFANet   float64   `json:"one_size_fits_all_net"`
	Segments  []Segment `json:"segments"`
	Total     Segment   `json:"total"`
}

// Segment is one segment's (or the total's) plan split and the two regimes.
// For a segment with no sampled member every statistic is undefined: nil,
// null in JSON.
type Segment struct {
	Name      string    `json:"name"`
	Customers int       `json:"customers"`    // sampled members
	Eligible  *float64  `json:"sub_eligible"` // share eligible for subscribe-and-save
	Assigned  []float64 `json:"assigned"`     // share assigned to each strategy, in catalogue order
	Fixed     *Regime   `json:"fixed"`
	Switch    *Regime   `json:"switch"`
	// OptionValue is Switch.Surplus − Fixed.Surplus: what the option to
	// switch is worth to the average member, euros per need, ≥ 0.
	OptionValue *float64 `json:"option_value_per_need"`
}

// Regime is what happens under fixed assignment or free choice.
type Regime struct {
	Chosen  []float64 `json:"chosen"`              // share choosing each strategy, in catalogue order
	Stay    float64   `json:"stay"`                // share not taking the outside option
	Surplus float64   `json:"surplus_per_need"`    // mean logsum, euros per need
	Profit  float64   `json:"profit_per_customer"` // mean expected profit over the horizon, euros
}

type options struct {
	seed      uint64
	customers int
	weeks     float64
	json      bool
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("subscription", flag.ContinueOnError)
	fs.SetOutput(w)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "random seed for sampling households")
	fs.IntVar(&o.customers, "customers", 2000, "households to sample, in [1, 1000000]")
	fs.Float64Var(&o.weeks, "weeks", 52, "horizon of the plan in weeks, in (0, 10000]")
	fs.BoolVar(&o.json, "json", false, "print the results as JSON")
	if help, err := cli.Parse(fs, args); help || err != nil {
		return err // nil after -h: the usage is printed, and asking is not a mistake
	}
	if err := cli.First(
		cli.Int("customers", o.customers, 1, cli.MaxCustomers),
		cli.Float("weeks", o.weeks, 0, cli.MaxWeeks, true),
	); err != nil {
		return err
	}
	rep, err := compute(o)
	if err != nil {
		return err
	}
	return report.Write(w, o.json, rep, func(w io.Writer) error { return printReport(w, rep) })
}

func compute(o options) (Report, error) {
	ss := shopStrategies()
	pop := households(ss[2])
	cs, err := pop.Sample(rand.New(rand.NewPCG(o.seed, 0)), o.customers)
	if err != nil {
		return Report{}, err
	}
	weights := make([]float64, len(cs))
	for i := range weights {
		weights[i] = scale
	}
	m := portfolio.Market{Strategies: ss, Customers: cs, Weights: weights, Rules: rules, Horizon: o.weeks}
	p, err := m.Problem()
	if err != nil {
		return Report{}, err
	}
	pl, err := portfolio.Solve(p)
	if err != nil {
		return Report{}, err
	}
	rep := Report{
		Seed: o.seed, Customers: o.customers, Weeks: o.weeks,
		Open: pl.Open, Net: report.Round(pl.Net, 2), Focus: pl.Focus.Open, FocusNet: report.Round(pl.Focus.Net, 2),
		OSFA: pl.OneSizeFitsAll.Strategy, OSFANet: report.Round(pl.OneSizeFitsAll.Net, 2),
	}
	assigned := make([]int, len(cs)) // the strategy serving most of each customer
	most := make([]float64, len(cs))
	for _, a := range pl.Assignments {
		if a.Amount > most[a.Unit] {
			assigned[a.Unit], most[a.Unit] = a.Strategy, a.Amount
		}
	}
	built := make([]bool, len(ss))
	for j, st := range pl.Strategies {
		built[j] = st.Open
	}

	k := len(ss)
	type acc struct {
		n           int
		eligible    float64
		assigned    []float64
		fixed, free Regime
	}
	newAcc := func() *acc {
		return &acc{assigned: make([]float64, k),
			fixed: Regime{Chosen: make([]float64, k)}, free: Regime{Chosen: make([]float64, k)}}
	}
	by := make([]*acc, len(pop.Segments))
	for s := range by {
		by[s] = newAcc()
	}
	total := newAcc()
	model := customer.DefaultModel()
	offered := make([]bool, k)
	only := make([]bool, k)
	probs := make([]float64, k+1)
	utils := make([]float64, k)
	for i, c := range cs {
		s := segmentIndex(pop, c.Segment)
		if err := customer.EligibleMask(offered, c, ss, 0, rules); err != nil {
			return Report{}, err
		}
		elig := offered[2]
		for j := range offered {
			offered[j] = offered[j] && built[j]
			only[j] = j == assigned[i]
			u, err := model.Utility(c, ss[j], accuracy)
			if err != nil {
				return Report{}, err
			}
			utils[j] = u.Total
		}
		for _, a := range []*acc{by[s], total} {
			a.n++
			if elig {
				a.eligible++
			}
			a.assigned[assigned[i]]++
		}
		for _, r := range []struct {
			mask []bool
			get  func(*acc) *Regime
		}{
			{only, func(a *acc) *Regime { return &a.fixed }},
			{offered, func(a *acc) *Regime { return &a.free }},
		} {
			if err := model.Choice(probs, c, ss, r.mask, accuracy); err != nil {
				return Report{}, err
			}
			surplus := logsum(model, utils, r.mask)
			var profit float64
			for j := range k {
				profit += probs[j] * p.Units[i].Values[j]
			}
			for _, a := range []*acc{by[s], total} {
				g := r.get(a)
				for j := range k {
					g.Chosen[j] += probs[j]
				}
				g.Stay += 1 - probs[k]
				g.Surplus += surplus
				g.Profit += profit
			}
		}
	}
	finish := func(name string, a *acc) Segment {
		if a.n == 0 {
			return Segment{Name: name} // no members: nothing to average
		}
		n := float64(a.n)
		norm := func(g Regime) *Regime {
			for j := range g.Chosen {
				g.Chosen[j] = report.Round(g.Chosen[j]/n, 4)
			}
			g.Stay, g.Surplus, g.Profit = report.Round(g.Stay/n, 4), report.Round(g.Surplus/n, 4), report.Round(g.Profit/n, 2)
			return &g
		}
		for j := range a.assigned {
			a.assigned[j] = report.Round(a.assigned[j]/n, 4)
		}
		elig := report.Round(a.eligible/n, 4)
		seg := Segment{Name: name, Customers: a.n, Eligible: &elig, Assigned: a.assigned,
			Fixed: norm(a.fixed), Switch: norm(a.free)}
		ov := report.Round(seg.Switch.Surplus-seg.Fixed.Surplus, 4)
		seg.OptionValue = &ov
		return seg
	}
	for s, seg := range pop.Segments {
		rep.Segments = append(rep.Segments, finish(seg.Name, by[s]))
	}
	rep.Total = finish("all", total)
	return rep, nil
}

// logsum returns the expected maximum utility of a logit choice among the
// strategies in mask and the outside option: T·ln(e^{U₀/T} + Σ e^{U_j/T}),
// computed stably.
func logsum(m customer.Model, utils []float64, mask []bool) float64 {
	t := m.Temperature
	hi := m.OutsideUtility
	for j, u := range utils {
		if mask[j] {
			hi = max(hi, u)
		}
	}
	sum := math.Exp((m.OutsideUtility - hi) / t)
	for j, u := range utils {
		if mask[j] {
			sum += math.Exp((u - hi) / t)
		}
	}
	return hi + t*math.Log(sum)
}

func segmentIndex(pop customer.Population, name string) int {
	for i, s := range pop.Segments {
		if s.Name == name {
			return i
		}
	}
	return -1
}

func printReport(w io.Writer, rep Report) error {
	ss := shopStrategies()
	fmt.Fprintln(w, "== Household goods: one-click reorder or subscribe-and-save?")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Modeling choices: the strategies' costs and data, the five household segments")
	fmt.Fprintln(w, "(shares, traits, trust, consent), MinTrust 0.6 for subscriptions, accuracy 0.7,")
	fmt.Fprintln(w, "margin 0.2 and customer.DefaultModel's utility weights. Computed: the plan")
	fmt.Fprintln(w, "(portfolio.Solve), eligibility (customer.EligibleMask) and choice")
	fmt.Fprintln(w, "(customer.Model.Choice). Money in euros; a period is a week.")
	fmt.Fprintf(w, "\n%d households sampled (seed %d), each standing for %d; horizon %g weeks.\n",
		rep.Customers, rep.Seed, scale, rep.Weeks)
	fmt.Fprintf(w, "\nThe plan builds %v: net %s.\n", rep.Open, report.Money(rep.Net))
	fmt.Fprintf(w, "Focus on %v: net %s (price of focus %s).\n", rep.Focus, report.Money(rep.FocusNet), report.Money(rep.Net-rep.FocusNet))
	fmt.Fprintf(w, "One size fits all (%s): net %s (value of the portfolio %s).\n", rep.OSFA, report.Money(rep.OSFANet), report.Money(rep.Net-rep.OSFANet))

	fmt.Fprintln(w, "\nWho should get which (share of each segment the plan assigns):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "segment\tcustomers\teligible for subscription\t")
	for _, s := range ss {
		fmt.Fprintf(tw, "%s\t", s.Name)
	}
	fmt.Fprintln(tw)
	for _, seg := range append(rep.Segments, rep.Total) {
		if seg.Customers == 0 {
			fmt.Fprintf(tw, "%s\t0\t%s\n", seg.Name, strings.Repeat("—\t", 1+len(ss)))
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t", seg.Name, seg.Customers, pct(*seg.Eligible))
		for _, a := range seg.Assigned {
			fmt.Fprintf(tw, "%s\t", pct(a))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nThe value of letting customers switch. Fixed: each is offered only the strategy")
	fmt.Fprintln(w, "the plan assigns (or walks away). Switch: each chooses by logit among every")
	fmt.Fprintln(w, "built strategy they are eligible for (or walks away). Surplus is the expected")
	fmt.Fprintln(w, "best utility per need (logsum); profit is per household over the horizon.")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "segment\tstay fixed\tstay switch\tsubscribe fixed\tsubscribe switch\tsurplus fixed\tsurplus switch\toption value\tprofit fixed\tprofit switch\t")
	for _, seg := range append(rep.Segments, rep.Total) {
		if seg.Customers == 0 {
			fmt.Fprintf(tw, "%s\t%s\n", seg.Name, strings.Repeat("—\t", 9))
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n", seg.Name,
			pct(seg.Fixed.Stay), pct(seg.Switch.Stay), pct(seg.Fixed.Chosen[2]), pct(seg.Switch.Chosen[2]),
			seg.Fixed.Surplus, seg.Switch.Surplus, *seg.OptionValue, seg.Fixed.Profit, seg.Switch.Profit)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	t := rep.Total
	fmt.Fprintf(w, "\nLetting customers switch is worth %.2f euros per need to the average household,\n", *t.OptionValue)
	d, verb := t.Switch.Profit-t.Fixed.Profit, "raises"
	if d < 0 {
		verb = "lowers"
	}
	if math.Abs(d) < 0.005 { // rounds to 0.00: no change to state
		fmt.Fprintf(w, "leaves the firm's expected profit per household over %g weeks unchanged\n", rep.Weeks)
	} else {
		fmt.Fprintf(w, "%s the firm's expected profit by %.2f euros per household over %g weeks\n", verb, math.Abs(d), rep.Weeks)
	}
	if pct(t.Switch.Stay) == pct(t.Fixed.Stay) {
		fmt.Fprintf(w, "(%s of households stay with the firm either way).\n", pct(t.Switch.Stay))
	} else {
		fmt.Fprintf(w, "(%s of households stay with the firm instead of %s).\n", pct(t.Switch.Stay), pct(t.Fixed.Stay))
	}
	return nil
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
