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
