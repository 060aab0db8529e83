// Command pharmacy studies coach behavior, the connected strategy in which
// the firm recognizes a need and nudges while the customer still decides:
// a pharmacy's refill reminder a few weeks before a medicine runs out, and an
// airline's reminder to check in. It shows, with customer.Model.Utility,
// customer.Eligible and portfolio.Solve:
//
//  1. when the nudge helps: the gain per need of the reminder over the best
//     way of acting alone, on a grid of inertia × need knowledge (it helps
//     most when inertia and need knowledge are both high: the customer knows
//     what to do but does not get round to it);
//  2. when it is a nuisance: the nuisance cost per reminder at which the gain
//     falls to zero, by inertia (low-inertia customers would have acted
//     anyway: the reminder catches few needs they would miss, so what it
//     adds is mostly timeliness, set against its annoyance);
//  3. who a pharmacy should remind: a plan over sampled customers of four
//     explicit segments;
//  4. what data the reminder needs consent for, and why customers without
//     it are not reminded (customer.Eligible's reasons), after some
//     customers revoke their consent.
//
// Modeling choices: the strategies' parameters (data, nuisance, costs), the
// firm's accuracy per strategy (0.9 for the refill reminder: dispensing
// records say when the pack runs out; 0.95 for check-in: the flight time is
// known; 0.7 otherwise), the typical customers of the grids, the segments
// (shares, traits, trust, consent rates), the revocation rate (-revoke,
// 0.1), the horizon (-weeks, 52) and customer.DefaultModel's utility
// weights. Money is euros per need; a period is a week.
//
// Usage:
//
//	go run ./examples/pharmacy [-seed N] [-customers N] [-revoke P] [-weeks H] [-json]
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
		fmt.Fprintln(os.Stderr, "pharmacy:", err)
		os.Exit(2)
	}
}

// refillStrategies is the pharmacy's catalogue, derived from strategy.Default.
func refillStrategies() []strategy.Strategy {
	d := strategy.Default()
	counter := d[0]
	counter.Name = "pharmacy-counter" // notice the pack is empty, walk in

	app := d[1]
	app.Name = "app-refill" // order the refill in the app when you notice
	app.FixedCost = 1500

	remind := d[3]
	remind.Name = "refill-reminder" // a message three weeks before the pack runs out
	// Dispensing history and refill timing (adherence); no stated preferences.
	remind.Data = strategy.NewDataSet(strategy.Transactions, strategy.Behavioral)
	remind.DataIntensity = 0.5
	remind.FixedCost, remind.VariableCost, remind.NuisanceCost = 3000, 0.3, 0.5
	return []strategy.Strategy{counter, app, remind}
}

// checkinStrategies is the airline's catalogue, derived from strategy.Default.
func checkinStrategies() []strategy.Strategy {
	d := strategy.Default()
	self := d[0]
	self.Name = "check-in-yourself"
	self.FulfilmentDelay = 0

	remind := d[3]
	remind.Name = "check-in-reminder"                        // a message when check-in opens
	remind.Data = strategy.NewDataSet(strategy.Transactions) // the booking
	remind.DataIntensity = 0.2
	remind.FulfilmentDelay, remind.NuisanceCost = 0, 0.3
	return []strategy.Strategy{self, remind}
}

// accuracies per strategy of each catalogue (modeling choices, see the doc).
var (
	refillAccuracy  = []float64{0.7, 0.7, 0.9}
	checkinAccuracy = []float64{0.7, 0.95}
)

// The grids of the typical customer's traits.
var (
	inertiaGrid   = []float64{0.1, 0.3, 0.5, 0.7, 0.9}
	knowledgeGrid = []float64{0.1, 0.3, 0.5, 0.7, 0.9}
)

