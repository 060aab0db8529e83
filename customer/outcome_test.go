package customer

import (
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
	"pgregory.net/rapid"
)

// genModel draws a valid Model: the default, or one with its outcome
// constants (margin, scale, outside utility) anywhere in range, the
// extremes included, so that exp(M/S) overflows.
func genModel() *rapid.Generator[Model] {
	return rapid.Custom(func(t *rapid.T) Model {
		if rapid.Bool().Draw(t, "default") {
			return Model{}
		}
		return Model{
			DelightMargin: rapid.OneOf(rapid.Float64Range(-1, 50), rapid.SampledFrom([]float64{-1, 1e-9, MaxAmount})).Draw(t, "margin"),
			DelightScale:  rapid.OneOf(rapid.Float64Range(minScale, 20), rapid.SampledFrom([]float64{minScale, MaxAmount})).Draw(t, "scale"),
			OutsideUtility: rapid.OneOf(rapid.Float64Range(-50, 50),
				rapid.SampledFrom([]float64{-MaxAmount, MaxAmount})).Draw(t, "outside"),
		}
	})
}

// The three outcome levels are probabilities: delight is exactly Delight,
// disappointment is at least the ordered logit's share below the outside
// option, and together they leave a satisfactory band ≥ 0, > 0 whenever the
// margin is positive and the probabilities are not saturated.
func TestPropertyOutcomes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel().Draw(t, "model")
		c := Customer{Traits: genExtremeTraits().Draw(t, "traits"), Trust: genTrust().Draw(t, "trust")}
		s := genStrategy().Draw(t, "strategy")
		a := genUnit().Draw(t, "accuracy")
		d, b, err := m.Outcomes(c, s, a)
		if err != nil {
			t.Fatal(err)
		}
		want, err := m.Delight(c, s, a)
		if err != nil {
			t.Fatal(err)
		}
		if d != want {
			t.Fatalf("delight %v, Delight %v", d, want)
		}
		if !(d >= 0 && d <= 1 && b >= 0 && b <= 1 && d+b <= 1) {
			t.Fatalf("delight %v, disappoint %v: not probabilities summing to ≤ 1", d, b)
		}
		dm := m.withDefaults()
		u := mustUtility(t, m, c, s, a).Total
		x := (u - dm.OutsideUtility) / dm.DelightScale
		below := logistic(-x)
		if b < below-1e-12 {
			t.Fatalf("disappoint %v below σ(−x/S) = %v", b, below)
		}
		ms := dm.DelightMargin / dm.DelightScale
		if ms > 1e-3 && math.Abs(x) < 20 && math.Abs(x-ms) < 20 && s.FirmRequest*(1-a) < 0.99 && !(d+b < 1) {
			t.Fatalf("margin %v: delight %v + disappoint %v = 1, want a satisfactory band", dm.DelightMargin, d, b)
		}
	})
}

// TestOutcomesFormula pins the ordered logit and the mistake rule on
// hand-built utilities through the internal probs: x = U − OutsideUtility,
// M = 8, S = 4 (the defaults).
func TestOutcomesFormula(t *testing.T) {
	o := DefaultModel().cuts()
	sig := func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	for _, tt := range []struct {
		name     string
		u, fq, a float64
	}{
		{"clear delight", 20, 0, 0.5},
		{"satisfactory", 4, 0, 0.5},
		{"below the outside option", -6, 0, 0.5},
		{"curated mistakes", 4, 0.5, 0.6},
		{"automatic mistakes", 10, 1, 0.3},
		{"perfect accuracy makes no mistakes", 4, 1, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, b := o.probs(tt.u, tt.fq, tt.a)
			wd := sig((tt.u - 8) / 4)
			below := sig(-tt.u / 4)
			wb := below + tt.fq*(1-tt.a)*(1-wd-below)
			if math.Abs(d-wd) > 1e-15 || math.Abs(b-wb) > 1e-15 {
				t.Errorf("probs(%v, %v, %v) = %v, %v; want %v, %v", tt.u, tt.fq, tt.a, d, b, wd, wb)
			}
		})
	}
	// Zero margin: no satisfactory band, disappointment is the complement.
	z := Model{DelightMargin: -1}.withDefaults().cuts()
	d, b := z.probs(3, 0, 0.5)
	if math.Abs(d+b-1) > 1e-15 {
		t.Errorf("zero margin: delight %v + disappoint %v ≠ 1", d, b)
	}
	// Saturation: M/S overflows exp, x far below; no NaN.
	sat := Model{DelightMargin: MaxAmount, DelightScale: minScale}.withDefaults().cuts()
	for _, u := range []float64{-1e9, -1, 0, 1, 1e9} {
		if d, b := sat.probs(u, 0.5, 0.5); math.IsNaN(d) || math.IsNaN(b) || d+b > 1 {
			t.Errorf("saturated probs(%v) = %v, %v", u, d, b)
		}
	}
}

