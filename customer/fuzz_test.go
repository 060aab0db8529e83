package customer

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
)

// isFieldError reports whether err is nil or every joined part is a
// *connected.FieldError.
func isFieldError(err error) bool {
	if err == nil {
		return true
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if !isFieldError(e) {
				return false
			}
		}
		return true
	}
	var fe *connected.FieldError
	return errors.As(err, &fe)
}

func FuzzTraitsValidate(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	f.Add(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 10.0, 20.0, 1.0, 5.0, 40.0, 1.0)
	f.Add(nan, -inf, inf, math.Copysign(0, -1), 1.0, 0.0, nan, 0.5, -1.0, inf, 1e13, 0.0)
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, a, b, cd, d, e, g, mc, n, lag, dc, v, fr float64) {
		tr := Traits{a, b, cd, d, e, g, mc, n, lag, dc, v, fr}
		err := tr.Validate()
		if !isFieldError(err) {
			t.Fatalf("Validate() = %v, not a *FieldError", err)
		}
		if (err == nil) != tr.valid() {
			t.Fatalf("Validate() = %v but valid() = %v", err, tr.valid())
		}
		// Valid traits give finite utilities and a proper choice for every
		// default strategy; invalid ones an error.
		c := Customer{Traits: tr}
		ss := strategy.Default()
		for _, s := range ss {
			u, uerr := Model{}.Utility(c, s, 0.5)
			if (uerr == nil) != (err == nil) || !isFieldError(uerr) {
				t.Fatalf("Utility error %v, Validate error %v", uerr, err)
			}
			if uerr == nil && !finite(u.Total) {
				t.Fatalf("Utility(%+v, %s) = %+v", tr, s.Name, u)
			}
		}
		if err == nil {
			p := make([]float64, len(ss)+1)
			if err := (Model{}).Choice(p, c, ss, []bool{true, true, true, true, true}, 0.5); err != nil {
				t.Fatal(err)
			}
			checkProbs(t, p, nil)
		}
	})
}

func FuzzConsent(f *testing.F) {
	f.Add(3, uint8(6), 0, true, 4, uint8(2), 2, false)
	f.Add(-1, uint8(0x80), -5, true, 0, uint8(0), math.MaxInt, false)
	f.Add(5, uint8(30), 1<<31, false, 5, uint8(30), 1<<31-1, true)
	f.Fuzz(func(t *testing.T, k1 int, d1 uint8, p1 int, g1 bool, k2 int, d2 uint8, p2 int, g2 bool) {
		var c Consent
		for _, ev := range []struct {
			k     int
			d     uint8
			p     int
			grant bool
		}{{k1, d1, p1, g1}, {k2, d2, p2, g2}} {
			k, d := strategy.Kind(ev.k), strategy.DataSet(ev.d)
			before := c
			var err error
			if ev.grant {
				err = c.Grant(k, d, ev.p)
			} else {
				err = c.Revoke(k, d, ev.p)
			}
			if !isFieldError(err) {
				t.Fatalf("error %v is not a *FieldError", err)
			}
			wantErr := !(k >= 2 && k <= 5) || d == 0 || !d.Valid() || ev.p < 0 || ev.p > MaxPeriod
			if wantErr && err == nil {
				t.Fatalf("Grant/Revoke(%v, %v, %d) accepted", k, d, ev.p)
			}
			if err != nil && c != before {
				t.Fatalf("failed call changed the ledger")
			}
			if err == nil && ev.grant && !c.Granted(k, ev.p).Covers(d) {
				t.Fatalf("Grant(%v, %v, %d) then Granted = %v", k, d, ev.p, c.Granted(k, ev.p))
			}
			if err == nil && !ev.grant && !c.Granted(k, ev.p).Intersect(d).Empty() {
				t.Fatalf("Revoke(%v, %v, %d) then Granted = %v", k, d, ev.p, c.Granted(k, ev.p))
			}
		}
	})
}

func FuzzRules(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	f.Add(0.0, 0.0, 0.0)
	f.Add(nan, -inf, inf)
	f.Add(-1.0, 2.0, -3.0)
	f.Fuzz(func(t *testing.T, a, b, c float64) {
		r := Rules{MinTrust: a, MinPredictability: b, MaxMistakeCost: c}
		err := r.Validate()
		if !isFieldError(err) {
			t.Fatalf("Validate() = %v", err)
		}
		cu := Customer{Traits: validTraits()}
		ok, why := Eligible(cu, strategy.Default()[0], 0, r)
		if (err == nil) != ok || (err != nil && why != InvalidInput) {
			t.Fatalf("Validate() = %v but baseline Eligible = %v, %v", err, ok, why)
		}
	})
}

