package customer

import (
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

func mustUtility(t interface{ Fatalf(string, ...any) }, m Model, c Customer, s strategy.Strategy, a float64) Utility {
	u, err := m.Utility(c, s, a)
	if err != nil {
		t.Fatalf("Utility(%+v, %s, %v): %v", c.Traits, s.Name, a, err)
	}
	return u
}

// TestUtilityTerms pins each term for one customer against a hand
// computation of the documented formula (defaults: MatchFloor 0.5,
// EffortCost 3, PrivacyCost 30, CreepCost 30, ControlCost 12,
// MistakeAversion 0.5).
func TestUtilityTerms(t *testing.T) {
	c := Customer{Traits: Traits{
		NeedKnowledge: 0.6, ControlDesire: 0.4, PrivacyConcern: 0.5, MonitoringTolerance: 0.3,
		Inertia: 0.5, Predictability: 0.8, MistakeCost: 10, OptionSetSize: 16,
		RecognitionLag: 1, DelayCost: 4, NeedValue: 40, Frequency: 1,
	}} // trust 0.5
	ss := strategy.Default()
	a := 0.75
	mself := 0.5 + 0.5*0.6 // 0.8
	tests := []struct {
		s    strategy.Strategy
		want Utility
	}{
		{ss[0], Utility{
			Value:  0.5 * mself * 40,
			Effort: 3 * 0.7 * math.Log1p(16),
			Delay:  4 * (1 + 1),
		}},
		{ss[2], Utility{ // curated: fq = 0.5, intensity 0.4, nuisance 0.2
			Value:      0.5 * (0.5*mself + 0.5*a) * 40,
			Effort:     3 * 0.5 * 0.7 * math.Log1p(4),
			Delay:      4 * (1 + 0.5),
			Privacy:    30 * 0.5 * 0.4 * 0.5,
			Creepiness: 30 * 0.1 * 0.1,
			Control:    12 * 0.4 * 0.25,
			Mistakes:   10 * 0.5 * 0.25,
			Nuisance:   0.2,
		}},
		{ss[4], Utility{ // automatic: fr = fq = 1, firm-initiated; P(act) = 1 − I·(1 − a·Pr)
			Value:      (1 - 0.5*(1-a*0.8)) * a * 40,
			Privacy:    30 * 0.5 * 1 * 0.5,
			Creepiness: 30 * 0.7 * 0.7,
			Control:    12 * 0.4,
			Mistakes:   10 * 0.25 * 1.5,
		}},
	}
	for _, tt := range tests {
		w := tt.want
		w.Total = w.Value - w.Effort - w.Delay - w.Privacy - w.Creepiness - w.Control - w.Mistakes - w.Nuisance
		got := mustUtility(t, Model{}, c, tt.s, a)
		if diff := cmp.Diff(w, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
			t.Errorf("Utility(%s) mismatch (-want +got):\n%s", tt.s.Name, diff)
		}
	}
	// Negative scales switch terms off.
	off := Model{EffortCost: -1, PrivacyCost: -1, CreepCost: -1, ControlCost: -1, MistakeAversion: -1}
	u := mustUtility(t, off, c, ss[4], a)
	if u.Effort != 0 || u.Privacy != 0 || u.Creepiness != 0 || u.Control != 0 || u.Mistakes != 10*0.25 {
		t.Errorf("switched-off terms: %+v", u)
	}
}

func genUtilityInput(t *rapid.T) (Customer, strategy.Strategy, float64) {
	c := Customer{Traits: genTraits().Draw(t, "traits"), Trust: genTrust().Draw(t, "trust")}
	return c, genStrategy().Draw(t, "strategy"), genUnit().Draw(t, "accuracy")
}

// More privacy concern never raises the utility of a strategy, nor that of
// a more data-intensive strategy relative to a less intensive one.
func TestPropertyPrivacyConcern(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, s, a := genUtilityInput(t)
		s2 := genStrategy().Draw(t, "other")
		if s2.DataIntensity > s.DataIntensity {
			s, s2 = s2, s
		}
		hi := c
		hi.Traits.PrivacyConcern = rapid.Float64Range(c.Traits.PrivacyConcern, 1).Draw(t, "higher")
		u, uh := mustUtility(t, Model{}, c, s, a), mustUtility(t, Model{}, hi, s, a)
		if uh.Total > u.Total+1e-9 {
			t.Fatalf("concern %v→%v raised utility %v→%v", c.Traits.PrivacyConcern, hi.Traits.PrivacyConcern, u.Total, uh.Total)
		}
		d := u.Total - mustUtility(t, Model{}, c, s2, a).Total
		dh := uh.Total - mustUtility(t, Model{}, hi, s2, a).Total
		if dh > d+1e-9 {
			t.Fatalf("more concern raised the more data-intensive strategy's lead %v→%v", d, dh)
		}
	})
}

