package customer

import (
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
	"pgregory.net/rapid"
)

// Each rule of issue 3 is a property below.

// A strategy that needs consent is eligible only if consent for its kind is
// granted, unrevoked at that period, and covers every category it needs.
func TestEligibleNeedsCoveringGrant(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer().Draw(t, "customer")
		s := genStrategy().Draw(t, "strategy")
		p := rapid.IntRange(0, 40).Draw(t, "period")
		ok, why := Eligible(c, s, p, genRules().Draw(t, "rules"))
		g := c.Consent.Granted(s.Kind, p)
		if s.NeedsConsent && ok && (g.Empty() || !g.Covers(s.Data)) {
			t.Fatalf("eligible (%v) with grant %v for needs %v", why, g, s.Data)
		}
		if s.NeedsConsent && !g.Empty() && !g.Covers(s.Data) && why != DataNotCovered {
			t.Fatalf("reason %v, want %v", why, DataNotCovered)
		}
		if ok != (why == Allowed) {
			t.Fatalf("ok = %v with reason %v", ok, why)
		}
	})
}

// Nothing is inferred: with no record, no consent-needing strategy is
// eligible, whatever the customer's traits, trust and the rules.
func TestEligibleNoRecordMeansNo(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer().Draw(t, "customer")
		c.Consent = Consent{}
		s := genStrategy().Draw(t, "strategy")
		s.NeedsConsent = s.Kind != strategy.BuyWhatWeHave
		if ok, why := Eligible(c, s, rapid.IntRange(0, 1000).Draw(t, "period"), Rules{MinTrust: -1, MinPredictability: -1, MaxMistakeCost: math.Inf(1)}); ok != (s.Kind == strategy.BuyWhatWeHave) || (!ok && why != NoConsent) {
			t.Fatalf("Eligible(%v) with no consent = %v, %v", s.Kind, ok, why)
		}
	})
}

// Revocation takes effect from its period on: eligible from the grant up to
// the period before the revocation, never from the revocation on.
func TestEligibleRevocationFromItsPeriod(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer().Draw(t, "customer")
		c.Consent = Consent{}
		k := genConsentKind().Draw(t, "kind")
		s := strategy.Default()[k-1]
		s.NeedsConsent = true
		g := rapid.IntRange(0, 20).Draw(t, "grant")
		r := rapid.IntRange(g, 40).Draw(t, "revoke")
		if err := c.Consent.Grant(k, s.Data.Union(strategy.NewDataSet(strategy.Transactions)), g); err != nil {
			t.Fatal(err)
		}
		if err := c.Consent.Revoke(k, genData().Draw(t, "revoked"), r); err != nil {
			t.Fatal(err)
		}
		off := Rules{MinTrust: -1, MinPredictability: -1, MaxMistakeCost: math.Inf(1)}
		for p := 0; p < 50; p++ {
			ok, why := Eligible(c, s, p, off)
			want := c.Consent.Granted(k, p).Covers(s.Data) && p >= g && !c.Consent.Granted(k, p).Empty()
			if ok != want {
				t.Fatalf("period %d (grant %d, revoke %d): eligible %v (%v), want %v", p, g, r, ok, why, want)
			}
			if p < g && (ok || why != NoConsent) {
				t.Fatalf("period %d before the grant: %v, %v", p, ok, why)
			}
			if p >= r && r > g && c.Consent.Granted(k, p).Empty() && why != ConsentRevoked {
				t.Fatalf("period %d after full revocation: reason %v", p, why)
			}
		}
		// A full revocation ends eligibility at once.
		if err := c.Consent.RevokeAll(max(r, 41)); err != nil {
			t.Fatal(err)
		}
		wantWhy := NoConsent // unless a grant was ever in force
		for p := range max(r, 41) {
			if !c.Consent.Granted(k, p).Empty() {
				wantWhy = ConsentRevoked
			}
		}
		if ok, why := Eligible(c, s, max(r, 41), off); ok || why != wantWhy {
			t.Fatalf("after RevokeAll: %v, %v", ok, why)
		}
	})
}

// Buy-what-we-have needs no consent and is always eligible.
func TestEligibleBaselineAlways(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer().Draw(t, "customer")
		s := strategy.Default()[0]
		s.Data = genData().Draw(t, "data")
		if ok, why := Eligible(c, s, rapid.IntRange(0, 1<<40).Draw(t, "period"), genRules().Draw(t, "rules")); !ok || why != Allowed {
			t.Fatalf("baseline: %v, %v", ok, why)
		}
	})
}

