package customer

import (
	"math/rand/v2"
	"strconv"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/internal/check"
	"github.com/connectedstrategy/connected/internal/rng"
	"github.com/connectedstrategy/connected/strategy"
)

// Beta is a Beta distribution on [0,1] given by its mean and concentration
// κ = α + β (α = Mean·κ, β = (1−Mean)·κ); larger κ means less spread. A
// Kappa of 0, or a Mean of exactly 0 or 1, is a point mass at Mean: a fixed
// value.
type Beta struct {
	Mean  float64 `json:"mean"`  // in [0,1]
	Kappa float64 `json:"kappa"` // concentration in [0, 1e6]; 0 means fixed at Mean
}

// Gamma is a Gamma distribution on [0,∞) given by its mean and shape k (its
// coefficient of variation is 1/√k). A Shape of 0 is a point mass at Mean:
// a fixed value.
type Gamma struct {
	Mean  float64 `json:"mean"`  // in [0, MaxAmount]
	Shape float64 `json:"shape"` // in [0, 1e6]; 0 means fixed at Mean
}

const maxKappa = 1e6

func (b Beta) draw(r *rand.Rand) float64 {
	if b.Kappa == 0 {
		return b.Mean
	}
	return rng.BetaMeanKappa(r, b.Mean, b.Kappa)
}

func (g Gamma) draw(r *rand.Rand, lo float64) float64 {
	x := g.Mean
	if g.Shape != 0 && g.Mean != 0 {
		// Divide before multiplying: Mean/Shape overflows for tiny shapes,
		// and 0·Inf would be NaN.
		x = rng.Gamma(r, g.Shape) / g.Shape * g.Mean
	}
	if !(x >= lo) { // also NaN, which should not occur
		return lo
	}
	return min(x, MaxAmount)
}

func (b Beta) validate(errs *check.Errs, op, prefix string) {
	errs.Add(check.Unit(op, prefix+".Mean", b.Mean))
	errs.Add(check.Range(op, prefix+".Kappa", b.Kappa, 0, maxKappa))
}

func (g Gamma) validate(errs *check.Errs, op, prefix string, lo float64) {
	errs.Add(check.Range(op, prefix+".Mean", g.Mean, lo, MaxAmount))
	errs.Add(check.Range(op, prefix+".Shape", g.Shape, 0, maxKappa))
}

// A ConsentRate is the probability that a member of a segment grants
// consent for strategies of Kind to use Data.
type ConsentRate struct {
	Kind strategy.Kind    `json:"kind"` // respond-to-desire … automatic-execution
	Data strategy.DataSet `json:"data"` // the categories granted; non-empty
	Prob float64          `json:"prob"` // in [0,1]
}

// A Segment is a group of similar customers: its share of the population,
// a distribution for each trait, the members' initial trust, and how likely
// they are to consent to each kind of strategy. A Segment is a value; it
// shares its Consent slice when copied, so treat that slice as read-only
// (ScaleConsent returns fresh ones).
type Segment struct {
	Name  string  `json:"name"`  // unique within a Population, non-empty
	Share float64 `json:"share"` // share of the population, in (0,1]

	// Distributions of the [0,1] traits (Beta).
	NeedKnowledge       Beta `json:"need_knowledge"`       // of Traits.NeedKnowledge
	ControlDesire       Beta `json:"control_desire"`       // of Traits.ControlDesire
	PrivacyConcern      Beta `json:"privacy_concern"`      // of Traits.PrivacyConcern
	MonitoringTolerance Beta `json:"monitoring_tolerance"` // of Traits.MonitoringTolerance
	Inertia             Beta `json:"inertia"`              // of Traits.Inertia
	Predictability      Beta `json:"predictability"`       // of Traits.Predictability

	// Distributions of the other traits (Gamma). A draw is clamped to the
	// trait's range: OptionSetSize to [1, MaxAmount], the others to
	// [0, MaxAmount].
	MistakeCost    Gamma `json:"mistake_cost"`    // of Traits.MistakeCost
	OptionSetSize  Gamma `json:"option_set_size"` // of Traits.OptionSetSize; Mean ≥ 1
	RecognitionLag Gamma `json:"recognition_lag"` // of Traits.RecognitionLag
	DelayCost      Gamma `json:"delay_cost"`      // of Traits.DelayCost
	NeedValue      Gamma `json:"need_value"`      // of Traits.NeedValue
	Frequency      Gamma `json:"frequency"`       // of Traits.Frequency

	// Trust is every member's initial trust; the zero Trust is 0.5.
	Trust Trust `json:"trust"`
	// Consent lists, at most once per kind, the probability that a member
	// grants consent for that kind at period 0. One uniform draw per
	// customer is compared with every rate, so consents are nested: a member
	// who grants a less likely kind also grants every more likely one (a
	// single latent willingness to share, a modeling choice).
	Consent []ConsentRate `json:"consent"`
}

