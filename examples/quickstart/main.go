// Command quickstart walks through the whole connected flow on the default
// population: the strategy catalogue, a sampled population of customers, how
// three typical customers value each strategy and which they may be offered,
// the portfolio plan (which strategies to build, who gets what, the price of
// focus and the gain over one size for all), and 24 periods of the learning
// loop on the planned strategies, drawn as terminal charts. A progress bar
// goes to standard error.
//
// Modeling choices: every cost, delay and data-intensity number comes from
// strategy.Default, every trait distribution and consent rate from
// customer.DefaultPopulation, every utility weight from customer.DefaultModel,
// the plan's accuracy (0.7) and value capture (0.2) from portfolio.Market's
// defaults, and the loop's diffusion, learning-curve and churn parameters
// from learning.LoopConfig's defaults; their documentation says which
// numbers come from the literature and which are modeling choices. The
// firm's accuracy for the three typical customers (-accuracy, 0.7), the
// plan's horizon (-horizon, 52 weeks) and the market size (-market, twice
// the customers) are modeling choices of this program.
//
// Usage:
//
//	go run ./examples/quickstart [-seed N] [-customers N] [-market M]
//	    [-periods T] [-horizon H] [-accuracy A] [-progress=false]
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"text/tabwriter"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/examples/internal/cli"
	"github.com/connectedstrategy/connected/strategy"
)

func main() {
	if err := run(os.Stdout, os.Stderr, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(2)
	}
}

type options struct {
	seed      uint64
	customers int
	market    int
	periods   int
	horizon   float64
	accuracy  float64
	progress  bool
}

// run writes the report to w and the progress bar to progress.
func run(w, progress io.Writer, args []string) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(w)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "random seed")
	fs.IntVar(&o.customers, "customers", 100000, "customers to sample and plan for, in [1, 1000000]")
	fs.IntVar(&o.market, "market", 0, "persons in the market for the loop, in [customers, 10000000]; 0 means twice the customers")
	fs.IntVar(&o.periods, "periods", 24, "periods (weeks) of the learning loop, in [1, 10000]")
	fs.Float64Var(&o.horizon, "horizon", 52, "periods (weeks) the portfolio plan covers, in (0, 10000]")
	fs.Float64Var(&o.accuracy, "accuracy", 0.7, "the firm's prediction accuracy for the typical customers, in [0,1]")
	fs.BoolVar(&o.progress, "progress", true, "show a progress bar on standard error")
	if help, err := cli.Parse(fs, args); help || err != nil {
		return err // nil after -h: the usage is printed, and asking is not a mistake
	}
	if err := cli.Int("customers", o.customers, 1, cli.MaxCustomers); err != nil {
		return err
	}
	if o.market == 0 {
		o.market = 2 * o.customers
	}
	if err := cli.First(
		cli.Int("market", o.market, 1, cli.MaxMarket),
		atLeastCustomers(o.market, o.customers),
		cli.Int("periods", o.periods, 1, cli.MaxWeeks),
		cli.Float("horizon", o.horizon, 0, cli.MaxWeeks, true),
		cli.Float("accuracy", o.accuracy, 0, 1, false),
	); err != nil {
		return err
	}
	if !o.progress {
		progress = io.Discard
	}
	ss := strategy.Default()
	if err := printStrategies(w, ss); err != nil {
		return err
	}
	pop := customer.DefaultPopulation()
	cs, err := pop.Sample(rand.New(rand.NewPCG(o.seed, 0)), o.customers)
	if err != nil {
		return err
	}
	if err := printPopulation(w, pop, cs); err != nil {
		return err
	}
	if err := printTypical(w, cs, ss, o.accuracy); err != nil {
		return err
	}
	plan, err := printPlan(w, progress, pop, cs, ss, o)
	if err != nil {
		return err
	}
	return printLoop(w, progress, ss, plan, o)
}

func printStrategies(w io.Writer, ss []strategy.Strategy) error {
	fmt.Fprintln(w, "== The five connected strategies (strategy.Default)")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "strategy\trecognize\trequest\tautonomy\tdata\tconsent\torientation\tfixed/period\tper interaction")
	for _, s := range ss {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%.1f\t%s\t%s\t%.0f\t%.2f\n",
			s.Name,
			strategy.PartyOf(s.FirmShare(strategy.Recognize)),
			strategy.PartyOf(s.FirmShare(strategy.Request)),
			s.Autonomy(), s.DataIntensity, yesNo(s.NeedsConsent), s.Orientation,
			s.FixedCost, s.VariableCost)
	}
	return tw.Flush()
}

