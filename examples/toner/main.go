// Command toner studies the printer-toner case: a curated offering (the shop
// suggests the right cartridge from past purchases and the customer orders)
// against automatic execution (the printer reports its ink level and a
// cartridge ships itself). It shows two things:
//
//  1. How the split between the two moves with trust and monitoring
//     tolerance: for each point of a grid, customers are sampled from two
//     explicit segments with that trust and tolerance, portfolio.Market builds
//     the problem and portfolio.Solve says who is best served by which.
//  2. What happens to trust and churn when automatic execution is forced on
//     customers who did not want it. At the base point, "did not want it"
//     is the customer's own explicit signal: they did not consent to
//     automatic execution (customer.Consent). Serving them auto-ship is
//     what the consent rule forbids, so this is a counterfactual: what if
//     the firm bundled consent into the printer's terms? Separately, the
//     customers who did consent but value another strategy more
//     (customer.Model.Utility) are forced too. Each group is simulated for
//     -periods months twice, once served as the plan says and once on
//     auto-ship, with the same random draws; the consenting customers the
//     plan puts on auto-ship are shown beside them.
//
// The simulation follows the library's learning loop (package learning):
// each month a customer has a need with probability 1 − exp(−Frequency);
// one uniform draw against customer.Model.Outcomes makes the interaction a
// delight (a good outcome), a disappointment (a bad one, firm-initiated under
// auto-ship: customer.Trust.Update weighs it × 1.5) or a satisfactory one
// (Outcome.Neutral: no evidence, only forgetting). A creepy action, one whose
// data intensity exceeds the customer's monitoring tolerance (auto-ship's is
// 0.8), is a privacy incident with probability -incident (default 0.1, the
// learning loop's CreepIncident), worth 10 bad outcomes to trust. Trust feeds
// back into the privacy cost, hence into the outcomes. The firm does not
// learn here: accuracy stays fixed.
//
// Modeling choices: the strategies' parameters; the segments (shares,
// traits, consent: the probability of consenting to auto-ship equals the
// segment's mean monitoring tolerance, to suggestions 0.7, drawn
// independently of a customer's own traits); the firm's accuracy (0.8 for
// suggestions, 0.9 for auto-ship: the printer knows its ink level; 0.7
// otherwise); evidence forgetting 0.95 per interaction; the churn rule (at
// the end of each month an active customer leaves with probability
// ChurnMax × (1 − trust)², ChurnMax = 0.1: 0.2% a month at trust 0.85, 2.5%
// at 0.5, 4.9% at 0.3); the incident probability; the grids; the base point
// (-trust 0.85, -tolerance 0.3) and its sample (-customers 50000, so that
// every simulated group has hundreds of customers); the horizon (24
// months). Eligibility uses the library's default rules, so auto-ship needs
// trust ≥ 0.8: trust acts as a threshold. Money is euros; a period is a
// month.
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
	"github.com/connectedstrategy/connected/examples/internal/cli"
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
	forgetting = 0.95 // trust evidence kept from one interaction to the next
	gridSample = 1000 // customers sampled per grid point
	market     = 1e5  // printer owners the sampled customers stand for
	auto       = 2    // auto-ship's index in tonerStrategies
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
	// Reference is the consenting customers the plan serves with
	// auto-ship, simulated as planned.
	Reference Group `json:"reference"`
	// Studies are the groups forced onto auto-ship: first those who did
	// not consent to it, then those who consented but value another
	// strategy more.
	Studies []Study `json:"studies"`
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
	// Counts of the sampled customers: who consented to auto-ship, and of
	// those who value which strategy most.
	NoConsent      int `json:"no_consent"`
	ConsentPrefer  int `json:"consent_prefer_another"`
	ConsentWant    int `json:"consent_want_auto_ship"`
	ConsentOnPlan  int `json:"consent_on_auto_ship_by_plan"`
	WantNotOnPlan  int `json:"consent_want_but_planned_elsewhere"`
	NoConsentWants int `json:"no_consent_value_auto_ship_most"`
}

// Study is one group of customers who did not want auto-ship, served as
// planned and forced onto it with the same draws.
type Study struct {
	Name      string `json:"name"`
	Customers int    `json:"customers"`
	Planned   Group  `json:"planned"`
	Forced    Group  `json:"forced"`
	// Eligibility counts customer.Eligible's verdict on auto-ship for the
	// group as if each had consented (the bundled terms): the soft rules
	// that would still refuse it.
	Eligibility []ReasonCount `json:"eligibility_with_consent"`
	Path        []Trajet      `json:"path"`
}

