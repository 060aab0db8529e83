// Command bank puts the MIT CISR advice "choose one digital strategy" (Ross,
// Sebastian & Beath, "How to Develop a Great Digital Strategy", MIT Sloan
// Management Review 58(2), 2017) to the test on a retail bank, against the
// view that a bank cannot separate good digitized solutions from customer
// engagement.
//
// The bank can build five connected strategies besides its branches and
// website: a mobile app, personal product offers and a money coach (customer
// engagement), and a robo-advisor and an autopilot that sweeps savings and
// pays bills (digitized solutions). Its customers are a sample of
// customer.DefaultPopulation. For every point of a grid of coordination costs
// (per extra strategy) and silo costs (when both orientations are open) the
// program solves the portfolio exactly with portfolio.Solve and compares
//
//   - the optimal portfolio (no limit on what is built),
//   - focus: the best plan with MaxOpen = 1, CISR's advice, and
//   - combined: the best plan whose open strategies span both orientations
//     (each open set scored with portfolio.Assign),
//
// and prints the price of focus (optimal net − focus net, ≥ 0, zero where
// the optimum is itself focused: the tie region) and the margin of focus over
// combined (positive where focus beats the combined portfolio).
//
// Modeling choices: the strategies' shares of the stages, data, consent,
// costs and orientations below (in particular that the robo-advisor and the
// autopilot are digitized solutions); the
// customers (customer.DefaultPopulation, its traits and consent rates);
// the horizon (-weeks, 52), each sampled customer standing for -scale real
// ones, the firm's prediction accuracy (portfolio.DefaultAccuracy, 0.7) and
// margin (portfolio.DefaultCapture, 0.2); and the cost grids. Money is in
// euros, a period is a week; the grids' costs are per week.
//
// Whether the money coach is engagement or a digitized solution is itself
// the judgment the debate is about, so the sweep runs twice: with the coach
// counted as engagement (the library's default mapping) and as a solution
// (the view that a bank's coaching is one of its digitized solutions).
//
// Usage:
//
//	go run ./examples/bank [-seed N] [-customers N] [-scale W] [-weeks H] [-json]
package main

import (
	"errors"
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
		fmt.Fprintln(os.Stderr, "bank:", err)
		os.Exit(2)
	}
}

// The cost grids, euros per week (modeling choices spanning "free" to
// "prohibitive" relative to the strategies' fixed costs).
var (
	coordinationGrid = []float64{0, 25000, 50000, 100000, 150000, 200000}
	siloGrid         = []float64{0, 25000, 50000, 100000, 200000, 400000}
)

// tieTolerance is the relative difference (of the optimal net) below which
// two plans count as tied: far above the solver's proven gap of 1e-9.
const tieTolerance = 1e-6

// bankStrategies is the bank's catalogue, derived from strategy.Default: the
// same kinds, shares of the stages, data and consent, with bank names,
// bank costs (euros per week and per need) and an explicit orientation.
func bankStrategies(coachOrientation strategy.Orientation) []strategy.Strategy {
	d := strategy.Default()
	branch := d[0]
	branch.Name = "branch-and-web" // walk in or browse the product pages

	app := d[1]
	app.Name = "mobile-app" // open an account or pay in two taps
	app.FixedCost, app.VariableCost, app.FulfilmentDelay = 40000, 0.3, 0.2

	offers := d[2]
	offers.Name = "personal-offers" // a short menu of products that fit
	offers.FixedCost = 50000

	robo := d[2]
	robo.Name = "robo-advisor" // proposes and rebalances a whole portfolio
	robo.Orientation = strategy.Solutions
	robo.FirmRecognize, robo.FirmRequest = 0.5, 0.5
	robo.FixedCost, robo.VariableCost = 50000, 0.8

	coach := d[3]
	coach.Name = "money-coach" // spending alerts, nudges to save
	coach.Orientation = coachOrientation
	coach.FixedCost = 60000

	auto := d[4]
	auto.Name = "autopilot" // sweeps savings and pays bills by itself
	auto.FixedCost = 40000
	return []strategy.Strategy{branch, app, offers, coach, robo, auto}
}

type options struct {
	seed      uint64
	customers int
	scale     float64
	weeks     float64
	json      bool
}

