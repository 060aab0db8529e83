package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/portfolio"
	"github.com/connectedstrategy/connected/strategy"
)

// printPlan builds the portfolio problem from the sampled customers, solves
// it and reports the open set, its value, the comparisons and who gets what.
func printPlan(w, progress io.Writer, pop customer.Population, cs []customer.Customer, ss []strategy.Strategy, o options) (portfolio.Plan, error) {
	fmt.Fprintf(w, "\n== The portfolio: which strategies to build and whom to serve with each (%g-week plan)\n\n", o.horizon)
	chartProgress(progress, "planning", 0, 1)
	p, err := portfolio.Market{Strategies: ss, Customers: cs, Horizon: o.horizon}.Problem()
	if err != nil {
		return portfolio.Plan{}, err
	}
	plan, err := portfolio.Solve(p)
	if err != nil {
		return portfolio.Plan{}, err
	}
	chartProgress(progress, "planning", 1, 1)

	fmt.Fprintf(w, "build:               %v\n", plan.Open)
	fmt.Fprintf(w, "net value:           %.0f (value %.0f − fixed %.0f − coordination %.0f − silo %.0f)\n",
		plan.Net, plan.Value, plan.FixedCost, plan.CoordinationCost, plan.SiloCost)
	fmt.Fprintf(w, "proven upper bound:  %.0f (gap %.1e)\n", plan.Bound, plan.Gap())
	fmt.Fprintf(w, "focus (one digital): %v, net %.0f; price of focus %.0f\n",
		plan.Focus.Open, plan.Focus.Net, plan.Net-plan.Focus.Net)
	fmt.Fprintf(w, "one size fits all:   %s for everyone eligible, net %.0f; the portfolio gains %.0f\n",
		plan.OneSizeFitsAll.Strategy, plan.OneSizeFitsAll.Net, plan.Net-plan.OneSizeFitsAll.Net)
	if plan.BaselineOnly {
		fmt.Fprintln(w, "nothing beats buy-what-we-have for these customers")
	}

	// Who gets what, by segment: the share of each segment's weight served
	// by each strategy.
	segs := make([]string, len(pop.Segments))
	for i, seg := range pop.Segments {
		segs[i] = seg.Name
	}
	served := make(map[string][]float64, len(segs))
	total := make(map[string]float64, len(segs))
	for _, name := range segs {
		served[name] = make([]float64, len(ss))
	}
	for _, a := range plan.Assignments {
		seg := cs[a.Unit].Segment
		if served[seg] == nil {
			return portfolio.Plan{}, fmt.Errorf("customer %s has unknown segment %q", cs[a.Unit].ID, seg)
		}
		served[seg][a.Strategy] += a.Amount
		total[seg] += a.Amount
	}
	fmt.Fprintln(w, "\nwho gets what (share of each segment):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "segment\t")
	for _, s := range ss {
		fmt.Fprintf(tw, "%s\t", s.Name)
	}
	fmt.Fprintln(tw)
	for _, name := range segs {
		if total[name] == 0 {
			continue // no customer of this segment in the sample
		}
		fmt.Fprintf(tw, "%s\t", name)
		for k := range ss {
			fmt.Fprintf(tw, "%.0f%%\t", 100*served[name][k]/total[name])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return portfolio.Plan{}, err
	}

	// Why the first typical customer got what they got.
	if i := firstOf(cs, typicalSegments[0]); i >= 0 {
		ex, err := plan.Explain(p, i)
		if err != nil {
			return portfolio.Plan{}, err
		}
		fmt.Fprintf(w, "\nwhy customer %s (%s) got what they got:\n%s\n", cs[i].ID, cs[i].Segment, ex)
	}
	return plan, nil
}
