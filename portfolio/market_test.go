package portfolio

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/customer"
	"github.com/connectedstrategy/connected/strategy"
)

func sampleMarket(t *testing.T, n int) Market {
	t.Helper()
	cs, err := customer.DefaultPopulation().Sample(rand.New(rand.NewPCG(11, 0)), n)
	if err != nil {
		t.Fatal(err)
	}
	ss := strategy.Default()
	for j := range ss {
		ss[j].FixedCost /= 100 // a market of hundreds, not tens of thousands
	}
	return Market{Strategies: ss, Customers: cs, Horizon: 4}
}

func TestMarketProblem(t *testing.T) {
	m := sampleMarket(t, 300)
	p, err := m.Problem()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Units) != 300 || p.Strategies[1].FixedCost != m.Strategies[1].FixedCost*m.Horizon {
		t.Fatalf("units %d, fixed cost %v; want 300 and fixed cost × horizon", len(p.Units), p.Strategies[1].FixedCost)
	}
	// values follow the formula, eligibility follows customer.Eligible
	model := customer.DefaultModel()
	for i, c := range m.Customers[:20] {
		for j, s := range m.Strategies {
			d, err := model.Delight(c, s, DefaultAccuracy)
			if err != nil {
				t.Fatal(err)
			}
			want := m.Horizon * c.Traits.Frequency * (d*DefaultCapture*c.Traits.NeedValue - s.VariableCost)
			if got := p.Units[i].Values[j]; math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("customer %d strategy %s value %v, want %v", i, s.Name, got, want)
			}
			ok, why := customer.Eligible(c, s, 0, customer.Rules{})
			if got := p.Units[i].eligible(j); got != ok {
				t.Errorf("customer %d strategy %s eligible %v, want %v", i, s.Name, got, ok)
			}
			if !ok && p.Units[i].Reasons[j] != why.String() {
				t.Errorf("reason %q, want %q", p.Units[i].Reasons[j], why.String())
			}
		}
	}
	pl, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	checkFeasible(t, &p, pl)
	// consent is a hard rule: nobody is served with a strategy they may not have
	for _, a := range pl.Assignments {
		if ok, _ := customer.Eligible(m.Customers[a.Unit], m.Strategies[a.Strategy], 0, customer.Rules{}); !ok {
			t.Errorf("customer %d served with ineligible %s", a.Unit, m.Strategies[a.Strategy].Name)
		}
	}
}

func TestMarketProblemErrors(t *testing.T) {
	m := sampleMarket(t, 5)
	tests := []struct {
		name  string
		edit  func(*Market)
		field string
		want  error
	}{
		{"no horizon", func(m *Market) { m.Horizon = 0 }, "Horizon", connected.ErrOutOfRange},
		{"NaN horizon", func(m *Market) { m.Horizon = math.NaN() }, "Horizon", connected.ErrNotFinite},
		{"weights length", func(m *Market) { m.Weights = []float64{1} }, "Weights", connected.ErrMismatch},
		{"negative weight", func(m *Market) { m.Weights = []float64{1, 1, -1, 1, 1} }, "Weights[2]", connected.ErrOutOfRange},
		{"accuracy range", func(m *Market) { m.Accuracy = []float64{1, 1, 2, 1, 1} }, "Accuracy[2]", connected.ErrOutOfRange},
		{"capture", func(m *Market) { m.Capture = 1.5 }, "Capture", connected.ErrOutOfRange},
		{"period", func(m *Market) { m.Period = -1 }, "Period", connected.ErrOutOfRange},
		{"no customers", func(m *Market) { m.Customers = nil }, "Customers", connected.ErrEmpty},
		{"bad trait", func(m *Market) { m.Customers[1].Traits.Inertia = 2 }, "Customers[1].Traits.Inertia", connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mm := m
			mm.Customers = append([]customer.Customer(nil), m.Customers...)
			tt.edit(&mm)
			_, err := mm.Problem()
			if !errors.Is(err, tt.want) || !hasField(err, tt.field) {
				t.Errorf("error %v, want %v naming %s", err, tt.want, tt.field)
			}
		})
	}
}
