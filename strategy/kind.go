package strategy

import (
	"strconv"

	"github.com/connectedstrategy/connected"
)

// A Kind is one of the five ways a firm can serve a customer's need, ordered
// from the least to the most firm-initiated (Siggelkow & Terwiesch 2019).
// The zero Kind is invalid, so a field nobody set is caught by Validate.
type Kind int

// The five connected-strategy kinds. Their text forms are the kebab-case
// names given beside each.
const (
	BuyWhatWeHave      Kind = iota + 1 // "buy-what-we-have": the baseline, always available
	RespondToDesire                    // "respond-to-desire": low-friction ordering
	CuratedOffering                    // "curated-offering": firm proposes a short menu
	CoachBehavior                      // "coach-behavior": firm nudges, customer decides
	AutomaticExecution                 // "automatic-execution": firm recognizes and orders
)

var kindNames = [...]string{
	BuyWhatWeHave:      "buy-what-we-have",
	RespondToDesire:    "respond-to-desire",
	CuratedOffering:    "curated-offering",
	CoachBehavior:      "coach-behavior",
	AutomaticExecution: "automatic-execution",
}

// Kinds returns the five kinds in order. The slice is new on every call.
func Kinds() []Kind {
	return []Kind{BuyWhatWeHave, RespondToDesire, CuratedOffering, CoachBehavior, AutomaticExecution}
}

// Valid reports whether k is one of the five kinds.
func (k Kind) Valid() bool { return k >= BuyWhatWeHave && k <= AutomaticExecution }

// String returns the kind's text form, e.g. "curated-offering", and
// "Kind(n)" for an invalid kind.
func (k Kind) String() string {
	if k.Valid() {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind returns the kind whose text form is s, exactly as String writes
// it. Any other string returns a *connected.FieldError wrapping
// connected.ErrUnknown.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds() {
		if kindNames[k] == s {
			return k, nil
		}
	}
	return 0, connected.NewFieldError("strategy.ParseKind", "kind", s, connected.ErrUnknown)
}

// MarshalText encodes a valid kind as its text form; an invalid kind is an
// error wrapping connected.ErrUnknown.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.Valid() {
		return nil, connected.NewFieldError("strategy.Kind.MarshalText", "kind", int(k), connected.ErrUnknown)
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText decodes a text form written by MarshalText. On error k is
// left unchanged.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := ParseKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// DefaultOrientation is the orientation Default gives the kind: Solutions when
// the firm places the order (automatic execution), Engagement when the
// customer still decides. This mapping of Siggelkow & Terwiesch's kinds onto
// MIT CISR's two digital strategies (Ross, Sebastian & Beath 2017) is a
// modeling choice; set Strategy.Orientation to override it.
func (k Kind) DefaultOrientation() Orientation {
	if k == AutomaticExecution {
		return Solutions
	}
	return Engagement
}

// An Orientation is one of MIT CISR's two digital strategies (Ross, Sebastian
// & Beath, "How to Develop a Great Digital Strategy", MIT Sloan Management
// Review 58(2), 2017): customer engagement or digitized solutions. The zero
// Orientation is invalid.
type Orientation int

// The two orientations; text forms "engagement" and "solutions".
const (
	Engagement Orientation = iota + 1 // customer engagement
	Solutions                         // digitized solutions
)

// Valid reports whether o is Engagement or Solutions.
func (o Orientation) Valid() bool { return o == Engagement || o == Solutions }

// String returns "engagement" or "solutions", and "Orientation(n)" otherwise.
func (o Orientation) String() string {
	switch o {
	case Engagement:
		return "engagement"
	case Solutions:
		return "solutions"
	}
	return "Orientation(" + strconv.Itoa(int(o)) + ")"
}

// ParseOrientation returns the orientation whose text form is s; any other
// string is an error wrapping connected.ErrUnknown.
func ParseOrientation(s string) (Orientation, error) {
	switch s {
	case "engagement":
		return Engagement, nil
	case "solutions":
		return Solutions, nil
	}
	return 0, connected.NewFieldError("strategy.ParseOrientation", "orientation", s, connected.ErrUnknown)
}

// MarshalText encodes a valid orientation as its text form.
func (o Orientation) MarshalText() ([]byte, error) {
	if !o.Valid() {
		return nil, connected.NewFieldError("strategy.Orientation.MarshalText", "orientation", int(o), connected.ErrUnknown)
	}
	return []byte(o.String()), nil
}

// UnmarshalText decodes a text form written by MarshalText. On error o is
// left unchanged.
func (o *Orientation) UnmarshalText(b []byte) error {
	v, err := ParseOrientation(string(b))
	if err != nil {
		return err
	}
	*o = v
	return nil
}
