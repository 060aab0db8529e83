package learning

import (
	"fmt"
	"math"
	"runtime"
	"strconv"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/strategy"
)

// LoopConfig configures the repeat-interaction loop (README, Concepts), the
// flywheel: data → better matching → delight → growth → more data. It is
// run by [NewLoop] (agent-based) and [Aggregate] (difference equations).
//
// Every zero field means "use the default" given in its comment. Where a
// zero must stay expressible (a rate that may be switched off), a negative
// value means 0, as in customer.Model. Every numeric default not attributed
// to a source is a modeling choice. Time is in periods (think of weeks, as
// in customer.DefaultPopulation), money in the currency of the strategies.
type LoopConfig struct {
	// Population is the market's mix of segments; a zero Population (no
	// segments) means customer.DefaultPopulation(). At most 255 segments.
	Population customer.Population
	// Strategies the firm can offer, at most MaxArms; nil means
	// strategy.Default(). The strategy index is the learner's arm index.
	Strategies []strategy.Strategy
	// Open says which strategies the firm has built, one per strategy; nil
	// means all. Use [OpenFromPlan] to take it from a portfolio.Plan. The
	// open set must contain a buy-what-we-have strategy: it is the one
	// option always eligible (README, Concepts).
	Open []bool
	// Policy chooses among a customer's eligible open strategies from the
	// firm's posteriors; nil means Thompson{}.
	Policy Policy
	// Oracle replaces Policy by an oracle that knows every customer's true
	// delight probabilities and picks the eligible open strategy with the
	// highest (the lowest index among ties). Its regret is exactly 0.
	Oracle bool
	// NoRegret skips the comparison with the oracle: only the chosen
	// strategy's true outcome probabilities are computed, not every eligible
	// strategy's utility, which makes the agent-based loop about 1.1 times
	// faster (BenchmarkLoopStep, K = 8: 4.1 M against 3.7 M customer-periods
	// per CPU-second), and Period.Regret stays 0.
	// It is ignored with Oracle and by Aggregate.
	NoRegret bool

	Model customer.Model       // the customers' preferences and delight (zero: customer defaults)
	Trust customer.TrustParams // trust updates (zero: customer defaults)
	Rules customer.Rules       // soft eligibility thresholds (zero: customer defaults)

	Market    int    // M, persons in the market, in [1, 2³¹−1]; 0 means 20,000
	Customers int    // active customers at period 0, ≤ Market; 0 means max(1, Market/20), negative means none
	Periods   int    // periods Run simulates, ≥ 1; 0 means 52 (a year of weeks)
	Seed      uint64 // root of every random stream

	// ConsentScale multiplies every consent probability of the population
	// (customer.Population.ScaleConsent), in [0,1]. 0 means 1; a negative
	// value means 0: nobody consents to anything, so nothing is learnt.
	ConsentScale float64

	NoLearning bool // the firm neither updates its beliefs nor improves its accuracy
	NoPooling  bool // every customer's prior is Beta(1,1) instead of their segment's estimate
	NoChurn    bool // customers never leave

	// BassP is the coefficient of innovation p per period, in [0,1]; 0 means
	// 0.03 and BassQ the coefficient of imitation q per period, in [0,1]; 0
	// means 0.38. The two numbers are the mean coefficients of Sultan,
	// Farley & Lehmann's meta-analysis ("A Meta-Analysis of Applications of
	// Diffusion Models", Journal of Marketing Research 27(1), 1990), which
	// were estimated mostly on annual adoption data of durables; applying
	// them per period (the examples' period is a week) is a modeling choice
	// that makes growth fast. Scale them to your period length, e.g.
	// divide by 52 for weekly periods to keep the published annual pace.
	// Negative means 0.
	BassP, BassQ float64
	// StartDelight is the delight rate δ that drives word of mouth in
	// period 0, before any interaction, in [0,1]; 0 means 0.5.
	StartDelight float64

	// The firm's prediction error over the population's consented data
	// volume n (interactions) follows a power-law learning curve (Hestness
	// et al., "Deep Learning Scaling is Predictable, Empirically",
	// arXiv:1712.00409, 2017):
	//
	//	ε(n) = ε∞ + A·(n₀ + n)^(−γ)
	//
	// ErrFloor is ε∞ in [0,1); 0 means 0.05. ErrScale is A ≥ 0; 0 means 2,
	// negative means 0 (a flat curve). ErrExp is γ in (0, 2]; 0 means 0.3,
	// inside the 0.07–0.35 range Hestness et al. report. StartData is n₀ > 0;
	// 0 means the volume at which ε = 0.5, so accuracy starts at 0.5 (n₀ = 1
	// if ε∞ + A ≤ 0.5).
	ErrFloor, ErrScale, ErrExp, StartData float64
	// A customer's own consented history removes a share of the remaining
	// error (within-customer learning; Hagiu & Wright, "Data-enabled
	// learning, network effects and competitive advantage", RAND Journal of
	// Economics 54(4), 2023, distinguish it from across-customer learning):
	//
	//	ε_c = (1 − H·m_c/(m_c + κ₀))·ε(n),   accuracy_c = 1 − ε_c
	//
	// with m_c the customer's consented interactions so far. OwnWeight is H
	// in [0,1]; 0 means 0.5, negative means 0. OwnHalf is κ₀ > 0, the
	// interactions at which half of H is reached; 0 means 10.
	OwnWeight, OwnHalf float64
	// PoolStrength is κ > 0, the prior sample size of pooled priors: with
	// pooling, at the start of each period the prior of segment g for
	// strategy k becomes Beta(κ·m̂, κ·(1−m̂)), m̂ = (S_gk + 1)/(N_gk + 2) the
	// segment's consented delight rate so far (an empirical-Bayes estimate
	// of the mean with a fixed strength), each shape floored at 0.05 as
	// PoolConfig.MinShape floors Learner.Pool's (it keeps priors inside
	// ThompsonProbabilities' range). 0 means 4.
	PoolStrength float64

	// CreepIncident is the probability that a creepy action (data intensity
	// above the customer's monitoring tolerance) becomes a privacy incident,
	// in [0,1]; 0 means 0.1, negative means 0.
	CreepIncident float64
	// RevokeOnIncident is the probability that a customer revokes every
	// consent after a privacy incident, from the next period on, in [0,1];
	// 0 means 0.5, negative means 0.
	RevokeOnIncident float64

	// Churn: at the end of each period an active customer leaves with
	//
	//	P(leave) = 1 / (1 + exp(−(b₀ + b₁·(1 − d) + b₂·(1 − τ))))
	//
	// where d is their recent delight (an exponential moving average of
	// outcomes with weight ρ per interaction) and τ their trust. ChurnBase
	// is b₀, finite; 0 means −5.5 (0.4% per period for a delighted, trusting
	// customer, 20% for d = 0.1, τ = 0.3). ChurnDelight b₁ and ChurnTrust b₂
	// are ≥ 0; 0 means 3 and 2, negative means 0. DelightMemory is ρ in
	// (0,1]; 0 means 0.3. A customer's average starts at StartDelight.
	ChurnBase, ChurnDelight, ChurnTrust, DelightMemory float64

	// Capture is the share of a delighted interaction's need value the firm
	// earns as margin, in [0,1]; 0 means 0.2. An interaction that does not
	// delight earns nothing; every interaction costs the strategy's
	// VariableCost, and every open strategy its FixedCost per period.
	Capture float64

	// Workers is the number of goroutines a period is spread over, ≥ 0; 0
	// means runtime.GOMAXPROCS(0). Results do not depend on it.
	Workers int
}

