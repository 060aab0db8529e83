package learning

import (
	"math"
	"math/rand/v2"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/strategy"
)

// The fast path of the service step. Loop.serve is the reference: it builds
// a customer.Customer per customer-period and asks the customer package for
// eligibility, utilities and outcomes through its validating public API.
// With the Thompson policy and no oracle (the common case, and the one the
// issue's speed target is about), serveFast computes the same quantities
// from constants taken once per loop and once per period, with the same
// floating-point operations in the same order, so every draw and every sum
// is bit-identical to serve's (TestLoopFastMatchesReference). The input
// checks serve's calls make cannot fail on the loop's own state: the
// config, its model, trust parameters, rules and strategies are validated
// by NewLoop, and an agent's traits and trust are valid by construction.

// fastArm holds the constants of one strategy that the service step reads,
// in the form customer.Model's utility formula uses them.
type fastArm struct {
	fr, fq     float64 // FirmRecognize, FirmRequest
	omfr, omfq float64 // 1 − fr, 1 − fq
	di         float64 // DataIntensity
	delay      float64 // FulfilmentDelay
	autonomy   float64 // (fr + fq)/2, Strategy.Autonomy
	nuisance   float64
	varCost    float64
	effort     uint8 // which effort logarithm: effortNone, effortLog0, effortLogHalf, effortPow
	firm       bool  // FirmInitiated: fr > 0.5
	open       bool
	always     bool             // buy-what-we-have: eligible whatever the consent
	consent    int8             // consent kind index (Kind − RespondToDesire) if the strategy needs consent, else −1
	auto       bool             // automatic execution: the soft rules apply
	data       strategy.DataSet // categories the strategy uses
}

// Effort logarithm kinds of fastArm.effort, as customer's logSearched
// picks them.
const (
	effortNone    = iota // FirmRequest ≥ 1 (or NaN): no search effort
	effortLog0           // FirmRequest 0: ln(1 + n)
	effortLogHalf        // FirmRequest 0.5: ln(1 + √n)
	effortPow            // otherwise: ln(1 + n^(1−fq))
)

// fastPath holds the loop-wide constants of serveFast: the model, trust
// parameters and rules with their defaults applied, and each strategy's
// fastArm.
type fastPath struct {
	arms []fastArm

	// Model (customer.Model's fields after defaults).
	matchFloor, omMatchFloor    float64 // F and 1 − F
	effortCost, privacyCost     float64
	creepCost, controlCost      float64
	aversion                    float64 // 1 + MistakeAversion
	outside, margin, scale, em  float64 // OutsideUtility, DelightMargin, DelightScale, exp(margin/scale)
	minTrust, minPred, maxCost  float64 // Rules after defaults
	forgetting, gain            float64 // TrustParams after defaults
	badWeight, badFirmWeight    float64 // Gain·LossRatio, and × FirmMistake
	incidentWeight              float64 // Gain·PrivacyIncident
	stepHash                    uint64  // the stream prefix Stream(seed, tagStep)
	capture, creep, revoke, rho float64 // LoopConfig.Capture, CreepIncident, RevokeOnIncident, DelightMemory
}