// OutcomesMask gives Outcomes' values bit for bit for eligible strategies
// and zeros for the rest, with or without the disappointments.
func TestPropertyOutcomesMask(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel().Draw(t, "model")
		c := Customer{Traits: genTraits().Draw(t, "traits"), Trust: genTrust().Draw(t, "trust")}
		ss := rapid.SliceOfN(genStrategy(), 0, 9).Draw(t, "strategies")
		elig := rapid.SliceOfN(rapid.Bool(), len(ss), len(ss)).Draw(t, "eligible")
		a := genUnit().Draw(t, "accuracy")
		d, b := make([]float64, len(ss)), make([]float64, len(ss))
		for i := range d {
			d[i], b[i] = -1, -1
		}
		if err := m.OutcomesMask(d, b, c, ss, elig, a); err != nil {
			t.Fatal(err)
		}
		d2 := make([]float64, len(ss))
		if err := m.OutcomesMask(d2, nil, c, ss, elig, a); err != nil {
			t.Fatal(err)
		}
		for i, s := range ss {
			wd, wb := 0.0, 0.0
			if elig[i] {
				var err error
				if wd, wb, err = m.Outcomes(c, s, a); err != nil {
					t.Fatal(err)
				}
			}
			if d[i] != wd || b[i] != wb || d2[i] != wd {
				t.Fatalf("ss[%d]: mask %v, %v (delight only %v); Outcomes %v, %v", i, d[i], b[i], d2[i], wd, wb)
			}
		}
	})
}

func TestOutcomesErrors(t *testing.T) {
	c := Customer{Traits: validTraits()}
	ss := strategy.Default()
	elig := make([]bool, len(ss))
	five := make([]float64, len(ss))
	bad := strategy.Default()
	bad[3].FirmRequest = math.NaN()
	tests := []struct {
		name  string
		err   func() error
		is    error
		field string
	}{
		{"accuracy NaN", func() error { _, _, err := Model{}.Outcomes(c, ss[0], math.NaN()); return err }, connected.ErrNotFinite, "accuracy"},
		{"strategy share", func() error { _, _, err := Model{}.Outcomes(c, bad[3], 0.5); return err }, connected.ErrNotFinite, "FirmRequest"},
		{"bad model", func() error { _, _, err := Model{DelightScale: math.Inf(1)}.Outcomes(c, ss[0], 0.5); return err }, connected.ErrNotFinite, "DelightScale"},
		{"mask delight length", func() error { return Model{}.OutcomesMask(five[:4], nil, c, ss, elig, 0.5) }, connected.ErrMismatch, "len(delight)"},
		{"mask eligible length", func() error { return Model{}.OutcomesMask(five, nil, c, ss, elig[:2], 0.5) }, connected.ErrMismatch, "len(eligible)"},
		{"mask disappoint length", func() error { return Model{}.OutcomesMask(five, five[:1], c, ss, elig, 0.5) }, connected.ErrMismatch, "len(disappoint)"},
		{"mask names the strategy", func() error { return Model{}.OutcomesMask(five, five, c, bad, elig, 0.5) }, connected.ErrNotFinite, "ss[3].FirmRequest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			if !errors.Is(err, tt.is) {
				t.Fatalf("got %v, want %v", err, tt.is)
			}
			var fe *connected.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("got field %v, want %q", err, tt.field)
			}
		})
	}
}

func TestOutcomesDoNotAllocate(t *testing.T) {
	c := Customer{Traits: validTraits(), Trust: Trust{Good: 3}}
	ss := strategy.Default()
	elig := []bool{true, true, true, false, true}
	d, b := make([]float64, 5), make([]float64, 5)
	var m Model
	got := testing.AllocsPerRun(100, func() {
		_, _, _ = m.Outcomes(c, ss[4], 0.6)
		_ = m.OutcomesMask(d, b, c, ss, elig, 0.6)
		_ = m.OutcomesMask(d, nil, c, ss, elig, 0.6)
	})
	if got != 0 {
		t.Errorf("Outcomes and OutcomesMask allocate %v times, want 0", got)
	}
}

