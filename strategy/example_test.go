package strategy_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
)

func ExampleDefault() {
	for _, s := range strategy.Default() {
		fmt.Printf("%-20s recognize=%-8s request=%-8s autonomy=%.2f data=%.1f consent=%v\n",
			s.Name, strategy.PartyOf(s.FirmShare(strategy.Recognize)),
			strategy.PartyOf(s.FirmShare(strategy.Request)),
			s.Autonomy(), s.DataIntensity, s.NeedsConsent)
	}
	// Output:
	// buy-what-we-have     recognize=customer request=customer autonomy=0.00 data=0.0 consent=false
	// respond-to-desire    recognize=customer request=customer autonomy=0.00 data=0.1 consent=false
	// curated-offering     recognize=customer request=shared   autonomy=0.25 data=0.4 consent=true
	// coach-behavior       recognize=firm     request=customer autonomy=0.50 data=0.7 consent=true
	// automatic-execution  recognize=firm     request=firm     autonomy=1.00 data=1.0 consent=true
}

func ExampleParseKind() {
	k, err := strategy.ParseKind("coach-behavior")
	fmt.Println(k, int(k), err)
	_, err = strategy.ParseKind("coach")
	fmt.Println(errors.Is(err, connected.ErrUnknown))
	// Output:
	// coach-behavior 4 <nil>
	// true
}

func ExampleStrategy_Validate() {
	s := strategy.Default()[2]
	s.DataIntensity = 1.4
	err := s.Validate()
	var fe *connected.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.Field, fe.Value, errors.Is(err, connected.ErrOutOfRange))
	}
	// Output:
	// DataIntensity 1.4 true
}

func ExampleStrategy_UnmarshalJSON() {
	in := `{"name":"refill","kind":"automatic-execution","orientation":"solutions",
		"firm_recognize":1,"firm_request":1,"data_intensity":0.9,
		"data":["transactions","monitoring"],"needs_consent":true,"fixed_cost":4000}`
	var s strategy.Strategy
	if err := json.Unmarshal([]byte(in), &s); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Kind, s.Data, s.Autonomy())

	err := json.Unmarshal([]byte(`{"name":"x","kind":"teleport","orientation":"solutions"}`), &s)
	fmt.Println(err)
	// Output:
	// refill automatic-execution transactions+monitoring 1
	// strategy.Strategy.UnmarshalJSON: kind = teleport: unknown name
}
