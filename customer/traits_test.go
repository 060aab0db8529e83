package customer

import (
	"errors"
	"math"
	"testing"

	"github.com/connectedstrategy/connected"
	"pgregory.net/rapid"
)

func validTraits() Traits {
	return Traits{
		NeedKnowledge: 0.5, ControlDesire: 0.5, PrivacyConcern: 0.5, MonitoringTolerance: 0.5,
		Inertia: 0.5, Predictability: 0.5, MistakeCost: 10, OptionSetSize: 20,
		RecognitionLag: 1, DelayCost: 5, NeedValue: 40, Frequency: 1,
	}
}

func TestTraitsValidate(t *testing.T) {
	tests := []struct {
		field string
		set   func(*Traits, float64)
		bad   []float64
		want  []error
	}{
		{"NeedKnowledge", func(t *Traits, x float64) { t.NeedKnowledge = x }, []float64{-0.1, 1.1, math.NaN()}, nil},
		{"ControlDesire", func(t *Traits, x float64) { t.ControlDesire = x }, []float64{-1e-9, math.Inf(1)}, nil},
		{"PrivacyConcern", func(t *Traits, x float64) { t.PrivacyConcern = x }, []float64{2}, nil},
		{"MonitoringTolerance", func(t *Traits, x float64) { t.MonitoringTolerance = x }, []float64{-2}, nil},
		{"Inertia", func(t *Traits, x float64) { t.Inertia = x }, []float64{math.Inf(-1)}, nil},
		{"Predictability", func(t *Traits, x float64) { t.Predictability = x }, []float64{1.0001}, nil},
		{"MistakeCost", func(t *Traits, x float64) { t.MistakeCost = x }, []float64{-1, 2 * MaxAmount}, nil},
		{"OptionSetSize", func(t *Traits, x float64) { t.OptionSetSize = x }, []float64{0.99, 0}, nil},
		{"RecognitionLag", func(t *Traits, x float64) { t.RecognitionLag = x }, []float64{-1}, nil},
		{"DelayCost", func(t *Traits, x float64) { t.DelayCost = x }, []float64{math.NaN()}, nil},
		{"NeedValue", func(t *Traits, x float64) { t.NeedValue = x }, []float64{-5}, nil},
		{"Frequency", func(t *Traits, x float64) { t.Frequency = x }, []float64{math.Inf(1)}, nil},
	}
	if err := validTraits().Validate(); err != nil {
		t.Fatalf("valid traits: %v", err)
	}
	for _, tt := range tests {
		for _, x := range tt.bad {
			tr := validTraits()
			tt.set(&tr, x)
			err := tr.Validate()
			want := connected.ErrOutOfRange
			if math.IsNaN(x) || math.IsInf(x, 0) {
				want = connected.ErrNotFinite
			}
			if !errors.Is(err, want) {
				t.Errorf("%s = %v: Validate() = %v, want %v", tt.field, x, err, want)
			}
			var fe *connected.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Errorf("%s = %v: error %v does not name the field", tt.field, x, err)
			}
		}
	}
	// All problems are reported.
	err := Traits{}.Validate() // OptionSetSize 0
	if err == nil {
		t.Fatal("zero Traits valid")
	}
	bad := Traits{NeedKnowledge: -1, Inertia: math.NaN(), OptionSetSize: 1}
	var n int
	for _, e := range bad.Validate().(interface{ Unwrap() []error }).Unwrap() {
		var fe *connected.FieldError
		if errors.As(e, &fe) {
			n++
		}
	}
	if n != 2 {
		t.Errorf("Validate reported %d field errors, want 2", n)
	}
}

func TestTraitsValidateAgreesWithFastPath(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		if err := genExtremeTraits().Draw(t, "traits").Validate(); err != nil {
			t.Fatalf("valid traits rejected: %v", err)
		}
	})
}

func TestCustomerValidate(t *testing.T) {
	c := Customer{Traits: validTraits(), Trust: Trust{Good: -1}}
	err := c.Validate()
	var fe *connected.FieldError
	if !errors.As(err, &fe) || fe.Field != "Trust.Good" {
		t.Errorf("Validate() = %v, want field Trust.Good", err)
	}
	c.Trust = Trust{}
	if err := c.Validate(); err != nil {
		t.Errorf("valid customer: %v", err)
	}
}