// More inertia raises coach behavior relative to respond to desire.
func TestPropertyInertia(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, _, a := genUtilityInput(t)
		ss := strategy.Default()
		hi := c
		hi.Traits.Inertia = rapid.Float64Range(c.Traits.Inertia, 1).Draw(t, "higher")
		lead := func(c Customer) float64 {
			return mustUtility(t, Model{}, c, ss[strategy.CoachBehavior-1], a).Total -
				mustUtility(t, Model{}, c, ss[strategy.RespondToDesire-1], a).Total
		}
		if l, lh := lead(c), lead(hi); lh < l-1e-9 {
			t.Fatalf("inertia %v→%v lowered coach's lead %v→%v", c.Traits.Inertia, hi.Traits.Inertia, l, lh)
		}
		// Strictly so when the firm recognizes anything: the lead grows by
		// ΔI·fr·a·Pr·match·NeedValue.
		if hi.Traits.Inertia > c.Traits.Inertia+1e-6 && c.Traits.NeedValue > 1 && a*c.Traits.Predictability > 1e-6 && !(lead(hi) > lead(c)) {
			t.Fatalf("inertia %v→%v did not raise coach's lead", c.Traits.Inertia, hi.Traits.Inertia)
		}
	})
}

// The firm's recognition adds to the customer's own: raising a strategy's
// FirmRecognize never lowers the value realized, and a customer without
// inertia acts for sure whoever recognizes the need (issue: a reminder must
// not make a customer less likely to act).
func TestPropertyRecognitionAdds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, s, a := genUtilityInput(t)
		more := s
		more.FirmRecognize = rapid.Float64Range(s.FirmRecognize, 1).Draw(t, "more")
		u, um := mustUtility(t, Model{}, c, s, a), mustUtility(t, Model{}, c, more, a)
		if um.Value < u.Value-1e-12*(1+u.Value) {
			t.Fatalf("FirmRecognize %v→%v lowered value %v→%v", s.FirmRecognize, more.FirmRecognize, u.Value, um.Value)
		}
		c.Traits.Inertia = 0
		u0, um0 := mustUtility(t, Model{}, c, s, a), mustUtility(t, Model{}, c, more, a)
		if s.FirmRequest == more.FirmRequest && u0.Value != um0.Value {
			t.Fatalf("zero inertia: value depends on FirmRecognize: %v vs %v", u0.Value, um0.Value)
		}
	})
}

// Automatic execution falls as mistake cost rises (strictly when accuracy
// is below 1).
func TestPropertyMistakeCost(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, _, a := genUtilityInput(t)
		auto := strategy.Default()[strategy.AutomaticExecution-1]
		hi := c
		hi.Traits.MistakeCost = c.Traits.MistakeCost + rapid.Float64Range(0, 100).Draw(t, "more")
		u, uh := mustUtility(t, Model{}, c, auto, a).Total, mustUtility(t, Model{}, hi, auto, a).Total
		if uh > u || (a < 1 && hi.Traits.MistakeCost > c.Traits.MistakeCost+1e-6 && !(uh < u)) {
			t.Fatalf("mistake cost %v→%v: utility %v→%v", c.Traits.MistakeCost, hi.Traits.MistakeCost, u, uh)
		}
	})
}

// Higher accuracy never lowers utility, nor delight.
func TestPropertyAccuracy(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, s, a := genUtilityInput(t)
		b := rapid.Float64Range(a, 1).Draw(t, "higher")
		if u, ub := mustUtility(t, Model{}, c, s, a).Total, mustUtility(t, Model{}, c, s, b).Total; ub < u-1e-9*(1+math.Abs(u)) {
			t.Fatalf("accuracy %v→%v lowered utility %v→%v", a, b, u, ub)
		}
		d, _ := Model{}.Delight(c, s, a)
		db, _ := Model{}.Delight(c, s, b)
		if db < d-1e-12 {
			t.Fatalf("accuracy %v→%v lowered delight %v→%v", a, b, d, db)
		}
	})
}