// OpenFromPlan returns the open mask for ss from the names a portfolio.Plan
// lists in its Open field (plan.Open). An unknown name returns a
// *connected.FieldError wrapping connected.ErrUnknown.
func OpenFromPlan(ss []strategy.Strategy, open []string) ([]bool, error) {
	mask := make([]bool, len(ss))
	for i, name := range open {
		j := strategy.Index(ss, name)
		if j < 0 {
			return nil, connected.NewFieldError("learning.OpenFromPlan", "open["+strconv.Itoa(i)+"]", name, connected.ErrUnknown)
		}
		mask[j] = true
	}
	return mask, nil
}

// orZero applies the "0 means d, negative means 0" convention.
func orZero(x, d float64) float64 {
	switch {
	case x == 0:
		return d
	case x < 0 && x > math.Inf(-1):
		return 0
	}
	return x
}

func orDefault(x, d float64) float64 {
	if x == 0 {
		return d
	}
	return x
}

// withDefaults returns c with every default filled in (slices are not
// copied).
func (c LoopConfig) withDefaults() LoopConfig {
	if len(c.Population.Segments) == 0 {
		c.Population = customer.DefaultPopulation()
	}
	if c.Strategies == nil {
		c.Strategies = strategy.Default()
	}
	if c.Open == nil {
		c.Open = make([]bool, len(c.Strategies))
		for i := range c.Open {
			c.Open[i] = true
		}
	}
	if c.Policy == nil {
		c.Policy = Thompson{}
	}
	if c.Market == 0 {
		c.Market = 20000
	}
	if c.Customers == 0 {
		c.Customers = max(1, c.Market/20)
	} else if c.Customers < 0 {
		c.Customers = 0
	}
	if c.Periods == 0 {
		c.Periods = 52
	}
	c.ConsentScale = orZero(c.ConsentScale, 1)
	c.BassP = orZero(c.BassP, 0.03)
	c.BassQ = orZero(c.BassQ, 0.38)
	c.StartDelight = orDefault(c.StartDelight, 0.5)
	c.ErrFloor = orDefault(c.ErrFloor, 0.05)
	c.ErrScale = orZero(c.ErrScale, 2)
	c.ErrExp = orDefault(c.ErrExp, 0.3)
	if c.StartData == 0 && c.ErrFloor < 0.5 && c.ErrScale > 0 && c.ErrExp > 0 {
		// ε(n₀) = 0.5  ⇔  n₀ = (A / (0.5 − ε∞))^(1/γ), at least 1.
		c.StartData = max(1, math.Pow(c.ErrScale/(0.5-c.ErrFloor), 1/c.ErrExp))
	} else if c.StartData == 0 {
		c.StartData = 1
	}
	c.OwnWeight = orZero(c.OwnWeight, 0.5)
	c.OwnHalf = orDefault(c.OwnHalf, 10)
	c.PoolStrength = orDefault(c.PoolStrength, 4)
	c.CreepIncident = orZero(c.CreepIncident, 0.1)
	c.RevokeOnIncident = orZero(c.RevokeOnIncident, 0.5)
	c.ChurnBase = orDefault(c.ChurnBase, -5.5)
	c.ChurnDelight = orZero(c.ChurnDelight, 3)
	c.ChurnTrust = orZero(c.ChurnTrust, 2)
	c.DelightMemory = orDefault(c.DelightMemory, 0.3)
	c.Capture = orDefault(c.Capture, 0.2)
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	return c
}

