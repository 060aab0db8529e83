// Command toner studies the printer-toner case: a curated offering (the shop
// suggests the right cartridge from past purchases and the customer orders)
// against automatic execution (the printer reports its ink level and a
// cartridge ships itself). It shows two things:
//
//  1. How the split between the two moves with trust and monitoring
//     tolerance: for each point of a grid, customers are sampled from two
//     explicit segments with that trust and tolerance, portfolio.Market builds
//     the problem and portfolio.Solve says who is best served by which.
//  2. What happens when automatic execution is forced on customers who did not
//     want it (say, bundled into the printer's terms): at the base point, the
//     customers who value another strategy more than auto-ship
//     (customer.Model.Utility) are simulated for -periods months twice, once
//     served as the plan says and once on auto-ship, with the same random
//     draws; customers who want auto-ship and get it are shown beside them. Each month a customer needs a cartridge with
//     probability min(1, Frequency); the interaction goes wrong with
//     probability FirmRequest × (1 − accuracy) (a wrong or unwanted
//     cartridge: a bad outcome, firm-initiated under auto-ship), otherwise it
//     delights with customer.Model.Delight's probability (a good outcome)
//     or passes unnoticed (no evidence); a strategy that uses monitoring data
//     causes a privacy incident with probability -incident per interaction.
//     customer.Trust.Update weighs firm-initiated mistakes (× 1.5) and
//     incidents (10 good outcomes' worth) more, and trust feeds back into the
//     privacy cost, hence into delight.
//
// The churn rule, a modeling choice: at the end of each month an active
// customer leaves with probability ChurnMax × (1 − trust)², ChurnMax = 0.1
// (0.2% a month at trust 0.85, 2.5% at 0.5, 4.9% at 0.3).
//
// Other modeling choices: the strategies' parameters; the segments (shares,
// traits, consent: the probability of consenting to auto-ship equals the
// segment's mean monitoring tolerance, to suggestions 0.7); the firm's
// accuracy (0.8 for suggestions, 0.9 for auto-ship: the printer knows its ink
// level; 0.7 otherwise); evidence forgetting 0.95 a month; the grids; the
// base point (-trust 0.85, -tolerance 0.5); the horizon (24 months).
// Eligibility uses the library's default rules, so auto-ship needs trust
// ≥ 0.8: trust acts as a threshold. Money is euros; a period is a month.
//
// Usage:
//
//	go run ./examples/toner [-seed N] [-customers N] [-trust T] [-tolerance M] [-periods N] [-incident P] [-json]
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"text/tabwriter"

	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/internal/report"
	"github.com/connectedstrategy/connected/portfolio"
	"github.com/connectedstrategy/connected/strategy"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "toner:", err)
		os.Exit(2)
	}
}

const (
	horizon    = 24   // months the plans cover
	churnMax   = 0.1  // the churn rule's scale, per month
	forgetting = 0.95 // trust evidence kept from one month to the next
	gridSample = 1000 // customers sampled per grid point
	market     = 1e5  // printer owners the sampled customers stand for
)

// The grids (modeling choices) of the segments' common initial trust and
// mean monitoring tolerance.
var (
	trustGrid     = []float64{0.5, 0.6, 0.7, 0.8, 0.9}
	toleranceGrid = []float64{0.1, 0.3, 0.5, 0.7, 0.9}
)

// tonerStrategies is the catalogue, derived from strategy.Default.
func tonerStrategies() []strategy.Strategy {
	d := strategy.Default()
	shop := d[0]
	shop.Name = "web-shop" // find the cartridge for your printer and order it

	suggest := d[2]
	suggest.Name = "suggested-cartridge"                      // "your printer takes these two"
	suggest.Data = strategy.NewDataSet(strategy.Transactions) // past purchases
	suggest.DataIntensity = 0.3
	suggest.FixedCost = 2000

	auto := d[4]
	auto.Name = "auto-ship" // the printer reports its ink level; a cartridge ships
	auto.Data = strategy.NewDataSet(strategy.Transactions, strategy.Monitoring)
	auto.DataIntensity = 0.8
	auto.FixedCost = 6000
	return []strategy.Strategy{shop, suggest, auto}
}

// accuracy per strategy of tonerStrategies (modeling choices).
var accuracy = []float64{0.7, 0.8, 0.9}

