package strategy

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/google/go-cmp/cmp"
)

func TestKindText(t *testing.T) {
	want := []string{"buy-what-we-have", "respond-to-desire", "curated-offering", "coach-behavior", "automatic-execution"}
	kinds := Kinds()
	if len(kinds) != len(want) {
		t.Fatalf("len(Kinds()) = %d, want %d", len(kinds), len(want))
	}
	for i, k := range kinds {
		if int(k) != i+1 {
			t.Errorf("Kinds()[%d] = %d, want %d", i, int(k), i+1)
		}
		if got := k.String(); got != want[i] {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want[i])
		}
		got, err := ParseKind(want[i])
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v; want %v, nil", want[i], got, err, k)
		}
		b, err := k.MarshalText()
		if err != nil || string(b) != want[i] {
			t.Errorf("%v.MarshalText() = %q, %v", k, b, err)
		}
	}
}

func TestParseKindErrors(t *testing.T) {
	for _, s := range []string{"", "Buy-What-We-Have", "automatic", "buy-what-we-have ", "Kind(0)"} {
		_, err := ParseKind(s)
		if !errors.Is(err, connected.ErrUnknown) {
			t.Errorf("ParseKind(%q) error = %v, want ErrUnknown", s, err)
		}
		var fe *connected.FieldError
		if !errors.As(err, &fe) || fe.Value != s {
			t.Errorf("ParseKind(%q) error %v does not carry the value", s, err)
		}
	}
	if _, err := Kind(0).MarshalText(); !errors.Is(err, connected.ErrUnknown) {
		t.Errorf("Kind(0).MarshalText() error = %v, want ErrUnknown", err)
	}
	k := CoachBehavior
	if err := k.UnmarshalText([]byte("nope")); err == nil || k != CoachBehavior {
		t.Errorf("UnmarshalText(nope) = %v and changed k to %v", err, k)
	}
	if got := Kind(9).String(); got != "Kind(9)" {
		t.Errorf("Kind(9).String() = %q", got)
	}
}

func TestOrientationAndStageText(t *testing.T) {
	for _, o := range []Orientation{Engagement, Solutions} {
		got, err := ParseOrientation(o.String())
		if err != nil || got != o {
			t.Errorf("ParseOrientation(%q) = %v, %v", o.String(), got, err)
		}
	}
	if _, err := ParseOrientation("both"); !errors.Is(err, connected.ErrUnknown) {
		t.Errorf("ParseOrientation(both) error = %v, want ErrUnknown", err)
	}
	want := []string{"recognize", "request", "respond", "repeat"}
	for i, st := range Stages() {
		if st.String() != want[i] {
			t.Errorf("Stages()[%d].String() = %q, want %q", i, st.String(), want[i])
		}
	}
	if got := Stage(0).String(); got != "Stage(0)" {
		t.Errorf("Stage(0).String() = %q", got)
	}
}

func TestPartyOf(t *testing.T) {
	tests := []struct {
		share float64
		want  Party
	}{
		{0, Customer}, {-1, Customer}, {math.NaN(), Customer},
		{0.5, Shared}, {1e-9, Shared}, {1, Firm}, {2, Firm},
	}
	for _, tt := range tests {
		if got := PartyOf(tt.share); got != tt.want {
			t.Errorf("PartyOf(%v) = %v, want %v", tt.share, got, tt.want)
		}
	}
}

func TestDataSet(t *testing.T) {
	d := NewDataSet(Transactions, Monitoring)
	if !d.Has(Transactions) || !d.Has(Monitoring) || d.Has(Preferences) {
		t.Errorf("NewDataSet(transactions, monitoring) = %v", d)
	}
	if d.Len() != 2 || d.String() != "transactions+monitoring" {
		t.Errorf("Len, String = %d, %q", d.Len(), d.String())
	}
	if !d.Covers(NewDataSet(Monitoring)) || d.Covers(NewDataSet(Preferences)) || !d.Covers(0) {
		t.Errorf("Covers wrong for %v", d)
	}
	if DataSet(0).String() != "none" {
		t.Errorf("empty set String = %q", DataSet(0).String())
	}
	b, err := json.Marshal(d)
	if err != nil || string(b) != `["transactions","monitoring"]` {
		t.Errorf("json.Marshal(%v) = %s, %v", d, b, err)
	}
	for _, s := range []string{"transactions+monitoring", "monitoring,transactions", "transactions, monitoring"} {
		got, err := ParseDataSet(s)
		if err != nil || got != d {
			t.Errorf("ParseDataSet(%q) = %v, %v; want %v", s, got, err, d)
		}
	}
	for _, s := range []string{"transactions+gps", "transactions+transactions"} {
		if _, err := ParseDataSet(s); err == nil {
			t.Errorf("ParseDataSet(%q) accepted", s)
		}
	}
	var got DataSet
	if err := json.Unmarshal([]byte(`["preferences","preferences"]`), &got); !errors.Is(err, connected.ErrDuplicate) {
		t.Errorf("duplicate category error = %v, want ErrDuplicate", err)
	}
	if err := json.Unmarshal([]byte(`["gps"]`), &got); !errors.Is(err, connected.ErrUnknown) {
		t.Errorf("unknown category error = %v, want ErrUnknown", err)
	}
	if err := json.Unmarshal([]byte(`null`), &got); err != nil || got != 0 {
		t.Errorf("null = %v, %v; want empty", got, err)
	}
}

