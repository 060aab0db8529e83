package connected_test

import (
	"errors"
	"fmt"

	"github.com/connectedstrategy/connected"
)

func ExampleFieldError() {
	var err error = connected.NewFieldError("portfolio.Solve", "units[3].weight", -2.0, connected.ErrOutOfRange)
	fmt.Println(err)
	var fe *connected.FieldError
	fmt.Println(errors.Is(err, connected.ErrOutOfRange), errors.As(err, &fe), fe.Field)
	// Output:
	// portfolio.Solve: units[3].weight = -2: value out of range
	// true true units[3].weight
}