// buyers returns the two segments with initial trust t and mean monitoring
// tolerance mt.
func buyers(ss []strategy.Strategy, t, mt float64) (customer.Population, error) {
	tr, err := customer.TrustFrom(t, 8)
	if err != nil {
		return customer.Population{}, err
	}
	b := func(mean float64) customer.Beta { return customer.Beta{Mean: mean, Kappa: 12} }
	seg := func(name string, share, inertia, predictability, frequency, mistake float64) customer.Segment {
		return customer.Segment{
			Name: name, Share: share,
			NeedKnowledge: b(0.4), ControlDesire: b(0.4), PrivacyConcern: b(0.45),
			MonitoringTolerance: b(mt), Inertia: b(inertia), Predictability: b(predictability),
			MistakeCost:    customer.Gamma{Mean: mistake, Shape: 2},
			OptionSetSize:  customer.Gamma{Mean: 30, Shape: 2},  // cartridges that look alike
			RecognitionLag: customer.Gamma{Mean: 0.5, Shape: 3}, // months printing faintly
			DelayCost:      customer.Gamma{Mean: 20, Shape: 3},
			NeedValue:      customer.Gamma{Mean: 60, Shape: 4},
			Frequency:      customer.Gamma{Mean: frequency, Shape: 4},
			Trust:          tr,
			Consent: []customer.ConsentRate{
				{Kind: strategy.CuratedOffering, Data: ss[1].Data, Prob: 0.7},
				{Kind: strategy.AutomaticExecution, Data: ss[2].Data, Prob: mt},
			},
		}
	}
	return customer.Population{Segments: []customer.Segment{
		//  name              share inertia predictable cartridges/month mistake cost
		seg("home-printers", 0.6, 0.4, 0.6, 0.3, 15),
		seg("small-offices", 0.4, 0.3, 0.85, 1.0, 25),
	}}, nil
}

// Report is everything the program computes; -json prints it.
type Report struct {
	Seed      uint64  `json:"seed"`
	Customers int     `json:"customers"`
	Trust     float64 `json:"trust"`
	Tolerance float64 `json:"tolerance"`
	Periods   int     `json:"periods"`
	Incident  float64 `json:"incident"`
	Grid      []Split `json:"grid"`
	Base      Base    `json:"base"`
	Groups    []Group `json:"groups"`
	// Refusals counts, by customer.Eligible's reason, whether the firm may
	// serve the customers who prefer another strategy with auto-ship at
	// all: forcing it on those refused means bundling consent into the
	// printer's terms or ignoring the soft rules.
	Refusals []ReasonCount `json:"reluctant_eligibility"`
	Path     []Trajet      `json:"trust_path"`
}

// Split is one grid point: the shares of customers the plan serves with
// each strategy.
type Split struct {
	Trust     float64   `json:"trust"`
	Tolerance float64   `json:"tolerance"`
	Open      []string  `json:"open"`
	Shares    []float64 `json:"shares"` // in catalogue order
}

// Base is the plan at the base point.
type Base struct {
	Open   []string  `json:"open"`
	Net    float64   `json:"net"`
	Shares []float64 `json:"shares"`
}

// Group is one simulated group of customers.
type Group struct {
	Name       string  `json:"name"`
	Customers  int     `json:"customers"`
	TrustStart float64 `json:"trust_start"`
	TrustEnd   float64 `json:"trust_end"` // mean over those still active
	Churned    float64 `json:"churned"`   // share gone by the end
	Delight    float64 `json:"delight"`   // share of interactions that delighted
	Mistakes   float64 `json:"mistakes_per_customer"`
	Incidents  float64 `json:"incidents_per_customer"`
	// BelowRule is the share of those still active whose trust has fallen
	// below customer.DefaultRules' MinTrust (0.8): the rules would no longer
	// let the firm run auto-ship for them.
	BelowRule float64 `json:"below_min_trust"`
}

// ReasonCount is how many customers a reason applies to.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// Trajet is the reluctant customers' mean trust (of those active) and
// active share in a month, as planned and when forced.
type Trajet struct {
	Period        int     `json:"period"`
	PlannedTrust  float64 `json:"planned_trust"`
	ForcedTrust   float64 `json:"forced_trust"`
	PlannedActive float64 `json:"planned_active"`
	ForcedActive  float64 `json:"forced_active"`
}

