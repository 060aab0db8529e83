package strategy

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// genStrategy draws a valid strategy.
func genStrategy() *rapid.Generator[Strategy] {
	return rapid.Custom(func(t *rapid.T) Strategy {
		k := Kind(rapid.IntRange(1, 5).Draw(t, "kind"))
		s := Strategy{
			Name:            rapid.StringMatching(`[a-z][a-z0-9 \-]{0,20}`).Draw(t, "name"),
			Kind:            k,
			Orientation:     Orientation(rapid.IntRange(1, 2).Draw(t, "orientation")),
			FirmRecognize:   rapid.Float64Range(0, 1).Draw(t, "firm_recognize"),
			FirmRequest:     rapid.Float64Range(0, 1).Draw(t, "firm_request"),
			DataIntensity:   rapid.Float64Range(0, 1).Draw(t, "data_intensity"),
			Data:            DataSet(rapid.IntRange(0, 15).Draw(t, "data") << 1),
			NeedsConsent:    k != BuyWhatWeHave && rapid.Bool().Draw(t, "needs_consent"),
			FixedCost:       rapid.Float64Range(0, 1e9).Draw(t, "fixed_cost"),
			VariableCost:    rapid.Float64Range(0, 1e4).Draw(t, "variable_cost"),
			FulfilmentDelay: rapid.Float64Range(0, 100).Draw(t, "fulfilment_delay"),
			NuisanceCost:    rapid.Float64Range(0, 100).Draw(t, "nuisance_cost"),
			Capacity:        rapid.Float64Range(0, 1e12).Draw(t, "capacity"),
		}
		return s
	})
}

func TestPropertyJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genStrategy().Draw(t, "s")
		if err := s.Validate(); err != nil {
			t.Fatalf("generated strategy invalid: %v", err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var got Strategy
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(s, got); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

var numericFields = []struct {
	name, key string
	unit      bool // [0,1]; otherwise ≥ 0
	set       func(*Strategy, float64)
}{
	{"FirmRecognize", "firm_recognize", true, func(s *Strategy, x float64) { s.FirmRecognize = x }},
	{"FirmRequest", "firm_request", true, func(s *Strategy, x float64) { s.FirmRequest = x }},
	{"DataIntensity", "data_intensity", true, func(s *Strategy, x float64) { s.DataIntensity = x }},
	{"FixedCost", "fixed_cost", false, func(s *Strategy, x float64) { s.FixedCost = x }},
	{"VariableCost", "variable_cost", false, func(s *Strategy, x float64) { s.VariableCost = x }},
	{"FulfilmentDelay", "fulfilment_delay", false, func(s *Strategy, x float64) { s.FulfilmentDelay = x }},
	{"NuisanceCost", "nuisance_cost", false, func(s *Strategy, x float64) { s.NuisanceCost = x }},
	{"Capacity", "capacity", false, func(s *Strategy, x float64) { s.Capacity = x }},
}

func TestPropertyBadFieldRejectedAndNamed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genStrategy().Draw(t, "s")
		f := rapid.SampledFrom(numericFields).Draw(t, "field")
		var bad float64
		switch rapid.IntRange(0, 3).Draw(t, "how") {
		case 0:
			bad = math.NaN()
		case 1:
			bad = math.Inf(rapid.SampledFrom([]int{-1, 1}).Draw(t, "sign"))
		case 2:
			bad = -rapid.Float64Range(1e-12, 1e12).Draw(t, "negative")
		default:
			if !f.unit {
				bad = -1
			} else {
				bad = 1 + rapid.Float64Range(1e-9, 1e9).Draw(t, "above")
			}
		}
		f.set(&s, bad)
		err := s.Validate()
		if err == nil {
			t.Fatalf("Validate accepted %s = %v", f.name, bad)
		}
		if !errors.Is(err, connected.ErrNotFinite) && !errors.Is(err, connected.ErrOutOfRange) {
			t.Fatalf("Validate(%s = %v) = %v, want ErrNotFinite or ErrOutOfRange", f.name, bad, err)
		}
		if !hasField(err, f.name) {
			t.Fatalf("Validate(%s = %v) = %v does not name the field", f.name, bad, err)
		}
		if math.IsNaN(bad) || math.IsInf(bad, 0) {
			return // not representable in JSON
		}
		valid := s
		f.set(&valid, 0)
		b, err := json.Marshal(valid)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		m[f.key] = bad
		b, _ = json.Marshal(m)
		var got Strategy
		err = json.Unmarshal(b, &got)
		if !errors.Is(err, connected.ErrOutOfRange) || !hasField(err, f.key) {
			t.Fatalf("Unmarshal(%s) = %v, want ErrOutOfRange naming %q", b, err, f.key)
		}
	})
}

func TestPropertyAutonomyInRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genStrategy().Draw(t, "s")
		a := s.Autonomy()
		if !(a >= 0 && a <= 1) {
			t.Fatalf("Autonomy() = %v outside [0,1]", a)
		}
		if s.FirmShare(Recognize) != s.FirmRecognize || s.FirmShare(Request) != s.FirmRequest {
			t.Fatalf("FirmShare disagrees with the fields")
		}
	})
}

func TestPropertyDataSetText(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := DataSet(rapid.IntRange(0, 15).Draw(t, "bits") << 1)
		got, err := ParseDataSet(d.String())
		if err != nil || got != d {
			t.Fatalf("ParseDataSet(%q) = %v, %v; want %v", d.String(), got, err, d)
		}
		n := 0
		for c := range d.All() {
			if !d.Has(c) {
				t.Fatalf("All yielded %v not in %v", c, d)
			}
			n++
		}
		if n != d.Len() {
			t.Fatalf("All yielded %d, Len = %d", n, d.Len())
		}
	})
}

func FuzzParseKind(f *testing.F) {
	for _, k := range Kinds() {
		f.Add(k.String())
	}
	f.Add("")
	f.Add("Kind(0)")
	f.Add("automatic-execution\x00")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKind(s)
		if err != nil {
			if !errors.Is(err, connected.ErrUnknown) {
				t.Fatalf("ParseKind(%q) error %v does not wrap ErrUnknown", s, err)
			}
			return
		}
		if !k.Valid() || k.String() != s {
			t.Fatalf("ParseKind(%q) = %v", s, k)
		}
	})
}

func FuzzParseDataSet(f *testing.F) {
	f.Add("transactions+monitoring")
	f.Add("none")
	f.Add(",,+")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDataSet(s)
		if err != nil {
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDataSet(%q) = invalid set %v", s, d)
		}
		back, err := ParseDataSet(d.String())
		if err != nil || back != d {
			t.Fatalf("re-parse of %q = %v, %v", d.String(), back, err)
		}
	})
}

func FuzzStrategyJSON(f *testing.F) {
	for _, s := range Default() {
		b, _ := json.Marshal(s)
		f.Add(b)
	}
	f.Add([]byte(`{"name":"x","kind":"curated-offering","orientation":"engagement","data_intensity":NaN}`))
	f.Add([]byte(`{"name":"x","kind":"curated-offering","orientation":"engagement","fixed_cost":1e999}`))
	f.Add([]byte(`{"name":"x","kind":"buy-what-we-have","orientation":"solutions","needs_consent":true}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Strategy
		if err := json.Unmarshal(b, &s); err != nil {
			var fe *connected.FieldError
			if !errors.As(err, &fe) {
				// encoding/json's own syntax errors come before ours.
				var se *json.SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("Unmarshal(%q) error %T %v is neither a FieldError nor a SyntaxError", b, err, err)
				}
			}
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("Unmarshal(%q) accepted an invalid strategy: %v", b, err)
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal after Unmarshal(%q): %v", b, err)
		}
		var again Strategy
		if err := json.Unmarshal(out, &again); err != nil || !cmp.Equal(s, again) {
			t.Fatalf("second round trip of %s: %v", out, err)
		}
	})
}