// typicalPatient is the refill grid's customer: a chronic patient whose need
// (a medicine taken on time) is worth 40 euros a month-long pack and who
// notices late (modeling choices).
func typicalPatient() customer.Customer {
	t, _ := customer.TrustFrom(0.6, 4)
	return customer.Customer{ID: "patient", Trust: t, Traits: customer.Traits{
		NeedKnowledge: 0.8, ControlDesire: 0.3, PrivacyConcern: 0.4, MonitoringTolerance: 0.5,
		Inertia: 0.5, Predictability: 0.9, MistakeCost: 5, OptionSetSize: 3,
		RecognitionLag: 1, DelayCost: 6, NeedValue: 40, Frequency: 0.25,
	}}
}

// typicalTraveller is the check-in grid's customer: checking in on time is
// worth 15 euros (a seat and no queue).
func typicalTraveller() customer.Customer {
	t, _ := customer.TrustFrom(0.6, 4)
	return customer.Customer{ID: "traveller", Trust: t, Traits: customer.Traits{
		NeedKnowledge: 0.8, ControlDesire: 0.3, PrivacyConcern: 0.3, MonitoringTolerance: 0.5,
		Inertia: 0.5, Predictability: 0.95, MistakeCost: 2, OptionSetSize: 2,
		RecognitionLag: 0.1, DelayCost: 10, NeedValue: 15, Frequency: 0.1,
	}}
}

// patients are the pharmacy's segments; shares, trait means, trust and
// consent rates are modeling choices. The privacy-guarded consent to
// reminders from their purchase history only, which does not cover the
// adherence data the refill reminder needs.
func patients(remind strategy.Strategy) customer.Population {
	b := func(mean float64) customer.Beta { return customer.Beta{Mean: mean, Kappa: 12} }
	seg := func(name string, share, knowledge, privacy, inertia, predictability, consent float64, data strategy.DataSet) customer.Segment {
		t, _ := customer.TrustFrom(0.6, 4)
		return customer.Segment{
			Name: name, Share: share,
			NeedKnowledge: b(knowledge), ControlDesire: b(0.35), PrivacyConcern: b(privacy),
			MonitoringTolerance: b(0.5), Inertia: b(inertia), Predictability: b(predictability),
			MistakeCost:    customer.Gamma{Mean: 5, Shape: 2},
			OptionSetSize:  customer.Gamma{Mean: 3, Shape: 2},
			RecognitionLag: customer.Gamma{Mean: 1, Shape: 3},
			DelayCost:      customer.Gamma{Mean: 6, Shape: 3},
			NeedValue:      customer.Gamma{Mean: 40, Shape: 4},
			Frequency:      customer.Gamma{Mean: 0.25, Shape: 4},
			Trust:          t,
			Consent:        []customer.ConsentRate{{Kind: strategy.CoachBehavior, Data: data, Prob: consent}},
		}
	}
	full := remind.Data
	history := strategy.NewDataSet(strategy.Transactions)
	return customer.Population{Segments: []customer.Segment{
		//  name                  share knows privacy inertia predictable consent data
		seg("chronic-forgetful", 0.30, 0.8, 0.35, 0.75, 0.9, 0.7, full),
		seg("chronic-organized", 0.25, 0.85, 0.4, 0.15, 0.9, 0.5, full),
		seg("occasional", 0.30, 0.5, 0.4, 0.4, 0.3, 0.4, full),
		seg("privacy-guarded", 0.15, 0.75, 0.85, 0.5, 0.85, 0.6, history),
	}}
}

// Report is everything the program computes; -json prints it.
type Report struct {
	Seed      uint64  `json:"seed"`
	Customers int     `json:"customers"`
	Revoke    float64 `json:"revoke"`
	Weeks     float64 `json:"weeks"`
	Refill    Case    `json:"refill"`
	Checkin   Case    `json:"checkin"`
	Plan      Plan    `json:"plan"`
	Consent   Consent `json:"consent"`
}

