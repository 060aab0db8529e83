package customer

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestConsentJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := genConsent().Draw(t, "consent")
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var got Consent
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(c, got, cmpConsent); diff != "" {
			t.Fatalf("round trip of %s differs:\n%s", b, diff)
		}
	})
}

func TestConsentJSON(t *testing.T) {
	var c Consent
	b, _ := json.Marshal(c)
	if string(b) != "[]" {
		t.Errorf("zero Consent = %s, want []", b)
	}
	if err := c.Grant(3, allData, 2); err != nil {
		t.Fatal(err)
	}
	if err := c.RevokeAll(6); err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(c)
	want := `[{"kind":"curated-offering","period":2,"data":["transactions","preferences","behavioral","monitoring"]},{"kind":"curated-offering","period":6,"data":[]}]`
	if string(b) != want {
		t.Errorf("Marshal = %s\nwant       %s", b, want)
	}
	tests := []struct {
		in    string
		want  error
		field string
	}{
		{`[{"kind":"curated-offering","period":2,"data":["transactions"],"x":1}]`, connected.ErrSyntax, ""},
		{`[{"kind":"curated-offering","period":"2","data":[]}]`, connected.ErrSyntax, ""},
		{`[] []`, connected.ErrSyntax, ""},
		{`[{"kind":"teleport","period":2,"data":["transactions"]}]`, connected.ErrUnknown, "[0].kind"},
		{`[{"kind":"buy-what-we-have","period":2,"data":["transactions"]}]`, connected.ErrOutOfRange, "[0].kind"},
		{`[{"kind":"curated-offering","period":2,"data":["dreams"]}]`, connected.ErrUnknown, "data[0]"},
		{`[{"kind":"curated-offering","period":-2,"data":["transactions"]}]`, connected.ErrOutOfRange, "[0].period"},
		{`[{"kind":"curated-offering","period":2,"data":[]}]`, connected.ErrOutOfRange, "[0].data"},
		{`[{"kind":"curated-offering","period":2,"data":["transactions"]},{"kind":"curated-offering","period":2,"data":[]}]`, connected.ErrOutOfRange, "[1].period"},
		{`[{"kind":"curated-offering","period":2,"data":["transactions"]},{"kind":"curated-offering","period":3,"data":["transactions"]}]`, connected.ErrOutOfRange, "[1].data"},
	}
	for _, tt := range tests {
		got := c
		err := got.UnmarshalJSON([]byte(tt.in))
		if !errors.Is(err, tt.want) {
			t.Errorf("Unmarshal(%s) = %v, want %v", tt.in, err, tt.want)
			continue
		}
		if tt.field != "" && !hasField(err, tt.field) {
			t.Errorf("Unmarshal(%s) = %v, want field %q", tt.in, err, tt.field)
		}
		if !cmp.Equal(c, got, cmpConsent) {
			t.Errorf("failed Unmarshal(%s) changed the ledger", tt.in)
		}
	}
}

func TestCustomerAndPopulationJSON(t *testing.T) {
	pop := DefaultPopulation()
	b, err := json.Marshal(pop)
	if err != nil {
		t.Fatal(err)
	}
	var back Population
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pop, back); diff != "" {
		t.Fatalf("population round trip differs:\n%s", diff)
	}
	cs, _ := pop.Sample(rand.New(rand.NewPCG(5, 5)), 50)
	b, err = json.Marshal(cs)
	if err != nil {
		t.Fatal(err)
	}
	var cs2 []Customer
	if err := json.Unmarshal(b, &cs2); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cs, cs2, cmpConsent); diff != "" {
		t.Fatalf("customers round trip differs:\n%s", diff)
	}
}