type options struct {
	seed             uint64
	customers        int
	trust, tolerance float64
	periods          int
	incident         float64
	json             bool
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("toner", flag.ContinueOnError)
	fs.SetOutput(w)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "random seed")
	fs.IntVar(&o.customers, "customers", 2000, "customers sampled at the base point")
	fs.Float64Var(&o.trust, "trust", 0.85, "base point: initial trust, in [0.1, 0.9]")
	fs.Float64Var(&o.tolerance, "tolerance", 0.5, "base point: mean monitoring tolerance, in [0,1]")
	fs.IntVar(&o.periods, "periods", 24, "months to simulate, in [1, 240]")
	fs.Float64Var(&o.incident, "incident", 0.005, "privacy incidents per interaction using monitoring data, in [0,1]")
	fs.BoolVar(&o.json, "json", false, "print the results as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	case !(o.trust >= 0.1 && o.trust <= 0.9):
		return fmt.Errorf("-trust = %v: must be in [0.1, 0.9]", o.trust)
	case !(o.tolerance >= 0 && o.tolerance <= 1):
		return fmt.Errorf("-tolerance = %v: must be in [0,1]", o.tolerance)
	case o.periods < 1 || o.periods > 240:
		return fmt.Errorf("-periods = %d: must be in [1, 240]", o.periods)
	case !(o.incident >= 0 && o.incident <= 1):
		return fmt.Errorf("-incident = %v: must be in [0,1]", o.incident)
	}
	rep, err := compute(o)
	if err != nil {
		return err
	}
	return report.Write(w, o.json, rep, func(w io.Writer) error { return printReport(w, rep) })
}

// plan samples n customers at (t, mt) with stream and solves their problem.
func plan(ss []strategy.Strategy, t, mt float64, seed, stream uint64, n int) ([]customer.Customer, portfolio.Plan, error) {
	pop, err := buyers(ss, t, mt)
	if err != nil {
		return nil, portfolio.Plan{}, err
	}
	cs, err := pop.Sample(rand.New(rand.NewPCG(seed, stream)), n)
	if err != nil {
		return nil, portfolio.Plan{}, err
	}
	weights := make([]float64, len(cs))
	for i := range weights {
		weights[i] = market / float64(n)
	}
	m := portfolio.Market{Strategies: ss, Customers: cs, Weights: weights, Horizon: horizon, Accuracy: accuracy}
	p, err := m.Problem()
	if err != nil {
		return nil, portfolio.Plan{}, err
	}
	pl, err := portfolio.Solve(p)
	return cs, pl, err
}

// shares returns the share of weight each strategy serves.
func shares(pl portfolio.Plan) []float64 {
	var total float64
	for _, s := range pl.Strategies {
		total += s.Weight
	}
	out := make([]float64, len(pl.Strategies))
	for j, s := range pl.Strategies {
		out[j] = report.Round(s.Weight/total, 4)
	}
	return out
}

func compute(o options) (Report, error) {
	ss := tonerStrategies()
	rep := Report{Seed: o.seed, Customers: o.customers, Trust: o.trust, Tolerance: o.tolerance,
		Periods: o.periods, Incident: o.incident}
	for _, t := range trustGrid {
		for _, mt := range toleranceGrid {
			// The same stream at every point (common random numbers), so
			// differences between points come from trust and tolerance.
			_, pl, err := plan(ss, t, mt, o.seed, 1, gridSample)
			if err != nil {
				return Report{}, err
			}
			rep.Grid = append(rep.Grid, Split{Trust: t, Tolerance: mt, Open: pl.Open, Shares: shares(pl)})
		}
	}
	cs, pl, err := plan(ss, o.trust, o.tolerance, o.seed, 0, o.customers)
	if err != nil {
		return Report{}, err
	}
	rep.Base = Base{Open: pl.Open, Net: report.Round(pl.Net, 2), Shares: shares(pl)}
	served := make([]int, len(cs))
	for _, a := range pl.Assignments { // uncapacitated: each customer has one strategy
		served[a.Unit] = a.Strategy
	}
	// Who did not want auto-ship: customers who value another strategy more
	// (customer.Model.Utility at each strategy's accuracy), whatever the plan
	// or their consent says.
	const auto = 2
	m := customer.DefaultModel()
	var willing, reluctant []int
	for i, c := range cs {
		best, bestU := -1, math.Inf(-1)
		for j, s := range ss {
			u, err := m.Utility(c, s, accuracy[j])
			if err != nil {
				return Report{}, err
			}
			if u.Total > bestU {
				best, bestU = j, u.Total
			}
		}
		switch {
		case best != auto:
			reluctant = append(reluctant, i)
		case served[i] == auto:
			willing = append(willing, i)
		}
	}
	counts := map[customer.Reason]int{}
	for _, i := range reluctant {
		_, why := customer.Eligible(cs[i], ss[auto], 0, customer.Rules{})
		counts[why]++
	}
	for why := customer.Allowed; why <= customer.CostlyMistakes; why++ {
		if counts[why] > 0 {
			rep.Refusals = append(rep.Refusals, ReasonCount{why.String(), counts[why]})
		}
	}
	g1, _, err := simulate(o, ss, cs, willing, served, -1)
	if err != nil {
		return Report{}, err
	}
	g1.Name = "want auto-ship, on it by the plan"
	g2, p2, err := simulate(o, ss, cs, reluctant, served, -1)
	if err != nil {
		return Report{}, err
	}
	g2.Name = "prefer another, served as planned"
	g3, p3, err := simulate(o, ss, cs, reluctant, served, auto)
	if err != nil {
		return Report{}, err
	}
	g3.Name = "prefer another, forced onto auto-ship"
	rep.Groups = []Group{g1, g2, g3}
	for t := range p2 {
		rep.Path = append(rep.Path, Trajet{Period: t, PlannedTrust: p2[t].trust, ForcedTrust: p3[t].trust,
			PlannedActive: p2[t].active, ForcedActive: p3[t].active})
	}
	return rep, nil
}

