package learning

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/internal/num"
	"github.com/connectedstrategy/connected/internal/rng"
	"github.com/connectedstrategy/connected/strategy"
)

// chunkSize is how many market slots share one learner shard and one unit
// of parallel work. A power of two near the L2-cache size of a shard's
// evidence at K = 8 (4096 × 128 B = 512 KiB); results do not depend on it
// being fixed, only on its being a constant.
const chunkSize = 4096

// Stream tags: the first coordinate of every derived stream, so that the
// streams of persons, steps and acquisitions never coincide.
const (
	tagPerson  = 1
	tagStep    = 2
	tagAcquire = 3
)

// Agent states.
const (
	stateIdle    = 0 // never acquired, or left and may return
	stateActive  = 1
	stateChurned = 2 // left this period; becomes idle when the period is merged
)

// noRevoke is the revocation period of a customer who never revoked.
const noRevoke = math.MaxInt32

// agent is one person of the market, compact (64 bytes): the [0,1] traits
// are stored to 1/65535, the others and the trust evidence as float32.
// Together with the learner's 16 bytes per (customer, strategy) and 4 bytes
// of segment index, a person costs 64 + 4 + 16·K bytes.
type agent struct {
	unit    [6]uint16  // NeedKnowledge, ControlDesire, PrivacyConcern, MonitoringTolerance, Inertia, Predictability × 65535
	amt     [6]float32 // MistakeCost, OptionSetSize, RecognitionLag, DelayCost, NeedValue, and P(need) = 1 − exp(−Frequency)
	good    float32    // trust evidence
	bad     float32
	ema     float32 // recent delight, exponential moving average of outcomes
	own     float32 // own consented interactions m
	revoked int32   // period from which every consent is revoked; noRevoke if never
	consent [4]strategy.DataSet
	seg     uint8
	state   uint8
}

// AgentBytes is the memory the loop keeps per person of the market besides
// the learner: the size of its compact agent record.
const AgentBytes = int(unsafe.Sizeof(agent{}))

// LoopBytesPerCustomer returns the memory the agent-based loop needs per
// person of the market with k strategies: the agent record, the learner's
// 16 bytes per (customer, strategy) pair and its 4-byte segment index, and
// the 4-byte slot of the returning-customer list (needed only for customers
// who left). Per-chunk overhead (priors, aggregates) adds well under one
// byte per person.
func LoopBytesPerCustomer(k int) int { return AgentBytes + 4 + 16*k + 4 }

// modelTraits returns a's traits without Frequency (left 0, which is
// valid), for the service step: the loop draws needs from the stored
// P(need), and customer.Model and customer.EligibleMask do not read
// Frequency, so the logarithm that inverts P(need) is not paid per
// customer-period. fill adds it.
func (a *agent) modelTraits() customer.Traits {
	const s = 1.0 / 65535
	return customer.Traits{
		NeedKnowledge:       float64(a.unit[0]) * s,
		ControlDesire:       float64(a.unit[1]) * s,
		PrivacyConcern:      float64(a.unit[2]) * s,
		MonitoringTolerance: float64(a.unit[3]) * s,
		Inertia:             float64(a.unit[4]) * s,
		Predictability:      float64(a.unit[5]) * s,
		MistakeCost:         float64(a.amt[0]),
		OptionSetSize:       max(float64(a.amt[1]), 1),
		RecognitionLag:      float64(a.amt[2]),
		DelayCost:           float64(a.amt[3]),
		NeedValue:           float64(a.amt[4]),
	}
}

// frequency inverts the stored need probability p = 1 − exp(−Frequency),
// capped at customer.MaxAmount (p rounds to 1 for Frequency ≳ 17).
func frequency(p float32) float64 {
	return min(-math.Log1p(-float64(p)), customer.MaxAmount)
}