// newFastPath returns the fast path's constants for cfg (defaults applied
// and validated), or nil if serve must run the reference path: an oracle,
// or a policy other than Thompson.
func newFastPath(cfg *LoopConfig) *fastPath {
	if cfg.Oracle {
		return nil
	}
	if _, ok := cfg.Policy.(Thompson); !ok {
		return nil
	}
	m := modelDefaults(cfg.Model)
	tp := trustDefaults(cfg.Trust)
	ru := rulesDefaults(cfg.Rules)
	f := &fastPath{
		matchFloor: m.MatchFloor, omMatchFloor: 1 - m.MatchFloor,
		effortCost: m.EffortCost, privacyCost: m.PrivacyCost,
		creepCost: m.CreepCost, controlCost: m.ControlCost,
		aversion: 1 + m.MistakeAversion,
		outside:  m.OutsideUtility, margin: m.DelightMargin, scale: m.DelightScale,
		em:       math.Exp(m.DelightMargin / m.DelightScale),
		minTrust: ru.MinTrust, minPred: ru.MinPredictability, maxCost: ru.MaxMistakeCost,
		forgetting: tp.Forgetting, gain: tp.Gain,
		badWeight:      tp.Gain * tp.LossRatio,
		badFirmWeight:  tp.Gain * tp.LossRatio * tp.FirmMistake,
		incidentWeight: tp.Gain * tp.PrivacyIncident,
		stepHash:       streamPrefix(cfg.Seed, tagStep),
		capture:        cfg.Capture, creep: cfg.CreepIncident, revoke: cfg.RevokeOnIncident,
		rho: cfg.DelightMemory,
	}
	f.arms = make([]fastArm, len(cfg.Strategies))
	for k := range cfg.Strategies {
		s := &cfg.Strategies[k]
		a := fastArm{
			fr: s.FirmRecognize, fq: s.FirmRequest, omfr: 1 - s.FirmRecognize, omfq: 1 - s.FirmRequest,
			di: s.DataIntensity, delay: s.FulfilmentDelay, autonomy: s.Autonomy(), nuisance: s.NuisanceCost,
			varCost: s.VariableCost, firm: s.FirmInitiated(), open: cfg.Open[k],
			always: s.Kind == strategy.BuyWhatWeHave, consent: -1,
			auto: s.Kind == strategy.AutomaticExecution, data: s.Data,
		}
		switch fq := s.FirmRequest; {
		case !(fq < 1):
			a.effort = effortNone
		case fq == 0:
			a.effort = effortLog0
		case fq == 0.5:
			a.effort = effortLogHalf
		default:
			a.effort = effortPow
		}
		if s.NeedsConsent {
			a.consent = int8(s.Kind - strategy.RespondToDesire)
		}
		f.arms[k] = a
	}
	return f
}

// modelDefaults returns m with every default applied, as customer.Model
// documents them: Temperature and DelightScale 0 mean the default; for the
// cost scales 0 means the default and a negative value 0.
func modelDefaults(m customer.Model) customer.Model {
	d := customer.DefaultModel()
	if m.Temperature == 0 {
		m.Temperature = d.Temperature
	}
	if m.DelightScale == 0 {
		m.DelightScale = d.DelightScale
	}
	for _, p := range []struct{ x, d *float64 }{
		{&m.MatchFloor, &d.MatchFloor}, {&m.EffortCost, &d.EffortCost}, {&m.PrivacyCost, &d.PrivacyCost},
		{&m.CreepCost, &d.CreepCost}, {&m.ControlCost, &d.ControlCost},
		{&m.MistakeAversion, &d.MistakeAversion}, {&m.DelightMargin, &d.DelightMargin},
	} {
		*p.x = orZero(*p.x, *p.d)
	}
	return m
}

// trustDefaults returns p with every zero field at its default.
func trustDefaults(p customer.TrustParams) customer.TrustParams {
	d := customer.DefaultTrustParams()
	p.Forgetting = orDefault(p.Forgetting, d.Forgetting)
	p.Gain = orDefault(p.Gain, d.Gain)
	p.LossRatio = orDefault(p.LossRatio, d.LossRatio)
	p.FirmMistake = orDefault(p.FirmMistake, d.FirmMistake)
	p.PrivacyIncident = orDefault(p.PrivacyIncident, d.PrivacyIncident)
	return p
}

// rulesDefaults returns r with every zero field at its default.
func rulesDefaults(r customer.Rules) customer.Rules {
	d := customer.DefaultRules()
	r.MinTrust = orDefault(r.MinTrust, d.MinTrust)
	r.MinPredictability = orDefault(r.MinPredictability, d.MinPredictability)
	r.MaxMistakeCost = orDefault(r.MaxMistakeCost, d.MaxMistakeCost)
	return r
}

// streamSalt is the constant internal/rng.Stream adds to each coordinate.
// TestStepSeedMatchesReseed checks the copy.
const streamSalt = 0x632be59bd9b4e019

// mix is internal/rng.Mix (splitmix64's finalizer), inlinable.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// streamPrefix returns rng.Stream(seed, tag).
func streamPrefix(seed, tag uint64) uint64 {
	return mix(mix(seed) ^ mix(tag+streamSalt))
}

// periodHash returns the last stream coordinate's hash for period t,
// for seedStep.
func periodHash(t int) uint64 { return mix(uint64(t) + streamSalt) }

// seedStep reseeds src exactly as rng.Reseed(src, seed, tagStep, slot, t)
// does, given ph = periodHash(t).
func (f *fastPath) seedStep(src *rand.PCG, slot, ph uint64) {
	s := mix(mix(f.stepHash^mix(slot+streamSalt)) ^ ph)
	src.Seed(s, mix(s))
}

