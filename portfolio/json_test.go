package portfolio

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestProblemJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		if rapid.Bool().Draw(t, "reasons") {
			p.Units[0].Reasons = make([]string, len(p.Strategies))
			p.Units[0].Reasons[0] = "why not"
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		var q Problem
		if err := json.Unmarshal(b, &q); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if diff := cmp.Diff(p, q); diff != "" {
			t.Fatalf("round trip mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestProblemUnmarshalErrors(t *testing.T) {
	const s0 = `{"name": "c", "kind": "buy-what-we-have", "orientation": "engagement"}`
	tests := []struct {
		name, in, field string
		want            error
	}{
		{"malformed", `{"units": [`, "", connected.ErrSyntax},
		{"trailing", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1]}]} {}`, "", connected.ErrSyntax},
		{"unknown key", `{"strategies": [], "units": [], "extra": 1}`, "extra", connected.ErrSyntax},
		{"unknown unit key", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1], "x": 1}]}`, "units[0].x", connected.ErrSyntax},
		{"value type", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1]}, {"id": "b", "weight": 1, "values": [true]}]}`, "units[1].values[0]", connected.ErrSyntax},
		{"weight type", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": "1", "values": [1]}]}`, "units[0].weight", connected.ErrSyntax},
		{"max_open type", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1]}], "max_open": 1.5}`, "max_open", connected.ErrSyntax},
		{"no strategies", `{"strategies": [], "units": [{"id": "a", "weight": 1, "values": []}]}`, "strategies", connected.ErrEmpty},
		{"no units", `{"strategies": [` + s0 + `], "units": []}`, "units", connected.ErrEmpty},
		{"zero weight", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 0, "values": [1]}]}`, "units[0].weight", connected.ErrOutOfRange},
		{"short values", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": []}]}`, "units[0].values", connected.ErrMismatch},
		{"long eligible", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1], "eligible": [true, true]}]}`, "units[0].eligible", connected.ErrMismatch},
		{"unknown kind", `{"strategies": [{"name": "c", "kind": "x", "orientation": "engagement"}], "units": []}`, "strategies[0].kind", connected.ErrUnknown},
		{"negative fixed cost", `{"strategies": [{"name": "c", "kind": "buy-what-we-have", "orientation": "engagement", "fixed_cost": -1}], "units": []}`, "strategies[0].fixed_cost", connected.ErrOutOfRange},
		{"duplicate strategy", `{"strategies": [` + s0 + `, ` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1, 1]}]}`, "strategies[1].name", connected.ErrDuplicate},
		{"negative coordination", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1]}], "coordination_cost": -2}`, "coordination_cost", connected.ErrOutOfRange},
		{"negative max_open", `{"strategies": [` + s0 + `], "units": [{"id": "a", "weight": 1, "values": [1]}], "max_open": -1}`, "max_open", connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Problem
			err := json.Unmarshal([]byte(tt.in), &p)
			if tt.name == "malformed" || tt.name == "trailing" {
				err = p.UnmarshalJSON([]byte(tt.in)) // json.Unmarshal checks syntax itself
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if !hasField(err, tt.field) {
				t.Errorf("error %v does not name field %q", err, tt.field)
			}
		})
	}
}

// hasField reports whether some *connected.FieldError in err has Field f.
func hasField(err error, f string) bool {
	for _, e := range unjoin(err) {
		var fe *connected.FieldError
		if errors.As(e, &fe) && fe.Field == f {
			return true
		}
	}
	return false
}

func TestPlanJSON(t *testing.T) {
	p := smallProblem()
	pl, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(pl)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"open", "net", "value", "fixed_cost", "coordination_cost", "silo_cost", "bound", "assignments", "strategies", "focus", "one_size_fits_all"} {
		if _, ok := m[key]; !ok {
			t.Errorf("plan JSON lacks %q: %s", key, b)
		}
	}
	a := m["assignments"].([]any)[0].(map[string]any)
	if a["unit"] != "a" || a["strategy"] == nil || a["amount"] == nil {
		t.Errorf("first assignment %v, want unit a with strategy and amount", a)
	}
	s := m["strategies"].([]any)[0].(map[string]any)
	for _, key := range []string{"name", "open", "weight", "value", "shadow_price"} {
		if _, ok := s[key]; !ok {
			t.Errorf("strategy total lacks %q", key)
		}
	}
	if !strings.Contains(string(b), `"focus":{"open":[`) || !strings.Contains(string(b), `"one_size_fits_all":{"strategy":`) {
		t.Errorf("focus or one_size_fits_all malformed: %s", b)
	}
	if _, err := json.Marshal(Plan{Net: math.NaN()}); err == nil {
		t.Error("Marshal of a NaN plan succeeded")
	}
}

func FuzzProblemUnmarshal(f *testing.F) {
	f.Add([]byte(`{"strategies": [{"name": "c", "kind": "buy-what-we-have", "orientation": "engagement"}], "units": [{"id": "a", "weight": 1, "values": [1]}]}`))
	f.Add([]byte(`{"strategies": [{"name": "c", "kind": "buy-what-we-have", "orientation": "engagement", "capacity": 0.5}, {"name": "d", "kind": "coach-behavior", "orientation": "solutions", "fixed_cost": 1}], "units": [{"id": "a", "weight": 1, "values": [1, 3], "eligible": [true, false], "reasons": ["", "no"]}], "max_open": 1, "silo_cost": 2}`))
	f.Add([]byte(`{"units": [{"values": [NaN]}]}`))
	f.Add([]byte(`{"units": [{"weight": 1e999}]}`))
	f.Add([]byte(`{"strategies": null, "units": null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p Problem
		err := p.UnmarshalJSON(b)
		if err != nil {
			for _, e := range unjoin(err) {
				var fe *connected.FieldError
				if !errors.As(e, &fe) {
					t.Fatalf("error %v is not a *connected.FieldError", e)
				}
			}
			return
		}
		// A decoded problem is valid apart from infeasibility, and Solve
		// neither panics nor returns a non-finite plan.
		pl, err := Solve(p)
		if err != nil {
			if !errors.Is(err, connected.ErrInfeasible) {
				t.Fatalf("Solve of a decoded problem: %v", err)
			}
			return
		}
		if math.IsNaN(pl.Net) || math.IsInf(pl.Net, 0) || math.IsNaN(pl.Bound) {
			t.Fatalf("non-finite plan %+v", pl)
		}
	})
}

func TestPlanJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t)
		pl, err := Solve(p)
		if err != nil {
			t.Skip("infeasible")
		}
		b, err := json.Marshal(pl)
		if err != nil {
			t.Fatal(err)
		}
		var q Plan
		if err := json.Unmarshal(b, &q); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		b2, err := json.Marshal(q)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(b2) {
			t.Fatalf("round trip changed the JSON:\n%s\n%s", b, b2)
		}
		for i := range p.Units {
			e1, err1 := pl.Explain(p, i)
			e2, err2 := q.Explain(p, i)
			if err1 != nil || err2 != nil || !cmp.Equal(e1, e2) {
				t.Fatalf("Explain(%d) differs after the round trip: %v %v\n%+v\n%+v", i, err1, err2, e1, e2)
			}
		}
	})
}