// set fills a from a freshly sampled customer of segment seg.
func (a *agent) set(c *customer.Customer, seg int, startDelight float64) {
	t := &c.Traits
	q := func(x float64) uint16 { return uint16(math.Round(min(max(x, 0), 1) * 65535)) }
	a.unit = [6]uint16{q(t.NeedKnowledge), q(t.ControlDesire), q(t.PrivacyConcern), q(t.MonitoringTolerance), q(t.Inertia), q(t.Predictability)}
	a.amt = [6]float32{float32(t.MistakeCost), float32(t.OptionSetSize), float32(t.RecognitionLag), float32(t.DelayCost), float32(t.NeedValue), float32(-math.Expm1(-t.Frequency))}
	a.good, a.bad = float32(c.Trust.Good), float32(c.Trust.Bad)
	a.ema = float32(startDelight)
	a.own = 0
	a.revoked = noRevoke
	for i := range a.consent {
		a.consent[i] = c.Consent.Granted(strategy.RespondToDesire+strategy.Kind(i), 0)
	}
	a.seg = uint8(seg)
	a.state = stateIdle
}

// fill writes a's customer as of period t into c: traits, trust and the
// consent ledger (period-0 grants, and a revocation of everything from
// a.revoked on).
func (a *agent) fill(c *customer.Customer, t int) {
	a.fillModel(c, t)
	c.Traits.Frequency = frequency(a.amt[5])
}

// fillModel is fill with Traits.Frequency left 0 (see modelTraits).
func (a *agent) fillModel(c *customer.Customer, t int) {
	c.Traits = a.modelTraits()
	c.Trust = customer.Trust{Good: float64(a.good), Bad: float64(a.bad)}
	c.Consent = customer.Consent{}
	for i, d := range a.consent {
		if d != 0 {
			_ = c.Consent.Grant(strategy.RespondToDesire+strategy.Kind(i), d, 0) // valid by construction
		}
	}
	if a.revoked <= int32(t) {
		_ = c.Consent.RevokeAll(int(a.revoked))
	}
}

// chunk is a range of market slots with its own learner shard and the
// aggregates of the current period.
type chunk struct {
	lo     int
	agents []agent   // nil until a slot of the chunk is first used
	l      *Learner  // customers are slots lo.., nil with the agents
	agg    *chunkAgg // this period's totals, allocated apart so that workers do not share cache lines
	err    error     // first error of the period
}

// chunkAgg holds one chunk's totals for a period. Integer counts are exact;
// money and means use compensated sums, merged in chunk order.
type chunkAgg struct {
	active, interactions, delighted, churned, data int
	trust, acc, revenue, varCost, regret           num.Acc
	share                                          []int   // interactions per strategy
	segS, segN                                     []int64 // consented successes and trials per (segment, strategy)
	_                                              [cacheLine]byte
}

// cacheLine pads data that different workers write, against false sharing.
const cacheLine = 128

func (g *chunkAgg) reset() {
	share, segS, segN := g.share, g.segS, g.segN
	clear(share)
	clear(segS)
	clear(segN)
	*g = chunkAgg{share: share, segS: segS, segN: segN}
}

// worker is one goroutine's scratch space. Its PCG is reseeded for every
// (customer, period), so which worker serves a chunk does not matter.
type worker struct {
	src  rand.PCG
	r    *rand.Rand
	mask []bool
	u    []float64 // utility per strategy
	c    [1]customer.Customer
	_    [cacheLine]byte
}

