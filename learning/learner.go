package learning

import (
	"math"
	"math/rand/v2"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
)

// MaxArms is the largest number of strategies (arms) a Learner or a policy
// accepts: 64, so that per-call posteriors fit on the stack. A modeling choice;
// the module's catalogue has five strategy kinds.
const MaxArms = 64

// Evidence is stored in 32.32 fixed point: one unit of reward is 1<<32.
// Integer addition is associative, so merging shards in any order gives
// bit-identical state; a reward r in [0,1] is rounded to the nearest 2⁻³²
// (an error below 1.2e-10 per update).
const (
	fixOne   = 1 << 32
	fixScale = 1.0 / fixOne
	fixMax   = math.MaxUint64
)

// Config sizes and tunes a [Learner]. Every zero field means "use the
// default" given below.
type Config struct {
	Customers int     // number of customers, > 0; customers are indexed 0..Customers-1
	Arms      int     // number of strategies, 1..MaxArms; the caller's strategy index is the arm index
	Segments  int     // number of segments, ≥ 1; 0 means 1 (one shared prior)
	Prior     Beta    // starting prior of every (segment, arm); zero means {1, 1}, the uniform prior (Bayes–Laplace)
	Forget    float64 // discount λ in (0, 1] applied to all of a customer's evidence at each of their updates; 0 means 1 (no forgetting)
}

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.Segments == 0 {
		c.Segments = 1
	}
	if c.Prior == (Beta{}) {
		c.Prior = Beta{1, 1}
	}
	if c.Forget == 0 {
		c.Forget = 1
	}
	return c
}

// Validate reports every invalid field of c (after defaults) as a
// *connected.FieldError, joined.
func (c Config) Validate() error {
	const op = "learning.Config.Validate"
	c = c.withDefaults()
	var errs check.Errs
	if c.Customers <= 0 || c.Customers > math.MaxInt32 {
		errs.Add(connected.NewFieldError(op, "Customers", c.Customers, connected.ErrOutOfRange))
	}
	if c.Arms <= 0 || c.Arms > MaxArms {
		errs.Add(connected.NewFieldError(op, "Arms", c.Arms, connected.ErrOutOfRange))
	}
	if c.Segments <= 0 || c.Segments > math.MaxInt32 {
		errs.Add(connected.NewFieldError(op, "Segments", c.Segments, connected.ErrOutOfRange))
	}
	errs.Add(checkBeta(op, "Prior", c.Prior))
	if math.IsNaN(c.Forget) || math.IsInf(c.Forget, 0) {
		errs.Add(connected.NewFieldError(op, "Forget", c.Forget, connected.ErrNotFinite))
	} else if !(c.Forget > 0 && c.Forget <= 1) {
		errs.Add(connected.NewFieldError(op, "Forget", c.Forget, connected.ErrOutOfRange))
	}
	return errs.Err()
}

// A Learner holds a Beta-Bernoulli posterior on "an interaction delights" for
// every (customer, strategy) pair:
//
//	posterior(c, k) = Beta(α₀ + S_ck, β₀ + F_ck)
//
// where (α₀, β₀) is the prior of customer c's segment for arm k (see
// [Learner.Pool]) and S_ck, F_ck are the customer's discounted success and
// failure evidence. Storage is flat: 16 bytes of evidence per pair plus 4
// bytes of segment index per customer, no per-customer maps or pointers, so
// 1e6 customers × 8 strategies take about 132 MB.
//
// Priors are kept apart from evidence, so merging learners never counts a
// prior twice (see [Learner.Merge]). The zero Learner has no customers and
// rejects every call that names one; use [New] (or decode into it).
//
// # Concurrency
//
// Per-customer calls touch only that customer's memory: Update, Reset,
// SetSegment, Choose, Probabilities, Posterior, Posteriors and Evidence for
// different customers may run concurrently (each goroutine with its own
// *rand.Rand), so a simulation can split customers over goroutines. Calls for
// the same customer must not overlap with a write to that customer. Pool,
// Merge, Grow, SetPrior and the Unmarshal methods change shared state and
// need exclusive access; Prior, Snapshot and the Marshal methods read all of
// it and must not overlap with any writer. [Learner.Snapshot] returns an
// independent deep copy that any number of goroutines may read while the
// original keeps learning; shards of customers can also live in separate
// learners and be combined with [Learner.Merge].
type Learner struct {
	n, k, s int
	forget  float64
	ev      []uint64 // 2 per pair: successes then failures, 32.32 fixed point
	seg     []uint32 // segment of each customer
	prior   []Beta   // segment-major, s*k entries
}

