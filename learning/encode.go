package learning

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"math"

	"github.com/connectedstrategy/connected"
)

// Binary layout (all little-endian), version 1:
//
//	magic "CSLN" | version u8 | customers u32 | arms u32 | segments u32 |
//	forget f64 | priors segments×arms×(α f64, β f64) |
//	segment u32 per customer | evidence customers×arms×(S u64, F u64) |
//	CRC-32 (IEEE) of everything before it, u32
const (
	binMagic   = "CSLN"
	binVersion = 1
	binHeader  = 4 + 1 + 4 + 4 + 4 + 8
)

// MarshalBinary encodes l compactly (16 bytes per pair, 4 per customer, 16
// per segment prior) with a CRC-32 so corruption is detected on decoding.
// Decoding the result with UnmarshalBinary gives a Learner with identical
// state. It does not modify l.
func (l *Learner) MarshalBinary() ([]byte, error) {
	size := binHeader + 16*l.s*l.k + 4*l.n + 16*l.n*l.k + 4
	b := make([]byte, 0, size)
	b = append(b, binMagic...)
	b = append(b, binVersion)
	b = binary.LittleEndian.AppendUint32(b, uint32(l.n))
	b = binary.LittleEndian.AppendUint32(b, uint32(l.k))
	b = binary.LittleEndian.AppendUint32(b, uint32(l.s))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(l.forget))
	for _, p := range l.prior {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.Alpha))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.Beta))
	}
	for _, s := range l.seg {
		b = binary.LittleEndian.AppendUint32(b, s)
	}
	for _, v := range l.ev {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

// UnmarshalBinary replaces l's state with the one encoded in data by
// MarshalBinary. Truncated, over-long or corrupt input (bad magic, version,
// sizes or checksum) returns an error wrapping connected.ErrSyntax; a
// well-formed encoding of invalid values (a prior ≤ 0, a segment index out of
// range, a forgetting factor outside (0, 1]) returns the corresponding
// *connected.FieldError. On error l is unchanged. It never panics.
func (l *Learner) UnmarshalBinary(data []byte) error {
	const op = "learning.Learner.UnmarshalBinary"
	syntax := func(field string, v any) error { return connected.NewFieldError(op, field, v, connected.ErrSyntax) }
	if len(data) < binHeader+4 {
		return syntax("length", len(data))
	}
	if string(data[:4]) != binMagic {
		return syntax("magic", string(data[:4]))
	}
	if data[4] != binVersion {
		return syntax("version", data[4])
	}
	le := binary.LittleEndian
	n, k, s := uint64(le.Uint32(data[5:])), uint64(le.Uint32(data[9:])), uint64(le.Uint32(data[13:]))
	if n == 0 || n > math.MaxInt32 {
		return syntax("customers", n)
	}
	if k == 0 || k > MaxArms {
		return syntax("arms", k)
	}
	if s == 0 || s > math.MaxInt32 {
		return syntax("segments", s)
	}
	// n, s < 2³¹ and k ≤ 64: the size fits in uint64 without overflow.
	if want := uint64(binHeader) + 16*s*k + 4*n + 16*n*k + 4; uint64(len(data)) != want {
		return syntax("length", len(data))
	}
	body := data[:len(data)-4]
	if got, want := crc32.ChecksumIEEE(body), le.Uint32(data[len(data)-4:]); got != want {
		return syntax("checksum", got)
	}
	cfg := Config{Customers: int(n), Arms: int(k), Segments: int(s), Forget: math.Float64frombits(le.Uint64(data[17:]))}
	if err := checkForget(op, cfg.Forget); err != nil {
		return err
	}
	nl := &Learner{n: int(n), k: int(k), s: int(s), forget: cfg.Forget,
		prior: make([]Beta, s*k), seg: make([]uint32, n), ev: make([]uint64, 2*n*k)}
	p := body[binHeader:]
	for i := range nl.prior {
		b := Beta{math.Float64frombits(le.Uint64(p)), math.Float64frombits(le.Uint64(p[8:]))}
		if err := checkBeta(op, "priors["+itoa(i)+"]", b); err != nil {
			return err
		}
		nl.prior[i] = b
		p = p[16:]
	}
	for i := range nl.seg {
		v := le.Uint32(p)
		if uint64(v) >= s {
			return connected.NewFieldError(op, "segment_of["+itoa(i)+"]", v, connected.ErrOutOfRange)
		}
		nl.seg[i] = v
		p = p[4:]
	}
	for i := range nl.ev {
		nl.ev[i] = le.Uint64(p)
		p = p[8:]
	}
	*l = *nl
	return nil
}

func checkForget(op string, f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return connected.NewFieldError(op, "forget", f, connected.ErrNotFinite)
	}
	if !(f > 0 && f <= 1) {
		return connected.NewFieldError(op, "forget", f, connected.ErrOutOfRange)
	}
	return nil
}