// A Loop is the agent-based simulation of the flywheel (README, Concepts; issue
// 6): a market of Market persons, of whom some are customers; each period
// new customers arrive by Bass diffusion, every active customer with a need
// is served by the firm's policy, the outcome is drawn from the customer's
// true delight probability, the firm learns from consented data, trust
// updates, and customers leave as delight and trust fall.
//
// # The period
//
// Period t runs in four steps:
//
//  1. Acquisition: with A active of M, new = (p + q·δ·A/M)·(M − A)
//     customers join (Bass, Management Science 15(5), 1969; the word-of-mouth term scaled by the
//     previous period's delight rate δ), rounded stochastically to an
//     integer from the stream (seed, acquisition, t), so A never exceeds M.
//     Each newcomer is a person not active: a never-seen person (drawn from
//     the population with the stream (seed, person, slot)) or a former
//     customer, in proportion to their numbers. Former customers come back
//     with their traits, trust and the firm's memory of them; their recent
//     delight restarts at StartDelight.
//  2. Service, per active customer, from the stream (seed, step, slot, t):
//     a need arrives with probability 1 − exp(−Frequency) (Poisson needs,
//     at most one served per period). The eligible strategies are the open
//     ones that customer.EligibleMask allows at t (consent and trust
//     re-checked now). The policy chooses from the firm's posteriors (or the
//     oracle from the truth); the interaction delights, disappoints or
//     merely satisfies with the probabilities of
//     customer.Model.Outcomes(customer, strategy, accuracy), drawn with one
//     uniform u: delight if u < P(delight), disappointment if u <
//     P(delight) + P(disappoint), satisfactory otherwise (so the delight
//     draw is the same as with Delight alone). A delight is the reward 1,
//     anything else 0. The firm learns (a learner update, one more unit of
//     own and population data) only if the customer's Consent.Learnable(t)
//     is non-empty and covers the strategy's data categories. Trust
//     updates with customer.Trust.Update(Outcome{Good, Neutral,
//     FirmInitiated, PrivacyIncident}): a delight is good evidence, a
//     disappointment bad (× FirmMistake under a firm-initiated strategy),
//     a satisfactory interaction neither (it only forgets); a creepy
//     action (DataIntensity above MonitoringTolerance) is a privacy
//     incident with probability CreepIncident, after which the customer
//     revokes every consent from t+1 on with probability RevokeOnIncident.
//  3. Churn: each active customer leaves with the probability of
//     [LoopConfig]'s churn formula.
//  4. Boundary: the population data volume n, the error ε(n) and (with
//     pooling) the segment priors are updated for period t+1.
//
// Accuracy for a customer is [LoopConfig]'s ε formula with n as of the
// start of the period and m_c as of the interaction. With no consent, n and
// m_c stay 0 and accuracy stays exactly at 1 − ε(0).
//
// # Determinism and parallelism
//
// Within a period customers are independent given the period-start state,
// so slots are split into fixed chunks of 4096, each with its own learner
// shard (learning is per customer, so sharding changes nothing), run on
// Workers goroutines, and merged in chunk order with compensated sums. The
// same config gives bit-identical histories for any Workers or GOMAXPROCS.
//
// # Memory
//
// A Loop allocates per person of the market as slots are first used:
// [LoopBytesPerCustomer] bytes, 200 at K = 8: 196 for the agent record and
// its learner evidence, and 4 for each former customer waiting to return
// (plus the slack of that list's growth). BenchmarkLoopMillion measures
// about 197 bytes of heap per customer.
//
// A Loop is not safe for concurrent use; Step and Run modify it.
type Loop struct {
	cfg     LoopConfig
	k, nseg int
	fixed   float64 // Σ fixed costs of open strategies per period

	chunks  []chunk
	workers []*worker
	used    int      // slots ever sampled: slots [0, used) hold persons
	active  int      // active customers
	formers []uint32 // idle slots of former customers, in the order they left

	period  int
	data    float64 // n, cumulative consented interactions
	eps     float64 // ε(n) for the current period
	delight float64 // δ of the previous period
	regret  num.Acc
	segS    []int64 // cumulative consented successes per (segment, strategy)
	segN    []int64
	prior   []Beta // current segment priors, segment-major

	serial rand.PCG
	sr     *rand.Rand
	hist   History

	fast *fastPath // constants of serveFast; nil where serve must take the reference path
}

