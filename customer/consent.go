package customer

import (
	"iter"
	"math"
	"slices"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
)

// MaxPeriod is the largest period a Consent can record, 2³¹−1 (a Consent
// stores periods in 32 bits to stay small). Queries at later periods see
// the state after the last recorded change.
const MaxPeriod = math.MaxInt32

// consentKinds is how many kinds a Consent records: every kind but
// buy-what-we-have, which never needs consent.
const consentKinds = int(strategy.AutomaticExecution - strategy.BuyWhatWeHave)

// A Consent is one customer's ledger of consent grants and revocations, per
// strategy kind and data category, stamped with integer periods (no clocks).
//
// The rules it enforces (README, Concepts):
//
//   - Nothing is inferred: a kind with no grant on record has no consent.
//   - [Consent.Grant] adds data categories to a kind's consent for every
//     period from its period on; [Consent.Revoke] removes them for every
//     period from its period on, so a revocation takes effect at once.
//   - Buy-what-we-have never needs consent and is not recorded.
//   - Calls for a kind must not reach back before that kind's latest
//     recorded change (a call that changes nothing records nothing); the
//     ledger is append-only in time, so every query about any period, past
//     or present, is answered exactly.
//
// The zero Consent holds no grants and is ready to use. A Consent is a value
// of 48 bytes: the common case (up to two changes per kind, e.g. a grant and
// a later revocation) lives inline; further changes go to a shared,
// copy-on-write log, so copies of a Consent are independent. Queries never
// allocate. A Consent is not safe for concurrent modification; any number of
// goroutines may query it while nobody modifies it.
type Consent struct {
	// For kind index i (kind − 2): the state is none before from[i], a[i] in
	// [from[i], to[i]), and b[i] from to[i] on — unless the log holds later
	// changes of the kind. Invariants: a[i] ≠ 0 if the kind has a change;
	// b[i] == a[i] and to[i] == from[i] if it has at most one.
	from, to [consentKinds]int32
	a, b     [consentKinds]strategy.DataSet
	more     *consentLog // changes beyond the second per kind; nil if none; never modified once shared
}

// consentLog holds the overflow changes sorted by kind and then by
// strictly increasing period.
type consentLog struct{ changes []ConsentChange }

// A ConsentChange is one point at which a kind's consent changed: from
// Period on (until the kind's next change) the customer consents to the firm
// using Data for strategies of Kind. Empty Data means no consent.
type ConsentChange struct {
	Kind   strategy.Kind    // respond-to-desire … automatic-execution
	Period int              // the first period the change applies to, [0, MaxPeriod]
	Data   strategy.DataSet // the categories consented to from Period on; empty means none
}

// kindIndex maps a kind that can need consent to 0..3.
func kindIndex(k strategy.Kind) (int, bool) {
	i := int(k) - int(strategy.RespondToDesire)
	return i, i >= 0 && i < consentKinds
}

// Grant records that from period on the customer consents to strategies of
// kind k using the data categories d, in addition to any already granted
// for k. Errors (a *connected.FieldError, the ledger unchanged): an invalid
// kind (ErrUnknown) or buy-what-we-have, which needs no consent
// (ErrOutOfRange); d with unknown categories (ErrUnknown) or empty
// (ErrEmpty); period negative, above MaxPeriod, or before k's latest
// recorded change (ErrOutOfRange).
func (c *Consent) Grant(k strategy.Kind, d strategy.DataSet, period int) error {
	const op = "customer.Consent.Grant"
	i, err := c.check(op, k, d, period)
	if err != nil {
		return err
	}
	c.set(i, c.current(i)|d, int32(period))
	return nil
}

// Revoke records that from period on the customer withdraws consent to
// strategies of kind k using the data categories d; categories of k not in
// d stay granted. Revoking what was never granted changes nothing. To
// withdraw everything for k, pass strategy.NewDataSet(strategy.Categories()...);
// [Consent.RevokeAll] does so for every kind. Errors are as for
// [Consent.Grant].
func (c *Consent) Revoke(k strategy.Kind, d strategy.DataSet, period int) error {
	const op = "customer.Consent.Revoke"
	i, err := c.check(op, k, d, period)
	if err != nil {
		return err
	}
	c.set(i, c.current(i)&^d, int32(period))
	return nil
}

