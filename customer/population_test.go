package customer

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

var cmpConsent = cmp.Comparer(func(a, b Consent) bool {
	return cmp.Equal(a, b, cmp.AllowUnexported(Consent{}, consentLog{}))
})

func TestSampleDeterministic(t *testing.T) {
	pop := DefaultPopulation()
	a, err := pop.Sample(rand.New(rand.NewPCG(3, 4)), 500)
	if err != nil {
		t.Fatal(err)
	}
	b, err := pop.Sample(rand.New(rand.NewPCG(3, 4)), 500)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b, cmpConsent); diff != "" {
		t.Fatalf("same seed, different customers (-a +b):\n%s", diff)
	}
	// Fill draws the same customers and keeps IDs.
	f := make([]Customer, 500)
	for i := range f {
		f[i].ID = "keep"
	}
	if err := pop.Fill(rand.New(rand.NewPCG(3, 4)), f); err != nil {
		t.Fatal(err)
	}
	for i := range f {
		if f[i].ID != "keep" {
			t.Fatalf("Fill changed ID %d to %q", i, f[i].ID)
		}
		f[i].ID = a[i].ID
	}
	if diff := cmp.Diff(a, f, cmpConsent); diff != "" {
		t.Fatalf("Fill differs from Sample (-sample +fill):\n%s", diff)
	}
	if a[7].ID != "7" {
		t.Errorf("ID of customer 7 = %q", a[7].ID)
	}
	c, _ := pop.Sample(rand.New(rand.NewPCG(3, 5)), 500)
	if cmp.Equal(a, c, cmpConsent) {
		t.Error("different seeds gave identical customers")
	}
}

// TestSampleMatchesSegments checks shares, trait means and consent rates of
// a large sample against the segments' parameters (3.5 standard errors).
func TestSampleMatchesSegments(t *testing.T) {
	pop := DefaultPopulation()
	const n = 40000
	cs, err := pop.Sample(rand.New(rand.NewPCG(11, 12)), n)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range pop.Segments {
		var k, inertia, value, auto, curated float64
		for _, c := range cs {
			if c.Segment != s.Name {
				continue
			}
			k++
			inertia += c.Traits.Inertia
			value += c.Traits.NeedValue
			if c.Consent.Granted(strategy.AutomaticExecution, 0) != 0 {
				auto++
			}
			if c.Consent.Granted(strategy.CuratedOffering, 0) != 0 {
				curated++
			}
			if err := c.Validate(); err != nil {
				t.Fatalf("sampled customer invalid: %v", err)
			}
			if c.Trust != s.Trust {
				t.Fatalf("trust %+v, want %+v", c.Trust, s.Trust)
			}
		}
		near := func(what string, got, want, sd float64) {
			t.Helper()
			if math.Abs(got-want) > 3.5*sd {
				t.Errorf("%s %s = %.4f, want %.4f ± %.4f", s.Name, what, got, want, 3.5*sd)
			}
		}
		near("share", k/n, s.Share, math.Sqrt(s.Share*(1-s.Share)/n))
		// Beta variance μ(1−μ)/(κ+1); Gamma variance μ²/shape.
		mu := s.Inertia.Mean
		near("mean inertia", inertia/k, mu, math.Sqrt(mu*(1-mu)/(s.Inertia.Kappa+1)/k))
		near("mean need value", value/k, s.NeedValue.Mean, s.NeedValue.Mean/math.Sqrt(s.NeedValue.Shape*k))
		pa, pc := s.Consent[3].Prob, s.Consent[1].Prob
		near("automatic consent rate", auto/k, pa, math.Sqrt(pa*(1-pa)/k))
		near("curated consent rate", curated/k, pc, math.Sqrt(pc*(1-pc)/k))
	}
}

// Consents drawn from one latent willingness are nested: a customer with a
// grant for a less likely kind holds grants for all more likely ones.
func TestSampleConsentNested(t *testing.T) {
	pop := DefaultPopulation()
	cs, _ := pop.Sample(rand.New(rand.NewPCG(1, 1)), 3000)
	for _, c := range cs {
		prev := true
		for k := strategy.RespondToDesire; k <= strategy.AutomaticExecution; k++ {
			has := c.Consent.Granted(k, 0) != 0
			if has && !prev {
				t.Fatalf("customer %s (%s) consents to %v but not to a more likely kind", c.ID, c.Segment, k)
			}
			prev = has
		}
	}
}