// Utilities, choice probabilities and delight are finite for all valid
// traits, up to MaxAmount.
func TestPropertyFinite(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := Customer{Traits: genExtremeTraits().Draw(t, "traits"), Trust: Trust{
			Good: rapid.Float64Range(0, MaxAmount).Draw(t, "good"),
			Bad:  rapid.Float64Range(0, MaxAmount).Draw(t, "bad"),
		}}
		ss := rapid.SliceOfN(genStrategy(), 1, 6).Draw(t, "strategies")
		a := genUnit().Draw(t, "accuracy")
		m := Model{Temperature: rapid.SampledFrom([]float64{0, minScale, 1, MaxAmount}).Draw(t, "T")}
		for _, s := range ss {
			u := mustUtility(t, m, c, s, a)
			for _, x := range []float64{u.Value, u.Effort, u.Delay, u.Privacy, u.Creepiness, u.Control, u.Mistakes, u.Nuisance, u.Total} {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("non-finite utility %+v", u)
				}
			}
			if d, err := m.Delight(c, s, a); err != nil || !(d >= 0 && d <= 1) {
				t.Fatalf("Delight = %v, %v", d, err)
			}
		}
		elig := rapid.SliceOfN(rapid.Bool(), len(ss), len(ss)).Draw(t, "eligible")
		dst := make([]float64, len(ss)+1)
		if err := m.Choice(dst, c, ss, elig, a); err != nil {
			t.Fatal(err)
		}
		checkProbs(t, dst, elig)
	})
}

func checkProbs(t interface{ Fatalf(string, ...any) }, p []float64, elig []bool) {
	sum := 0.0
	for i, x := range p {
		if !(x >= 0 && x <= 1) {
			t.Fatalf("probability %d = %v", i, x)
		}
		if i < len(elig) && !elig[i] && x != 0 {
			t.Fatalf("ineligible strategy %d has probability %v", i, x)
		}
		sum += x
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Fatalf("probabilities sum to %v: %v", sum, p)
	}
}

// Choice probabilities are the logit of the utilities: their log-odds
// against the outside option equal (U_i − U_0)/T, and they do not depend
// on the order of the strategies.
func TestChoiceLogit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, _, a := genUtilityInput(t)
		ss := rapid.SliceOfN(genStrategy(), 1, 6).Draw(t, "strategies")
		elig := rapid.SliceOfN(rapid.Bool(), len(ss), len(ss)).Draw(t, "eligible")
		m := Model{Temperature: rapid.Float64Range(0.5, 20).Draw(t, "T"), OutsideUtility: rapid.Float64Range(-20, 20).Draw(t, "outside")}
		p := make([]float64, len(ss)+1)
		if err := m.Choice(p, c, ss, elig, a); err != nil {
			t.Fatal(err)
		}
		checkProbs(t, p, elig)
		o := p[len(ss)]
		for i, s := range ss {
			if !elig[i] || p[i] < 1e-200 || o < 1e-200 {
				continue
			}
			want := (mustUtility(t, m, c, s, a).Total - m.OutsideUtility) / m.Temperature
			if got := math.Log(p[i] / o); math.Abs(got-want) > 1e-9*(1+math.Abs(want)) {
				t.Fatalf("log-odds of %d = %v, want %v", i, got, want)
			}
		}
		// Reversing the strategies reverses the probabilities.
		rs, re := make([]strategy.Strategy, len(ss)), make([]bool, len(ss))
		for i := range ss {
			rs[len(ss)-1-i], re[len(ss)-1-i] = ss[i], elig[i]
		}
		q := make([]float64, len(ss)+1)
		if err := m.Choice(q, c, rs, re, a); err != nil {
			t.Fatal(err)
		}
		for i := range ss {
			if math.Abs(q[len(ss)-1-i]-p[i]) > 1e-12 {
				t.Fatalf("permuted probabilities differ: %v vs %v", p, q)
			}
		}
	})
}

func TestChoiceNoneEligible(t *testing.T) {
	c := Customer{Traits: validTraits()}
	ss := strategy.Default()
	p := make([]float64, 6)
	if err := (Model{}).Choice(p, c, ss, make([]bool, 5), 0.5); err != nil {
		t.Fatal(err)
	}
	if want := []float64{0, 0, 0, 0, 0, 1}; !cmp.Equal(p, want) {
		t.Errorf("Choice with nothing eligible = %v, want %v", p, want)
	}
}

