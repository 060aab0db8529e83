package learning

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/connectedstrategy/connected"
)

// learnerState exposes a Learner's state for comparison.
type learnerState struct {
	N, K, S int
	Forget  float64
	Ev      []uint64
	Seg     []uint32
	Prior   []Beta
}

func stateOf(l *Learner) learnerState {
	return learnerState{l.n, l.k, l.s, l.forget, l.ev, l.seg, l.prior}
}

func busyLearner(t testing.TB) *Learner {
	l := mustNew(t, Config{Customers: 7, Arms: 3, Segments: 2, Forget: 0.97, Prior: Beta{0.7, 2.5}})
	r := rand.New(rand.NewPCG(61, 62))
	for c := range 7 {
		_ = l.SetSegment(c, c%2)
	}
	_ = l.SetPrior(1, 2, Beta{0.1 + 1.0/3, 1e-3})
	for range 100 {
		_ = l.Update(r.IntN(7), r.IntN(3), r.Float64())
	}
	return l
}

func TestEncodingRoundTrip(t *testing.T) {
	l := busyLearner(t)
	bin, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var fromBin Learner
	if err := fromBin.UnmarshalBinary(bin); err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON Learner
	if err := json.Unmarshal(js, &fromJSON); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]*Learner{"binary": &fromBin, "json": &fromJSON} {
		if diff := cmp.Diff(stateOf(l), stateOf(got)); diff != "" {
			t.Errorf("%s round trip mismatch (-want +got):\n%s", name, diff)
		}
		// The decoded learner is usable.
		if _, err := got.Choose(rand.New(rand.NewPCG(1, 1)), Thompson{}, 3, []bool{true, true, true}); err != nil {
			t.Errorf("%s: Choose after decode: %v", name, err)
		}
	}
	if want := binHeader + 16*2*3 + 4*7 + 16*7*3 + 4; len(bin) != want {
		t.Errorf("binary size %d, want %d", len(bin), want)
	}
}

func TestUnmarshalBinaryRejectsCorruption(t *testing.T) {
	bin, _ := busyLearner(t).MarshalBinary()
	orig := stateOf(busyLearner(t))
	for i := range bin {
		for _, flip := range []byte{0x01, 0x80} {
			bad := append([]byte(nil), bin...)
			bad[i] ^= flip
			l := busyLearner(t)
			if err := l.UnmarshalBinary(bad); err == nil {
				t.Fatalf("flipping byte %d (0x%02x) was not detected", i, flip)
			} else if diff := cmp.Diff(orig, stateOf(l)); diff != "" {
				t.Fatalf("failed decode changed the learner: %s", diff)
			}
		}
	}
	for n := range len(bin) {
		var l Learner
		if err := l.UnmarshalBinary(bin[:n]); !errors.Is(err, connected.ErrSyntax) {
			t.Fatalf("truncated to %d bytes: %v, want ErrSyntax", n, err)
		}
	}
	var l Learner
	if err := l.UnmarshalBinary(append(bin, 0)); !errors.Is(err, connected.ErrSyntax) {
		t.Errorf("trailing byte: %v, want ErrSyntax", err)
	}
}

func TestUnmarshalJSONErrors(t *testing.T) {
	good, _ := json.Marshal(busyLearner(t))
	var m map[string]any
	_ = json.Unmarshal(good, &m)
	edit := func(k string, v any) []byte {
		c := map[string]any{}
		for kk, vv := range m {
			c[kk] = vv
		}
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		b, _ := json.Marshal(c)
		return b
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"not json", []byte("{"), connected.ErrSyntax},
		{"unknown key", edit("extra", 1), connected.ErrSyntax},
		{"trailing data", append(append([]byte(nil), good...), []byte(" {}")...), connected.ErrSyntax},
		{"wrong type", edit("arms", "three"), connected.ErrSyntax},
		{"short evidence", edit("evidence", []int{1, 2}), connected.ErrSyntax},
		{"short priors", edit("priors", []any{}), connected.ErrSyntax},
		{"bad prior", edit("priors", append([]any{map[string]any{"alpha": -1, "beta": 1}}, m["priors"].([]any)[1:]...)), connected.ErrOutOfRange},
		{"segment out of range", edit("segment_of", []int{0, 1, 2, 0, 1, 0, 1}), connected.ErrOutOfRange},
		{"forget 0", edit("forget", 0), connected.ErrOutOfRange},
		{"no arms", edit("arms", 0), connected.ErrOutOfRange},
		{"negative evidence", edit("evidence", append([]int{-1}, make([]int, 41)...)), connected.ErrSyntax},
	}
	for _, tt := range tests {
		var l Learner
		if err := l.UnmarshalJSON(tt.data); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	bin, _ := busyLearner(f).MarshalBinary()
	f.Add(bin)
	f.Add(bin[:binHeader+4])
	f.Add([]byte("CSLN\x01\xff\xff\xff\x7f\x40\x00\x00\x00\xff\xff\xff\x7f\x00\x00\x00\x00\x00\x00\xf0\x3f\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Learner
		if err := l.UnmarshalBinary(data); err != nil {
			return
		}
		// Whatever decodes re-encodes to the same bytes and works.
		again, err := l.MarshalBinary()
		if err != nil || string(again) != string(data) {
			t.Fatalf("re-encoding differs")
		}
		if _, err := l.Posterior(0, 0); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzUnmarshalJSON(f *testing.F) {
	js, _ := json.Marshal(busyLearner(f))
	f.Add(js)
	f.Add([]byte(`{"customers":1,"arms":1,"segments":1,"forget":1,"priors":[{"alpha":1,"beta":1}],"segment_of":[0],"evidence":[0,0]}`))
	f.Add([]byte(`{"customers":2147483647,"arms":64,"segments":1,"forget":1,"priors":[],"segment_of":[],"evidence":[]}`))
	f.Add([]byte(`{"customers":1,"arms":1,"segments":1,"forget":NaN}`))
	f.Add([]byte(`{"customers":1,"arms":1,"segments":1,"forget":1e309}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Learner
		if err := l.UnmarshalJSON(data); err != nil {
			return
		}
		js, err := l.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var l2 Learner
		if err := l2.UnmarshalJSON(js); err != nil {
			t.Fatalf("re-decoding own encoding: %v", err)
		}
		if diff := cmp.Diff(stateOf(&l), stateOf(&l2)); diff != "" {
			t.Fatalf("JSON round trip mismatch: %s", diff)
		}
	})
}