// uniform is rand.Rand.Float64 on src: the same draw from the same state.
func uniform(src *rand.PCG) float64 {
	return float64(src.Uint64()<<11>>11) / (1 << 53)
}

// trustValue is customer.Trust{Good: good, Bad: bad}.Value().
func trustValue(good, bad float32) float64 {
	return customer.Trust{Good: float64(good), Bad: float64(bad)}.Value()
}

// fastCustomer holds the strategy-independent parts of a customer's
// utility (customer's traitTerms) and the traits serveFast reads, as
// modelTraits converts them.
type fastCustomer struct {
	inertia, pred, needValue float64
	self, search             float64
	privacy, control         float64
	delayCost, lag           float64
	monitoring, mistakeCost  float64
	optionSet                float64
	log0, logHalf            float64
	has0, hasHalf            bool
}

// set fills p from agent a whose trust value is trust.
func (p *fastCustomer) set(f *fastPath, a *agent, trust float64) {
	const s = 1.0 / 65535
	nk := float64(a.unit[0]) * s
	p.inertia = float64(a.unit[4]) * s
	p.pred = float64(a.unit[5]) * s
	p.needValue = float64(a.amt[4])
	p.self = f.matchFloor + f.omMatchFloor*nk
	p.search = f.effortCost * (1 - nk/2)
	p.privacy = f.privacyCost * (float64(a.unit[2]) * s) * (1 - trust)
	p.control = f.controlCost * (float64(a.unit[1]) * s)
	p.delayCost = float64(a.amt[3])
	p.lag = float64(a.amt[2])
	p.monitoring = float64(a.unit[3]) * s
	p.mistakeCost = float64(a.amt[0])
	p.optionSet = max(float64(a.amt[1]), 1)
	p.has0, p.hasHalf = false, false
}

// logSearched is customer's traitTerms.logSearched.
func (p *fastCustomer) logSearched(s *fastArm) float64 {
	switch s.effort {
	case effortLog0:
		if !p.has0 {
			p.log0, p.has0 = math.Log(1+p.optionSet), true
		}
		return p.log0
	case effortLogHalf:
		if !p.hasHalf {
			p.logHalf, p.hasHalf = math.Log(1+math.Sqrt(p.optionSet)), true
		}
		return p.logHalf
	}
	return math.Log(1 + math.Pow(p.optionSet, 1-s.fq))
}

// total is customer's traitTerms.total: the same terms in the same order.
func (p *fastCustomer) total(f *fastPath, s *fastArm, a float64) float64 {
	value := (1 - p.inertia*(1-s.fr*(a*p.pred))) * (s.omfq*p.self + s.fq*a) * p.needValue
	effort := 0.0
	if s.effort != effortNone {
		effort = p.search * s.omfq * p.logSearched(s)
	}
	delay := p.delayCost * (s.omfr*p.lag + s.delay)
	privacy := p.privacy * s.di
	creep := 0.0
	if x := s.di - p.monitoring; x > 0 {
		creep = f.creepCost * x * x
	}
	control := p.control * s.autonomy
	mistakes := p.mistakeCost * s.fq * (1 - a)
	if s.firm {
		mistakes *= f.aversion
	}
	return value - effort - delay - privacy - creep - control - mistakes - s.nuisance
}

// delight is customer.Model.DelightOfUtility(u). It also returns the
// exponential it computed and the sign of z, for disappoint.
func (f *fastPath) delight(u float64) (p, e float64, pos bool) {
	z := (u - f.outside - f.margin) / f.scale
	if z >= 0 {
		e = math.Exp(-z)
		return 1 / (1 + e), e, true
	}
	e = math.Exp(z)
	return e / (1 + e), e, false
}

// disappoint is the disappointment of customer.Model.OutcomesOfUtility(u,
// fq, a), given delight's results (p, e, pos) for u.
func (f *fastPath) disappoint(u, p, e float64, pos bool, fq, a float64) float64 {
	var below float64
	if pos {
		below = e / (e + f.em)
	} else if e >= 0x1p-1000 && f.em <= math.MaxFloat64 {
		below = 1 / (1 + e*f.em)
	} else {
		below = invLogit(-(u - f.outside) / f.scale)
	}
	rest := 1 - p
	neutral := max(rest-below, 0)
	return min(below+fq*(1-a)*neutral, rest)
}