func TestModelErrors(t *testing.T) {
	c := Customer{Traits: validTraits()}
	ss := strategy.Default()
	bad := ss[2]
	bad.DataIntensity = math.NaN()
	tests := []struct {
		name  string
		call  func() error
		want  error
		field string
	}{
		{"accuracy above 1", func() error { _, err := Model{}.Utility(c, ss[0], 1.5); return err }, connected.ErrOutOfRange, "accuracy"},
		{"NaN accuracy", func() error { _, err := Model{}.Delight(c, ss[0], math.NaN()); return err }, connected.ErrNotFinite, "accuracy"},
		{"bad traits", func() error {
			cc := c
			cc.Traits.Inertia = 2
			_, err := Model{}.Utility(cc, ss[0], 0.5)
			return err
		}, connected.ErrOutOfRange, "Traits.Inertia"},
		{"bad trust", func() error {
			cc := c
			cc.Trust.Bad = math.Inf(1)
			_, err := Model{}.Delight(cc, ss[0], 0.5)
			return err
		}, connected.ErrNotFinite, "Trust.Bad"},
		{"bad strategy", func() error { _, err := Model{}.Utility(c, bad, 0.5); return err }, connected.ErrNotFinite, "DataIntensity"},
		{"bad strategy in Choice", func() error {
			return Model{}.Choice(make([]float64, 3), c, []strategy.Strategy{ss[0], bad}, []bool{true, false}, 0.5)
		}, connected.ErrNotFinite, "ss[1].DataIntensity"},
		{"two bad fields in Choice", func() error {
			b2 := bad
			b2.NuisanceCost = -1
			err := Model{}.Choice(make([]float64, 2), c, []strategy.Strategy{b2}, []bool{true}, 0.5)
			if !hasField(err, "ss[0].NuisanceCost") {
				return errors.New("NuisanceCost not named")
			}
			return err
		}, connected.ErrNotFinite, "ss[0].DataIntensity"},
		{"short dst", func() error { return Model{}.Choice(make([]float64, 5), c, ss, make([]bool, 5), 0.5) }, connected.ErrMismatch, "len(dst)"},
		{"short mask", func() error { return Model{}.Choice(make([]float64, 6), c, ss, make([]bool, 4), 0.5) }, connected.ErrMismatch, "len(eligible)"},
		{"NaN temperature", func() error { _, err := Model{Temperature: math.NaN()}.Utility(c, ss[0], 0.5); return err }, connected.ErrNotFinite, "Temperature"},
		{"negative temperature", func() error { return Model{Temperature: -1}.Validate() }, connected.ErrOutOfRange, "Temperature"},
		{"-Inf cost", func() error { return Model{PrivacyCost: math.Inf(-1)}.Validate() }, connected.ErrNotFinite, "PrivacyCost"},
		{"match floor above 1", func() error { return Model{MatchFloor: 1.5}.Validate() }, connected.ErrOutOfRange, "MatchFloor"},
		{"huge outside", func() error { return Model{OutsideUtility: 1e300}.Validate() }, connected.ErrOutOfRange, "OutsideUtility"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			var fe *connected.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("error %v does not name field %q", err, tt.field)
			}
		})
	}
	if err := DefaultModel().Validate(); err != nil {
		t.Errorf("DefaultModel invalid: %v", err)
	}
	if DefaultModel() != (Model{}).withDefaults() {
		t.Error("DefaultModel differs from the zero Model's defaults")
	}
}

func TestModelHotPathsDoNotAllocate(t *testing.T) {
	c := Customer{Traits: validTraits(), Trust: Trust{Good: 3}}
	ss := strategy.Default()
	elig := []bool{true, true, true, false, true}
	dst := make([]float64, 6)
	var m Model
	got := testing.AllocsPerRun(100, func() {
		_, _ = m.Utility(c, ss[3], 0.6)
		_, _ = m.Delight(c, ss[4], 0.6)
		_ = m.Choice(dst, c, ss, elig, 0.6)
		_, _ = m.Best(c, ss, elig, 0.6)
	})
	if got != 0 {
		t.Errorf("Utility, Delight and Choice allocate %v times, want 0", got)
	}
}

func TestBest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c, _, a := genUtilityInput(t)
		ss := rapid.SliceOfN(genStrategy(), 0, 6).Draw(t, "strategies")
		elig := rapid.SliceOfN(rapid.Bool(), len(ss), len(ss)).Draw(t, "eligible")
		got, err := Model{}.Best(c, ss, elig, a)
		if err != nil {
			t.Fatal(err)
		}
		want, wantU := -1, math.Inf(-1)
		for i, s := range ss {
			if u := mustUtility(t, Model{}, c, s, a).Total; elig[i] && (want < 0 || u > wantU) {
				want, wantU = i, u
			}
		}
		if got != want {
			t.Fatalf("Best = %d, want %d", got, want)
		}
	})
	if _, err := (Model{}).Best(Customer{Traits: validTraits()}, strategy.Default(), nil, 0.5); !errors.Is(err, connected.ErrMismatch) {
		t.Errorf("Best with nil mask = %v, want ErrMismatch", err)
	}
}

func TestUtilityTermsIterator(t *testing.T) {
	u := Utility{1, 2, 3, 4, 5, 6, 7, 8, 9}
	var names []string
	var vals []float64
	for n, v := range u.Terms() {
		names = append(names, n)
		vals = append(vals, v)
	}
	wantNames := []string{"value", "effort", "delay", "privacy", "creepiness", "control", "mistakes", "nuisance", "total"}
	if !cmp.Equal(names, wantNames) || !cmp.Equal(vals, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("Terms() = %v %v", names, vals)
	}
	n := 0
	for range u.Terms() {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("early break: %d", n)
	}
}