type pathPoint struct{ trust, active float64 }

// simulate runs the customers idx for o.periods months, each served with
// served[i], or with force when force ≥ 0. Customer i's draws come from its
// own stream, so the same customer sees the same draws in every run.
func simulate(o options, ss []strategy.Strategy, cs []customer.Customer, idx, served []int, force int) (Group, []pathPoint, error) {
	m := customer.DefaultModel()
	tp := customer.DefaultTrustParams()
	tp.Forgetting = forgetting
	g := Group{Customers: len(idx)}
	path := make([]pathPoint, o.periods+1)
	var interactions, delights, mistakes, incidents, churned int
	var startTrust float64
	for _, i := range idx {
		c := cs[i]
		startTrust += c.Trust.Value()
		s := ss[served[i]]
		acc := accuracy[served[i]]
		if force >= 0 {
			s, acc = ss[force], accuracy[force]
		}
		r := rand.New(rand.NewPCG(o.seed, 1<<32+uint64(i)))
		active := true
		path[0].trust += c.Trust.Value()
		path[0].active++
		for t := 1; t <= o.periods; t++ {
			// Five draws a month whatever happens, so runs stay aligned.
			uNeed, uMistake, uDelight, uIncident, uChurn := r.Float64(), r.Float64(), r.Float64(), r.Float64(), r.Float64()
			if !active {
				continue
			}
			if uNeed < min(1, c.Traits.Frequency) {
				interactions++
				out := customer.Outcome{FirmInitiated: s.FirmInitiated()}
				record := true
				switch d, err := m.Delight(c, s, acc); {
				case err != nil:
					return Group{}, nil, err
				case uMistake < s.FirmRequest*(1-acc):
					mistakes++
				case uDelight < d:
					delights++
					out.Good = true
				default:
					record = false // it went fine and nobody noticed
				}
				if s.Data.Has(strategy.Monitoring) && uIncident < o.incident {
					incidents++
					out.PrivacyIncident = true
					record = true
				}
				if record {
					if err := c.Trust.Update(out, tp); err != nil {
						return Group{}, nil, err
					}
				}
			}
			v := c.Trust.Value()
			if uChurn < churnMax*(1-v)*(1-v) {
				active = false
				churned++
				continue
			}
			path[t].trust += v
			path[t].active++
		}
		if active {
			g.TrustEnd += c.Trust.Value()
			if c.Trust.Value() < customer.DefaultRules().MinTrust {
				g.BelowRule++
			}
		}
	}
	n := float64(max(len(idx), 1))
	g.TrustStart = report.Round(startTrust/n, 4)
	g.TrustEnd = report.Round(g.TrustEnd/float64(max(len(idx)-churned, 1)), 4)
	g.BelowRule = report.Round(g.BelowRule/float64(max(len(idx)-churned, 1)), 4)
	g.Churned = report.Round(float64(churned)/n, 4)
	g.Delight = report.Round(float64(delights)/float64(max(interactions, 1)), 4)
	g.Mistakes = report.Round(float64(mistakes)/n, 4)
	g.Incidents = report.Round(float64(incidents)/n, 4)
	for t := range path {
		if path[t].active > 0 {
			path[t].trust = report.Round(path[t].trust/path[t].active, 4)
		}
		path[t].active = report.Round(path[t].active/n, 4)
	}
	return g, path, nil
}