func TestDefault(t *testing.T) {
	ss := Default()
	if err := ValidateAll(ss); err != nil {
		t.Fatalf("ValidateAll(Default()) = %v", err)
	}
	wantIntensity := []float64{0, 0.1, 0.4, 0.7, 1} // README, Concepts
	wantConsent := []bool{false, false, true, true, true}
	wantAutonomy := []float64{0, 0, 0.25, 0.5, 1}
	for i, s := range ss {
		if s.Kind != Kind(i+1) || s.Name != s.Kind.String() {
			t.Errorf("Default()[%d] = %v %q, want kind %v named by it", i, s.Kind, s.Name, Kind(i+1))
		}
		if s.DataIntensity != wantIntensity[i] || s.NeedsConsent != wantConsent[i] || s.Autonomy() != wantAutonomy[i] {
			t.Errorf("%s: intensity %v consent %v autonomy %v; want %v %v %v", s.Name,
				s.DataIntensity, s.NeedsConsent, s.Autonomy(), wantIntensity[i], wantConsent[i], wantAutonomy[i])
		}
		if s.FirmShare(Respond) != 1 {
			t.Errorf("%s: FirmShare(Respond) = %v, want 1", s.Name, s.FirmShare(Respond))
		}
	}
	if !ss[4].Data.Has(Monitoring) {
		t.Errorf("automatic execution must need monitoring data, has %v", ss[4].Data)
	}
	for i := 1; i < len(ss); i++ {
		if !ss[i].Data.Covers(ss[i-1].Data) {
			t.Errorf("data categories not nested: %v does not cover %v", ss[i].Data, ss[i-1].Data)
		}
	}
	if ss[3].FirmInitiated() != true || ss[2].FirmInitiated() != false {
		t.Errorf("FirmInitiated: coach %v, curated %v", ss[3].FirmInitiated(), ss[2].FirmInitiated())
	}
	ss[0].Name = "changed"
	if Default()[0].Name != "buy-what-we-have" {
		t.Error("Default returns shared state")
	}
}

func TestValidateNamesEveryBadField(t *testing.T) {
	good := Default()[2]
	tests := []struct {
		field  string
		mutate func(*Strategy)
		want   error
	}{
		{"Name", func(s *Strategy) { s.Name = "" }, connected.ErrEmpty},
		{"Kind", func(s *Strategy) { s.Kind = 0 }, connected.ErrUnknown},
		{"Kind", func(s *Strategy) { s.Kind = 6 }, connected.ErrUnknown},
		{"Orientation", func(s *Strategy) { s.Orientation = 3 }, connected.ErrUnknown},
		{"FirmRecognize", func(s *Strategy) { s.FirmRecognize = 1.5 }, connected.ErrOutOfRange},
		{"FirmRequest", func(s *Strategy) { s.FirmRequest = math.NaN() }, connected.ErrNotFinite},
		{"DataIntensity", func(s *Strategy) { s.DataIntensity = -0.1 }, connected.ErrOutOfRange},
		{"Data", func(s *Strategy) { s.Data = 0x80 }, connected.ErrUnknown},
		{"FixedCost", func(s *Strategy) { s.FixedCost = math.Inf(1) }, connected.ErrNotFinite},
		{"VariableCost", func(s *Strategy) { s.VariableCost = -1 }, connected.ErrOutOfRange},
		{"FulfilmentDelay", func(s *Strategy) { s.FulfilmentDelay = math.Inf(-1) }, connected.ErrNotFinite},
		{"NuisanceCost", func(s *Strategy) { s.NuisanceCost = -0.5 }, connected.ErrOutOfRange},
		{"Capacity", func(s *Strategy) { s.Capacity = -2 }, connected.ErrOutOfRange},
		{"NeedsConsent", func(s *Strategy) { s.Kind = BuyWhatWeHave; s.NeedsConsent = true }, connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		s := good
		tt.mutate(&s)
		err := s.Validate()
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: Validate() = %v, want %v", tt.field, err, tt.want)
			continue
		}
		if !hasField(err, tt.field) {
			t.Errorf("%s: Validate() = %v does not name the field", tt.field, err)
		}
	}
}