// New returns a Learner for cfg with no evidence, every customer in segment
// 0, and every prior equal to cfg.Prior. It returns cfg.Validate's errors.
func New(cfg Config) (*Learner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	l := &Learner{
		n: cfg.Customers, k: cfg.Arms, s: cfg.Segments, forget: cfg.Forget,
		ev:    make([]uint64, 2*cfg.Customers*cfg.Arms),
		seg:   make([]uint32, cfg.Customers),
		prior: make([]Beta, cfg.Segments*cfg.Arms),
	}
	for i := range l.prior {
		l.prior[i] = cfg.Prior
	}
	return l, nil
}

// Customers returns the number of customers.
func (l *Learner) Customers() int { return l.n }

// Arms returns the number of strategies.
func (l *Learner) Arms() int { return l.k }

// Segments returns the number of segments.
func (l *Learner) Segments() int { return l.s }

// Forget returns the forgetting factor λ in (0, 1].
func (l *Learner) Forget() float64 { return l.forget }

func (l *Learner) checkCustomer(op string, c int) error {
	if c < 0 || c >= l.n {
		return connected.NewFieldError(op, "customer", c, connected.ErrOutOfRange)
	}
	return nil
}

func (l *Learner) checkArm(op string, k int) error {
	if k < 0 || k >= l.k {
		return connected.NewFieldError(op, "arm", k, connected.ErrOutOfRange)
	}
	return nil
}

// SetSegment puts customer c in segment s (0 ≤ s < Segments); the customer's
// prior becomes that segment's. Evidence is unchanged.
func (l *Learner) SetSegment(c, s int) error {
	const op = "learning.Learner.SetSegment"
	if err := l.checkCustomer(op, c); err != nil {
		return err
	}
	if s < 0 || s >= l.s {
		return connected.NewFieldError(op, "segment", s, connected.ErrOutOfRange)
	}
	l.seg[c] = uint32(s)
	return nil
}

// Segment returns customer c's segment.
func (l *Learner) Segment(c int) (int, error) {
	if err := l.checkCustomer("learning.Learner.Segment", c); err != nil {
		return 0, err
	}
	return int(l.seg[c]), nil
}

// Prior returns the prior of segment s for arm k.
func (l *Learner) Prior(s, k int) (Beta, error) {
	const op = "learning.Learner.Prior"
	if s < 0 || s >= l.s {
		return Beta{}, connected.NewFieldError(op, "segment", s, connected.ErrOutOfRange)
	}
	if err := l.checkArm(op, k); err != nil {
		return Beta{}, err
	}
	return l.prior[s*l.k+k], nil
}

// SetPrior sets the prior of segment s for arm k; b must be a valid Beta.
func (l *Learner) SetPrior(s, k int, b Beta) error {
	const op = "learning.Learner.SetPrior"
	if s < 0 || s >= l.s {
		return connected.NewFieldError(op, "segment", s, connected.ErrOutOfRange)
	}
	if err := l.checkArm(op, k); err != nil {
		return err
	}
	if err := checkBeta(op, "prior", b); err != nil {
		return err
	}
	l.prior[s*l.k+k] = b
	return nil
}

// Update records one interaction of customer c with arm k whose reward r in
// [0, 1] is the degree of delight (1 delights, 0 does not; fractional rewards
// count fractionally). With forgetting factor λ, all of c's evidence is first
// discounted, then the reward is added:
//
//	S_cj ← λ·S_cj, F_cj ← λ·F_cj  for every arm j
//	S_ck ← S_ck + r, F_ck ← F_ck + (1 − r)
//
// This is discounted Thompson sampling per customer (Raj & Kalyani, "Taming
// non-stationary bandits: a Bayesian approach", 2017), with the customer's own
// interactions as the clock. Evidence saturates at about 4.29e9 per pair.
// Update does not allocate.
func (l *Learner) Update(c, k int, r float64) error {
	const op = "learning.Learner.Update"
	if c < 0 || c >= l.n {
		return connected.NewFieldError(op, "customer", c, connected.ErrOutOfRange)
	}
	if k < 0 || k >= l.k {
		return connected.NewFieldError(op, "arm", k, connected.ErrOutOfRange)
	}
	if !(r >= 0 && r <= 1) {
		return check.Unit(op, "reward", r)
	}
	ev := l.ev[2*c*l.k : 2*(c+1)*l.k]
	if l.forget < 1 {
		for j := range ev {
			ev[j] = uint64(float64(ev[j])*l.forget + 0.5)
		}
	}
	s := uint64(r*fixOne + 0.5)
	ev[2*k] = satAdd(ev[2*k], s)
	ev[2*k+1] = satAdd(ev[2*k+1], fixOne-s)
	return nil
}