// Case is one reminder's grids for its typical customer.
type Case struct {
	Reminder string `json:"reminder"`
	// Gain[i][k] is U(reminder) − U(best alternative) per need at
	// inertiaGrid[i] and knowledgeGrid[k], euros.
	Gain [][]float64 `json:"gain_per_need"`
	// BreakEven[i] is the nuisance cost per reminder at which the gain at
	// inertiaGrid[i] (need knowledge of the typical customer) is zero; ≤ 0
	// means the reminder does not help even when it annoys nobody.
	BreakEven []float64 `json:"break_even_nuisance"`
	Nuisance  float64   `json:"nuisance"`       // the reminder's NuisanceCost
	Customer  string    `json:"customer"`       // the typical customer's ID
	Knowledge float64   `json:"need_knowledge"` // the typical customer's need knowledge
}

// Plan is the pharmacy's portfolio over the sampled customers.
type Plan struct {
	Open     []string      `json:"open"`
	Net      float64       `json:"net"`
	Segments []PlanSegment `json:"segments"`
}

// PlanSegment is one segment's share served with each strategy. Both
// statistics are null for a segment with no sampled customer.
type PlanSegment struct {
	Name     string    `json:"name"`
	Inertia  *float64  `json:"mean_inertia"`
	Assigned []float64 `json:"assigned"` // in catalogue order
}

// Consent says what the reminder needs and why customers are not eligible.
type Consent struct {
	Needs    []string         `json:"needs"` // the data categories the reminder uses
	Period   int              `json:"period"`
	Segments []ConsentSegment `json:"segments"`
}

// ConsentSegment counts one segment's members by customer.Eligible's reason.
type ConsentSegment struct {
	Name    string        `json:"name"`
	Reasons []ReasonCount `json:"reasons"`
}

// ReasonCount is how many members a reason applies to.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

type options struct {
	seed      uint64
	customers int
	revoke    float64
	weeks     float64
	json      bool
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("pharmacy", flag.ContinueOnError)
	fs.SetOutput(w)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "random seed for sampling customers and revocations")
	fs.IntVar(&o.customers, "customers", 2000, "pharmacy customers to sample, in [1, 1000000]")
	fs.Float64Var(&o.revoke, "revoke", 0.1, "probability that a consenting customer revokes at period 1, in [0,1]")
	fs.Float64Var(&o.weeks, "weeks", 52, "horizon of the plan in weeks, in (0, 10000]")
	fs.BoolVar(&o.json, "json", false, "print the results as JSON")
	if help, err := cli.Parse(fs, args); help || err != nil {
		return err // nil after -h: the usage is printed, and asking is not a mistake
	}
	if err := cli.First(
		cli.Int("customers", o.customers, 1, cli.MaxCustomers),
		cli.Float("revoke", o.revoke, 0, 1, false),
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
	rep := Report{Seed: o.seed, Customers: o.customers, Revoke: o.revoke, Weeks: o.weeks}
	var err error
	if rep.Refill, err = grids(typicalPatient(), refillStrategies(), refillAccuracy); err != nil {
		return Report{}, err
	}
	if rep.Checkin, err = grids(typicalTraveller(), checkinStrategies(), checkinAccuracy); err != nil {
		return Report{}, err
	}
	if err := planAndConsent(&rep, o); err != nil {
		return Report{}, err
	}
	return rep, nil
}