func TestValidateAll(t *testing.T) {
	if err := ValidateAll(nil); !errors.Is(err, connected.ErrEmpty) {
		t.Errorf("ValidateAll(nil) = %v, want ErrEmpty", err)
	}
	ss := Default()
	ss[3].Name = ss[1].Name
	ss[4].DataIntensity = 2
	err := ValidateAll(ss)
	if !errors.Is(err, connected.ErrDuplicate) || !hasField(err, "strategies[3].Name") {
		t.Errorf("duplicate name: %v", err)
	}
	if !errors.Is(err, connected.ErrOutOfRange) || !hasField(err, "strategies[4].DataIntensity") {
		t.Errorf("bad intensity not reported beside the duplicate: %v", err)
	}
	if Index(ss, "curated-offering") != 2 || Index(ss, "nope") != -1 {
		t.Errorf("Index wrong")
	}
}

func TestJSONRoundTripDefault(t *testing.T) {
	ss := Default()
	b, err := json.Marshal(ss)
	if err != nil {
		t.Fatal(err)
	}
	var got []Strategy
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal(%s) = %v", b, err)
	}
	if diff := cmp.Diff(ss, got); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}

func TestJSONKeys(t *testing.T) {
	b, err := json.Marshal(Default()[4])
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"name":"automatic-execution","kind":"automatic-execution","orientation":"solutions",` +
		`"firm_recognize":1,"firm_request":1,"data_intensity":1,` +
		`"data":["transactions","preferences","behavioral","monitoring"],"needs_consent":true,` +
		`"fixed_cost":15000,"variable_cost":1.2,"fulfilment_delay":0,"nuisance_cost":0,"capacity":0}`
	if string(b) != want {
		t.Errorf("json.Marshal(automatic) =\n%s\nwant\n%s", b, want)
	}
}

func TestJSONDecodeErrors(t *testing.T) {
	const base = `"name":"x","kind":"curated-offering","orientation":"engagement"`
	tests := []struct {
		name, in, field string
		want            error
	}{
		{"unknown kind", `{"name":"x","kind":"curated","orientation":"engagement"}`, "kind", connected.ErrUnknown},
		{"unknown orientation", `{"name":"x","kind":"curated-offering","orientation":"both"}`, "orientation", connected.ErrUnknown},
		{"missing kind", `{"name":"x","orientation":"engagement"}`, "kind", connected.ErrUnknown},
		{"out of range", `{` + base + `,"data_intensity":1.5}`, "data_intensity", connected.ErrOutOfRange},
		{"negative cost", `{` + base + `,"fixed_cost":-3}`, "fixed_cost", connected.ErrOutOfRange},
		{"unknown key", `{` + base + `,"colour":"red"}`, "colour", connected.ErrSyntax},
		{"wrong type", `{` + base + `,"capacity":"lots"}`, "capacity", connected.ErrSyntax},
		{"unknown category", `{` + base + `,"data":["gps"]}`, "data[0]", connected.ErrUnknown},
		{"empty name", `{"name":"","kind":"curated-offering","orientation":"engagement"}`, "name", connected.ErrEmpty},
		{"trailing data", `{` + base + `} {}`, "", connected.ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Default()[0]
			err := s.UnmarshalJSON([]byte(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("UnmarshalJSON(%s) = %v, want %v", tt.in, err, tt.want)
			}
			if !hasField(err, tt.field) {
				t.Errorf("UnmarshalJSON(%s) = %v does not name %q", tt.in, err, tt.field)
			}
			if s != Default()[0] {
				t.Errorf("failed decode changed the strategy to %+v", s)
			}
		})
	}
}

func TestMarshalInvalid(t *testing.T) {
	s := Default()[1]
	s.VariableCost = math.NaN()
	if _, err := json.Marshal(s); !errors.Is(err, connected.ErrNotFinite) {
		t.Errorf("json.Marshal(NaN cost) = %v, want ErrNotFinite", err)
	}
}

// hasField reports whether err (possibly joined) holds a FieldError for field.
func hasField(err error, field string) bool {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		var fe *connected.FieldError
		if errors.As(e, &fe) && fe.Field == field {
			return true
		}
	}
	return false
}