// satAdd returns a+b, saturating at MaxUint64. Saturating addition of
// non-negative numbers is still associative and commutative.
func satAdd(a, b uint64) uint64 {
	s := a + b
	if s < a {
		return fixMax
	}
	return s
}

// Evidence returns customer c's discounted success and failure evidence for
// arm k (the posterior minus the prior).
func (l *Learner) Evidence(c, k int) (successes, failures float64, err error) {
	const op = "learning.Learner.Evidence"
	if err := l.checkCustomer(op, c); err != nil {
		return 0, 0, err
	}
	if err := l.checkArm(op, k); err != nil {
		return 0, 0, err
	}
	i := 2 * (c*l.k + k)
	return float64(l.ev[i]) * fixScale, float64(l.ev[i+1]) * fixScale, nil
}

// Posterior returns customer c's posterior for arm k: the segment prior plus
// the customer's evidence.
func (l *Learner) Posterior(c, k int) (Beta, error) {
	const op = "learning.Learner.Posterior"
	if err := l.checkCustomer(op, c); err != nil {
		return Beta{}, err
	}
	if err := l.checkArm(op, k); err != nil {
		return Beta{}, err
	}
	p := l.prior[int(l.seg[c])*l.k+k]
	i := 2 * (c*l.k + k)
	return Beta{p.Alpha + float64(l.ev[i])*fixScale, p.Beta + float64(l.ev[i+1])*fixScale}, nil
}

// Posteriors writes customer c's posterior for every arm into dst (resized to
// Arms, reusing its storage) and returns it. It does not modify l, so
// concurrent readers may call it; with a dst of capacity ≥ Arms it does not
// allocate.
func (l *Learner) Posteriors(dst []Beta, c int) ([]Beta, error) {
	if err := l.checkCustomer("learning.Learner.Posteriors", c); err != nil {
		return dst, err
	}
	if cap(dst) < l.k {
		dst = make([]Beta, l.k)
	}
	dst = dst[:l.k]
	l.fill(dst, c)
	return dst, nil
}

// fill writes c's posteriors into dst (len k); c must be valid.
func (l *Learner) fill(dst []Beta, c int) {
	pr := l.prior[:l.k]
	if l.s > 1 {
		s := int(l.seg[c]) * l.k
		pr = l.prior[s : s+l.k]
	}
	ev := l.ev[2*c*l.k : 2*(c+1)*l.k]
	for j := range dst {
		dst[j] = Beta{pr[j].Alpha + float64(ev[2*j])*fixScale, pr[j].Beta + float64(ev[2*j+1])*fixScale}
	}
}

// Choose asks policy p to pick a strategy for customer c among the eligible
// ones (eligible has Arms entries; at least one must be true), given c's
// posteriors. It reads randomness only from r (nil is an error, as for the
// policies) and does not modify l. With
// this package's policies it does not allocate; a policy of another package
// costs one allocation of the posteriors per call.
func (l *Learner) Choose(r *rand.Rand, p Policy, c int, eligible []bool) (int, error) {
	const op = "learning.Learner.Choose"
	if c < 0 || c >= l.n {
		return -1, connected.NewFieldError(op, "customer", c, connected.ErrOutOfRange)
	}
	if len(eligible) != l.k {
		return -1, connected.NewFieldError(op, "eligible", len(eligible), connected.ErrMismatch)
	}
	if _, ok := p.(Thompson); ok {
		// Before buf, whose zeroing (1 KiB) would cost the hot path.
		if err := checkRand(op, r); err != nil {
			return -1, err
		}
		return l.thompson(r, c, eligible)
	}
	var buf [MaxArms]Beta
	arms := buf[:l.k]
	// Concrete calls let the posteriors stay on the stack.
	switch q := p.(type) {
	case Greedy:
		l.fill(arms, c)
		return q.Choose(r, arms, eligible)
	case EpsilonGreedy:
		l.fill(arms, c)
		return q.Choose(r, arms, eligible)
	case Fixed:
		l.fill(arms, c)
		return q.Choose(r, arms, eligible)
	case BayesUCB:
		l.fill(arms, c)
		return q.Choose(r, arms, eligible)
	case Guard:
		l.fill(arms, c)
		return q.Choose(r, arms, eligible)
	case nil:
		return -1, connected.NewFieldError(op, "policy", nil, connected.ErrEmpty)
	}
	heap := make([]Beta, l.k)
	l.fill(heap, c)
	return p.Choose(r, heap, eligible)
}