// NewLoop validates cfg and returns a Loop at period 0 with cfg.Customers
// customers drawn from the population. It returns cfg.Validate()'s errors.
func NewLoop(cfg LoopConfig) (*Loop, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if cfg.ConsentScale != 1 {
		p, err := cfg.Population.ScaleConsent(cfg.ConsentScale)
		if err != nil {
			return nil, err
		}
		cfg.Population = p
	}
	k := len(cfg.Strategies)
	l := &Loop{cfg: cfg, k: k, nseg: len(cfg.Population.Segments)}
	for i, s := range cfg.Strategies {
		if cfg.Open[i] {
			l.fixed += s.FixedCost
		}
	}
	l.chunks = make([]chunk, (cfg.Market+chunkSize-1)/chunkSize)
	for i := range l.chunks {
		l.chunks[i].lo = i * chunkSize
	}
	l.workers = make([]*worker, cfg.Workers)
	for i := range l.workers {
		w := &worker{}
		w.r = rand.New(&w.src)
		// Capacity beyond k keeps other workers' scratch off these lines.
		w.mask = make([]bool, k, k+cacheLine)
		w.u = make([]float64, k, k+cacheLine/8)
		l.workers[i] = w
	}
	l.sr = rand.New(&l.serial)
	l.fast = newFastPath(&l.cfg)
	l.segS = make([]int64, l.nseg*k)
	l.segN = make([]int64, l.nseg*k)
	l.prior = make([]Beta, l.nseg*k)
	l.setPriors()
	l.eps = cfg.errorRate(0)
	l.delight = cfg.StartDelight
	l.hist.Kinds = make([]strategy.Kind, k)
	for i, s := range cfg.Strategies {
		l.hist.Kinds[i] = s.Kind
	}

	// The initial customers are slots 0..Customers-1, sampled in parallel
	// chunks from their own streams.
	n := cfg.Customers
	for c := 0; c*chunkSize < n; c++ {
		if err := l.allocChunk(c); err != nil {
			return nil, err
		}
	}
	l.parallel((n+chunkSize-1)/chunkSize, func(w *worker, c int) error {
		ch := &l.chunks[c]
		hi := min(ch.lo+len(ch.agents), n)
		for slot := ch.lo; slot < hi; slot++ {
			if err := l.sample(w, slot); err != nil {
				return err
			}
			ch.agents[slot-ch.lo].state = stateActive
		}
		return nil
	})
	for c := range l.chunks {
		if err := l.chunks[c].err; err != nil {
			return nil, err
		}
	}
	l.used, l.active = n, n
	return l, nil
}

// allocChunk gives chunk c its agents and learner shard if it has none.
func (l *Loop) allocChunk(c int) error {
	ch := &l.chunks[c]
	if ch.agents != nil {
		return nil
	}
	size := min(chunkSize, l.cfg.Market-ch.lo)
	segs := 1
	if !l.cfg.NoPooling {
		segs = l.nseg
	}
	lr, err := New(Config{Customers: size, Arms: l.k, Segments: segs})
	if err != nil {
		return err
	}
	ch.agents = make([]agent, size)
	ch.l = lr
	ch.agg = &chunkAgg{share: make([]int, l.k, l.k+cacheLine/8), segS: make([]int64, l.nseg*l.k), segN: make([]int64, l.nseg*l.k, l.nseg*l.k+cacheLine/8)}
	return l.applyPriors(ch)
}

// sample draws the person of slot from the population with the stream
// (seed, person, slot) and stores them idle in their chunk.
func (l *Loop) sample(w *worker, slot int) error {
	rng.Reseed(&w.src, l.cfg.Seed, tagPerson, uint64(slot))
	if err := l.cfg.Population.Fill(w.r, w.c[:]); err != nil {
		return err
	}
	c := &w.c[0]
	seg := 0
	for i, s := range l.cfg.Population.Segments {
		if s.Name == c.Segment {
			seg = i
			break
		}
	}
	ch := &l.chunks[slot/chunkSize]
	ch.agents[slot-ch.lo].set(c, seg, l.cfg.StartDelight)
	if !l.cfg.NoPooling {
		return ch.l.SetSegment(slot-ch.lo, seg)
	}
	return nil
}

// setPriors recomputes the segment priors from the cumulative counts.
func (l *Loop) setPriors() {
	kappa := l.cfg.PoolStrength
	for i := range l.prior {
		m := (float64(l.segS[i]) + 1) / (float64(l.segN[i]) + 2)
		l.prior[i] = pooledPrior(kappa, m)
	}
}