// UtilityMask gives Utility's totals bit for bit (−Inf where ineligible),
// and OutcomesOfUtility of a total gives Outcomes bit for bit.
func TestPropertyUtilityMask(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := genModel().Draw(t, "model")
		c := Customer{Traits: genTraits().Draw(t, "traits"), Trust: genTrust().Draw(t, "trust")}
		ss := rapid.SliceOfN(genStrategy(), 0, 9).Draw(t, "strategies")
		elig := rapid.SliceOfN(rapid.Bool(), len(ss), len(ss)).Draw(t, "eligible")
		a := genUnit().Draw(t, "accuracy")
		u := make([]float64, len(ss))
		if err := m.UtilityMask(u, c, ss, elig, a); err != nil {
			t.Fatal(err)
		}
		for i, s := range ss {
			if !elig[i] {
				if !math.IsInf(u[i], -1) {
					t.Fatalf("ss[%d] ineligible: %v, want -Inf", i, u[i])
				}
				continue
			}
			if want := mustUtility(t, m, c, s, a).Total; u[i] != want {
				t.Fatalf("ss[%d]: mask %v, Utility %v", i, u[i], want)
			}
			d, b, err := m.OutcomesOfUtility(u[i], s.FirmRequest, a)
			if err != nil {
				t.Fatal(err)
			}
			wd, wb, err := m.Outcomes(c, s, a)
			if err != nil {
				t.Fatal(err)
			}
			if d != wd || b != wb {
				t.Fatalf("ss[%d]: OutcomesOfUtility %v, %v; Outcomes %v, %v", i, d, b, wd, wb)
			}
			if d2, err := m.DelightOfUtility(u[i]); err != nil || d2 != wd {
				t.Fatalf("ss[%d]: DelightOfUtility %v, %v; Delight %v", i, d2, err, wd)
			}
		}
	})
}

func TestOutcomesOfUtilityEdges(t *testing.T) {
	for _, tt := range []struct {
		u      float64
		d, b   float64
		reason string
	}{
		{math.Inf(1), 1, 0, "+Inf utility always delights"},
		{math.Inf(-1), 0, 1, "-Inf utility always disappoints"},
	} {
		d, b, err := Model{}.OutcomesOfUtility(tt.u, 0.5, 0.5)
		if err != nil || d != tt.d || b != tt.b {
			t.Errorf("%s: got %v, %v, %v; want %v, %v", tt.reason, d, b, err, tt.d, tt.b)
		}
	}
	for _, tt := range []struct {
		name     string
		u, fq, a float64
		m        Model
		is       error
		field    string
	}{
		{"NaN utility", math.NaN(), 0, 0.5, Model{}, connected.ErrNotFinite, "u"},
		{"share above 1", 1, 1.5, 0.5, Model{}, connected.ErrOutOfRange, "firmRequest"},
		{"accuracy NaN", 1, 0, math.NaN(), Model{}, connected.ErrNotFinite, "accuracy"},
		{"bad model", 1, 0, 0.5, Model{DelightScale: -2}, connected.ErrOutOfRange, "DelightScale"},
	} {
		if tt.fq == 0 && tt.a == 0.5 {
			_, err := tt.m.DelightOfUtility(tt.u)
			var fe *connected.FieldError
			if !errors.Is(err, tt.is) || !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("DelightOfUtility: got %v, want %v on %s", err, tt.is, tt.field)
			}
		}
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := tt.m.OutcomesOfUtility(tt.u, tt.fq, tt.a)
			var fe *connected.FieldError
			if !errors.Is(err, tt.is) || !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("got %v, want %v on %s", err, tt.is, tt.field)
			}
		})
	}
	c := Customer{Traits: validTraits()}
	ss := strategy.Default()
	if err := (Model{}).UtilityMask(make([]float64, 2), c, ss, make([]bool, len(ss)), 0.5); !errors.Is(err, connected.ErrMismatch) {
		t.Errorf("UtilityMask short dst: %v, want ErrMismatch", err)
	}
	d, u := make([]float64, len(ss)), make([]float64, len(ss))
	elig := []bool{true, true, false, true, true}
	if got := testing.AllocsPerRun(100, func() {
		_ = Model{}.UtilityMask(u, c, ss, elig, 0.6)
		d[0], d[1], _ = Model{}.OutcomesOfUtility(u[3], ss[3].FirmRequest, 0.6)
	}); got != 0 {
		t.Errorf("UtilityMask and OutcomesOfUtility allocate %v times, want 0", got)
	}
}

// The zero-value fast paths of withDefaults return what filling in every
// default field by field returns.
func TestWithDefaultsFastPath(t *testing.T) {
	if got, want := (Model{}).withDefaults(), (Model{}).fill(); got != want {
		t.Errorf("Model fast path %+v, fill %+v", got, want)
	}
	if got, want := (TrustParams{}).withDefaults(), (TrustParams{}).fill(); got != want {
		t.Errorf("TrustParams fast path %+v, fill %+v", got, want)
	}
	if (Model{Temperature: 2}).withDefaults().Temperature != 2 {
		t.Error("a set field lost on the slow path")
	}
}
