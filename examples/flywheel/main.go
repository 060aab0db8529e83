// Command flywheel simulates the repeat-interaction loop of connected
// strategies (README, Concepts): the firm learns from consented data, better
// matching delights customers, delighted customers bring others by word of
// mouth, and more customers bring more data. It runs the default
// population three times from the same seed — with learning, without
// learning, and with nobody consenting to data use — prints a per-period
// table of the learning run and terminal charts of active customers and
// delight for all three, and can write the history as JSON or the charts
// as SVG.
//
// Modeling choices: every default of learning.LoopConfig (Bass p = 0.03 and
// q = 0.38 per period after Sultan, Farley & Lehmann 1990; the learning
// curve after Hestness et al. 2017; churn, capture share and privacy
// incident rates, which are modeling choices), strategy.Default,
// customer.DefaultPopulation and customer.DefaultModel. A period is a week.
//
// Usage:
//
//	go run ./examples/flywheel [-seed N] [-market M] [-customers N] [-periods T]
//	    [-consent F] [-json] [-svg FILE] [-progress]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"text/tabwriter"

	"github.com/connectedstrategy/connected/examples/internal/cli"
	"github.com/connectedstrategy/connected/internal/chart"
	"github.com/connectedstrategy/connected/learning"
	"github.com/connectedstrategy/connected/strategy"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "flywheel:", err)
		os.Exit(2)
	}
}

type options struct {
	seed      uint64
	market    int
	customers int
	periods   int
	consent   float64
	json      bool
	svg       string
	progress  bool
}

// scenario is one run of the loop.
type scenario struct {
	name, mark string
	hist       learning.History
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("flywheel", flag.ContinueOnError)
	fs.SetOutput(w)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "random seed")
	fs.IntVar(&o.market, "market", 10000, "market size: persons who could become customers, in [1, 10000000]")
	fs.IntVar(&o.customers, "customers", 500, "active customers at the start, in [1, -market]")
	fs.IntVar(&o.periods, "periods", 52, "periods (weeks) to simulate, in [1, 10000]")
	fs.Float64Var(&o.consent, "consent", 1, "factor in [0,1] on every consent probability (0: nobody consents)")
	fs.BoolVar(&o.json, "json", false, "print the learning run's history as JSON instead of tables and charts")
	fs.StringVar(&o.svg, "svg", "", "write the charts as SVG to `FILE`")
	fs.BoolVar(&o.progress, "progress", false, "show a progress bar on standard error")
	if help, err := cli.Parse(fs, args); help || err != nil {
		return err // nil after -h: the usage is printed, and asking is not a mistake
	}
	if err := cli.First(
		cli.Int("market", o.market, 1, cli.MaxMarket),
		cli.Int("customers", o.customers, 1, cli.MaxMarket),
		atMostMarket(o.customers, o.market),
		cli.Int("periods", o.periods, 1, cli.MaxWeeks),
		cli.Float("consent", o.consent, 0, 1, false),
	); err != nil {
		return err
	}
	base := learning.LoopConfig{
		Seed: o.seed, Market: o.market, Customers: o.customers, Periods: o.periods,
		ConsentScale: consentScale(o.consent),
	}
	noLearning := base
	noLearning.NoLearning = true
	noConsent := base
	noConsent.ConsentScale = -1
	scenarios := []scenario{{name: "with learning", mark: "L"}, {name: "without learning", mark: "n"}, {name: "no consent", mark: "c"}}
	for i, cfg := range []learning.LoopConfig{base, noLearning, noConsent} {
		var progress func(learning.Period)
		if o.progress {
			progress = func(p learning.Period) { chart.Progress(os.Stderr, scenarios[i].name, p.Period+1, o.periods) }
		}
		h, err := learning.Simulate(cfg, progress)
		if err != nil {
			return err
		}
		scenarios[i].hist = h
		if o.json {
			break // only the learning run is printed
		}
	}
	if o.json {
		b, err := json.MarshalIndent(scenarios[0].hist, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	fmt.Fprintf(w, "Flywheel: market %d, %d customers at the start, %d periods, consent ×%g, seed %d\n\n",
		o.market, o.customers, o.periods, o.consent, o.seed)
	if err := printTable(w, scenarios[0].hist); err != nil {
		return err
	}
	fmt.Fprintln(w)
	lines(w, "Active customers", scenarios, learning.MetricActive, 0, nil)
	fmt.Fprintln(w)
	lines(w, "Delight rate", scenarios, learning.MetricDelight, 2, func(p learning.Period) bool { return p.Interactions == 0 })
	fmt.Fprintln(w)
	printSummary(w, scenarios)
	if o.svg != "" {
		f, err := os.Create(o.svg)
		if err != nil {
			return err
		}
		writeSVG(f, scenarios)
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(w, "\nwrote %s\n", o.svg)
	}
	return nil
}

// consentScale maps the -consent factor to LoopConfig.ConsentScale, where
// 0 means the default 1 and a negative value means 0.
func consentScale(f float64) float64 {
	if f == 0 {
		return -1
	}
	return f
}

func printTable(w io.Writer, h learning.History) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "period\tactive\tacquired\tchurned\tdelight\ttrust\taccuracy\tdata\tprofit\tregret\t")
	step := max(1, len(h.Periods)/26)
	for i, p := range h.Periods {
		if i%step != 0 && i != len(h.Periods)-1 {
			continue
		}
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%s\t%s\t%s\t%.0f\t%.0f\t%.1f\t\n",
			p.Period, p.Active, p.Acquired, p.Churned, delight(p), ofActive(p, p.MeanTrust), ofActive(p, p.Accuracy), p.Data, p.Profit, p.Regret)
	}
	return tw.Flush()
}