// grids fills a Case: the last strategy of ss is the reminder, the others
// the ways of acting alone.
func grids(c customer.Customer, ss []strategy.Strategy, acc []float64) (Case, error) {
	m := customer.DefaultModel()
	r := len(ss) - 1
	cs := Case{Reminder: ss[r].Name, Nuisance: ss[r].NuisanceCost, Customer: c.ID, Knowledge: c.Traits.NeedKnowledge}
	// gain returns U(reminder) − max over the alternatives of U, per need.
	gain := func(c customer.Customer, remind strategy.Strategy) (float64, error) {
		best := math.Inf(-1)
		for j, s := range ss[:r] {
			u, err := m.Utility(c, s, acc[j])
			if err != nil {
				return 0, err
			}
			best = max(best, u.Total)
		}
		u, err := m.Utility(c, remind, acc[r])
		if err != nil {
			return 0, err
		}
		return u.Total - best, nil
	}
	for _, in := range inertiaGrid {
		row := make([]float64, len(knowledgeGrid))
		for k, nk := range knowledgeGrid {
			x := c
			x.Traits.Inertia, x.Traits.NeedKnowledge = in, nk
			g, err := gain(x, ss[r])
			if err != nil {
				return Case{}, err
			}
			row[k] = report.Round(g, 3)
		}
		cs.Gain = append(cs.Gain, row)
		x := c
		x.Traits.Inertia = in
		free := ss[r]
		free.NuisanceCost = 0 // the gain of a reminder that annoys nobody
		g, err := gain(x, free)
		if err != nil {
			return Case{}, err
		}
		cs.BreakEven = append(cs.BreakEven, report.Round(g, 3))
	}
	return cs, nil
}

func planAndConsent(rep *Report, o options) error {
	ss := refillStrategies()
	remind := ss[2]
	pop := patients(remind)
	r := rand.New(rand.NewPCG(o.seed, 0))
	cs, err := pop.Sample(r, o.customers)
	if err != nil {
		return err
	}
	// Some consenting customers revoke at period 1; the plan and the
	// eligibility count are judged at period 2.
	const period = 2
	for i := range cs {
		if !cs[i].Consent.Granted(strategy.CoachBehavior, 0).Empty() && r.Float64() < o.revoke {
			if err := cs[i].Consent.RevokeAll(1); err != nil {
				return err
			}
		}
	}
	weights := make([]float64, len(cs))
	for i := range weights {
		weights[i] = 100 // each sampled customer stands for 100
	}
	m := portfolio.Market{Strategies: ss, Customers: cs, Weights: weights, Period: period,
		Horizon: o.weeks, Accuracy: refillAccuracy}
	p, err := m.Problem()
	if err != nil {
		return err
	}
	pl, err := portfolio.Solve(p)
	if err != nil {
		return err
	}
	rep.Plan = Plan{Open: pl.Open, Net: report.Round(pl.Net, 2)}
	rep.Consent = Consent{Period: period}
	for d := range remind.Data.All() {
		rep.Consent.Needs = append(rep.Consent.Needs, d.String())
	}
	reasons := []customer.Reason{customer.Allowed, customer.NoConsent, customer.ConsentRevoked, customer.DataNotCovered}
	for _, seg := range pop.Segments {
		ps := PlanSegment{Name: seg.Name, Assigned: make([]float64, len(ss))}
		counts := make([]int, len(reasons))
		var n, inertia float64
		for _, c := range cs {
			if c.Segment != seg.Name {
				continue
			}
			n++
			inertia += c.Traits.Inertia
			_, why := customer.Eligible(c, remind, period, customer.Rules{})
			for k, rs := range reasons {
				if why == rs {
					counts[k]++
				}
			}
		}
		for _, a := range pl.Assignments {
			if cs[a.Unit].Segment == seg.Name {
				ps.Assigned[a.Strategy] += a.Amount / weights[a.Unit]
			}
		}
		if n > 0 {
			mean := report.Round(inertia/n, 3)
			ps.Inertia = &mean
			for j := range ps.Assigned {
				ps.Assigned[j] = report.Round(ps.Assigned[j]/n, 4)
			}
		} else {
			ps.Assigned = nil // no members: undefined, not 0%
		}
		rep.Plan.Segments = append(rep.Plan.Segments, ps)
		csg := ConsentSegment{Name: seg.Name}
		for k, rs := range reasons {
			csg.Reasons = append(csg.Reasons, ReasonCount{rs.String(), counts[k]})
		}
		rep.Consent.Segments = append(rep.Consent.Segments, csg)
	}
	return nil
}