// applyPriors copies the segment priors into ch's learner (pooling only).
func (l *Loop) applyPriors(ch *chunk) error {
	if l.cfg.NoPooling {
		return nil
	}
	for s := range l.nseg {
		for k := range l.k {
			if err := ch.l.SetPrior(s, k, l.prior[s*l.k+k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// parallel runs f on chunks 0..n-1 over the workers; each chunk's error is
// stored in the chunk. Chunks are handed out dynamically, which is safe
// because a chunk's result depends only on its own state and streams.
func (l *Loop) parallel(n int, f func(w *worker, c int) error) {
	run := func(w *worker, next *atomic.Int64) {
		for {
			c := int(next.Add(1) - 1)
			if c >= n {
				return
			}
			if err := f(w, c); err != nil && l.chunks[c].err == nil {
				l.chunks[c].err = err
			}
		}
	}
	var next atomic.Int64
	nw := min(len(l.workers), n)
	if nw <= 1 {
		run(l.workers[0], &next)
		return
	}
	var wg sync.WaitGroup
	for i := range nw {
		wg.Go(func() { run(l.workers[i], &next) })
	}
	wg.Wait()
}

// Period returns the index of the next period Step will simulate.
func (l *Loop) Period() int { return l.period }

// Active returns the number of active customers.
func (l *Loop) Active() int { return l.active }

// History returns a deep copy of the periods simulated so far.
func (l *Loop) History() History {
	h := History{Kinds: append([]strategy.Kind(nil), l.hist.Kinds...), Periods: make([]Period, len(l.hist.Periods))}
	for i, p := range l.hist.Periods {
		h.Periods[i] = p.clone()
	}
	return h
}

// Run simulates periods until cfg.Periods have been simulated, calling
// progress (if not nil) after each with that period's record, from the
// calling goroutine. It returns the whole history. An error stops the run
// and returns the history so far.
func (l *Loop) Run(progress func(Period)) (History, error) {
	for l.period < l.cfg.Periods {
		p, err := l.Step()
		if err != nil {
			return l.History(), err
		}
		if progress != nil {
			progress(p)
		}
	}
	return l.History(), nil
}

// Simulate is NewLoop(cfg) followed by Run(progress).
func Simulate(cfg LoopConfig, progress func(Period)) (History, error) {
	l, err := NewLoop(cfg)
	if err != nil {
		return History{}, err
	}
	return l.Run(progress)
}

// Step simulates one period (it may go beyond cfg.Periods) and returns its
// record. The errors it can return are internal (a policy that fails, e.g.
// a Fixed policy whose arm and fallback are both ineligible) and leave the
// loop in an unspecified state.
func (l *Loop) Step() (Period, error) {
	t := l.period
	if t >= math.MaxInt32-1 {
		return Period{}, connected.NewFieldError("learning.Loop.Step", "period", t, connected.ErrOutOfRange)
	}
	acquired, err := l.acquire(t)
	if err != nil {
		return Period{}, err
	}
	nch := (l.used + chunkSize - 1) / chunkSize
	l.parallel(nch, func(w *worker, c int) error { return l.serveChunk(w, &l.chunks[c], t) })

	// Merge in chunk order.
	rec := Period{Period: t, Acquired: acquired, Share: make([]float64, l.k)}
	var trust, acc, revenue, varCost num.Acc
	delighted := 0
	shares := make([]int, l.k)
	for c := range nch {
		ch := &l.chunks[c]
		if ch.err != nil {
			return Period{}, ch.err
		}
		g := ch.agg
		rec.Active += g.active
		rec.Churned += g.churned
		rec.Interactions += g.interactions
		delighted += g.delighted
		l.data += float64(g.data)
		trust.Add(g.trust.Value())
		acc.Add(g.acc.Value())
		revenue.Add(g.revenue.Value())
		varCost.Add(g.varCost.Value())
		l.regret.Add(g.regret.Value())
		for k, n := range g.share {
			shares[k] += n
		}
		for i := range g.segS {
			l.segS[i] += g.segS[i]
			l.segN[i] += g.segN[i]
		}
		if g.churned > 0 {
			for i := range ch.agents {
				if a := &ch.agents[i]; a.state == stateChurned {
					a.state = stateIdle
					l.formers = append(l.formers, uint32(ch.lo+i))
				}
			}
		}
	}
	l.active = rec.Active
	if rec.Interactions > 0 {
		rec.DelightRate = float64(delighted) / float64(rec.Interactions)
		for k, n := range shares {
			rec.Share[k] = float64(n) / float64(rec.Interactions)
		}
		l.delight = rec.DelightRate
	}
	if rec.Active > 0 {
		rec.MeanTrust = trust.Value() / float64(rec.Active)
		rec.Accuracy = acc.Value() / float64(rec.Active)
	}
	rec.Data = l.data
	rec.Revenue = revenue.Value()
	rec.Cost = varCost.Value() + l.fixed
	rec.Profit = rec.Revenue - rec.Cost
	rec.Regret = l.regret.Value()

	// Boundary: the state period t+1 starts from.
	if !l.cfg.NoLearning {
		l.eps = l.cfg.errorRate(l.data)
		if !l.cfg.NoPooling {
			l.setPriors()
			for c := range nch {
				if err := l.applyPriors(&l.chunks[c]); err != nil {
					return Period{}, err
				}
			}
		}
	}
	l.period++
	l.hist.Periods = append(l.hist.Periods, rec)
	return rec.clone(), nil
}

// acquire adds the period's Bass newcomers and returns how many joined.
func (l *Loop) acquire(t int) (int, error) {
	m := l.cfg.Market
	idle := m - l.active
	rng.Reseed(&l.serial, l.cfg.Seed, tagAcquire, uint64(t))
	x := l.cfg.bassRate(l.delight, float64(l.active), float64(m)) * float64(idle)
	n := int(math.Floor(x))
	if l.sr.Float64() < x-float64(n) {
		n++
	}
	n = min(n, idle)
	w := l.workers[0]
	for range n {
		fresh := m - l.used
		var slot int
		if fresh > 0 && l.sr.IntN(fresh+len(l.formers)) < fresh {
			slot = l.used
			if err := l.allocChunk(slot / chunkSize); err != nil {
				return 0, err
			}
			if err := l.sample(w, slot); err != nil {
				return 0, err
			}
			l.used++
		} else {
			j := l.sr.IntN(len(l.formers))
			slot = int(l.formers[j])
			last := len(l.formers) - 1
			l.formers[j] = l.formers[last]
			l.formers = l.formers[:last]
		}
		ch := &l.chunks[slot/chunkSize]
		a := &ch.agents[slot-ch.lo]
		a.state = stateActive
		a.ema = float32(l.cfg.StartDelight)
	}
	l.active += n
	return n, nil
}

// serveChunk runs steps 2 and 3 of the period for every active customer
// of ch. It does not allocate.
func (l *Loop) serveChunk(w *worker, ch *chunk, t int) error {
	ch.agg.reset()
	ch.err = nil
	if l.fast != nil {
		ph := periodHash(t)
		for i := range ch.agents {
			if ch.agents[i].state != stateActive {
				continue
			}
			if err := l.serveFast(w, ch, i, t, ph); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range ch.agents {
		if ch.agents[i].state != stateActive {
			continue
		}
		if err := l.serve(w, ch, i, t); err != nil {
			return err
		}
	}
	return nil
}

// serve is one customer-period. It does not allocate.
func (l *Loop) serve(w *worker, ch *chunk, i, t int) error {
	cfg := &l.cfg
	a := &ch.agents[i]
	g := ch.agg
	rng.Reseed(&w.src, cfg.Seed, tagStep, uint64(ch.lo+i), uint64(t))
	r := w.r
	acc := cfg.accuracy(l.eps, float64(a.own))
	if cfg.NoLearning {
		acc = cfg.accuracy(l.eps, 0)
	}
	if r.Float64() < float64(a.amt[5]) {
		c := &w.c[0]
		a.fillModel(c, t)
		if err := customer.EligibleMask(w.mask, *c, cfg.Strategies, t, cfg.Rules); err != nil {
			return err
		}
		// The truth of every eligible open strategy is needed by the oracle
		// and for regret; with NoRegret only the chosen one is evaluated.
		// Delight is non-decreasing in utility, so the best delight is that
		// of the best utility: the utilities of all eligible strategies are
		// computed in one batch, the logistic only where needed.
		all := cfg.Oracle || !cfg.NoRegret
		for k, ok := range w.mask {
			w.mask[k] = ok && cfg.Open[k]
		}
		m := &cfg.Model
		best, pbest, ubest := -1, 0.0, math.Inf(-1)
		if all {
			if err := m.UtilityMask(w.u, *c, cfg.Strategies, w.mask, acc); err != nil {
				return err
			}
			for k, ok := range w.mask {
				if ok && (best < 0 || w.u[k] > ubest) {
					best, ubest = k, w.u[k]
				}
			}
			if cfg.Oracle {
				var err error
				if pbest, err = m.DelightOfUtility(ubest); err != nil {
					return err
				}
				// The lowest index whose delight equals the best.
				for k, ok := range w.mask {
					if !ok {
						continue
					}
					if k == best {
						break
					}
					pk, err := m.DelightOfUtility(w.u[k])
					if err != nil {
						return err
					}
					if pk >= pbest {
						best, ubest, pbest = k, w.u[k], pk
						break
					}
				}
			}
		}
		k := best
		if !cfg.Oracle {
			var err error
			if k, err = ch.l.Choose(r, cfg.Policy, i, w.mask); err != nil {
				return err
			}
			if k < 0 || k >= len(w.mask) || !w.mask[k] {
				// A caller's Policy broke its contract.
				return connected.NewFieldError("learning.Loop.Step", "Policy.Choose", k, connected.ErrInfeasible)
			}
		}
		s := &cfg.Strategies[k]
		// One uniform for the three levels: delight below p, disappointment
		// in [p, p+q), a satisfactory interaction above. The disappointment
		// probability is computed only when the draw did not delight.
		var p, q float64
		var err error
		switch {
		case !all:
			p, q, err = m.Outcomes(*c, *s, acc)
		case k == best || w.u[k] == ubest:
			p, err = m.DelightOfUtility(w.u[k])
			pbest = p
		default:
			if p, err = m.DelightOfUtility(w.u[k]); err == nil {
				pbest, err = m.DelightOfUtility(ubest)
			}
		}
		if err != nil {
			return err
		}
		if !all {
			pbest = p
		}
		pbest = max(pbest, p) // equal unless rounding breaks the monotonicity of delight in utility
		u := r.Float64()
		good := u < p
		if !good && all {
			if _, q, err = m.OutcomesOfUtility(w.u[k], s.FirmRequest, acc); err != nil {
				return err
			}
		}
		bad := !good && u < p+q
		g.interactions++
		g.share[k]++
		g.regret.Add(pbest - p)
		g.varCost.Add(s.VariableCost)
		reward := 0.0
		if good {
			g.delighted++
			reward = 1
			g.revenue.Add(cfg.Capture * float64(a.amt[4]))
		}
		if learn := c.Consent.Learnable(t); learn != 0 && learn.Covers(s.Data) {
			g.data++
			j := int(a.seg)*l.k + k
			g.segN[j]++
			if good {
				g.segS[j]++
			}
			if !cfg.NoLearning {
				if err := ch.l.Update(i, k, reward); err != nil {
					return err
				}
				a.own++
			}
		}
		incident := false
		if s.DataIntensity > c.Traits.MonitoringTolerance && cfg.CreepIncident > 0 {
			incident = r.Float64() < cfg.CreepIncident
		}
		o := customer.Outcome{Good: good, Neutral: !good && !bad, FirmInitiated: s.FirmInitiated(), PrivacyIncident: incident}
		if err := c.Trust.Update(o, cfg.Trust); err != nil {
			return err
		}
		a.good, a.bad = float32(c.Trust.Good), float32(c.Trust.Bad)
		if incident && a.revoked == noRevoke && cfg.RevokeOnIncident > 0 && r.Float64() < cfg.RevokeOnIncident {
			a.revoked = int32(t + 1)
		}
		rho := float32(cfg.DelightMemory)
		a.ema += rho * (float32(reward) - a.ema)
		if !cfg.NoLearning {
			acc = cfg.accuracy(l.eps, float64(a.own))
		}
	}
	trust := customer.Trust{Good: float64(a.good), Bad: float64(a.bad)}.Value()
	if !cfg.NoChurn && r.Float64() < cfg.churnProb(float64(a.ema), trust) {
		a.state = stateChurned
		g.churned++
		return nil
	}
	g.active++
	g.trust.Add(trust)
	g.acc.Add(acc)
	return nil
}