func printSummary(w io.Writer, ss []scenario) {
	for _, s := range ss {
		last := s.hist.Periods[len(s.hist.Periods)-1]
		profit := 0.0
		for _, p := range s.hist.Periods {
			profit += p.Profit
		}
		fmt.Fprintf(w, "%-17s %s: %6d active at the end, delight %s, accuracy %s, total profit %.0f\n",
			s.name, s.mark, last.Active, delight(last), ofActive(last, last.Accuracy), profit)
	}
	fixed := 0.0
	for _, st := range strategy.Default() {
		fixed += st.FixedCost
	}
	fmt.Fprintf(w, "\nProfit here is after the fixed cost of every default strategy (%.0f per period):\n", fixed)
	fmt.Fprintln(w, "all five are open, as in a firm that built everything. The comparison between")
	fmt.Fprintln(w, "the runs is the point; to decide which strategies to build, see examples/plan")
	fmt.Fprintln(w, "and examples/quickstart.")
}

// delight is p's delight rate, or "—" when there was no interaction (the
// library reports 0 then).
func delight(p learning.Period) string {
	if p.Interactions == 0 {
		return "—"
	}
	return fmt.Sprintf("%.3f", p.DelightRate)
}

// ofActive formats a mean over the active customers, or "—" when none is
// active (the library reports 0 then).
func ofActive(p learning.Period, v float64) string {
	if p.Active == 0 {
		return "—"
	}
	return fmt.Sprintf("%.3f", v)
}

// lines draws the scenarios' metric as a terminal chart.
// Periods for which undefined (if not nil) is true are left out.
func lines(w io.Writer, title string, ss []scenario, m learning.Metric, decimals int, undefined func(learning.Period) bool) {
	series := make([]chart.Series, len(ss))
	for i, s := range ss {
		vs := make([]float64, len(s.hist.Periods))
		for t, p := range s.hist.Periods {
			vs[t] = m(p)
			if undefined != nil && undefined(p) {
				vs[t] = math.NaN() // not drawn
			}
		}
		series[i] = chart.Series{Name: s.name, Mark: s.mark[0], Values: vs}
	}
	chart.Lines(w, title, series, decimals)
}

// atMostMarket reports active customers beyond the market they come from.
func atMostMarket(customers, market int) error {
	if customers <= market {
		return nil
	}
	return fmt.Errorf("-customers %d: want at most -market (%d)", customers, market)
}
