package main

import (
	"fmt"
	"io"

	"github.com/connectedstrategy/connected/internal/chart"
	"github.com/connectedstrategy/connected/learning"
	"github.com/connectedstrategy/connected/portfolio"
	"github.com/connectedstrategy/connected/strategy"
)

// printLoop runs the learning loop on the plan's open strategies, with and
// without learning, and draws active customers, delight and profit.
func printLoop(w, progress io.Writer, ss []strategy.Strategy, plan portfolio.Plan, o options) error {
	fmt.Fprintf(w, "\n== %d periods of the learning loop on the planned strategies (market %d, %d customers at the start)\n\n",
		o.periods, o.market, o.customers)
	open, err := learning.OpenFromPlan(ss, plan.Open)
	if err != nil {
		return err
	}
	base := learning.LoopConfig{
		Strategies: ss, Open: open, Seed: o.seed,
		Market: o.market, Customers: o.customers, Periods: o.periods,
	}
	still := base
	still.NoLearning = true
	runs := []struct {
		name string
		mark byte
		cfg  learning.LoopConfig
		hist learning.History
	}{
		{name: "with learning", mark: 'L', cfg: base},
		{name: "without learning", mark: 'n', cfg: still},
	}
	for i := range runs {
		name := runs[i].name
		h, err := learning.Simulate(runs[i].cfg, func(p learning.Period) {
			chartProgress(progress, name, p.Period+1, o.periods)
		})
		if err != nil {
			return err
		}
		runs[i].hist = h
	}
	for _, r := range runs {
		last := r.hist.Periods[len(r.hist.Periods)-1]
		profit := 0.0
		for _, p := range r.hist.Periods {
			profit += p.Profit
		}
		delight, accuracy, trust := "—", "—", "—" // undefined with no interaction or nobody active
		if last.Interactions > 0 {
			delight = fmt.Sprintf("%.3f", last.DelightRate)
		}
		if last.Active > 0 {
			accuracy, trust = fmt.Sprintf("%.3f", last.Accuracy), fmt.Sprintf("%.3f", last.MeanTrust)
		}
		fmt.Fprintf(w, "%-17s %7d active at the end, delight %s, accuracy %s, trust %s, total profit %.0f\n",
			r.name, last.Active, delight, accuracy, trust, profit)
	}
	for _, m := range []struct {
		title    string
		metric   learning.Metric
		decimals int
	}{
		{"Active customers", learning.MetricActive, 0},
		{"Delight rate", learning.MetricDelight, 2},
		{"Profit per period", learning.MetricProfit, 0},
	} {
		series := make([]chart.Series, len(runs))
		for i, r := range runs {
			vs := make([]float64, len(r.hist.Periods))
			for t, p := range r.hist.Periods {
				vs[t] = m.metric(p)
			}
			series[i] = chart.Series{Name: r.name, Mark: r.mark, Values: vs}
		}
		fmt.Fprintln(w)
		chart.Lines(w, m.title, series, m.decimals)
	}
	return nil
}

func chartProgress(w io.Writer, name string, done, total int) { chart.Progress(w, name, done, total) }