// maxWorkers bounds LoopConfig.Workers.
const maxWorkers = 1024

// Validate reports every invalid field of c, after defaults, as a
// *connected.FieldError (joined): the population, strategies, model, trust
// parameters and rules by their own Validate (fields prefixed
// "Population.", "Strategies[i]." and so on); len(Open) ≠ len(Strategies)
// (ErrMismatch); no open buy-what-we-have strategy (ErrInfeasible); more
// than MaxArms strategies or 255 segments; and every number outside the
// range its comment gives (ErrNotFinite for NaN or ±Inf, else
// ErrOutOfRange).
func (c LoopConfig) Validate() error {
	const op = "learning.LoopConfig.Validate"
	d := c.withDefaults()
	var errs check.Errs
	if err := d.Population.Validate(); err != nil {
		errs.Add(err)
	} else if len(d.Population.Segments) > 255 {
		errs.Add(connected.NewFieldError(op, "Population.Segments", len(d.Population.Segments), connected.ErrOutOfRange))
	}
	if len(d.Strategies) == 0 {
		errs.Add(connected.NewFieldError(op, "Strategies", 0, connected.ErrEmpty))
	} else if len(d.Strategies) > MaxArms {
		errs.Add(connected.NewFieldError(op, "Strategies", len(d.Strategies), connected.ErrOutOfRange))
	} else if err := strategy.ValidateAll(d.Strategies); err != nil {
		errs.Add(err)
	}
	if len(d.Open) != len(d.Strategies) {
		errs.Add(connected.NewFieldError(op, "Open", len(d.Open), connected.ErrMismatch))
	} else {
		base := false
		for i, s := range d.Strategies {
			base = base || (d.Open[i] && s.Kind == strategy.BuyWhatWeHave)
		}
		if !base && len(d.Strategies) > 0 {
			errs.Add(connected.NewFieldError(op, "Open", "no buy-what-we-have", connected.ErrInfeasible))
		}
	}
	errs.Add(d.Model.Validate())
	errs.Add(d.Trust.Validate())
	errs.Add(d.Rules.Validate())
	if d.Market < 1 || d.Market > math.MaxInt32 {
		errs.Add(connected.NewFieldError(op, "Market", c.Market, connected.ErrOutOfRange))
	}
	switch {
	case d.Customers < 0:
		errs.Add(connected.NewFieldError(op, "Customers", c.Customers, connected.ErrOutOfRange))
	case d.Customers > d.Market && d.Market >= 1:
		// Only against a valid Market: a bad Market is reported once, above.
		errs.Add(connected.NewFieldError(op, "Customers", c.Customers,
			fmt.Errorf("more than Market = %d: %w", d.Market, connected.ErrOutOfRange)))
	}
	if d.Periods < 1 || d.Periods > math.MaxInt32-1 {
		errs.Add(connected.NewFieldError(op, "Periods", c.Periods, connected.ErrOutOfRange))
	}
	if d.Workers < 1 || d.Workers > maxWorkers {
		errs.Add(connected.NewFieldError(op, "Workers", c.Workers, connected.ErrOutOfRange))
	}
	unit := func(name string, raw, used float64) {
		if math.IsNaN(raw) || math.IsInf(raw, 0) {
			errs.Add(connected.NewFieldError(op, name, raw, connected.ErrNotFinite))
		} else if !(used >= 0 && used <= 1) {
			errs.Add(connected.NewFieldError(op, name, raw, connected.ErrOutOfRange))
		}
	}
	unit("ConsentScale", c.ConsentScale, d.ConsentScale)
	unit("BassP", c.BassP, d.BassP)
	unit("BassQ", c.BassQ, d.BassQ)
	unit("StartDelight", c.StartDelight, d.StartDelight)
	unit("OwnWeight", c.OwnWeight, d.OwnWeight)
	unit("CreepIncident", c.CreepIncident, d.CreepIncident)
	unit("RevokeOnIncident", c.RevokeOnIncident, d.RevokeOnIncident)
	unit("Capture", c.Capture, d.Capture)
	if d.ErrFloor == 1 {
		errs.Add(connected.NewFieldError(op, "ErrFloor", c.ErrFloor, connected.ErrOutOfRange))
	} else {
		unit("ErrFloor", c.ErrFloor, d.ErrFloor)
	}
	rng := func(name string, raw, used, lo, hi float64, openLo bool) {
		switch {
		case math.IsNaN(raw) || math.IsInf(raw, 0):
			errs.Add(connected.NewFieldError(op, name, raw, connected.ErrNotFinite))
		case !(used >= lo && used <= hi) || (openLo && used == lo):
			errs.Add(connected.NewFieldError(op, name, raw, connected.ErrOutOfRange))
		}
	}
	rng("ErrScale", c.ErrScale, d.ErrScale, 0, 1e6, false)
	rng("ErrExp", c.ErrExp, d.ErrExp, 0, 2, true)
	rng("StartData", c.StartData, d.StartData, 0, 1e15, true)
	rng("OwnHalf", c.OwnHalf, d.OwnHalf, 0, 1e9, true)
	rng("PoolStrength", c.PoolStrength, d.PoolStrength, 0, 1e9, true)
	rng("ChurnBase", c.ChurnBase, d.ChurnBase, -1e3, 1e3, false)
	rng("ChurnDelight", c.ChurnDelight, d.ChurnDelight, 0, 1e3, false)
	rng("ChurnTrust", c.ChurnTrust, d.ChurnTrust, 0, 1e3, false)
	rng("DelightMemory", c.DelightMemory, d.DelightMemory, 0, 1, true)
	return errs.Err()
}