// MeanTraits returns the traits at each distribution's mean (OptionSetSize
// at least 1): the segment's typical member, e.g. to represent it as one
// weighted unit.
func (s Segment) MeanTraits() Traits {
	return Traits{
		NeedKnowledge:       s.NeedKnowledge.Mean,
		ControlDesire:       s.ControlDesire.Mean,
		PrivacyConcern:      s.PrivacyConcern.Mean,
		MonitoringTolerance: s.MonitoringTolerance.Mean,
		Inertia:             s.Inertia.Mean,
		Predictability:      s.Predictability.Mean,
		MistakeCost:         s.MistakeCost.Mean,
		OptionSetSize:       max(s.OptionSetSize.Mean, 1),
		RecognitionLag:      s.RecognitionLag.Mean,
		DelayCost:           s.DelayCost.Mean,
		NeedValue:           s.NeedValue.Mean,
		Frequency:           s.Frequency.Mean,
	}
}

// Validate reports every invalid field as a *connected.FieldError, joined:
// an empty Name (ErrEmpty); Share outside (0,1]; a Beta Mean outside [0,1]
// or a Kappa outside [0, 1e6]; a Gamma Mean outside its trait's range or a
// Shape outside [0, 1e6]; an invalid Trust; in Consent, a kind that is
// invalid or buy-what-we-have (ErrUnknown, ErrOutOfRange), repeated
// (ErrDuplicate), empty or unknown Data, or Prob outside [0,1].
func (s Segment) Validate() error {
	if s.quickValid() {
		return nil
	}
	var errs check.Errs
	s.validate(&errs, "customer.Segment.Validate", "")
	return errs.Err()
}

func (s Segment) validate(errs *check.Errs, op, prefix string) {
	if s.Name == "" {
		errs.Add(connected.NewFieldError(op, prefix+"Name", s.Name, connected.ErrEmpty))
	}
	if !(s.Share > 0 && s.Share <= 1) {
		errs.Add(connected.NewFieldError(op, prefix+"Share", s.Share, outOfRange(s.Share)))
	}
	s.NeedKnowledge.validate(errs, op, prefix+"NeedKnowledge")
	s.ControlDesire.validate(errs, op, prefix+"ControlDesire")
	s.PrivacyConcern.validate(errs, op, prefix+"PrivacyConcern")
	s.MonitoringTolerance.validate(errs, op, prefix+"MonitoringTolerance")
	s.Inertia.validate(errs, op, prefix+"Inertia")
	s.Predictability.validate(errs, op, prefix+"Predictability")
	s.MistakeCost.validate(errs, op, prefix+"MistakeCost", 0)
	s.OptionSetSize.validate(errs, op, prefix+"OptionSetSize", 1)
	s.RecognitionLag.validate(errs, op, prefix+"RecognitionLag", 0)
	s.DelayCost.validate(errs, op, prefix+"DelayCost", 0)
	s.NeedValue.validate(errs, op, prefix+"NeedValue", 0)
	s.Frequency.validate(errs, op, prefix+"Frequency", 0)
	s.Trust.validate(errs, op, prefix+"Trust.")
	for i, cr := range s.Consent {
		_, kindOK := kindIndex(cr.Kind)
		dup := false
		for _, prev := range s.Consent[:i] {
			dup = dup || prev.Kind == cr.Kind
		}
		if kindOK && !dup && cr.Data.Valid() && !cr.Data.Empty() && unit(cr.Prob) {
			continue // valid; build no field names
		}
		p := prefix + "Consent[" + strconv.Itoa(i) + "]."
		if !kindOK {
			err := connected.ErrUnknown
			if cr.Kind == strategy.BuyWhatWeHave {
				err = connected.ErrOutOfRange
			}
			errs.Add(connected.NewFieldError(op, p+"Kind", cr.Kind.String(), err))
		}
		if dup {
			errs.Add(connected.NewFieldError(op, p+"Kind", cr.Kind.String(), connected.ErrDuplicate))
		}
		switch {
		case !cr.Data.Valid():
			errs.Add(connected.NewFieldError(op, p+"Data", cr.Data.String(), connected.ErrUnknown))
		case cr.Data.Empty():
			errs.Add(connected.NewFieldError(op, p+"Data", cr.Data.String(), connected.ErrEmpty))
		}
		errs.Add(check.Unit(op, p+"Prob", cr.Prob))
	}
}