func printReport(w io.Writer, rep Report) error {
	fmt.Fprintln(w, "== Coach behavior: refill and check-in reminders")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Modeling choices: the reminders' data, nuisance and costs; the firm's accuracy")
	fmt.Fprintln(w, "(0.9 refill, 0.95 check-in, 0.7 otherwise); the typical customers and the")
	fmt.Fprintln(w, "segments; the revocation rate; customer.DefaultModel's utility weights.")
	fmt.Fprintln(w, "Computed: utilities (customer.Model.Utility), eligibility (customer.Eligible)")
	fmt.Fprintln(w, "and the plan (portfolio.Solve). Money in euros per need; a period is a week.")
	for _, c := range []Case{rep.Refill, rep.Checkin} {
		fmt.Fprintf(w, "\nWhen does the %s help? Gain per need over acting alone (negative: a nuisance):\n", c.Reminder)
		fmt.Fprintf(w, "(the typical %s; break-even nuisance at its need knowledge, %.1f)\n", c.Customer, c.Knowledge)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "inertia \\ need knowledge\t")
		for _, k := range knowledgeGrid {
			fmt.Fprintf(tw, "%.1f\t", k)
		}
		fmt.Fprintln(tw, "break-even nuisance\t")
		for i, in := range inertiaGrid {
			fmt.Fprintf(tw, "%.1f\t", in)
			for _, g := range c.Gain[i] {
				fmt.Fprintf(tw, "%+.2f\t", g)
			}
			fmt.Fprintf(tw, "%.2f\t\n", c.BreakEven[i])
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "(nuisance now %.2f per reminder; the reminder pays where the break-even exceeds it)\n", c.Nuisance)
	}
	fmt.Fprintln(w, "\nNote: customer.Model.Utility adds the firm's recognition to the customer's own")
	fmt.Fprintln(w, "(P(act) = 1 − inertia × (1 − accuracy × predictability) under a reminder, 1 − inertia")
	fmt.Fprintln(w, "without), so a reminder never lowers P(act); at low inertia it catches few missed needs,")
	fmt.Fprintln(w, "and what it adds is mostly timeliness (no recognition lag), set against its nuisance.")

	ss := refillStrategies()
	fmt.Fprintf(w, "\nWhom should the pharmacy remind? %d customers sampled (seed %d), plan over %g weeks:\n",
		rep.Customers, rep.Seed, rep.Weeks)
	fmt.Fprintf(w, "the plan builds %v, net %.0f euros (each sampled customer stands for 100).\n", rep.Plan.Open, rep.Plan.Net)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "segment\tmean inertia\t")
	for _, s := range ss {
		fmt.Fprintf(tw, "%s\t", s.Name)
	}
	fmt.Fprintln(tw)
	for _, s := range rep.Plan.Segments {
		if s.Inertia == nil {
			fmt.Fprintf(tw, "%s\t%s\n", s.Name, strings.Repeat("—\t", 1+len(ss)))
			continue
		}
		fmt.Fprintf(tw, "%s\t%.2f\t", s.Name, *s.Inertia)
		for _, a := range s.Assigned {
			fmt.Fprintf(tw, "%.1f%%\t", 100*a)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nConsent: the refill reminder uses %v data and needs explicit consent covering it.\n", rep.Consent.Needs)
	fmt.Fprintf(w, "Eligibility at period %d, after %.0f%% of consenting customers revoked at period 1:\n", rep.Consent.Period, 100*rep.Revoke)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "segment\t")
	for _, r := range rep.Consent.Segments[0].Reasons {
		fmt.Fprintf(tw, "%s\t", r.Reason)
	}
	fmt.Fprintln(tw)
	for _, s := range rep.Consent.Segments {
		fmt.Fprintf(tw, "%s\t", s.Name)
		for _, r := range s.Reasons {
			fmt.Fprintf(tw, "%d\t", r.Count)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
