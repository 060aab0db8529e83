package portfolio

import (
	"errors"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
)

// smallProblem: a catalogue, a capacitated auto-refill that only three units
// may use, and an expensive coach that is not worth building.
func smallProblem() Problem {
	return Problem{
		Strategies: []strategy.Strategy{
			{Name: "catalogue", Kind: strategy.BuyWhatWeHave, Orientation: strategy.Engagement},
			{Name: "auto", Kind: strategy.AutomaticExecution, Orientation: strategy.Solutions, FixedCost: 10, Capacity: 2},
			{Name: "coach", Kind: strategy.CoachBehavior, Orientation: strategy.Engagement, FixedCost: 100},
		},
		Units: []Unit{
			{ID: "a", Weight: 1, Values: []float64{1, 9, 2}},
			{ID: "b", Weight: 1, Values: []float64{1, 8, 2}},
			{ID: "c", Weight: 1, Values: []float64{1, 6, 3}},
			{ID: "d", Weight: 1, Values: []float64{2, 7, 1}, Eligible: []bool{true, false, true},
				Reasons: []string{"", "trust too low", ""}},
		},
	}
}

func TestExplain(t *testing.T) {
	p := smallProblem()
	pl, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	// auto has capacity 2: a and b (gains 8 and 7) take it, c (gain 5) is
	// left with the catalogue; the capacity price lies in [5, 7].
	tests := []struct {
		unit     int
		best     string
		statuses []Status
		runnerUp string
		margin   float64
	}{
		{0, "auto", []Status{Worse, Assigned, NotBuilt}, "catalogue", 8},
		{2, "catalogue", []Status{Assigned, Full, NotBuilt}, "auto", -5},
		{3, "catalogue", []Status{Assigned, Ineligible, NotBuilt}, "", 0},
	}
	for _, tt := range tests {
		ex, err := pl.Explain(p, tt.unit)
		if err != nil {
			t.Fatalf("Explain(%d): %v", tt.unit, err)
		}
		if got := ex.Options[ex.Best].Strategy; got != tt.best {
			t.Errorf("unit %d best = %s, want %s", tt.unit, got, tt.best)
		}
		for j, st := range tt.statuses {
			if ex.Options[j].Status != st {
				t.Errorf("unit %d strategy %s status %v, want %v", tt.unit, ex.Options[j].Strategy, ex.Options[j].Status, st)
			}
		}
		runner := ""
		if ex.RunnerUp >= 0 {
			runner = ex.Options[ex.RunnerUp].Strategy
		}
		if runner != tt.runnerUp || ex.Margin != tt.margin {
			t.Errorf("unit %d runner-up %q margin %v, want %q %v", tt.unit, runner, ex.Margin, tt.runnerUp, tt.margin)
		}
	}
	ex, _ := pl.Explain(p, 3)
	if ex.Options[1].Reason != "trust too low" || !strings.Contains(ex.String(), "trust too low") {
		t.Errorf("ineligible reason missing: %q / %q", ex.Options[1].Reason, ex.String())
	}
	if _, err := pl.Explain(p, 4); !errors.Is(err, connected.ErrOutOfRange) {
		t.Errorf("Explain(4) error %v, want ErrOutOfRange", err)
	}
	q := p
	q.Strategies = q.Strategies[:2]
	if _, err := pl.Explain(q, 0); !errors.Is(err, connected.ErrMismatch) {
		t.Errorf("Explain with other strategies: %v, want ErrMismatch", err)
	}
}

func TestSolveDiagnostics(t *testing.T) {
	p := smallProblem()
	p.Strategies[0].Capacity = 1 // capacities 1 + 2 + 0.5 < weight 4
	p.Strategies[2].Capacity = 0.5
	_, err := Solve(p)
	var fe *connected.FieldError
	if !errors.Is(err, connected.ErrInfeasible) || !errors.As(err, &fe) || fe.Field != "strategies" {
		t.Fatalf("error %v, want ErrInfeasible on field strategies", err)
	}
	if !strings.Contains(err.Error(), "catalogue") {
		t.Errorf("error %q does not name the full strategy", err)
	}

	p = smallProblem()
	p.Units[3].Eligible = []bool{false, true, true}
	_, err = Solve(p)
	if !errors.Is(err, connected.ErrInfeasible) || !hasField(err, "units[3].eligible") {
		t.Errorf("error %v, want ErrInfeasible naming units[3].eligible", err)
	}

	p = smallProblem()
	p.Strategies[0].Kind = strategy.RespondToDesire
	if _, err = Solve(p); !errors.Is(err, connected.ErrInfeasible) || !hasField(err, "strategies") {
		t.Errorf("no baseline: error %v, want ErrInfeasible naming strategies", err)
	}

	p = smallProblem()
	p.Strategies[0].Capacity = 3.5 // needs auto (2) to absorb the weight 4
	p.MaxOpen = 1
	pl, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	if pl.BaselineOnly {
		t.Error("BaselineOnly set although auto is open")
	}

	p = smallProblem()
	p.Strategies[0].Capacity = 1 // 1 + 2 + 1 = 4 absorbs the weight only with both open
	p.Strategies[2].Capacity = 1
	p.MaxOpen = 1
	if _, err = Solve(p); !errors.Is(err, connected.ErrInfeasible) || !hasField(err, "max_open") {
		t.Errorf("MaxOpen too small: error %v, want ErrInfeasible naming max_open", err)
	}

	p = smallProblem()
	p.Strategies[1].FixedCost = 1000
	pl, err = Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	if !pl.BaselineOnly || len(pl.Open) != 1 {
		t.Errorf("BaselineOnly = %v, open %v; want only the catalogue", pl.BaselineOnly, pl.Open)
	}
}

func TestValidateNamesFields(t *testing.T) {
	p := smallProblem()
	p.Units[1].Values[2] = nan()
	p.Units[2].Weight = -1
	p.Units[0].Values = p.Units[0].Values[:2]
	p.Units[3].ID = "a"
	p.SiloCost = -1
	err := p.Validate()
	for _, f := range []string{"units[1].values[2]", "units[2].weight", "units[0].values", "units[3].id", "silo_cost"} {
		if !hasField(err, f) {
			t.Errorf("Validate error %v does not name %s", err, f)
		}
	}
	if !errors.Is(err, connected.ErrNotFinite) || !errors.Is(err, connected.ErrDuplicate) {
		t.Errorf("Validate error %v lacks ErrNotFinite or ErrDuplicate", err)
	}
}

func nan() float64 {
	var z float64
	return z / z
}