// Group is one simulated group of customers. A statistic is nil (null in
// JSON) when it is undefined: every one for a group of no customers, the
// trust end and below-rule shares when nobody is still active, delight and
// disappointment when there was no interaction.
type Group struct {
	Name       string   `json:"name"`
	Customers  int      `json:"customers"`
	TrustStart *float64 `json:"trust_start"`
	TrustEnd   *float64 `json:"trust_end"`  // mean over those still active
	Churned    *float64 `json:"churned"`    // share gone by the end
	Delight    *float64 `json:"delight"`    // share of interactions that delighted
	Disappoint *float64 `json:"disappoint"` // share of interactions that disappointed
	Incidents  *float64 `json:"incidents_per_customer"`
	// BelowRule is the share of those still active whose trust has fallen
	// below customer.DefaultRules' MinTrust (0.8): the rules would no longer
	// let the firm run auto-ship for them.
	BelowRule *float64 `json:"below_min_trust"`
}

// ReasonCount is how many customers a reason applies to.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// Trajet is a study group's mean trust (of those active) and active share
// in a month, as planned and when forced.
// Trust is nil (null) in a month when nobody is active, both fields when
// the group is empty.
type Trajet struct {
	Period        int      `json:"period"`
	PlannedTrust  *float64 `json:"planned_trust"`
	ForcedTrust   *float64 `json:"forced_trust"`
	PlannedActive *float64 `json:"planned_active"`
	ForcedActive  *float64 `json:"forced_active"`
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
	fs.IntVar(&o.customers, "customers", 50000, "customers sampled at the base point, in [1, 1000000]")
	fs.Float64Var(&o.trust, "trust", 0.85, "base point: initial trust, in [0.1, 0.9]")
	fs.Float64Var(&o.tolerance, "tolerance", 0.3, "base point: mean monitoring tolerance, in [0,1]")
	fs.IntVar(&o.periods, "periods", 24, "months to simulate, in [1, 240]")
	fs.Float64Var(&o.incident, "incident", 0.1, "probability that a creepy interaction (data intensity above the customer's monitoring tolerance) is a privacy incident, in [0,1]")
	fs.BoolVar(&o.json, "json", false, "print the results as JSON")
	if help, err := cli.Parse(fs, args); help || err != nil {
		return err // nil after -h: the usage is printed, and asking is not a mistake
	}
	if err := cli.First(
		cli.Int("customers", o.customers, 1, cli.MaxCustomers),
		cli.Float("trust", o.trust, 0.1, 0.9, false),
		cli.Float("tolerance", o.tolerance, 0, 1, false),
		cli.Int("periods", o.periods, 1, 240),
		cli.Float("incident", o.incident, 0, 1, false),
	); err != nil {
		return err
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
	// Who did not want auto-ship: first by their explicit signal (no
	// consent), then, among those who consented, by value
	// (customer.Model.Utility at each strategy's accuracy).
	m := customer.DefaultModel()
	var onAuto, noConsent, prefer []int
	b := &rep.Base
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
		case !c.Consent.Allows(ss[auto], 0):
			noConsent = append(noConsent, i)
			if best == auto {
				b.NoConsentWants++
			}
		case best != auto:
			prefer = append(prefer, i)
		default:
			b.ConsentWant++
			if served[i] != auto {
				b.WantNotOnPlan++
			}
		}
		if served[i] == auto {
			onAuto = append(onAuto, i)
		}
	}
	b.NoConsent, b.ConsentPrefer, b.ConsentOnPlan = len(noConsent), len(prefer), len(onAuto)

	ref, _, err := simulate(o, ss, cs, onAuto, served, -1)
	if err != nil {
		return Report{}, err
	}
	ref.Name = "consented, on auto-ship by the plan"
	rep.Reference = ref
	for _, st := range []struct {
		name string
		idx  []int
	}{
		{"did not consent to auto-ship", noConsent},
		{"consented, but value another strategy more", prefer},
	} {
		s, err := study(o, ss, cs, st.idx, served)
		if err != nil {
			return Report{}, err
		}
		s.Name = st.name
		rep.Studies = append(rep.Studies, s)
	}
	return rep, nil
}