// Report is everything the program computes; -json prints it.
type Report struct {
	Seed       uint64     `json:"seed"`
	Customers  int        `json:"customers"`
	Scale      float64    `json:"scale"`
	Weeks      float64    `json:"weeks"`
	Strategies []Strategy `json:"strategies"`
	Alone      []Alone    `json:"alone"`
	Segments   []Mix      `json:"segments"`
	Studies    []Study    `json:"studies"`
}

// Mix is one segment's split over the strategies in the optimum without
// coordination or silo cost.
type Mix struct {
	Name      string    `json:"name"`
	Customers int       `json:"customers"` // sampled members
	Served    []float64 `json:"served"`    // share served with each strategy, in catalogue order; null for no members
}

// Study is the sweep under one tagging of the money coach's orientation.
type Study struct {
	CoachOrientation string  `json:"coach_orientation"`
	Points           []Point `json:"points"` // silo cost major, coordination cost minor
	Summary          Summary `json:"summary"`
}

// Strategy describes one strategy of the catalogue.
type Strategy struct {
	Name        string  `json:"name"`
	Kind        string  `json:"kind"`
	Orientation string  `json:"orientation"`
	FixedCost   float64 `json:"fixed_cost_per_week"`
}

// Alone is the plan that builds one strategy besides the baseline, with no
// coordination or silo cost. Money is euros over the horizon.
type Alone struct {
	Strategy string  `json:"strategy"`
	Eligible float64 `json:"eligible_share"` // share of customers eligible for it
	Served   float64 `json:"served_share"`   // share of customers it serves
	Net      float64 `json:"net"`
	Gain     float64 `json:"gain_over_baseline"` // net − the baseline-only net
}

// Point is one (coordination, silo) cost pair and the three plans there.
// Money is euros over the horizon.
type Point struct {
	CoordinationCost float64  `json:"coordination_cost_per_week"`
	SiloCost         float64  `json:"silo_cost_per_week"`
	Open             []string `json:"open"`
	Net              float64  `json:"net"`
	FocusOpen        []string `json:"focus_open"`
	FocusNet         float64  `json:"focus_net"`
	PriceOfFocus     float64  `json:"price_of_focus"`
	OneSideOpen      []string `json:"one_orientation_open"`
	OneSideNet       float64  `json:"one_orientation_net"`
	CombinedOpen     []string `json:"combined_open"`
	CombinedNet      float64  `json:"combined_net"`
	FocusMargin      float64  `json:"focus_minus_combined"`
	// Optimum is "focused" (at most one strategy besides the baseline: focus
	// ties the optimum), "one-orientation" or "both-orientations".
	Optimum string `json:"optimum"`
}

// Summary counts the grid points by the shape of the optimum, and those
// where focus beats the best plan spanning both orientations.
type Summary struct {
	Points             int `json:"points"`
	Focused            int `json:"optimum_focused"` // the tie region: price of focus 0
	OneOrientation     int `json:"optimum_one_orientation"`
	BothOrientations   int `json:"optimum_both_orientations"`
	FocusBeatsCombined int `json:"focus_beats_combined"`
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("bank", flag.ContinueOnError)
	fs.SetOutput(w)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "random seed for sampling customers")
	fs.IntVar(&o.customers, "customers", 1000, "customers to sample, in [1, 1000000]")
	fs.Float64Var(&o.scale, "scale", 1000, "real customers each sampled one stands for, in (0, 1000000]")
	fs.Float64Var(&o.weeks, "weeks", 52, "horizon of the plan in weeks, in (0, 10000]")
	fs.BoolVar(&o.json, "json", false, "print the results as JSON")
	if help, err := cli.Parse(fs, args); help || err != nil {
		return err // nil after -h: the usage is printed, and asking is not a mistake
	}
	if err := cli.First(
		cli.Int("customers", o.customers, 1, cli.MaxCustomers),
		cli.Float("scale", o.scale, 0, 1e6, true),
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
	cs, err := customer.DefaultPopulation().Sample(rand.New(rand.NewPCG(o.seed, 0)), o.customers)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Seed: o.seed, Customers: o.customers, Scale: o.scale, Weeks: o.weeks}
	for _, coach := range []strategy.Orientation{strategy.Engagement, strategy.Solutions} {
		ss := bankStrategies(coach)
		weights := make([]float64, len(cs))
		for i := range weights {
			weights[i] = o.scale
		}
		m := portfolio.Market{Strategies: ss, Customers: cs, Weights: weights, Horizon: o.weeks}
		p, err := m.Problem()
		if err != nil {
			return Report{}, err
		}
		sets, base, err := openSets(p)
		if err != nil {
			return Report{}, err
		}
		if coach == strategy.Engagement {
			// Neither depends on orientations: report them once.
			for _, s := range ss {
				rep.Strategies = append(rep.Strategies, Strategy{s.Name, s.Kind.String(), s.Orientation.String(), s.FixedCost})
			}
			alone(&rep, p, sets, base)
		}
		st, err := sweep(p, sets, o.weeks)
		if err != nil {
			return Report{}, err
		}
		st.CoachOrientation = coach.String()
		rep.Studies = append(rep.Studies, st)
		if coach == strategy.Engagement {
			if err := segments(&rep, p, cs); err != nil {
				return Report{}, err
			}
		}
	}
	return rep, nil
}