func TestPlanUnmarshalErrors(t *testing.T) {
	const good = `{"open":["c"],"net":1,"value":1,"fixed_cost":0,"coordination_cost":0,"silo_cost":0,"bound":1,` +
		`"assignments":[{"unit":"a","strategy":"c","amount":1}],"strategies":[{"name":"c","open":true,"weight":1,"value":1,"shadow_price":0}],` +
		`"focus":{"open":["c"],"net":1},"one_size_fits_all":{"strategy":"c","net":1}}`
	var pl Plan
	if err := json.Unmarshal([]byte(good), &pl); err != nil {
		t.Fatalf("good plan: %v", err)
	}
	tests := []struct{ name, in, field string }{
		{"unknown key", strings.Replace(good, `"net":1,`, `"net":1,"nett":2,`, 1), "nett"},
		{"unknown strategy", strings.Replace(good, `"strategy":"c","amount"`, `"strategy":"x","amount"`, 1), "assignments[0].strategy"},
		{"zero amount", strings.Replace(good, `"amount":1`, `"amount":0`, 1), "assignments[0].amount"},
		{"wrong type", strings.Replace(good, `"bound":1`, `"bound":"1"`, 1), "bound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := json.Unmarshal([]byte(tt.in), &pl)
			if err == nil || !hasField(err, tt.field) {
				t.Errorf("error %v, want one naming %q", err, tt.field)
			}
		})
	}
}

func FuzzPlanUnmarshal(f *testing.F) {
	f.Add([]byte(`{"open":["c"],"net":1,"value":1,"fixed_cost":0,"coordination_cost":0,"silo_cost":0,"bound":1,"assignments":[{"unit":"a","strategy":"c","amount":1}],"strategies":[{"name":"c","open":true,"weight":1,"value":1,"shadow_price":0}],"focus":{"open":["c"],"net":1},"one_size_fits_all":{"strategy":"c","net":1}}`))
	f.Add([]byte(`{"assignments":[{"unit":"a","strategy":"x","amount":NaN}]}`))
	f.Add([]byte(`{"net":1e999}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var pl Plan
		if err := pl.UnmarshalJSON(b); err != nil {
			for _, e := range unjoin(err) {
				var fe *connected.FieldError
				if !errors.As(e, &fe) {
					t.Fatalf("error %v is not a *connected.FieldError", e)
				}
			}
			return
		}
		if _, err := json.Marshal(pl); err != nil {
			var fe *connected.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Marshal of a decoded plan: %v", err)
			}
		}
	})
}