// study simulates the customers idx as planned and forced onto auto-ship,
// and asks customer.Eligible whether auto-ship would be allowed for each had
// they consented to it.
func study(o options, ss []strategy.Strategy, cs []customer.Customer, idx, served []int) (Study, error) {
	st := Study{Customers: len(idx)}
	counts := map[customer.Reason]int{}
	for _, i := range idx {
		c := cs[i] // a copy: the bundled consent does not leak into the simulation
		if !c.Consent.Allows(ss[auto], 0) {
			if err := c.Consent.Grant(ss[auto].Kind, ss[auto].Data, 0); err != nil {
				return Study{}, err
			}
		}
		_, why := customer.Eligible(c, ss[auto], 0, customer.Rules{})
		counts[why]++
	}
	for why := customer.Allowed; why <= customer.CostlyMistakes; why++ {
		if counts[why] > 0 {
			st.Eligibility = append(st.Eligibility, ReasonCount{why.String(), counts[why]})
		}
	}
	var planned, forced []pathPoint
	var err error
	if st.Planned, planned, err = simulate(o, ss, cs, idx, served, -1); err != nil {
		return Study{}, err
	}
	st.Planned.Name = "served as planned"
	if st.Forced, forced, err = simulate(o, ss, cs, idx, served, auto); err != nil {
		return Study{}, err
	}
	st.Forced.Name = "forced onto auto-ship"
	for t := range planned {
		st.Path = append(st.Path, Trajet{Period: t, PlannedTrust: planned[t].trust, ForcedTrust: forced[t].trust,
			PlannedActive: planned[t].active, ForcedActive: forced[t].active})
	}
	return st, nil
}

type pathPoint struct{ trust, active *float64 }

