package check

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected"
)

func TestChecks(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"finite ok", Finite("op", "f", 1), nil},
		{"finite nan", Finite("op", "f", nan), connected.ErrNotFinite},
		{"finite -inf", Finite("op", "f", -inf), connected.ErrNotFinite},
		{"unit ok 0", Unit("op", "f", 0), nil},
		{"unit ok 1", Unit("op", "f", 1), nil},
		{"unit above", Unit("op", "f", 1.0000001), connected.ErrOutOfRange},
		{"unit nan", Unit("op", "f", nan), connected.ErrNotFinite},
		{"nonneg zero", NonNeg("op", "f", 0), nil},
		{"nonneg negative", NonNeg("op", "f", -1e-300), connected.ErrOutOfRange},
		{"nonneg inf", NonNeg("op", "f", inf), connected.ErrNotFinite},
		{"positive zero", Positive("op", "f", 0), connected.ErrOutOfRange},
		{"positive ok", Positive("op", "f", 1e-300), nil},
		{"open edge", Open("op", "f", 1, 0, 1), connected.ErrOutOfRange},
		{"open ok", Open("op", "f", 0.5, 0, 1), nil},
		{"range ok", Range("op", "f", 3, 2, 4), nil},
		{"len ok", Len("op", "f", 3, 3), nil},
		{"len bad", Len("op", "f", 2, 3), connected.ErrMismatch},
	}
	for _, tt := range tests {
		if tt.want == nil {
			if tt.err != nil {
				t.Errorf("%s: got %v, want nil", tt.name, tt.err)
			}
			continue
		}
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.err, tt.want)
		}
		var fe *connected.FieldError
		if !errors.As(tt.err, &fe) || fe.Op != "op" || fe.Field != "f" {
			t.Errorf("%s: %v is not a FieldError for op.f", tt.name, tt.err)
		}
	}
	if err := Len("op", "f", 2, 3); !strings.Contains(err.Error(), "want 3") {
		t.Errorf("Len error %q does not say the wanted length", err)
	}
}

func TestErrs(t *testing.T) {
	var e Errs
	if e.Err() != nil {
		t.Fatal("empty Errs is not nil")
	}
	e.Add(nil)
	e.Add(Unit("op", "a", 2))
	if !errors.Is(e.Err(), connected.ErrOutOfRange) {
		t.Errorf("single error lost: %v", e.Err())
	}
	e.Add(Finite("op", "b", math.NaN()))
	err := e.Err()
	if !errors.Is(err, connected.ErrOutOfRange) || !errors.Is(err, connected.ErrNotFinite) {
		t.Errorf("joined errors lost: %v", err)
	}
}