func printPopulation(w io.Writer, pop customer.Population, cs []customer.Customer) error {
	fmt.Fprintf(w, "\n== A sampled population of %d customers (customer.DefaultPopulation)\n\n", len(cs))
	type agg struct {
		n                                  int
		privacy, knowledge, inertia, trust float64
		consented                          int // granted anything that needs consent
	}
	by := make(map[string]*agg, len(pop.Segments))
	for _, seg := range pop.Segments {
		by[seg.Name] = &agg{}
	}
	for _, c := range cs {
		a := by[c.Segment]
		if a == nil {
			return fmt.Errorf("customer %s has unknown segment %q", c.ID, c.Segment)
		}
		a.n++
		a.privacy += c.Traits.PrivacyConcern
		a.knowledge += c.Traits.NeedKnowledge
		a.inertia += c.Traits.Inertia
		a.trust += c.Trust.Value()
		if !c.Consent.Granted(strategy.CuratedOffering, 0).Empty() {
			a.consented++
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "segment\tshare\tprivacy concern\tneed knowledge\tinertia\ttrust\tconsents to curation")
	for _, seg := range pop.Segments { // population order, so the table is stable
		a := by[seg.Name]
		if a.n == 0 {
			fmt.Fprintf(tw, "%s\t0.0%%\t—\t—\t—\t—\t—\n", seg.Name)
			continue
		}
		n := float64(a.n)
		fmt.Fprintf(tw, "%s\t%.1f%%\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f%%\n", seg.Name,
			100*n/float64(len(cs)), a.privacy/n, a.knowledge/n, a.inertia/n, a.trust/n,
			100*float64(a.consented)/n)
	}
	return tw.Flush()
}

// typicalSegments are the segments whose first sampled member the report
// shows: one per privacy group.
var typicalSegments = []string{"fundamentalist-decided", "pragmatist-overwhelmed", "unconcerned-routine"}

func printTypical(w io.Writer, cs []customer.Customer, ss []strategy.Strategy, accuracy float64) error {
	m := customer.DefaultModel()
	rules := customer.DefaultRules()
	fmt.Fprintf(w, "\n== Three typical customers: utility per need (customer.DefaultModel, accuracy %.2f)\n", accuracy)
	for _, name := range typicalSegments {
		i := firstOf(cs, name)
		if i < 0 {
			fmt.Fprintf(w, "\n(no %s customer in the sample)\n", name)
			continue
		}
		c := cs[i]
		fmt.Fprintf(w, "\ncustomer %s (%s): privacy %.2f, tolerance %.2f, knowledge %.2f, inertia %.2f, predictability %.2f, trust %.2f\n",
			c.ID, c.Segment, c.Traits.PrivacyConcern, c.Traits.MonitoringTolerance,
			c.Traits.NeedKnowledge, c.Traits.Inertia, c.Traits.Predictability, c.Trust.Value())
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "strategy\tvalue\teffort\tdelay\tprivacy\tcreepy\tcontrol\tmistakes\tnuisance\ttotal\tdelight\teligible\t")
		best, bestU := -1, 0.0
		for k, s := range ss {
			u, err := m.Utility(c, s, accuracy)
			if err != nil {
				return err
			}
			d, err := m.Delight(c, s, accuracy)
			if err != nil {
				return err
			}
			ok, why := customer.Eligible(c, s, 0, rules)
			el := "yes"
			if !ok {
				el = "no: " + why.String()
			} else if best < 0 || u.Total > bestU {
				best, bestU = k, u.Total
			}
			fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.2f\t%s\t\n", s.Name,
				u.Value, u.Effort, u.Delay, u.Privacy, u.Creepiness, u.Control, u.Mistakes, u.Nuisance,
				u.Total, d, el)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "best eligible: %s\n", ss[best].Name)
	}
	return nil
}

func firstOf(cs []customer.Customer, segment string) int {
	for i := range cs {
		if cs[i].Segment == segment {
			return i
		}
	}
	return -1
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// atLeastCustomers reports a market smaller than its active customers.
func atLeastCustomers(market, customers int) error {
	if market >= customers {
		return nil
	}
	return fmt.Errorf("-market %d: want at least -customers (%d)", market, customers)
}