// Soft rules only remove options: eligible under any rules implies allowed
// by consent, and eligible under stricter rules implies eligible under
// looser ones.
func TestEligibleSoftRulesOnlyRemove(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer().Draw(t, "customer")
		s := genStrategy().Draw(t, "strategy")
		p := rapid.IntRange(0, 40).Draw(t, "period")
		strict := Rules{
			MinTrust:          rapid.Float64Range(0.01, 1).Draw(t, "minTrust"),
			MinPredictability: rapid.Float64Range(0.01, 1).Draw(t, "minPred"),
			MaxMistakeCost:    rapid.Float64Range(0.01, 300).Draw(t, "maxMistake"),
		}
		loose := Rules{
			MinTrust:          strict.MinTrust - rapid.Float64Range(0, 2).Draw(t, "dTrust"),
			MinPredictability: strict.MinPredictability - rapid.Float64Range(0, 2).Draw(t, "dPred"),
			MaxMistakeCost:    strict.MaxMistakeCost + rapid.Float64Range(0, 300).Draw(t, "dMistake"),
		}
		for _, r := range []Rules{loose, strict} {
			if r.MinTrust == 0 || r.MinPredictability == 0 {
				t.Skip("zero threshold means the default")
			}
		}
		okStrict, _ := Eligible(c, s, p, strict)
		okLoose, _ := Eligible(c, s, p, loose)
		if okStrict && !okLoose {
			t.Fatalf("eligible under %+v but not under looser %+v", strict, loose)
		}
		if okLoose && !c.Consent.Allows(s, p) {
			t.Fatalf("soft rules added a strategy consent does not allow")
		}
		off := Rules{MinTrust: -1, MinPredictability: -1, MaxMistakeCost: math.Inf(1)}
		if okOff, _ := Eligible(c, s, p, off); okOff != c.Consent.Allows(s, p) {
			t.Fatalf("with soft rules off eligible = %v, consent allows %v", okOff, c.Consent.Allows(s, p))
		}
	})
}

// Each soft rule says no exactly when its threshold fails, and only for
// automatic execution.
func TestEligibleSoftRules(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer().Draw(t, "customer")
		c.Consent = Consent{}
		if err := c.Consent.Grant(strategy.AutomaticExecution, allData, 0); err != nil {
			t.Fatal(err)
		}
		k := genConsentKind().Draw(t, "kind")
		s := strategy.Default()[k-1]
		r := DefaultRules()
		ok, why := Eligible(c, s, 1, Rules{})
		if k != strategy.AutomaticExecution {
			if why == LowTrust || why == Unpredictable || why == CostlyMistakes {
				t.Fatalf("soft rule %v applied to %v", why, k)
			}
			return
		}
		var want Reason
		switch {
		case c.Trust.Value() < r.MinTrust:
			want = LowTrust
		case c.Traits.Predictability < r.MinPredictability:
			want = Unpredictable
		case c.Traits.MistakeCost > r.MaxMistakeCost:
			want = CostlyMistakes
		default:
			want = Allowed
		}
		if why != want || ok != (want == Allowed) {
			t.Fatalf("Eligible = %v, %v; want %v (trust %v, pred %v, mistake %v)", ok, why, want, c.Trust.Value(), c.Traits.Predictability, c.Traits.MistakeCost)
		}
	})
}