// RevokeAll withdraws every consent of every kind from period on. It
// returns a *connected.FieldError wrapping ErrOutOfRange, and changes
// nothing, if period is negative, above MaxPeriod or before the latest
// recorded change of a kind that still holds a grant.
func (c *Consent) RevokeAll(period int) error {
	const op = "customer.Consent.RevokeAll"
	if period < 0 || period > MaxPeriod {
		return connected.NewFieldError(op, "period", period, connected.ErrOutOfRange)
	}
	for i := range consentKinds {
		if c.current(i) != 0 && period < c.last(i) {
			return connected.NewFieldError(op, "period", period, connected.ErrOutOfRange)
		}
	}
	for i := range consentKinds {
		if c.current(i) != 0 {
			c.set(i, 0, int32(period))
		}
	}
	return nil
}

func (c *Consent) check(op string, k strategy.Kind, d strategy.DataSet, period int) (int, error) {
	i, ok := kindIndex(k)
	if !ok {
		if k == strategy.BuyWhatWeHave {
			return 0, connected.NewFieldError(op, "kind", k.String(), connected.ErrOutOfRange)
		}
		return 0, connected.NewFieldError(op, "kind", int(k), connected.ErrUnknown)
	}
	if !d.Valid() {
		return 0, connected.NewFieldError(op, "data", d.String(), connected.ErrUnknown)
	}
	if d.Empty() {
		return 0, connected.NewFieldError(op, "data", d.String(), connected.ErrEmpty)
	}
	if period < 0 || period > MaxPeriod || period < c.last(i) {
		return 0, connected.NewFieldError(op, "period", period, connected.ErrOutOfRange)
	}
	return i, nil
}

// lastMore returns the position in the log of kind index i's latest change,
// or -1.
func (c *Consent) lastMore(i int) int {
	if c.more == nil {
		return -1
	}
	k := strategy.Kind(i) + strategy.RespondToDesire
	for j := len(c.more.changes) - 1; j >= 0; j-- {
		if c.more.changes[j].Kind == k {
			return j
		}
	}
	return -1
}

// last returns the period of kind index i's latest change, or -1 if none.
func (c *Consent) last(i int) int {
	if j := c.lastMore(i); j >= 0 {
		return c.more.changes[j].Period
	}
	if c.a[i] == 0 {
		return -1
	}
	return int(c.to[i])
}

// current returns kind index i's state after its latest change.
func (c *Consent) current(i int) strategy.DataSet {
	if j := c.lastMore(i); j >= 0 {
		return c.more.changes[j].Data
	}
	return c.b[i]
}

// set makes s the state of kind index i from period p on; p is at or after
// the kind's latest change. It keeps the representation canonical: no
// change that leaves the state as it was.
func (c *Consent) set(i int, s strategy.DataSet, p int32) {
	if s == c.current(i) {
		return
	}
	switch j := c.lastMore(i); {
	case j >= 0:
		ch := c.more.changes[j]
		if int(p) != ch.Period {
			c.appendMore(ConsentChange{Kind: ch.Kind, Period: int(p), Data: s})
			return
		}
		// Overwrite the change at the same period, or drop it if the state
		// returns to what it was before.
		before := c.b[i]
		for jj := j - 1; jj >= 0; jj-- {
			if c.more.changes[jj].Kind == ch.Kind {
				before = c.more.changes[jj].Data
				break
			}
		}
		changes := slices.Clone(c.more.changes)
		if s == before {
			changes = slices.Delete(changes, j, j+1)
		} else {
			changes[j].Data = s
		}
		c.more = nil
		if len(changes) > 0 {
			c.more = &consentLog{changes: changes}
		}
	case c.a[i] == 0: // first change
		c.from[i], c.to[i], c.a[i], c.b[i] = p, p, s, s
	case c.b[i] == c.a[i]: // one change so far
		if p == c.from[i] {
			if s == 0 {
				c.from[i], c.to[i], c.a[i], c.b[i] = 0, 0, 0, 0
				return
			}
			c.a[i], c.b[i] = s, s
			return
		}
		c.to[i], c.b[i] = p, s
	default: // two changes inline
		if p == c.to[i] {
			if s == c.a[i] {
				c.to[i], c.b[i] = c.from[i], c.a[i]
				return
			}
			c.b[i] = s
			return
		}
		c.appendMore(ConsentChange{Kind: strategy.Kind(i) + strategy.RespondToDesire, Period: int(p), Data: s})
	}
}

