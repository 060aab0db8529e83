package customer

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected"
	"pgregory.net/rapid"
)

// TestTrustAsymmetry is issue 3's worked example: prior (1,1), no
// forgetting, gain 1, loss ratio 3. Values are the closed forms 6/7, 6/10
// and 24/28 = 6/7.
func TestTrustAsymmetry(t *testing.T) {
	p := TrustParams{Forgetting: 1, Gain: 1, LossRatio: 3}
	var tr Trust
	good := Outcome{Good: true}
	for range 5 {
		if err := tr.Update(good, p); err != nil {
			t.Fatal(err)
		}
	}
	if got := tr.Value(); math.Abs(got-6.0/7) > 1e-12 || math.Round(got*1000)/1000 != 0.857 {
		t.Fatalf("after 5 good outcomes trust = %v, want 0.857 (6/7)", got)
	}
	if err := tr.Update(Outcome{}, p); err != nil {
		t.Fatal(err)
	}
	if got := tr.Value(); math.Abs(got-0.6) > 1e-12 {
		t.Fatalf("after one bad outcome trust = %v, want 0.600", got)
	}
	n := 0
	for tr.Value() < 6.0/7-1e-12 {
		if err := tr.Update(good, p); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 18 {
		t.Errorf("good outcomes to recover 0.857 = %d, want 18", n)
	}
}

func TestTrustUpdateWeights(t *testing.T) {
	tests := []struct {
		name string
		o    Outcome
		p    TrustParams
		want Trust
	}{
		{"good", Outcome{Good: true}, TrustParams{}, Trust{Good: 1}},
		{"bad, default ratio 3", Outcome{}, TrustParams{}, Trust{Bad: 3}},
		{"bad firm-initiated ×1.5", Outcome{FirmInitiated: true}, TrustParams{}, Trust{Bad: 4.5}},
		{"good firm-initiated unchanged", Outcome{Good: true, FirmInitiated: true}, TrustParams{}, Trust{Good: 1}},
		{"privacy incident adds 10", Outcome{Good: true, PrivacyIncident: true}, TrustParams{}, Trust{Good: 1, Bad: 10}},
		{"gain scales all", Outcome{PrivacyIncident: true}, TrustParams{Gain: 2, LossRatio: 2, PrivacyIncident: 1}, Trust{Bad: 6}},
		{"neutral adds nothing", Outcome{Neutral: true, FirmInitiated: true}, TrustParams{}, Trust{}},
		{"neutral overrides good", Outcome{Good: true, Neutral: true}, TrustParams{}, Trust{}},
		{"neutral incident adds 10", Outcome{Neutral: true, PrivacyIncident: true}, TrustParams{}, Trust{Bad: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tr Trust
			if err := tr.Update(tt.o, tt.p); err != nil {
				t.Fatal(err)
			}
			if tr != tt.want {
				t.Errorf("Update(%+v) = %+v, want %+v", tt.o, tr, tt.want)
			}
		})
	}
	t.Run("a neutral outcome still forgets", func(t *testing.T) {
		tr := Trust{Good: 10, Bad: 4}
		if err := tr.Update(Outcome{Neutral: true}, TrustParams{Forgetting: 0.5}); err != nil {
			t.Fatal(err)
		}
		if want := (Trust{Good: 5, Bad: 2}); tr != want {
			t.Errorf("got %+v, want %+v", tr, want)
		}
	})
	t.Run("forgetting discounts old evidence", func(t *testing.T) {
		tr := Trust{Good: 10, Bad: 4}
		if err := tr.Update(Outcome{Good: true}, TrustParams{Forgetting: 0.5}); err != nil {
			t.Fatal(err)
		}
		if want := (Trust{Good: 6, Bad: 2}); tr != want {
			t.Errorf("got %+v, want %+v", tr, want)
		}
	})
}

func TestTrustErrors(t *testing.T) {
	for _, p := range []TrustParams{
		{Forgetting: math.NaN()}, {Forgetting: 1.5}, {Forgetting: -0.1}, {Gain: -1},
		{LossRatio: 0.5}, {LossRatio: math.Inf(1)}, {FirmMistake: 0.9}, {PrivacyIncident: -1},
	} {
		tr := Trust{Good: 1}
		err := tr.Update(Outcome{}, p)
		var fe *connected.FieldError
		if !errors.As(err, &fe) {
			t.Errorf("Update with %+v = %v, want a *FieldError", p, err)
		}
		if tr != (Trust{Good: 1}) {
			t.Errorf("failed Update changed trust to %+v", tr)
		}
	}
	bad := Trust{Good: math.NaN()}
	if err := bad.Update(Outcome{}, TrustParams{}); !errors.Is(err, connected.ErrNotFinite) {
		t.Errorf("Update on NaN trust = %v, want ErrNotFinite", err)
	}
	if v := bad.Value(); v != 0.5 {
		t.Errorf("Value of invalid trust = %v, want 0.5", v)
	}
	if _, err := TrustFrom(0.9, 1); !errors.Is(err, connected.ErrOutOfRange) {
		t.Errorf("TrustFrom(0.9, 1) = %v, want ErrOutOfRange (needs weight ≥ 8)", err)
	}
}

func TestTrustFrom(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := rapid.Float64Range(0, 1000).Draw(t, "weight")
		v := rapid.Float64Range(1/(w+2), (w+1)/(w+2)).Draw(t, "value")
		tr, err := TrustFrom(v, w)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(tr.Value()-v) > 1e-9 || math.Abs(tr.Good+tr.Bad-w) > 1e-9*(1+w) {
			t.Fatalf("TrustFrom(%v, %v) = %+v with value %v", v, w, tr, tr.Value())
		}
	})
}