func FuzzTrust(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	f.Add(0.0, 0.0, 1.0, 1.0, 3.0, 1.5, 10.0, true, false, false)
	f.Add(nan, inf, nan, -inf, 0.5, 0.0, -1.0, false, true, true)
	f.Add(1e12, 1e12, 1e-300, 1e6, 1e6, 1e6, 1e6, false, true, true)
	f.Fuzz(func(t *testing.T, good, bad, lam, gain, ratio, firm, incident float64, g, fi, pi bool) {
		tr := Trust{Good: good, Bad: bad}
		p := TrustParams{Forgetting: lam, Gain: gain, LossRatio: ratio, FirmMistake: firm, PrivacyIncident: incident}
		err := tr.Update(Outcome{Good: g, FirmInitiated: fi, PrivacyIncident: pi}, p)
		if !isFieldError(err) {
			t.Fatalf("Update() = %v", err)
		}
		if v := tr.Value(); !(v > 0 && v < 1) {
			t.Fatalf("Value() = %v for %+v", v, tr)
		}
		if err == nil && tr.Validate() != nil {
			t.Fatalf("Update left an invalid trust %+v", tr)
		}
	})
}

func FuzzUtility(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	f.Add(0.5, 0.5, 0.5, 0.5, 1.0, 0.7, 4.0, 0.0, 30.0)
	f.Add(nan, -0.1, 1.1, inf, -inf, nan, -4.0, nan, -inf)
	f.Add(1.0, 1.0, 1.0, 1e12, 1e12, 1.0, 1e-6, 1e12, 1e12)
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1e12, -1e12, 0.0)
	f.Fuzz(func(t *testing.T, fr, fq, di, delay, nuisance, acc, temp, outside, privacy float64) {
		s := strategy.Default()[strategy.CoachBehavior-1]
		s.FirmRecognize, s.FirmRequest, s.DataIntensity, s.FulfilmentDelay, s.NuisanceCost = fr, fq, di, delay, nuisance
		m := Model{Temperature: temp, OutsideUtility: outside, PrivacyCost: privacy}
		c := Customer{Traits: validTraits()}
		u, err := m.Utility(c, s, acc)
		if !isFieldError(err) {
			t.Fatalf("Utility error %v", err)
		}
		if err == nil && !finite(u.Total) {
			t.Fatalf("Utility = %+v", u)
		}
		d, derr := m.Delight(c, s, acc)
		if (derr == nil) != (err == nil) || (derr == nil && !(d >= 0 && d <= 1)) {
			t.Fatalf("Delight = %v, %v (Utility error %v)", d, derr, err)
		}
		od, ob, oerr := m.Outcomes(c, s, acc)
		if (oerr == nil) != (err == nil) || !isFieldError(oerr) || (oerr == nil && !(od == d && ob >= 0 && od+ob <= 1)) {
			t.Fatalf("Outcomes = %v, %v, %v (Delight %v, Utility error %v)", od, ob, oerr, d, err)
		}
		p := make([]float64, 3)
		cerr := m.Choice(p, c, []strategy.Strategy{strategy.Default()[0], s}, []bool{true, true}, acc)
		if (cerr == nil) != (err == nil) || !isFieldError(cerr) {
			t.Fatalf("Choice error %v, Utility error %v", cerr, err)
		}
		if cerr == nil {
			checkProbs(t, p, nil)
		}
	})
}

func FuzzSegment(f *testing.F) {
	nan, inf := math.NaN(), math.Inf(1)
	f.Add(0.5, 0.5, 10.0, 2.0, 0.5, 2, uint8(6))
	f.Add(nan, inf, -1.0, nan, 1.5, 1, uint8(0))
	f.Add(1.0, 0.0, 0.5, 0.0, 0.0, 9, uint8(0x80))
	f.Fuzz(func(t *testing.T, share, mean, gmean, shape, prob float64, kind int, data uint8) {
		s := DefaultPopulation().Segments[0]
		s.Share = share
		s.Inertia.Mean = mean
		s.OptionSetSize = Gamma{Mean: gmean, Shape: shape}
		s.Consent = []ConsentRate{{Kind: strategy.Kind(kind), Data: strategy.DataSet(data), Prob: prob}}
		err := s.Validate()
		if !isFieldError(err) {
			t.Fatalf("Validate error %v", err)
		}
		if (err == nil) != s.quickValid() {
			t.Fatalf("Validate = %v, quickValid = %v", err, s.quickValid())
		}
		s.Share = 1
		pop := Population{Segments: []Segment{s}}
		cs := make([]Customer, 4)
		if err := pop.Fill(rand.New(rand.NewPCG(1, 2)), cs); err == nil {
			for _, c := range cs {
				if err := c.Validate(); err != nil {
					t.Fatalf("sampled invalid customer: %v", err)
				}
			}
		}
	})
}