// appendMore adds ch, the latest change of its kind, to a fresh copy of
// the log, so copies of c that share the old log are unaffected. The log
// stays sorted by kind and then period, so equal ledgers have equal logs.
func (c *Consent) appendMore(ch ConsentChange) {
	var old []ConsentChange
	if c.more != nil {
		old = c.more.changes
	}
	at := len(old)
	for j, o := range old {
		if o.Kind > ch.Kind {
			at = j
			break
		}
	}
	changes := make([]ConsentChange, 0, len(old)+1)
	changes = append(changes, old[:at]...)
	changes = append(changes, ch)
	c.more = &consentLog{changes: append(changes, old[at:]...)}
}

// Granted returns the data categories the customer consents to strategies
// of kind k using at period. It is empty for buy-what-we-have (which needs
// none), an invalid kind, a negative period, or when nothing was granted:
// nothing is inferred. It does not allocate.
func (c Consent) Granted(k strategy.Kind, period int) strategy.DataSet {
	i, ok := kindIndex(k)
	if !ok || period < 0 {
		return 0
	}
	return c.granted(i, period)
}

func (c *Consent) granted(i, t int) strategy.DataSet {
	switch {
	case t < int(c.from[i]):
		return 0
	case t < int(c.to[i]):
		return c.a[i]
	case c.more != nil:
		k := strategy.Kind(i) + strategy.RespondToDesire
		for j := len(c.more.changes) - 1; j >= 0; j-- {
			if ch := c.more.changes[j]; ch.Kind == k && ch.Period <= t {
				return ch.Data
			}
		}
	}
	return c.b[i]
}

// everGranted reports whether kind index i held any grant at or before t.
func (c *Consent) everGranted(i, t int) bool {
	return c.a[i] != 0 && int(c.from[i]) <= t
}

// Allows reports whether the ledger permits strategy s at period: always
// for a strategy that does not need consent; otherwise only if a grant for
// s.Kind is on record, unrevoked at period, and covers every data category
// in s.Data. A negative period allows only strategies that need no consent.
// Allows checks consent only; [Eligible] adds the soft rules. It does not
// allocate.
func (c Consent) Allows(s strategy.Strategy, period int) bool {
	if !s.NeedsConsent {
		return true
	}
	g := c.Granted(s.Kind, period)
	return !g.Empty() && g.Covers(s.Data)
}

// Learnable returns the data categories the firm may learn from at period:
// the union of the categories granted for every kind. Data in any other
// category teaches the firm nothing, and a customer who granted nothing
// (the zero Consent) yields the empty set: with no consent there is no
// flywheel (README, Concepts). It does not allocate.
func (c Consent) Learnable(period int) strategy.DataSet {
	if period < 0 {
		return 0
	}
	var d strategy.DataSet
	for i := range consentKinds {
		d |= c.granted(i, period)
	}
	return d
}

// Changes yields every recorded change, kind by kind in kind order and
// within a kind in period order; each one sets its kind's consent to
// exactly Data from Period on (empty Data is a full revocation). Replaying
// them in order (Revoke everything, then Grant Data, at Period) rebuilds an
// equal ledger; MarshalJSON writes them.
func (c Consent) Changes() iter.Seq[ConsentChange] {
	return func(yield func(ConsentChange) bool) {
		for i := range consentKinds {
			if c.a[i] == 0 {
				continue
			}
			k := strategy.Kind(i) + strategy.RespondToDesire
			if !yield(ConsentChange{Kind: k, Period: int(c.from[i]), Data: c.a[i]}) {
				return
			}
			if c.b[i] != c.a[i] && !yield(ConsentChange{Kind: k, Period: int(c.to[i]), Data: c.b[i]}) {
				return
			}
			if c.more == nil {
				continue
			}
			for _, ch := range c.more.changes {
				if ch.Kind == k && !yield(ch) {
					return
				}
			}
		}
	}
}