// learnerJSON is the JSON form. Evidence stays in 32.32 fixed point (integers,
// so it round-trips exactly); floats use Go's shortest round-tripping form.
type learnerJSON struct {
	Customers int         `json:"customers"`
	Arms      int         `json:"arms"`
	Segments  int         `json:"segments"`
	Forget    float64     `json:"forget"`
	Priors    []priorJSON `json:"priors"`     // segment-major, segments×arms
	SegmentOf []uint32    `json:"segment_of"` // per customer
	Evidence  []uint64    `json:"evidence"`   // per customer, arm: successes, failures × 2³²
}

type priorJSON struct {
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta"`
}

// MarshalJSON encodes l as
//
//	{"customers": N, "arms": K, "segments": S, "forget": λ,
//	 "priors": [{"alpha": α, "beta": β}, ...],      // S×K, segment-major
//	 "segment_of": [s, ...],                         // N
//	 "evidence": [S₀₀, F₀₀, S₀₁, F₀₁, ...]}          // N×K pairs, units of 2⁻³²
//
// so that UnmarshalJSON restores identical state.
func (l *Learner) MarshalJSON() ([]byte, error) {
	j := learnerJSON{Customers: l.n, Arms: l.k, Segments: l.s, Forget: l.forget,
		Priors: make([]priorJSON, len(l.prior)), SegmentOf: l.seg, Evidence: l.ev}
	for i, p := range l.prior {
		j.Priors[i] = priorJSON(p)
	}
	return json.Marshal(j)
}

// UnmarshalJSON replaces l's state with the one encoded by MarshalJSON. It
// is strict: unknown keys, wrong types, trailing data and wrong lengths
// return an error wrapping connected.ErrSyntax; invalid values return the
// corresponding *connected.FieldError. On error l is unchanged. It never
// panics.
func (l *Learner) UnmarshalJSON(data []byte) error {
	const op = "learning.Learner.UnmarshalJSON"
	var j learnerJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return connected.NewFieldError(op, "json", err.Error(), connected.ErrSyntax)
	}
	if dec.More() {
		return connected.NewFieldError(op, "json", "trailing data", connected.ErrSyntax)
	}
	if err := (Config{Customers: j.Customers, Arms: j.Arms, Segments: j.Segments, Prior: Beta{1, 1}, Forget: 1}).Validate(); err != nil {
		return err
	}
	if err := checkForget(op, j.Forget); err != nil {
		return err
	}
	n, k, s := j.Customers, j.Arms, j.Segments
	if len(j.Priors) != s*k {
		return connected.NewFieldError(op, "priors", len(j.Priors), connected.ErrSyntax)
	}
	if len(j.SegmentOf) != n {
		return connected.NewFieldError(op, "segment_of", len(j.SegmentOf), connected.ErrSyntax)
	}
	if len(j.Evidence) != 2*n*k {
		return connected.NewFieldError(op, "evidence", len(j.Evidence), connected.ErrSyntax)
	}
	nl := &Learner{n: n, k: k, s: s, forget: j.Forget, prior: make([]Beta, s*k),
		seg: j.SegmentOf, ev: j.Evidence}
	for i, p := range j.Priors {
		if err := checkBeta(op, "priors["+itoa(i)+"]", Beta(p)); err != nil {
			return err
		}
		nl.prior[i] = Beta(p)
	}
	for i, v := range nl.seg {
		if int64(v) >= int64(s) {
			return connected.NewFieldError(op, "segment_of["+itoa(i)+"]", v, connected.ErrOutOfRange)
		}
	}
	*l = *nl
	return nil
}