// thompson is Thompson.Choose fused with fill: posteriors are valid by
// construction, so only the mask needs checking.
func (l *Learner) thompson(r *rand.Rand, c int, eligible []bool) (int, error) {
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
		if v := betaDraw(r, a, b); v > bv {
			best, bv = j, v
		}
	}
	if best < 0 {
		return -1, connected.NewFieldError("learning.Learner.Choose", "eligible", "none", connected.ErrEmpty)
	}
	return best, nil
}

// Probabilities returns the exact probability with which policy p picks each
// arm for customer c given the current posteriors (0 for ineligible arms);
// log it with the choice for off-policy evaluation. It does not modify l.
func (l *Learner) Probabilities(p Policy, c int, eligible []bool) ([]float64, error) {
	arms, err := l.Posteriors(nil, c)
	if err != nil {
		return nil, err
	}
	return p.Probabilities(arms, eligible)
}

// Grow adds n ≥ 0 customers, numbered from the current Customers on, in
// segment 0 with no evidence (a growing market). It needs exclusive access
// and may reallocate the evidence (amortized O(1) per customer).
func (l *Learner) Grow(n int) error {
	const op = "learning.Learner.Grow"
	if n < 0 || n > math.MaxInt32-l.n {
		return connected.NewFieldError(op, "n", n, connected.ErrOutOfRange)
	}
	l.n += n
	l.ev = append(l.ev, make([]uint64, 2*n*l.k)...)
	l.seg = append(l.seg, make([]uint32, n)...)
	return nil
}

// Reset forgets all of customer c's evidence (for instance when a churned
// customer's slot is reused); the customer's segment is kept.
func (l *Learner) Reset(c int) error {
	if err := l.checkCustomer("learning.Learner.Reset", c); err != nil {
		return err
	}
	clear(l.ev[2*c*l.k : 2*(c+1)*l.k])
	return nil
}

// Snapshot returns an independent deep copy of l: later changes to l do not
// show in it, so any number of goroutines may read the snapshot while l
// keeps learning. Copying costs O(Customers × Arms).
func (l *Learner) Snapshot() *Learner {
	c := *l
	c.ev = append([]uint64(nil), l.ev...)
	c.seg = append([]uint32(nil), l.seg...)
	c.prior = append([]Beta(nil), l.prior...)
	return &c
}

// Merge adds o's evidence to l's, pair by pair, so that shards that saw
// disjoint interactions combine into one learner. Evidence is fixed-point and
// addition saturating, so merging any number of shards in any order or
// grouping gives bit-identical evidence.
//
// Priors are not evidence: l keeps its own segment priors and segment
// assignment (o's are ignored), so a prior is never counted twice; call
// [Learner.Pool] after merging to re-estimate priors from the combined
// evidence. With forgetting (λ < 1) each shard has discounted its evidence on
// its own customers' clocks; the merged evidence equals a single learner's
// exactly when each customer's interactions all went to one shard (the usual
// sharding by customer), and otherwise it is the sum of the shards'
// separately discounted evidence, which counts the other shard's recent
// interactions as undiscounted.
//
// o must have the same Customers, Arms and Forget as l; otherwise Merge
// returns an error wrapping connected.ErrMismatch and leaves l unchanged.
func (l *Learner) Merge(o *Learner) error {
	const op = "learning.Learner.Merge"
	switch {
	case o == nil:
		return connected.NewFieldError(op, "other", nil, connected.ErrEmpty)
	case o.n != l.n:
		return connected.NewFieldError(op, "other.Customers", o.n, connected.ErrMismatch)
	case o.k != l.k:
		return connected.NewFieldError(op, "other.Arms", o.k, connected.ErrMismatch)
	case o.forget != l.forget:
		return connected.NewFieldError(op, "other.Forget", o.forget, connected.ErrMismatch)
	}
	for i, v := range o.ev {
		l.ev[i] = satAdd(l.ev[i], v)
	}
	return nil
}