func genSegment(name string) *rapid.Generator[Segment] {
	return rapid.Custom(func(t *rapid.T) Segment {
		beta := func(label string) Beta {
			return Beta{Mean: genUnit().Draw(t, label+".mean"), Kappa: rapid.SampledFrom([]float64{0, 5e-324, 1e-300, 1e-3, 0.5, 5, 1e6}).Draw(t, label+".kappa")}
		}
		gamma := func(label string, lo float64) Gamma {
			return Gamma{Mean: rapid.OneOf(rapid.Float64Range(lo, 100), rapid.Just(MaxAmount)).Draw(t, label+".mean"), Shape: rapid.SampledFrom([]float64{0, 5e-324, 1e-300, 1e-3, 0.3, 2, 1e6}).Draw(t, label+".shape")}
		}
		s := Segment{
			Name: name, Share: 1,
			NeedKnowledge: beta("nk"), ControlDesire: beta("cd"), PrivacyConcern: beta("pc"),
			MonitoringTolerance: beta("mt"), Inertia: beta("in"), Predictability: beta("pr"),
			MistakeCost: gamma("mc", 0), OptionSetSize: gamma("n", 1), RecognitionLag: gamma("lag", 0),
			DelayCost: gamma("dc", 0), NeedValue: gamma("v", 0), Frequency: gamma("f", 0),
			Trust: genTrust().Draw(t, "trust"),
		}
		for _, k := range rapid.SliceOfNDistinct(genConsentKind(), 0, 4, rapid.ID).Draw(t, "consent kinds") {
			s.Consent = append(s.Consent, ConsentRate{Kind: k, Data: genData().Draw(t, "data"), Prob: genUnit().Draw(t, "prob")})
		}
		return s
	})
}

// Any valid population samples valid customers.
func TestSampleAnyPopulation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := genSegment("a").Draw(t, "a"), genSegment("b").Draw(t, "b")
		a.Share = rapid.Float64Range(0.01, 0.99).Draw(t, "share")
		b.Share = 1 - a.Share
		pop := Population{Segments: []Segment{a, b}}
		if err := pop.Validate(); err != nil {
			t.Fatal(err)
		}
		cs, err := pop.Sample(rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 0)), 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			if err := c.Validate(); err != nil {
				t.Fatalf("invalid customer: %v", err)
			}
			seg := a
			if c.Segment == "b" {
				seg = b
			}
			for _, cr := range seg.Consent {
				if g := c.Consent.Granted(cr.Kind, 0); g != 0 && g != cr.Data {
					t.Fatalf("granted %v, want %v", g, cr.Data)
				}
			}
		}
	})
}

func TestPopulationValidate(t *testing.T) {
	good := DefaultPopulation()
	mod := func(f func(p *Population)) Population {
		p := DefaultPopulation()
		f(&p)
		return p
	}
	tests := []struct {
		name  string
		p     Population
		want  error
		field string
	}{
		{"empty", Population{}, connected.ErrEmpty, "Segments"},
		{"shares", mod(func(p *Population) { p.Segments[0].Share = 0.5 }), connected.ErrOutOfRange, "Segments[*].Share"},
		{"NaN share", mod(func(p *Population) { p.Segments[1].Share = math.NaN() }), connected.ErrNotFinite, "Segments[1].Share"},
		{"duplicate name", mod(func(p *Population) { p.Segments[2].Name = p.Segments[0].Name }), connected.ErrDuplicate, "Segments[2].Name"},
		{"empty name", mod(func(p *Population) { p.Segments[2].Name = "" }), connected.ErrEmpty, "Segments[2].Name"},
		{"beta mean", mod(func(p *Population) { p.Segments[3].Inertia.Mean = 1.2 }), connected.ErrOutOfRange, "Segments[3].Inertia.Mean"},
		{"beta kappa", mod(func(p *Population) { p.Segments[3].Inertia.Kappa = math.Inf(1) }), connected.ErrNotFinite, "Segments[3].Inertia.Kappa"},
		{"option set below 1", mod(func(p *Population) { p.Segments[0].OptionSetSize.Mean = 0.5 }), connected.ErrOutOfRange, "Segments[0].OptionSetSize.Mean"},
		{"gamma shape", mod(func(p *Population) { p.Segments[0].NeedValue.Shape = -1 }), connected.ErrOutOfRange, "Segments[0].NeedValue.Shape"},
		{"trust", mod(func(p *Population) { p.Segments[0].Trust.Good = -1 }), connected.ErrOutOfRange, "Segments[0].Trust.Good"},
		{"consent kind", mod(func(p *Population) { p.Segments[0].Consent[0].Kind = strategy.BuyWhatWeHave }), connected.ErrOutOfRange, "Segments[0].Consent[0].Kind"},
		{"unknown consent kind", mod(func(p *Population) { p.Segments[0].Consent[0].Kind = 0 }), connected.ErrUnknown, "Segments[0].Consent[0].Kind"},
		{"duplicate consent kind", mod(func(p *Population) { p.Segments[0].Consent[1].Kind = p.Segments[0].Consent[0].Kind }), connected.ErrDuplicate, "Segments[0].Consent[1].Kind"},
		{"consent data", mod(func(p *Population) { p.Segments[0].Consent[2].Data = 0 }), connected.ErrEmpty, "Segments[0].Consent[2].Data"},
		{"consent prob", mod(func(p *Population) { p.Segments[0].Consent[2].Prob = 1.5 }), connected.ErrOutOfRange, "Segments[0].Consent[2].Prob"},
	}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if !errors.Is(err, tt.want) {
				t.Fatalf("Validate() = %v, want %v", err, tt.want)
			}
			if !hasField(err, tt.field) {
				t.Errorf("Validate() = %v, want field %q", err, tt.field)
			}
			if _, err := tt.p.Sample(rand.New(rand.NewPCG(1, 1)), 3); !errors.Is(err, tt.want) {
				t.Errorf("Sample() = %v, want %v", err, tt.want)
			}
		})
	}
	for _, n := range []int{-1, 1<<30 + 1, math.MaxInt} {
		if _, err := good.Sample(rand.New(rand.NewPCG(1, 1)), n); !errors.Is(err, connected.ErrOutOfRange) {
			t.Errorf("Sample(%d) = %v", n, err)
		}
	}
}