// alone fills rep.Alone from the open sets with one strategy.
func alone(rep *Report, p portfolio.Problem, sets []openSet, base float64) {
	var total float64
	for _, u := range p.Units {
		total += u.Weight
	}
	for _, c := range sets {
		if c.k != 1 {
			continue
		}
		j := c.only
		var el float64
		for _, u := range p.Units {
			if u.Eligible == nil || u.Eligible[j] {
				el += u.Weight
			}
		}
		rep.Alone = append(rep.Alone, Alone{p.Strategies[j].Name, report.Round(el/total, 4), report.Round(c.served/total, 4),
			report.Round(c.gross, 2), report.Round(c.gross-base, 2)})
	}
}

// segments fills rep.Segments from the optimum without coordination or silo
// cost.
func segments(rep *Report, p portfolio.Problem, cs []customer.Customer) error {
	p.CoordinationCost, p.SiloCost = 0, 0
	pl, err := portfolio.Solve(p)
	if err != nil {
		return err
	}
	pop := customer.DefaultPopulation()
	idx := map[string]int{}
	for s, seg := range pop.Segments {
		idx[seg.Name] = s
		rep.Segments = append(rep.Segments, Mix{Name: seg.Name, Served: make([]float64, len(p.Strategies))})
	}
	for _, c := range cs {
		rep.Segments[idx[c.Segment]].Customers++
	}
	for _, a := range pl.Assignments {
		rep.Segments[idx[cs[a.Unit].Segment]].Served[a.Strategy] += a.Amount / p.Units[a.Unit].Weight
	}
	for s := range rep.Segments {
		m := &rep.Segments[s]
		if m.Customers == 0 {
			m.Served = nil // no members: their split is undefined, not 0%
			continue
		}
		for j := range m.Served {
			m.Served[j] = report.Round(m.Served[j]/float64(m.Customers), 4)
		}
	}
	return nil
}

// sweep solves p at every grid point.
func sweep(p portfolio.Problem, sets []openSet, weeks float64) (Study, error) {
	var st Study
	for _, silo := range siloGrid {
		for _, coord := range coordinationGrid {
			// Market multiplies per-period costs by the horizon; so do we.
			p.CoordinationCost, p.SiloCost = coord*weeks, silo*weeks
			pl, err := portfolio.Solve(p)
			if err != nil {
				return Study{}, err
			}
			pt := Point{
				CoordinationCost: coord, SiloCost: silo,
				Open: pl.Open, Net: pl.Net,
				FocusOpen: pl.Focus.Open, FocusNet: pl.Focus.Net,
				PriceOfFocus: pl.Net - pl.Focus.Net,
				CombinedNet:  math.Inf(-1), OneSideNet: math.Inf(-1),
			}
			for _, c := range sets {
				net := c.gross - p.CoordinationCost*float64(max(c.k-1, 0))
				if c.both {
					net -= p.SiloCost
					if net > pt.CombinedNet {
						pt.CombinedNet, pt.CombinedOpen = net, c.open
					}
				} else if net > pt.OneSideNet {
					pt.OneSideNet, pt.OneSideOpen = net, c.open
				}
			}
			if pt.CombinedOpen == nil {
				return Study{}, errors.New("the catalogue does not span both orientations")
			}
			pt.FocusMargin = pt.FocusNet - pt.CombinedNet
			if pt.PriceOfFocus <= tieTolerance*math.Abs(pl.Net) {
				pt.PriceOfFocus = 0
			}
			k, both := shape(p.Strategies, pl.Open)
			switch {
			case k <= 1:
				pt.Optimum = "focused"
				st.Summary.Focused++
			case !both:
				pt.Optimum = "one-orientation"
				st.Summary.OneOrientation++
			default:
				pt.Optimum = "both-orientations"
				st.Summary.BothOrientations++
			}
			if pt.FocusMargin > 0 {
				st.Summary.FocusBeatsCombined++
			}
			for _, x := range []*float64{&pt.Net, &pt.FocusNet, &pt.PriceOfFocus, &pt.OneSideNet, &pt.CombinedNet, &pt.FocusMargin} {
				*x = report.Round(*x, 2)
			}
			st.Points = append(st.Points, pt)
		}
	}
	st.Summary.Points = len(st.Points)
	return st, nil
}