// simulate runs the customers idx for o.periods months, each served with
// served[i], or with force when force ≥ 0, as the package comment says.
// Customer i's draws come from its own stream, so the same customer sees
// the same draws in every run.
func simulate(o options, ss []strategy.Strategy, cs []customer.Customer, idx, served []int, force int) (Group, []pathPoint, error) {
	m := customer.DefaultModel()
	tp := customer.DefaultTrustParams()
	tp.Forgetting = forgetting
	minTrust := customer.DefaultRules().MinTrust
	g := Group{Customers: len(idx)}
	type sums struct{ trust, active float64 }
	path := make([]sums, o.periods+1)
	var trustEnd, belowRule float64
	var interactions, delights, disappoints, incidents, churned int
	var startTrust float64
	for _, i := range idx {
		c := cs[i]
		startTrust += c.Trust.Value()
		k := served[i]
		if force >= 0 {
			k = force
		}
		s, acc := ss[k], accuracy[k]
		pNeed := -math.Expm1(-c.Traits.Frequency) // 1 − exp(−Frequency)
		creepy := s.DataIntensity > c.Traits.MonitoringTolerance
		r := rand.New(rand.NewPCG(o.seed, 1<<32+uint64(i)))
		active := true
		path[0].trust += c.Trust.Value()
		path[0].active++
		for t := 1; t <= o.periods; t++ {
			// Four draws a month whatever happens, so runs stay aligned.
			uNeed, uOutcome, uIncident, uChurn := r.Float64(), r.Float64(), r.Float64(), r.Float64()
			if !active {
				continue
			}
			if uNeed < pNeed {
				interactions++
				// One uniform for the three levels, as the learning loop
				// draws them: delight below p, disappointment in [p, p+q),
				// satisfactory above.
				p, q, err := m.Outcomes(c, s, acc)
				if err != nil {
					return Group{}, nil, err
				}
				out := customer.Outcome{FirmInitiated: s.FirmInitiated()}
				switch {
				case uOutcome < p:
					delights++
					out.Good = true
				case uOutcome < p+q:
					disappoints++
				default:
					out.Neutral = true
				}
				if creepy && uIncident < o.incident {
					incidents++
					out.PrivacyIncident = true
				}
				if err := c.Trust.Update(out, tp); err != nil {
					return Group{}, nil, err
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
			trustEnd += c.Trust.Value()
			if c.Trust.Value() < minTrust {
				belowRule++
			}
		}
	}
	n := float64(len(idx))
	left := float64(len(idx) - churned)
	g.TrustStart = ratio(startTrust, n)
	g.TrustEnd = ratio(trustEnd, left)
	g.BelowRule = ratio(belowRule, left)
	g.Churned = ratio(float64(churned), n)
	g.Delight = ratio(float64(delights), float64(interactions))
	g.Disappoint = ratio(float64(disappoints), float64(interactions))
	g.Incidents = ratio(float64(incidents), n)
	out := make([]pathPoint, len(path))
	for t, p := range path {
		out[t] = pathPoint{trust: ratio(p.trust, p.active), active: ratio(p.active, n)}
	}
	return g, out, nil
}

// ratio is num/den rounded to 4 decimals, or nil when den is 0: the
// statistic of an empty group is undefined, not 0.
func ratio(num, den float64) *float64 {
	if den == 0 {
		return nil
	}
	x := report.Round(num/den, 4)
	return &x
}

// fmtStat formats scale × *p with verb, or "—" when p is nil.
func fmtStat(verb string, scale float64, p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf(verb, scale**p)
}

func printReport(w io.Writer, rep Report) error {
	ss := tonerStrategies()
	fmt.Fprintln(w, "== Printer toner: suggest the cartridge, or ship it when the ink runs low?")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Modeling choices: the strategies' data and costs, the two segments, consent to")
	fmt.Fprintln(w, "auto-ship = mean monitoring tolerance (drawn independently of a customer's own")
	fmt.Fprintln(w, "traits), accuracy (0.8 suggest, 0.9 auto-ship, fixed: no learning), forgetting")
	fmt.Fprintln(w, "0.95 per interaction, the churn rule (0.1 × (1 − trust)² a month), the privacy")
	fmt.Fprintf(w, "incident probability (%.3g per creepy interaction), the grids, the base point and\n", rep.Incident)
	fmt.Fprintln(w, "its sample. Computed by the library: plans (portfolio.Solve), outcomes")
	fmt.Fprintln(w, "(customer.Model.Outcomes: delight, satisfactory, disappointment, one uniform per")
	fmt.Fprintln(w, "interaction as in package learning), trust (customer.Trust.Update), eligibility")
	fmt.Fprintln(w, "(customer.Eligible). A period is a month; money is euros.")

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
	fmt.Fprintln(w, "(auto-ship needs trust ≥ 0.8 under customer.DefaultRules, so below it nobody gets it;")
	fmt.Fprintln(w, "consent to it, with probability = tolerance, caps its share above)")

	b := rep.Base
	fmt.Fprintf(w, "\nBase point: trust %.2f, tolerance %.2f, %d customers (seed %d).\n", rep.Trust, rep.Tolerance, rep.Customers, rep.Seed)
	fmt.Fprintf(w, "The plan builds %v (net %.0f euros over %d months for %.0f printer owners):\n ", b.Open, b.Net, horizon, market)
	for j, s := range ss {
		fmt.Fprintf(w, " %s %.1f%%", s.Name, 100*b.Shares[j])
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintf(w, "  %6d did not consent to auto-ship (%d of them value it most: consent is their own call)\n", b.NoConsent, b.NoConsentWants)
	fmt.Fprintf(w, "  %6d consented, but value another strategy more\n", b.ConsentPrefer)
	fmt.Fprintf(w, "  %6d consented and value auto-ship most (%d of them planned elsewhere: soft rules or cost)\n", b.ConsentWant, b.WantNotOnPlan)
	fmt.Fprintf(w, "  %6d on auto-ship by the plan\n", b.ConsentOnPlan)

	fmt.Fprintf(w, "\nForcing auto-ship on customers who did not want it, %d months (same draws in both runs):\n", rep.Periods)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "group\tserved\tcustomers\ttrust start\ttrust end\tbelow 0.8\tchurned\tdelighted\tdisappointed\tincidents/customer\t")
	row := func(name string, g Group) {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, g.Name, g.Customers,
			fmtStat("%.3f", 1, g.TrustStart), fmtStat("%.3f", 1, g.TrustEnd), fmtStat("%.1f%%", 100, g.BelowRule),
			fmtStat("%.1f%%", 100, g.Churned), fmtStat("%.1f%%", 100, g.Delight), fmtStat("%.1f%%", 100, g.Disappoint),
			fmtStat("%.3f", 1, g.Incidents))
	}
	for _, s := range rep.Studies {
		row(s.Name, s.Planned)
		row("", s.Forced)
	}
	ref := rep.Reference
	ref.Name = "as planned"
	row("consented, on auto-ship by the plan", ref)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "(Trust end and below 0.8 are over customers still active; below 0.8 customer.DefaultRules")
	fmt.Fprintln(w, "would take auto-ship away. Delighted and disappointed are shares of interactions; the rest")
	fmt.Fprintln(w, "were satisfactory. A firm-initiated disappointment weighs 3 × 1.5 = 4.5 delights and a")
	fmt.Fprintln(w, "privacy incident 10.)")

	if len(rep.Studies) == 2 {
		nc, pr := rep.Studies[0], rep.Studies[1]
		t3 := func(p *float64) string { return fmtStat("%.3f", 1, p) }
		p1 := func(p *float64) string { return fmtStat("%.1f%%", 100, p) }
		p0 := func(p *float64) string { return fmtStat("%.0f%%", 100, p) }
		i2 := func(p *float64) string { return fmtStat("%.2f", 1, p) }
		if nc.Customers == 0 {
			// No group to read: say so rather than state results of nobody.
			fmt.Fprintln(w, "\nReading. Every sampled customer consented to auto-ship, so there is nobody to force")
			fmt.Fprint(w, "onto it against their consent.")
		} else {
			fmt.Fprintf(w, "\nReading. Forced onto auto-ship, those who did not consent end with trust %s (%s as\n", t3(nc.Forced.TrustEnd), t3(nc.Planned.TrustEnd))
			fmt.Fprintf(w, "planned) and %s churned (%s), with %s privacy incidents each (%s). The model\n", p1(nc.Forced.Churned), p1(nc.Planned.Churned), i2(nc.Forced.Incidents), i2(nc.Planned.Incidents))
			fmt.Fprintln(w, "charges the broken consent nothing of its own, only creepy data use; and their")
			fmt.Fprintf(w, "consent was drawn independently of their traits: %d of %d value auto-ship\n", rep.Base.NoConsentWants, nc.Customers)
			fmt.Fprintf(w, "most, and it delights %s of their interactions against %s as planned (where %s\n", p0(nc.Forced.Delight), p0(nc.Planned.Delight), p0(nc.Planned.Disappoint))
			fmt.Fprint(w, "disappoint).")
		}
		if pr.Customers == 0 {
			fmt.Fprintln(w, " No customer consented yet valued another strategy more.")
		} else {
			fmt.Fprintln(w, " Those who consented but value another strategy more are the ones")
			fmt.Fprintf(w, "forcing hurts: trust %s (%s as planned), %s churned (%s).\n", t3(pr.Forced.TrustEnd), t3(pr.Planned.TrustEnd), p1(pr.Forced.Churned), p1(pr.Planned.Churned))
		}
	}

	fmt.Fprintln(w, "\nForcing non-consenters is what the consent rule forbids: it supposes the firm bundled")
	fmt.Fprintln(w, "consent into the printer's terms. Even then, would customer.Eligible allow auto-ship?")
	for _, s := range rep.Studies {
		fmt.Fprintf(w, "  %s:\n", s.Name)
		if s.Customers == 0 {
			fmt.Fprintln(w, "    (no customers)")
			continue
		}
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, r := range s.Eligibility {
			fmt.Fprintf(tw, "    %s:\t%6d\n", r.Reason, r.Count)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	step := max(1, rep.Periods/8)
	for _, s := range rep.Studies {
		if s.Customers == 0 {
			fmt.Fprintf(w, "\n%s: no customers.\n", s.Name)
			continue
		}
		fmt.Fprintf(w, "\n%s, month by month (mean trust of the active; share active):\n", s.Name)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "month\ttrust planned\ttrust forced\tactive planned\tactive forced\t")
		for _, p := range s.Path {
			if p.Period%step != 0 && p.Period != rep.Periods {
				continue
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t\n", p.Period, fmtStat("%.3f", 1, p.PlannedTrust), fmtStat("%.3f", 1, p.ForcedTrust),
				fmtStat("%.1f%%", 100, p.PlannedActive), fmtStat("%.1f%%", 100, p.ForcedActive))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