// serveFast is serve for the Thompson policy without the oracle, bit for
// bit. It does not allocate.
func (l *Loop) serveFast(w *worker, ch *chunk, i, t int, ph uint64) error {
	cfg := &l.cfg
	f := l.fast
	a := &ch.agents[i]
	g := ch.agg
	src := &w.src
	f.seedStep(src, uint64(ch.lo+i), ph)
	acc := cfg.accuracy(l.eps, float64(a.own))
	if cfg.NoLearning {
		acc = cfg.accuracy(l.eps, 0)
	}
	if uniform(src) < float64(a.amt[5]) {
		trust := trustValue(a.good, a.bad)
		revoked := a.revoked <= int32(t)
		var learn strategy.DataSet
		if !revoked {
			for _, d := range a.consent {
				learn |= d
			}
		}
		// Eligibility, as customer.EligibleMask decides it, narrowed to the
		// open strategies.
		mask := w.mask
		arms := f.arms[:len(mask)]
		pred := float64(a.unit[5]) * (1.0 / 65535)
		autoOK := trust >= f.minTrust && pred >= f.minPred && float64(a.amt[0]) <= f.maxCost
		for k := range arms {
			s := &arms[k]
			ok := s.open
			if ok && !s.always {
				if s.consent >= 0 {
					gr := strategy.DataSet(0)
					if !revoked {
						gr = a.consent[s.consent]
					}
					ok = gr != 0 && gr.Covers(s.data)
				}
				if s.auto {
					ok = ok && autoOK
				}
			}
			mask[k] = ok
		}
		var tc fastCustomer
		tc.set(f, a, trust)
		all := !cfg.NoRegret
		best, ubest := -1, math.Inf(-1)
		u := w.u[:len(mask)]
		if all {
			for k := range arms {
				if !mask[k] {
					u[k] = math.Inf(-1)
					continue
				}
				u[k] = tc.total(f, &arms[k], acc)
				if best < 0 || u[k] > ubest {
					best, ubest = k, u[k]
				}
			}
		}
		k, err := ch.l.thompsonPCG(src, w.r, i, mask)
		if err != nil {
			return err
		}
		s := &arms[k]
		var uk float64
		if all {
			uk = u[k]
		} else {
			uk = tc.total(f, s, acc)
		}
		p, e, pos := f.delight(uk)
		pbest := p
		if all && k != best && uk != ubest {
			pbest, _, _ = f.delight(ubest)
		}
		pbest = max(pbest, p)
		draw := uniform(src)
		good := draw < p
		bad := false
		if !good {
			bad = draw < p+f.disappoint(uk, p, e, pos, s.fq, acc)
		}
		g.interactions++
		g.share[k]++
		g.regret.Add(pbest - p)
		g.varCost.Add(s.varCost)
		reward := 0.0
		if good {
			g.delighted++
			reward = 1
			g.revenue.Add(f.capture * float64(a.amt[4]))
		}
		if learn != 0 && learn.Covers(s.data) {
			g.data++
			j := int(a.seg)*l.k + k
			g.segN[j]++
			if good {
				g.segS[j]++
			}
			if !cfg.NoLearning {
				ch.l.update1(i, k, reward)
				a.own++
			}
		}
		incident := false
		if s.di > tc.monitoring && f.creep > 0 {
			incident = uniform(src) < f.creep
		}
		// customer.Trust.Update with Outcome{Good: good, Neutral: !good &&
		// !bad, FirmInitiated: s.firm, PrivacyIncident: incident}.
		gd, bd := f.forgetting*float64(a.good), f.forgetting*float64(a.bad)
		switch {
		case !good && !bad:
		case good:
			gd += f.gain
		case s.firm:
			bd += f.badFirmWeight
		default:
			bd += f.badWeight
		}
		if incident {
			bd += f.incidentWeight
		}
		a.good, a.bad = float32(min(gd, customer.MaxAmount)), float32(min(bd, customer.MaxAmount))
		if incident && a.revoked == noRevoke && f.revoke > 0 && uniform(src) < f.revoke {
			a.revoked = int32(t + 1)
		}
		rho := float32(f.rho)
		a.ema += rho * (float32(reward) - a.ema)
		if !cfg.NoLearning {
			acc = cfg.accuracy(l.eps, float64(a.own))
		}
	}
	trust := trustValue(a.good, a.bad)
	if !cfg.NoChurn && uniform(src) < cfg.churnProb(float64(a.ema), trust) {
		a.state = stateChurned
		g.churned++
		return nil
	}
	g.active++
	g.trust.Add(trust)
	g.acc.Add(acc)
	return nil
}