// shape returns how many strategies besides buy-what-we-have open names and
// whether they span both orientations.
func shape(ss []strategy.Strategy, open []string) (k int, both bool) {
	var eng, sol bool
	for _, name := range open {
		s := ss[strategy.Index(ss, name)]
		if s.Kind == strategy.BuyWhatWeHave {
			continue
		}
		k++
		eng = eng || s.Orientation == strategy.Engagement
		sol = sol || s.Orientation == strategy.Solutions
	}
	return k, eng && sol
}

// openSet is one choice of strategies to build, scored once by
// portfolio.Assign without coordination and silo costs.
type openSet struct {
	open   []string
	k      int     // open strategies besides buy-what-we-have
	only   int     // when k = 1, the index of that strategy
	served float64 // when k = 1, the weight it serves
	both   bool    // whether they span both orientations
	gross  float64 // Value − FixedCost over the horizon
}

// openSets scores every open set with portfolio.Assign, and returns the
// baseline-only net too. Value and fixed cost do not depend on the
// coordination and silo costs, which the caller subtracts per grid point
// exactly as portfolio.Problem defines them.
func openSets(p portfolio.Problem) ([]openSet, float64, error) {
	p.CoordinationCost, p.SiloCost = 0, 0
	var idx []int // strategies other than buy-what-we-have
	for j, s := range p.Strategies {
		if s.Kind != strategy.BuyWhatWeHave {
			idx = append(idx, j)
		}
	}
	if len(idx) > 12 {
		return nil, 0, errors.New("too many strategies to enumerate")
	}
	var out []openSet
	var base float64
	open := make([]bool, len(p.Strategies))
	for mask := range 1 << len(idx) {
		c := openSet{only: -1}
		var eng, sol bool
		for b, j := range idx {
			open[j] = mask&(1<<b) != 0
			if open[j] {
				c.k++
				c.only = j
				eng = eng || p.Strategies[j].Orientation == strategy.Engagement
				sol = sol || p.Strategies[j].Orientation == strategy.Solutions
			}
		}
		pl, err := portfolio.Assign(p, open)
		if err != nil {
			return nil, 0, err
		}
		c.open, c.both, c.gross = pl.Open, eng && sol, pl.Value-pl.FixedCost
		if mask == 0 {
			base = pl.Net
		}
		if c.k == 1 {
			c.served = pl.Strategies[c.only].Weight
		}
		out = append(out, c)
	}
	return out, base, nil
}