// TestTrustProperties: Value stays in (0,1) under any valid updates; a good
// outcome never lowers trust and a bad one never raises it (without
// forgetting); firm-initiated and privacy-incident bad outcomes hurt at
// least as much as plain ones.
func TestTrustProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		tr := Trust{
			Good: rapid.OneOf(rapid.Float64Range(0, MaxAmount), rapid.Just(MaxAmount), rapid.Just(0.0)).Draw(t, "good"),
			Bad:  rapid.OneOf(rapid.Float64Range(0, MaxAmount), rapid.Just(MaxAmount), rapid.Just(0.0)).Draw(t, "bad"),
		}
		p := TrustParams{
			Forgetting:      rapid.Float64Range(0.01, 1).Draw(t, "forgetting"),
			Gain:            rapid.Float64Range(0.01, 100).Draw(t, "gain"),
			LossRatio:       rapid.Float64Range(1, 100).Draw(t, "ratio"),
			FirmMistake:     rapid.Float64Range(1, 10).Draw(t, "firm"),
			PrivacyIncident: rapid.Float64Range(0, 100).Draw(t, "incident"),
		}
		for range rapid.IntRange(0, 30).Draw(t, "n") {
			o := Outcome{Good: rapid.Bool().Draw(t, "good?"), FirmInitiated: rapid.Bool().Draw(t, "firm?"), PrivacyIncident: rapid.Bool().Draw(t, "incident?")}
			if err := tr.Update(o, p); err != nil {
				t.Fatal(err)
			}
			if v := tr.Value(); !(v > 0 && v < 1) {
				t.Fatalf("Value() = %v for %+v, want in (0,1)", v, tr)
			}
		}
		noForget := p
		noForget.Forgetting = 1
		before := tr.Value()
		g, b, fb, pb := tr, tr, tr, tr
		_ = g.Update(Outcome{Good: true}, noForget)
		_ = b.Update(Outcome{}, noForget)
		_ = fb.Update(Outcome{FirmInitiated: true}, noForget)
		_ = pb.Update(Outcome{PrivacyIncident: true}, noForget)
		if g.Value() < before || b.Value() > before {
			t.Fatalf("good → %v, bad → %v from %v", g.Value(), b.Value(), before)
		}
		if fb.Value() > b.Value() || pb.Value() > b.Value() {
			t.Fatalf("firm-initiated %v or incident %v above plain bad %v", fb.Value(), pb.Value(), b.Value())
		}
	})
}

func TestTrustUpdateDoesNotAllocate(t *testing.T) {
	var tr Trust
	p := TrustParams{Forgetting: 0.95}
	got := testing.AllocsPerRun(100, func() {
		_ = tr.Update(Outcome{Good: true}, p)
		_ = tr.Update(Outcome{FirmInitiated: true}, p)
	})
	if got != 0 {
		t.Errorf("Update allocates %v times, want 0", got)
	}
}

func TestTrustDefaultsAndValidate(t *testing.T) {
	want := TrustParams{Forgetting: 1, Gain: 1, LossRatio: 3, FirmMistake: 1.5, PrivacyIncident: 10}
	if got := DefaultTrustParams(); got != want {
		t.Errorf("DefaultTrustParams() = %+v, want %+v", got, want)
	}
	if err := (TrustParams{}).Validate(); err != nil {
		t.Errorf("zero TrustParams invalid: %v", err)
	}
	if err := (Trust{Good: 3, Bad: 1}).Validate(); err != nil {
		t.Errorf("valid trust: %v", err)
	}
	err := Trust{Good: math.NaN(), Bad: -1}.Validate()
	if !hasField(err, "Good") || !hasField(err, "Bad") {
		t.Errorf("Validate() = %v, want both fields", err)
	}
}

// TestTrustLongRun checks the long-run level documented on LossRatio: with
// good outcomes at a steady rate p, trust tends to p / (p + (1−p)·ratio).
// With forgetting 0.999 the evidence window is about 1000 outcomes, so the
// time average over 40,000 outcomes is within about 0.02 of the limit.
func TestTrustLongRun(t *testing.T) {
	for _, p := range []float64{0.5, 0.75, 12.0 / 13, 0.98} {
		r := rand.New(rand.NewPCG(1, uint64(p*1000)))
		var tr Trust
		params := TrustParams{Forgetting: 0.999}
		sum := 0.0
		const burn, n = 10000, 40000
		for i := range burn + n {
			if err := tr.Update(Outcome{Good: r.Float64() < p}, params); err != nil {
				t.Fatal(err)
			}
			if i >= burn {
				sum += tr.Value()
			}
		}
		want := p / (p + (1-p)*3)
		if got := sum / n; math.Abs(got-want) > 0.02 {
			t.Errorf("p = %.3f: long-run trust %.4f, want %.4f", p, got, want)
		}
	}
}