// draw fills c with a new member of s, leaving c.ID alone. The draws are
// made in a fixed order, so the result depends only on r's state.
func (s *Segment) draw(r *rand.Rand, c *Customer) {
	c.Segment = s.Name
	c.Traits = Traits{
		NeedKnowledge:       s.NeedKnowledge.draw(r),
		ControlDesire:       s.ControlDesire.draw(r),
		PrivacyConcern:      s.PrivacyConcern.draw(r),
		MonitoringTolerance: s.MonitoringTolerance.draw(r),
		Inertia:             s.Inertia.draw(r),
		Predictability:      s.Predictability.draw(r),
		MistakeCost:         s.MistakeCost.draw(r, 0),
		OptionSetSize:       s.OptionSetSize.draw(r, 1),
		RecognitionLag:      s.RecognitionLag.draw(r, 0),
		DelayCost:           s.DelayCost.draw(r, 0),
		NeedValue:           s.NeedValue.draw(r, 0),
		Frequency:           s.Frequency.draw(r, 0),
	}
	c.Trust = s.Trust
	c.Consent = Consent{}
	if len(s.Consent) == 0 {
		return
	}
	u := r.Float64()
	for _, cr := range s.Consent {
		if u < cr.Prob {
			i, _ := kindIndex(cr.Kind)
			c.Consent.set(i, cr.Data, 0) // one change per kind: inline, no allocation
		}
	}
}

// A Population is a mix of segments. It is a value holding a slice: treat
// the segments as read-only while it is shared.
type Population struct {
	Segments []Segment `json:"segments"` // non-empty; Shares sum to 1 within 1e-9
}

// shareTol is how far the shares may sum from 1.
const shareTol = 1e-9

// Validate reports an empty population (ErrEmpty), every invalid segment
// (fields named "Segments[i].Field"), repeated names (ErrDuplicate) and
// shares that do not sum to 1 within 1e-9 (field "Segments[*].Share",
// ErrOutOfRange), joined. It does not allocate when p is valid.
func (p Population) Validate() error {
	const op = "customer.Population.Validate"
	if len(p.Segments) == 0 {
		return connected.NewFieldError(op, "Segments", 0, connected.ErrEmpty)
	}
	var errs check.Errs
	total := 0.0
	for i := range p.Segments {
		s := &p.Segments[i]
		if !s.quickValid() {
			s.validate(&errs, op, "Segments["+strconv.Itoa(i)+"].")
		}
		for _, prev := range p.Segments[:i] {
			if prev.Name == s.Name && s.Name != "" {
				errs.Add(connected.NewFieldError(op, "Segments["+strconv.Itoa(i)+"].Name", s.Name, connected.ErrDuplicate))
				break
			}
		}
		total += s.Share
	}
	if !(total >= 1-shareTol && total <= 1+shareTol) {
		errs.Add(connected.NewFieldError(op, "Segments[*].Share", total, outOfRange(total)))
	}
	return errs.Err()
}

// quickValid reports whether s is valid without building errors (and so
// without allocating); validate must agree with it.
func (s *Segment) quickValid() bool {
	if s.Name == "" || !(s.Share > 0 && s.Share <= 1) || !s.Trust.valid() {
		return false
	}
	for _, b := range [...]Beta{s.NeedKnowledge, s.ControlDesire, s.PrivacyConcern, s.MonitoringTolerance, s.Inertia, s.Predictability} {
		if !unit(b.Mean) || !(b.Kappa >= 0 && b.Kappa <= maxKappa) {
			return false
		}
	}
	for i, g := range [...]Gamma{s.MistakeCost, s.OptionSetSize, s.RecognitionLag, s.DelayCost, s.NeedValue, s.Frequency} {
		lo := 0.0
		if i == 1 {
			lo = 1
		}
		if !amount(g.Mean, lo) || !(g.Shape >= 0 && g.Shape <= maxKappa) {
			return false
		}
	}
	for i, cr := range s.Consent {
		if _, ok := kindIndex(cr.Kind); !ok || !cr.Data.Valid() || cr.Data.Empty() || !unit(cr.Prob) {
			return false
		}
		for _, prev := range s.Consent[:i] {
			if prev.Kind == cr.Kind {
				return false
			}
		}
	}
	return true
}