func FuzzConsentJSON(f *testing.F) {
	f.Add([]byte(`[{"kind":"curated-offering","period":2,"data":["transactions"]}]`))
	f.Add([]byte(`null`))
	f.Add([]byte(`[{"kind":"coach-behavior","period":0,"data":["behavioral"]},{"kind":"coach-behavior","period":1,"data":[]},{"kind":"coach-behavior","period":5,"data":["monitoring"]}]`))
	f.Add([]byte(`[{"kind":"automatic-execution","period":2147483648,"data":["monitoring"]}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var c Consent
		err := json.Unmarshal(b, &c)
		if err != nil {
			if !isFieldError(err) {
				var se *json.SyntaxError
				if !errors.As(err, &se) { // json.Unmarshal checks syntax before calling us
					t.Fatalf("error %v is not a *FieldError", err)
				}
			}
			return
		}
		// A decoded ledger re-encodes to a form that decodes to itself.
		out, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var again Consent
		if err := json.Unmarshal(out, &again); err != nil || !cmp.Equal(c, again, cmpConsent) {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
	})
}

func TestPopulationJSONStrict(t *testing.T) {
	good, _ := json.Marshal(DefaultPopulation())
	tests := []struct {
		name  string
		in    string
		want  error
		field string
	}{
		{"typo in a trait key", `{"segments":[{"name":"a","share":1,"privacy_concren":{"mean":0.5,"kappa":2}}]}`, connected.ErrSyntax, "privacy_concren"},
		{"wrong type", `{"segments":[{"name":"a","share":"all"}]}`, connected.ErrSyntax, "segments.share"},
		{"trailing data", `{"segments":[]} {}`, connected.ErrSyntax, ""},
		{"invalid value", `{"segments":[{"name":"a","share":1,"inertia":{"mean":1.5},"option_set_size":{"mean":1}}]}`, connected.ErrOutOfRange, "segments[0].inertia.mean"},
		{"shares", `{"segments":[{"name":"a","share":0.5,"option_set_size":{"mean":1}}]}`, connected.ErrOutOfRange, "segments[*].share"},
		{"unknown consent kind", `{"segments":[{"name":"a","share":1,"option_set_size":{"mean":1},"consent":[{"kind":"telepathy","data":["transactions"],"prob":1}]}]}`, connected.ErrUnknown, ""},
		{"empty", `{}`, connected.ErrEmpty, "segments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Population
			if err := json.Unmarshal(good, &p); err != nil {
				t.Fatal(err)
			}
			before := p
			err := p.UnmarshalJSON([]byte(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("UnmarshalJSON = %v, want %v", err, tt.want)
			}
			if tt.field != "" && !hasField(err, tt.field) {
				t.Errorf("UnmarshalJSON = %v, want field %q", err, tt.field)
			}
			if !cmp.Equal(before, p) {
				t.Error("failed UnmarshalJSON changed the population")
			}
		})
	}
	// A minimal population: omitted distributions are fixed at 0 (and the
	// option set at its minimum 1 must be given).
	var p Population
	if err := json.Unmarshal([]byte(`{"segments":[{"name":"all","share":1,"option_set_size":{"mean":1}}]}`), &p); err != nil {
		t.Fatal(err)
	}
}

func TestCustomerJSONStrict(t *testing.T) {
	var c Customer
	err := json.Unmarshal([]byte(`{"id":"x","traits":{"option_set_size":2,"inertia":2}}`), &c)
	if !errors.Is(err, connected.ErrOutOfRange) || !hasField(err, "traits.inertia") {
		t.Errorf("invalid inertia: %v", err)
	}
	err = json.Unmarshal([]byte(`{"id":"x","traits":{"option_set_size":2,"inertai":0.2}}`), &c)
	if !errors.Is(err, connected.ErrSyntax) || !hasField(err, "inertai") {
		t.Errorf("typo: %v", err)
	}
	err = json.Unmarshal([]byte(`{"id":"x","traits":{"option_set_size":2},"consent":[{"kind":"coach-behavior","period":-1,"data":["behavioral"]}]}`), &c)
	if !errors.Is(err, connected.ErrOutOfRange) || !hasField(err, "[0].period") {
		t.Errorf("negative consent period: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"id":"x","traits":{"option_set_size":2},"trust":{"good":3}}`), &c); err != nil || c.Trust.Good != 3 {
		t.Errorf("valid customer: %v, %+v", err, c)
	}
}

func FuzzPopulationJSON(f *testing.F) {
	good, _ := json.Marshal(DefaultPopulation())
	f.Add(good)
	f.Add([]byte(`{"segments":[{"name":"all","share":1,"option_set_size":{"mean":1}}]}`))
	f.Add([]byte(`{"segments":[{"name":"a","share":1e999}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Population
		err := p.UnmarshalJSON(b)
		if err != nil {
			if !isFieldError(err) {
				t.Fatalf("error %v is not a *FieldError", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("decoded an invalid population: %v", err)
		}
		cs := make([]Customer, 3)
		if err := p.FillStream(1, 0, cs); err != nil {
			t.Fatal(err)
		}
	})
}