func TestEligibleTable(t *testing.T) {
	ss := strategy.Default()
	trusted, _ := TrustFrom(0.9, 20)
	base := Customer{
		Traits: Traits{Predictability: 0.9, MistakeCost: 10, OptionSetSize: 1},
		Trust:  trusted,
	}
	if err := base.Consent.Grant(strategy.AutomaticExecution, allData, 0); err != nil {
		t.Fatal(err)
	}
	if err := base.Consent.Grant(strategy.CuratedOffering, strategy.NewDataSet(strategy.Transactions), 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		mod    func(*Customer)
		s      strategy.Strategy
		period int
		r      Rules
		want   Reason
	}{
		{"automatic allowed", nil, ss[4], 1, Rules{}, Allowed},
		{"coach: no consent", nil, ss[3], 1, Rules{}, NoConsent},
		{"curated: data not covered", nil, ss[2], 1, Rules{}, DataNotCovered},
		{"respond-to-desire needs no consent", nil, ss[1], 1, Rules{}, Allowed},
		{"low trust", func(c *Customer) { c.Trust = Trust{} }, ss[4], 1, Rules{}, LowTrust},
		{"low trust, rule off", func(c *Customer) { c.Trust = Trust{} }, ss[4], 1, Rules{MinTrust: -1}, Allowed},
		{"unpredictable", func(c *Customer) { c.Traits.Predictability = 0.69 }, ss[4], 1, Rules{}, Unpredictable},
		{"costly mistakes", func(c *Customer) { c.Traits.MistakeCost = 30.5 }, ss[4], 1, Rules{}, CostlyMistakes},
		{"mistake at the cap", func(c *Customer) { c.Traits.MistakeCost = 30 }, ss[4], 1, Rules{}, Allowed},
		{"revoked", func(c *Customer) { _ = c.Consent.RevokeAll(1) }, ss[4], 1, Rules{}, ConsentRevoked},
		{"negative period", nil, ss[0], -1, Rules{}, InvalidInput},
		{"NaN rule", nil, ss[0], 0, Rules{MinTrust: math.NaN()}, InvalidInput},
		{"unknown kind", nil, strategy.Strategy{Kind: 9}, 0, Rules{}, InvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			if tt.mod != nil {
				tt.mod(&c)
			}
			ok, why := Eligible(c, tt.s, tt.period, tt.r)
			if why != tt.want || ok != (tt.want == Allowed) {
				t.Errorf("Eligible = %v, %q; want %q", ok, why, tt.want)
			}
		})
	}
}

func TestReasonString(t *testing.T) {
	for r := Allowed; r <= CostlyMistakes; r++ {
		if s := r.String(); s == "" || s[0] == 'R' {
			t.Errorf("Reason(%d).String() = %q", int(r), s)
		}
	}
	if got := Reason(0).String(); got != "Reason(0)" {
		t.Errorf("Reason(0).String() = %q", got)
	}
}

func TestEligibleMask(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer().Draw(t, "customer")
		ss := rapid.SliceOfN(genStrategy(), 0, 8).Draw(t, "strategies")
		p := rapid.IntRange(0, 30).Draw(t, "period")
		r := genRules().Draw(t, "rules")
		dst := make([]bool, len(ss))
		if err := EligibleMask(dst, c, ss, p, r); err != nil {
			t.Fatal(err)
		}
		for i, s := range ss {
			if ok, _ := Eligible(c, s, p, r); ok != dst[i] {
				t.Fatalf("mask[%d] = %v, Eligible = %v", i, dst[i], ok)
			}
		}
	})
	c := Customer{}
	ss := strategy.Default()
	for _, tc := range []struct {
		dst    []bool
		period int
		r      Rules
		want   error
	}{
		{make([]bool, 4), 0, Rules{}, connected.ErrMismatch},
		{make([]bool, 5), -2, Rules{}, connected.ErrOutOfRange},
		{make([]bool, 5), 0, Rules{MaxMistakeCost: -1}, connected.ErrOutOfRange},
		{make([]bool, 5), 0, Rules{MinPredictability: math.Inf(-1)}, connected.ErrNotFinite},
	} {
		if err := EligibleMask(tc.dst, c, ss, tc.period, tc.r); !errors.Is(err, tc.want) {
			t.Errorf("EligibleMask(len %d, period %d, %+v) = %v, want %v", len(tc.dst), tc.period, tc.r, err, tc.want)
		}
	}
}

func TestEligibleDoesNotAllocate(t *testing.T) {
	ss := strategy.Default()
	c := Customer{Traits: Traits{Predictability: 0.9, OptionSetSize: 1}, Trust: Trust{Good: 20}}
	_ = c.Consent.Grant(strategy.AutomaticExecution, allData, 0)
	_ = c.Consent.Grant(strategy.CuratedOffering, allData, 0)
	dst := make([]bool, len(ss))
	got := testing.AllocsPerRun(100, func() {
		for _, s := range ss {
			Eligible(c, s, 3, Rules{})
		}
		_ = EligibleMask(dst, c, ss, 3, Rules{})
	})
	if got != 0 {
		t.Errorf("Eligible and EligibleMask allocate %v times, want 0", got)
	}
}