// Sample draws n customers: each picks a segment with probability equal to
// its share, then draws its traits from the segment's distributions, takes
// the segment's initial trust, and grants consents at period 0 as the
// segment's ConsentRates say. Customer i gets ID strconv.Itoa(i) and
// Segment the segment's name. It reads randomness only from r, so the same
// r state gives the same customers. Errors: p.Validate()'s, a nil r
// (ErrEmpty), and n negative or above 2³⁰ (ErrOutOfRange; fill a buffer
// with Fill instead).
func (p Population) Sample(r *rand.Rand, n int) ([]Customer, error) {
	if r == nil {
		return nil, connected.NewFieldError("customer.Population.Sample", "r", nil, connected.ErrEmpty)
	}
	if n < 0 || n > 1<<30 {
		return nil, connected.NewFieldError("customer.Population.Sample", "n", n, connected.ErrOutOfRange)
	}
	cs := make([]Customer, n)
	if err := p.Fill(r, cs); err != nil {
		return nil, err
	}
	for i := range cs {
		cs[i].ID = strconv.Itoa(i)
	}
	return cs, nil
}

// Fill overwrites every customer in dst with a new draw, exactly as Sample
// draws them (the same r state gives the same customers), except that it
// leaves each ID as it was, so a caller can refill a buffer of known
// customers without allocating. Errors are p.Validate()'s and a nil r
// (ErrEmpty); dst is then unchanged.
func (p Population) Fill(r *rand.Rand, dst []Customer) error {
	if r == nil {
		return connected.NewFieldError("customer.Population.Fill", "r", nil, connected.ErrEmpty)
	}
	if err := p.Validate(); err != nil {
		return err
	}
	for i := range dst {
		p.draw(r, &dst[i])
	}
	return nil
}

// draw fills c with one customer of a valid population.
func (p *Population) draw(r *rand.Rand, c *Customer) {
	last := len(p.Segments) - 1
	u := r.Float64()
	k := last
	acc := 0.0
	for j := range p.Segments[:last] {
		acc += p.Segments[j].Share
		if u < acc {
			k = j
			break
		}
	}
	p.Segments[k].draw(r, c)
}

// FillStream overwrites dst like Fill, but draws dst[i] from its own random
// stream, derived from seed and the customer's index first+i with the
// module's stream derivation (SplitMix64 hashing, internal/rng.Stream) into
// a PCG generator. Any split of a population into chunks, filled in any
// order or on any number of goroutines, therefore gives the same
// customers: FillStream(seed, 0, all) equals FillStream(seed, k, all[k:])
// on the tail. It leaves IDs alone and allocates once per call (the
// generator), never per customer. Errors:
// p.Validate()'s, and a negative first (ErrOutOfRange); dst is then
// unchanged.
func (p Population) FillStream(seed uint64, first int, dst []Customer) error {
	if first < 0 {
		return connected.NewFieldError("customer.Population.FillStream", "first", first, connected.ErrOutOfRange)
	}
	if err := p.Validate(); err != nil {
		return err
	}
	var src rand.PCG
	r := rand.New(&src)
	for i := range dst {
		rng.Reseed(&src, seed, uint64(first+i))
		p.draw(r, &dst[i])
	}
	return nil
}

// ScaleConsent returns a copy of p in which every consent probability is
// multiplied by f in [0,1], e.g. to model a privacy scare or a learning
// loop's consent sensitivity; p is unchanged. f outside [0,1], NaN or ±Inf
// is a *connected.FieldError naming "f".
func (p Population) ScaleConsent(f float64) (Population, error) {
	if err := check.Unit("customer.Population.ScaleConsent", "f", f); err != nil {
		return Population{}, err
	}
	q := Population{Segments: make([]Segment, len(p.Segments))}
	for i, s := range p.Segments {
		s.Consent = append([]ConsentRate(nil), s.Consent...)
		for j := range s.Consent {
			s.Consent[j].Prob *= f
		}
		q.Segments[i] = s
	}
	return q, nil
}