// thompsonPCG is Learner.thompson drawing from src (which r wraps) with
// the concrete generator, bit for bit.
func (l *Learner) thompsonPCG(src *rand.PCG, r *rand.Rand, c int, eligible []bool) (int, error) {
	pr := l.prior[:l.k]
	if l.s > 1 {
		s := int(l.seg[c]) * l.k
		pr = l.prior[s : s+l.k]
	}
	ev := l.ev[2*c*l.k : 2*(c+1)*l.k]
	eligible = eligible[:len(pr)]
	best, bv := -1, -1.0
	for j, p := range pr {
		if !eligible[j] {
			continue
		}
		a := p.Alpha + float64(ev[2*j])*fixScale
		b := p.Beta + float64(ev[2*j+1])*fixScale
		if v := betaDrawPCG(src, r, a, b); v > bv {
			best, bv = j, v
		}
	}
	if best < 0 {
		return -1, connected.NewFieldError("learning.Learner.Choose", "eligible", "none", connected.ErrEmpty)
	}
	return best, nil
}

// update1 is Learner.Update for a valid customer, arm and reward in
// {0, 1}.
func (l *Learner) update1(c, k int, r float64) {
	ev := l.ev[2*c*l.k : 2*(c+1)*l.k]
	if l.forget < 1 {
		for j := range ev {
			ev[j] = uint64(float64(ev[j])*l.forget + 0.5)
		}
	}
	s := uint64(r*fixOne + 0.5)
	ev[2*k] = satAdd(ev[2*k], s)
	ev[2*k+1] = satAdd(ev[2*k+1], fixOne-s)
}

// betaDrawPCG is betaDraw with the generator's concrete type, so that the
// uniforms of the gamma loop are inlined rather than called through
// rand.Rand's interface. r must wrap src; the rare slow paths use it.
func betaDrawPCG(src *rand.PCG, r *rand.Rand, a, b float64) float64 {
	var x, y float64
	if a >= 1 && b >= 1 {
		da, db := a-1.0/3, b-1.0/3
		ca, cb := 1/math.Sqrt(9*da), 1/math.Sqrt(9*db)
		x = gammaCorePCG(src, r, da, ca)
		y = gammaCorePCG(src, r, db, cb)
	} else {
		x = gammaDrawPCG(src, r, a)
		y = gammaDrawPCG(src, r, b)
	}
	if s := x + y; s > 0 {
		return x / s
	}
	if uniform(src) < a/(a+b) {
		return 1
	}
	return 0
}

// gammaDrawPCG is gammaDraw on src.
func gammaDrawPCG(src *rand.PCG, r *rand.Rand, a float64) float64 {
	boost := 1.0
	if a < 1 {
		boost = math.Exp(-expDraw(src) / a)
		a++
	}
	d := a - 1.0/3
	return gammaCorePCG(src, r, d, 1/math.Sqrt(9*d)) * boost
}

// expDraw is rand.Rand.ExpFloat64 on src, bit for bit: the same ziggurat
// (tables in loop_ziggurat.go) with the generator's uniforms inlined.
func expDraw(src *rand.PCG) float64 {
	for {
		u := src.Uint64()
		j := uint32(u)
		i := uint8(u >> 32)
		x := float64(j) * float64(zwe[i])
		if j < zke[i] {
			return x
		}
		if i == 0 {
			return zre - math.Log(uniform(src))
		}
		if zfe[i]+float32(uniform(src))*(zfe[i-1]-zfe[i]) < float32(math.Exp(-x)) {
			return x
		}
	}
}

// gammaCorePCG is gammaCore on src.
func gammaCorePCG(src *rand.PCG, r *rand.Rand, d, c float64) float64 {
	for {
		w := src.Uint64()
		j := int32(w)
		i := w >> 32 & 0x7F
		x := float64(j) * float64(zwn[i])
		if absInt32(j) >= zkn[i] {
			x = normSlow(r, j, i, x)
		}
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := float64(src.Uint64()<<11>>11) / (1 << 53) // uniform(src), inlined by hand
		x2 := x * x
		if u < 1-0.0331*x2*x2 || acceptLog(u, 0.5*x2+d*(1-v+math.Log(v))) {
			return d * v
		}
	}
}