func printReport(w io.Writer, rep Report) error {
	ss := tonerStrategies()
	fmt.Fprintln(w, "== Printer toner: suggest the cartridge, or ship it when the ink runs low?")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Modeling choices: the strategies' data and costs, the two segments, consent to")
	fmt.Fprintln(w, "auto-ship = mean monitoring tolerance, accuracy (0.8 suggest, 0.9 auto-ship),")
	fmt.Fprintln(w, "the outcome and churn rules (churn 0.1 × (1 − trust)² a month), forgetting 0.95,")
	fmt.Fprintln(w, "the grids and the base point. Computed: plans (portfolio.Solve), delight")
	fmt.Fprintln(w, "(customer.Model.Delight), trust (customer.Trust.Update). A period is a month.")

	fmt.Fprintf(w, "\nWho is best served by which: share on auto-ship / suggested-cartridge (%d customers a point)\n", gridSample)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "trust \\ monitoring tolerance\t")
	for _, mt := range toleranceGrid {
		fmt.Fprintf(tw, "%.1f\t", mt)
	}
	fmt.Fprintln(tw)
	for a, t := range trustGrid {
		fmt.Fprintf(tw, "%.2f\t", t)
		for b := range toleranceGrid {
			s := rep.Grid[a*len(toleranceGrid)+b].Shares
			fmt.Fprintf(tw, "%2.0f%% / %2.0f%%\t", 100*s[2], 100*s[1])
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "(auto-ship needs trust ≥ 0.8 under customer.DefaultRules, so below it nobody gets it)")

	fmt.Fprintf(w, "\nBase point: trust %.2f, tolerance %.2f, %d customers (seed %d).\n", rep.Trust, rep.Tolerance, rep.Customers, rep.Seed)
	fmt.Fprintf(w, "The plan builds %v (net %.0f euros over %d months for %.0f printer owners):", rep.Base.Open, rep.Base.Net, horizon, market)
	for j, s := range ss {
		fmt.Fprintf(w, " %s %.1f%%", s.Name, 100*rep.Base.Shares[j])
	}
	fmt.Fprintln(w, ".")

	fmt.Fprintf(w, "\nForcing auto-ship on customers who value another strategy more, %d months:\n", rep.Periods)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "group\tcustomers\ttrust start\ttrust end\tbelow 0.8\tchurned\tdelighted\tmistakes/customer\tincidents/customer\t")
	for _, g := range rep.Groups {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.1f%%\t%.1f%%\t%.1f%%\t%.2f\t%.3f\t\n", g.Name, g.Customers,
			g.TrustStart, g.TrustEnd, 100*g.BelowRule, 100*g.Churned, 100*g.Delight, g.Mistakes, g.Incidents)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "(Trust end and below 0.8 are over customers still active; below 0.8 customer.DefaultRules")
	fmt.Fprintln(w, "would take auto-ship away. A mistake is a wrong or mistimed cartridge, with probability")
	fmt.Fprintln(w, "FirmRequest × (1 − accuracy) as in customer.Model.Utility. Under the default TrustParams a")
	fmt.Fprintln(w, "firm-initiated mistake weighs 3 × 1.5 = 4.5 good outcomes, so auto-ship's 10% error rate")
	fmt.Fprintln(w, "erodes trust even among customers who want it.)")
	fmt.Fprintln(w, "\nMay the firm put those who prefer another strategy on auto-ship (customer.Eligible)?")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rep.Refusals {
		fmt.Fprintf(tw, "  %s:\t%d\n", r.Reason, r.Count)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "Forcing it on those refused means bundling consent into the printer's terms, or")
	fmt.Fprintln(w, "overriding the soft rules; the library's Eligible never would.")
	fmt.Fprintln(w, "\nThose who prefer another strategy, month by month (mean trust of the active; share active):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\ttrust planned\ttrust forced\tactive planned\tactive forced\t")
	step := max(1, rep.Periods/8)
	for _, p := range rep.Path {
		if p.Period%step != 0 && p.Period != rep.Periods {
			continue
		}
		fmt.Fprintf(tw, "%d\t%.3f\t%.3f\t%.1f%%\t%.1f%%\t\n", p.Period, p.PlannedTrust, p.ForcedTrust,
			100*p.PlannedActive, 100*p.ForcedActive)
	}
	return tw.Flush()
}
