package customer

import "github.com/connectedstrategy/connected/internal/check"

// A Customer is one person the firm serves: who they are, what they bring
// to a need, how much they trust the firm, and what they have consented to.
// Its size is at most 200 bytes (192 on 64-bit platforms), so a million
// customers fit in 200 MB. A Customer is a value; copies are independent
// (see [Consent]). The zero Customer is invalid (its Traits are).
type Customer struct {
	ID      string  `json:"id"`      // the caller's identifier; not interpreted
	Segment string  `json:"segment"` // the name of the segment it was drawn from, or ""
	Traits  Traits  `json:"traits"`  // what the customer brings to a need
	Trust   Trust   `json:"trust"`   // trust in the firm; the zero Trust is 0.5
	Consent Consent `json:"consent"` // consent ledger; the zero Consent grants nothing
}

// Validate reports invalid Traits and Trust as *connected.FieldError values
// named "Traits.Inertia", "Trust.Good" and so on, joined. A Consent is valid
// by construction. The fast path does not allocate.
func (c Customer) Validate() error {
	if c.Traits.valid() && c.Trust.valid() {
		return nil
	}
	const op = "customer.Customer.Validate"
	var errs check.Errs
	c.Traits.validate(&errs, op, "Traits.")
	c.Trust.validate(&errs, op, "Trust.")
	return errs.Err()
}