// errorRate returns ε(n) = ε∞ + A·(n₀ + n)^(−γ), clamped to [0,1].
func (c *LoopConfig) errorRate(n float64) float64 {
	e := c.ErrFloor
	if c.ErrScale > 0 {
		e += c.ErrScale * math.Pow(c.StartData+n, -c.ErrExp)
	}
	return min(max(e, 0), 1)
}

// accuracy returns 1 − (1 − H·m/(m + κ₀))·ε for a customer with m own
// consented interactions when the population error is eps. With m = 0 it
// is exactly 1 − eps.
func (c *LoopConfig) accuracy(eps, m float64) float64 {
	if m == 0 {
		return 1 - eps
	}
	return min(max(1-(1-c.OwnWeight*m/(m+c.OwnHalf))*eps, 0), 1)
}

// churnProb returns the churn probability of the LoopConfig comment.
func (c *LoopConfig) churnProb(delight, trust float64) float64 {
	return invLogit(c.ChurnBase + c.ChurnDelight*(1-delight) + c.ChurnTrust*(1-trust))
}

// invLogit returns 1/(1+e^−x) without overflow.
func invLogit(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// bassRate returns the Bass adoption hazard p + q·δ·A/M, in [0,1].
func (c *LoopConfig) bassRate(delight float64, active, market float64) float64 {
	return min(max(c.BassP+c.BassQ*delight*active/market, 0), 1)
}

// minPriorShape floors the shapes of pooled priors, as PoolConfig.MinShape's
// default does for Learner.Pool.
const minPriorShape = 0.05

// pooledPrior returns Beta(κ·m, κ·(1−m)) with both shapes ≥ minPriorShape.
func pooledPrior(kappa, m float64) Beta {
	return Beta{max(kappa*m, minPriorShape), max(kappa*(1-m), minPriorShape)}
}
