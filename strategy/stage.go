package strategy

import "strconv"

// A Stage is one step of a customer's need, from noticing it to learning from
// many such journeys (Siggelkow & Terwiesch, Connected Strategy, 2019, ch. 2).
// The zero Stage is invalid.
type Stage int

// The four stages in the order a need passes through them.
const (
	Recognize Stage = iota + 1 // someone notices the need
	Request                    // the need becomes an order
	Respond                    // the need is fulfilled; always the firm's
	Repeat                     // learning across many journeys; the firm's
)

// Stages returns the four stages in order. The slice is new on every call.
func Stages() []Stage { return []Stage{Recognize, Request, Respond, Repeat} }

// String returns "recognize", "request", "respond" or "repeat", and
// "Stage(n)" for an invalid stage.
func (s Stage) String() string {
	switch s {
	case Recognize:
		return "recognize"
	case Request:
		return "request"
	case Respond:
		return "respond"
	case Repeat:
		return "repeat"
	}
	return "Stage(" + strconv.Itoa(int(s)) + ")"
}

// A Party owns a stage: the customer, the firm, or both sharing it.
// The zero Party is invalid.
type Party int

// The parties that can own a stage.
const (
	Customer Party = iota + 1 // the customer does it (firm share 0)
	Firm                      // the firm does it (firm share 1)
	Shared                    // both take part (firm share strictly between 0 and 1)
)

// String returns "customer", "firm" or "shared", and "Party(n)" otherwise.
func (p Party) String() string {
	switch p {
	case Customer:
		return "customer"
	case Firm:
		return "firm"
	case Shared:
		return "shared"
	}
	return "Party(" + strconv.Itoa(int(p)) + ")"
}

// PartyOf maps a firm share in [0,1] to the party that owns the stage:
// 0 is the customer, 1 the firm, anything between is shared. A share outside
// [0,1] (or NaN) is clamped: ≤ 0 is the customer, ≥ 1 the firm.
func PartyOf(firmShare float64) Party {
	switch {
	case !(firmShare > 0):
		return Customer
	case firmShare >= 1:
		return Firm
	}
	return Shared
}