func printReport(w io.Writer, rep Report) error {
	fmt.Fprintln(w, "== A bank: choose one digital strategy, or combine engagement and solutions?")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Modeling choices: the strategies' costs, data, consent and orientations below;")
	fmt.Fprintln(w, "the customers (customer.DefaultPopulation); the horizon, scale, accuracy (0.7)")
	fmt.Fprintln(w, "and margin (0.2) of portfolio.Market's defaults; the cost grids. Computed:")
	fmt.Fprintln(w, "every plan, by portfolio.Solve and portfolio.Assign, exactly. Whether the money")
	fmt.Fprintln(w, "coach is engagement or a digitized solution is the judgment in dispute, so the")
	fmt.Fprintln(w, "sweep runs under both.")
	fmt.Fprintf(w, "\n%d customers sampled (seed %d), each standing for %.0f; horizon %g weeks; money in euros.\n\n",
		rep.Customers, rep.Seed, rep.Scale, rep.Weeks)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "strategy\tkind\torientation\tfixed/week")
	for _, s := range rep.Strategies {
		o := s.Orientation
		if s.Kind == strategy.CoachBehavior.String() {
			o = "engagement or solutions"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.0f\n", s.Name, s.Kind, o, s.FixedCost)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nEach strategy built alone beside branch-and-web (no coordination or silo cost):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "strategy\teligible\tserved\tnet\tgain over baseline\t")
	for _, a := range rep.Alone {
		fmt.Fprintf(tw, "%s\t%.1f%%\t%.1f%%\t%s\t%s\t\n", a.Strategy, 100*a.Eligible, 100*a.Served, report.Money(a.Net), report.Money(a.Gain))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	first := rep.Studies[0].Points[0]
	fmt.Fprintf(w, "\nWith no coordination or silo cost the optimum builds %s (net %s).\n",
		strings.Join(first.Open, ", "), report.Money(first.Net))
	fmt.Fprintf(w, "Focus builds %s (net %s): the price of focus is %s.\n",
		strings.Join(first.FocusOpen, ", "), report.Money(first.FocusNet), report.Money(first.PriceOfFocus))
	fmt.Fprintln(w, "Who gets what there (share of each segment):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "segment\tcustomers\t")
	for _, s := range rep.Strategies {
		fmt.Fprintf(tw, "%s\t", s.Name)
	}
	fmt.Fprintln(tw)
	for _, m := range rep.Segments {
		fmt.Fprintf(tw, "%s\t%d\t", m.Name, m.Customers)
		for j := range rep.Strategies {
			if m.Served == nil {
				fmt.Fprint(tw, "—\t")
				continue
			}
			fmt.Fprintf(tw, "%.0f%%\t", 100*m.Served[j])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	letters := legend(rep.Strategies)
	for _, st := range rep.Studies {
		fmt.Fprintf(w, "\n== The sweep with the money coach counted as %s\n", st.CoachOrientation)
		if err := printStudy(w, st, letters); err != nil {
			return err
		}
	}
	return nil
}

func printStudy(w io.Writer, st Study, letters legendCodes) error {
	nc := len(coordinationGrid)
	grid := func(title string, cell func(Point) string) error {
		fmt.Fprintf(w, "\n%s\n", title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "silo/week \\ coordination/week\t")
		for _, c := range coordinationGrid {
			fmt.Fprintf(tw, "%.0f\t", c)
		}
		fmt.Fprintln(tw)
		for r, silo := range siloGrid {
			fmt.Fprintf(tw, "%.0f\t", silo)
			for c := range nc {
				fmt.Fprintf(tw, "%s\t", cell(st.Points[r*nc+c]))
			}
			fmt.Fprintln(tw)
		}
		return tw.Flush()
	}
	if err := grid("What the optimum builds besides branch-and-web ("+letters.text+"):", func(p Point) string {
		return letters.code(p.Open)
	}); err != nil {
		return err
	}
	if err := grid("Price of focus, optimal net − focus net (\"tie\" where the optimum is itself focused):", func(p Point) string {
		if p.PriceOfFocus == 0 {
			return "tie"
		}
		return report.Money(p.PriceOfFocus)
	}); err != nil {
		return err
	}
	if err := grid("Focus net − best net spanning both orientations (> 0: focus beats the combined portfolio):", func(p Point) string {
		return report.Money(p.FocusMargin)
	}); err != nil {
		return err
	}
	s := st.Summary
	fmt.Fprintf(w, "\nOf %d cost points the optimum is focused at %d (focus ties it), stays within one\n", s.Points, s.Focused)
	fmt.Fprintf(w, "orientation at %d and spans both at %d. Focus beats the best combined portfolio at %d\n", s.OneOrientation, s.BothOrientations, s.FocusBeatsCombined)
	fmt.Fprintf(w, "and loses to it at %d.\n", s.Points-s.FocusBeatsCombined)
	return nil
}

type legendCodes struct {
	text  string
	codes map[string]string
}

// legend gives each strategy besides the first (the baseline) a letter.
func legend(ss []Strategy) legendCodes {
	l := legendCodes{codes: map[string]string{}}
	var parts []string
	for i, s := range ss[1:] {
		c := string(rune('A' + i))
		l.codes[s.Name] = c
		parts = append(parts, c+" "+s.Name)
	}
	l.text = strings.Join(parts, ", ")
	return l
}

func (l legendCodes) code(open []string) string {
	var b strings.Builder
	for _, name := range open {
		b.WriteString(l.codes[name])
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}