// hasField reports whether err, or one of the errors it joins, is a
// *FieldError for field.
func hasField(err error, field string) bool {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if hasField(e, field) {
				return true
			}
		}
		return false
	}
	var fe *connected.FieldError
	return errors.As(err, &fe) && fe.Field == field
}

func TestScaleConsent(t *testing.T) {
	pop := DefaultPopulation()
	half, err := pop.ScaleConsent(0.5)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range half.Segments {
		for j, cr := range s.Consent {
			if want := pop.Segments[i].Consent[j].Prob * 0.5; cr.Prob != want {
				t.Errorf("%s consent %v = %v, want %v", s.Name, cr.Kind, cr.Prob, want)
			}
		}
	}
	half.Segments[0].Consent[0].Prob = 0.123
	if pop.Segments[0].Consent[0].Prob == 0.123 {
		t.Error("ScaleConsent shares its consent slices with the original")
	}
	none, _ := pop.ScaleConsent(0)
	cs, _ := none.Sample(rand.New(rand.NewPCG(2, 2)), 2000)
	for _, c := range cs {
		if !c.Consent.Learnable(0).Empty() {
			t.Fatal("a customer consented with all consent probabilities scaled to 0")
		}
	}
	for _, f := range []float64{-0.1, 1.1, math.NaN(), math.Inf(1)} {
		if _, err := pop.ScaleConsent(f); !hasField(err, "f") {
			t.Errorf("ScaleConsent(%v) = %v", f, err)
		}
	}
}

func TestMeanTraits(t *testing.T) {
	for _, s := range DefaultPopulation().Segments {
		mt := s.MeanTraits()
		if err := mt.Validate(); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
		if mt.PrivacyConcern != s.PrivacyConcern.Mean || mt.NeedValue != s.NeedValue.Mean {
			t.Errorf("%s: mean traits %+v", s.Name, mt)
		}
	}
}

func TestFillDoesNotAllocate(t *testing.T) {
	pop := DefaultPopulation()
	r := rand.New(rand.NewPCG(1, 2))
	dst := make([]Customer, 64)
	if got := testing.AllocsPerRun(20, func() { _ = pop.Fill(r, dst) }); got != 0 {
		t.Errorf("Fill allocates %v times, want 0", got)
	}
	if got := testing.AllocsPerRun(20, func() { _ = pop.Validate() }); got != 0 {
		t.Errorf("Validate allocates %v times, want 0", got)
	}
}

// FillStream gives the same customers however the population is chunked.
func TestFillStreamChunks(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		pop := DefaultPopulation()
		seed := rapid.Uint64().Draw(t, "seed")
		n := rapid.IntRange(0, 60).Draw(t, "n")
		whole := make([]Customer, n)
		if err := pop.FillStream(seed, 0, whole); err != nil {
			t.Fatal(err)
		}
		parts := make([]Customer, n)
		for lo := 0; lo < n; {
			hi := rapid.IntRange(lo+1, n).Draw(t, "cut")
			if err := pop.FillStream(seed, lo, parts[lo:hi]); err != nil {
				t.Fatal(err)
			}
			lo = hi
		}
		if diff := cmp.Diff(whole, parts, cmpConsent); diff != "" {
			t.Fatalf("chunked fill differs (-whole +chunks):\n%s", diff)
		}
		for _, c := range whole {
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	})
	pop := DefaultPopulation()
	a, b := make([]Customer, 50), make([]Customer, 50)
	_ = pop.FillStream(1, 0, a)
	_ = pop.FillStream(2, 0, b)
	if cmp.Equal(a, b, cmpConsent) {
		t.Error("different seeds gave the same customers")
	}
	if err := pop.FillStream(1, -1, a); !hasField(err, "first") {
		t.Errorf("FillStream(first = -1) = %v", err)
	}
	if got := testing.AllocsPerRun(20, func() { _ = pop.FillStream(3, 100, a) }); got > 1 {
		t.Errorf("FillStream allocates %v times per call, want ≤ 1", got)
	}
}

func TestSampleRejectsNilRand(t *testing.T) {
	p := DefaultPopulation()
	if _, err := p.Sample(nil, 3); !errors.Is(err, connected.ErrEmpty) {
		t.Errorf("Sample(nil, 3) error = %v, want ErrEmpty", err)
	}
	dst := make([]Customer, 2)
	dst[0].ID = "kept"
	if err := p.Fill(nil, dst); !errors.Is(err, connected.ErrEmpty) || dst[0].ID != "kept" {
		t.Errorf("Fill(nil, dst) error = %v, dst[0].ID = %q; want ErrEmpty and dst unchanged", err, dst[0].ID)
	}
}
