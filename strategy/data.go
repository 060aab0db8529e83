package strategy

import (
	"encoding/json"
	"iter"
	"math/bits"
	"strconv"
	"strings"

	"github.com/connectedstrategy/connected"
)

// A DataCategory is a kind of customer data a strategy needs. The four are
// nested in practice (transactions ⊂ preferences ⊂ behavioral ⊂ continuous
// monitoring; README, Concepts), but a DataSet may hold any combination. The zero
// DataCategory is invalid.
type DataCategory int

// The four data categories; text forms "transactions", "preferences",
// "behavioral" and "monitoring".
const (
	Transactions DataCategory = iota + 1 // what was bought, when
	Preferences                          // stated tastes and ratings
	Behavioral                           // observed behaviour: usage, adherence, routines
	Monitoring                           // continuous sensing: device levels, location
)

var categoryNames = [...]string{
	Transactions: "transactions",
	Preferences:  "preferences",
	Behavioral:   "behavioral",
	Monitoring:   "monitoring",
}

// Categories returns the four categories in order. The slice is new on every
// call.
func Categories() []DataCategory {
	return []DataCategory{Transactions, Preferences, Behavioral, Monitoring}
}

// Valid reports whether c is one of the four categories.
func (c DataCategory) Valid() bool { return c >= Transactions && c <= Monitoring }

// String returns the category's text form, and "DataCategory(n)" otherwise.
func (c DataCategory) String() string {
	if c.Valid() {
		return categoryNames[c]
	}
	return "DataCategory(" + strconv.Itoa(int(c)) + ")"
}

// ParseDataCategory returns the category whose text form is s; any other
// string is an error wrapping connected.ErrUnknown.
func ParseDataCategory(s string) (DataCategory, error) {
	for _, c := range Categories() {
		if categoryNames[c] == s {
			return c, nil
		}
	}
	return 0, connected.NewFieldError("strategy.ParseDataCategory", "data category", s, connected.ErrUnknown)
}

// MarshalText encodes a valid category as its text form.
func (c DataCategory) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, connected.NewFieldError("strategy.DataCategory.MarshalText", "data category", int(c), connected.ErrUnknown)
	}
	return []byte(categoryNames[c]), nil
}

// UnmarshalText decodes a text form written by MarshalText. On error c is
// left unchanged.
func (c *DataCategory) UnmarshalText(b []byte) error {
	v, err := ParseDataCategory(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// A DataSet is a set of data categories, one bit per category. The zero
// DataSet is empty and ready to use; a DataSet is a value and may be shared
// freely.
type DataSet uint8

const allData = DataSet(1<<Transactions | 1<<Preferences | 1<<Behavioral | 1<<Monitoring)

// NewDataSet returns the set of the given categories. Invalid categories are
// kept as bits that Valid reports.
func NewDataSet(cs ...DataCategory) DataSet {
	var d DataSet
	for _, c := range cs {
		d = d.With(c)
	}
	return d
}

// With returns d with c added. An invalid c leaves d unchanged.
func (d DataSet) With(c DataCategory) DataSet {
	if c < 0 || c > 7 {
		return d
	}
	return d | 1<<c
}

// Has reports whether c is in d.
func (d DataSet) Has(c DataCategory) bool { return c >= 0 && c <= 7 && d&(1<<c) != 0 }

// Covers reports whether every category in need is also in d.
func (d DataSet) Covers(need DataSet) bool { return need&^d == 0 }

// Union returns the categories in d or e.
func (d DataSet) Union(e DataSet) DataSet { return d | e }

// Intersect returns the categories in both d and e.
func (d DataSet) Intersect(e DataSet) DataSet { return d & e }

// Len returns how many categories d holds.
func (d DataSet) Len() int {
	return bits.OnesCount8(uint8(d))
}

// Empty reports whether d holds no category.
func (d DataSet) Empty() bool { return d == 0 }

// Valid reports whether d holds only the four known categories.
func (d DataSet) Valid() bool { return d&^allData == 0 }

// All yields the categories of d in category order.
func (d DataSet) All() iter.Seq[DataCategory] {
	return func(yield func(DataCategory) bool) {
		for _, c := range Categories() {
			if d.Has(c) && !yield(c) {
				return
			}
		}
	}
}

// String returns the categories joined by "+", e.g. "transactions+monitoring",
// or "none" for the empty set.
func (d DataSet) String() string {
	if d == 0 {
		return "none"
	}
	var parts []string
	for c := range d.All() {
		parts = append(parts, c.String())
	}
	if !d.Valid() {
		parts = append(parts, "DataSet(0x"+strconv.FormatUint(uint64(d&^allData), 16)+")")
	}
	return strings.Join(parts, "+")
}

// ParseDataSet parses the form String writes: category names joined by "+"
// (commas are accepted too), or "none" or "" for the empty set. Unknown names
// return an error wrapping connected.ErrUnknown; a repeated name wraps
// connected.ErrDuplicate.
func ParseDataSet(s string) (DataSet, error) {
	if s == "" || s == "none" {
		return 0, nil
	}
	var d DataSet
	for _, name := range strings.FieldsFunc(s, func(r rune) bool { return r == '+' || r == ',' }) {
		c, err := ParseDataCategory(strings.TrimSpace(name))
		if err != nil {
			return 0, connected.NewFieldError("strategy.ParseDataSet", "data", name, connected.ErrUnknown)
		}
		if d.Has(c) {
			return 0, connected.NewFieldError("strategy.ParseDataSet", "data", name, connected.ErrDuplicate)
		}
		d = d.With(c)
	}
	return d, nil
}

// MarshalJSON encodes d as an array of category names in category order,
// e.g. ["transactions","monitoring"]; the empty set is [].
func (d DataSet) MarshalJSON() ([]byte, error) {
	if !d.Valid() {
		return nil, connected.NewFieldError("strategy.DataSet.MarshalJSON", "data", d.String(), connected.ErrUnknown)
	}
	names := make([]string, 0, 4)
	for c := range d.All() {
		names = append(names, c.String())
	}
	return json.Marshal(names)
}

// UnmarshalJSON decodes an array of category names (or null, the empty set).
// Unknown names wrap connected.ErrUnknown and repeats connected.ErrDuplicate,
// naming the element; on error d is left unchanged.
func (d *DataSet) UnmarshalJSON(b []byte) error {
	var names []string
	if err := json.Unmarshal(b, &names); err != nil {
		return connected.NewFieldError("strategy.DataSet.UnmarshalJSON", "data", string(b), connected.ErrUnknown)
	}
	var v DataSet
	for i, name := range names {
		c, err := ParseDataCategory(name)
		if err != nil {
			return connected.NewFieldError("strategy.DataSet.UnmarshalJSON", "data["+strconv.Itoa(i)+"]", name, connected.ErrUnknown)
		}
		if v.Has(c) {
			return connected.NewFieldError("strategy.DataSet.UnmarshalJSON", "data["+strconv.Itoa(i)+"]", name, connected.ErrDuplicate)
		}
		v = v.With(c)
	}
	*d = v
	return nil
}
