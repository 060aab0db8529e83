package customer

import (
	"errors"
	"slices"
	"testing"
	"unsafe"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/strategy"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

const modelPeriods = 30 // the state-machine test keeps periods in [0, modelPeriods)

// consentModel is the plain model of a ledger: the granted set of each
// kind at each period, each call rewriting every period from its own on.
type consentModel [6][modelPeriods]strategy.DataSet

// lastChange returns the latest period at which k's state changes, or -1.
func (m *consentModel) lastChange(k strategy.Kind) int {
	for t := modelPeriods - 1; t >= 0; t-- {
		prev := strategy.DataSet(0)
		if t > 0 {
			prev = m[k][t-1]
		}
		if m[k][t] != prev {
			return t
		}
	}
	return -1
}

func (m *consentModel) apply(k strategy.Kind, d strategy.DataSet, p int, grant bool) {
	for t := p; t < modelPeriods; t++ {
		if grant {
			m[k][t] |= d
		} else {
			m[k][t] &^= d
		}
	}
}

func checkAgainstModel(t *rapid.T, c *Consent, m *consentModel, label string) {
	for k := strategy.RespondToDesire; k <= strategy.AutomaticExecution; k++ {
		for p := range modelPeriods + 3 {
			want := m[k][min(p, modelPeriods-1)]
			if got := c.Granted(k, p); got != want {
				t.Fatalf("%s: Granted(%v, %d) = %v, want %v", label, k, p, got, want)
			}
		}
	}
	for p := range modelPeriods {
		var want strategy.DataSet
		for k := strategy.RespondToDesire; k <= strategy.AutomaticExecution; k++ {
			want |= m[k][p]
		}
		if got := c.Learnable(p); got != want {
			t.Fatalf("%s: Learnable(%d) = %v, want %v", label, p, got, want)
		}
	}
	// Replaying Changes rebuilds an identical ledger, and changes are
	// canonical: each one alters the state.
	var replay Consent
	prev := map[strategy.Kind]strategy.DataSet{}
	for ch := range c.Changes() {
		if ch.Data == prev[ch.Kind] {
			t.Fatalf("%s: change %+v does not change the state", label, ch)
		}
		prev[ch.Kind] = ch.Data
		cur := replay.Granted(ch.Kind, MaxPeriod)
		if err := replay.Revoke(ch.Kind, allData, ch.Period); err != nil && cur != 0 {
			t.Fatalf("%s: replay revoke %+v: %v", label, ch, err)
		}
		if !ch.Data.Empty() {
			if err := replay.Grant(ch.Kind, ch.Data, ch.Period); err != nil {
				t.Fatalf("%s: replay grant %+v: %v", label, ch, err)
			}
		}
	}
	// The representation is canonical: the same ledger, however built, is
	// the same value.
	if diff := cmp.Diff(*c, replay, cmpConsent); diff != "" {
		t.Fatalf("%s: replayed ledger differs in representation:\n%s", label, diff)
	}
	if !slices.Equal(slices.Collect(replay.Changes()), slices.Collect(c.Changes())) {
		t.Fatalf("%s: replayed changes differ:\n%v\n%v", label, slices.Collect(replay.Changes()), slices.Collect(c.Changes()))
	}
}

// TestConsentStateMachine checks every query of a Consent against the plain
// model after random grants, revocations and copies, including copies made
// before later changes (which must not see them).
func TestConsentStateMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var c Consent
		var m consentModel
		var saved Consent
		var savedModel consentModel
		event := func(t *rapid.T, grant bool) {
			k := genConsentKind().Draw(t, "kind")
			d := genData().Draw(t, "data")
			// Draw periods near the kind's latest change so that both
			// accepted and rejected calls are common.
			p := rapid.IntRange(max(0, m.lastChange(k)-2), modelPeriods-1).Draw(t, "period")
			var err error
			if grant {
				err = c.Grant(k, d, p)
			} else {
				err = c.Revoke(k, d, p)
			}
			if wantErr := p < m.lastChange(k); wantErr != (err != nil) {
				t.Fatalf("grant=%v(%v, %v, %d): err = %v, want error %v (last change %d)", grant, k, d, p, err, wantErr, m.lastChange(k))
			}
			if err == nil {
				m.apply(k, d, p, grant)
			} else if !errors.Is(err, connected.ErrOutOfRange) {
				t.Fatalf("error %v does not wrap ErrOutOfRange", err)
			}
		}
		t.Repeat(map[string]func(*rapid.T){
			"grant":  func(t *rapid.T) { event(t, true) },
			"revoke": func(t *rapid.T) { event(t, false) },
			"revokeAll": func(t *rapid.T) {
				p := rapid.IntRange(0, modelPeriods-1).Draw(t, "period")
				wantErr := false
				for k := strategy.RespondToDesire; k <= strategy.AutomaticExecution; k++ {
					if m[k][modelPeriods-1] != 0 && p < m.lastChange(k) {
						wantErr = true
					}
				}
				err := c.RevokeAll(p)
				if wantErr != (err != nil) {
					t.Fatalf("RevokeAll(%d): err = %v, want error %v", p, err, wantErr)
				}
				if err == nil {
					for k := strategy.RespondToDesire; k <= strategy.AutomaticExecution; k++ {
						if m[k][modelPeriods-1] != 0 {
							m.apply(k, allData, p, false)
						}
					}
				}
			},
			"copy": func(t *rapid.T) { saved, savedModel = c, m },
			"": func(t *rapid.T) {
				checkAgainstModel(t, &c, &m, "ledger")
				checkAgainstModel(t, &saved, &savedModel, "saved copy")
			},
		})
	})
}

func TestConsentErrors(t *testing.T) {
	tests := []struct {
		name   string
		kind   strategy.Kind
		data   strategy.DataSet
		period int
		field  string
		want   error
	}{
		{"unknown kind", 0, allData, 0, "kind", connected.ErrUnknown},
		{"kind too large", 6, allData, 0, "kind", connected.ErrUnknown},
		{"baseline needs no consent", strategy.BuyWhatWeHave, allData, 0, "kind", connected.ErrOutOfRange},
		{"empty data", strategy.CuratedOffering, 0, 0, "data", connected.ErrEmpty},
		{"unknown data bits", strategy.CuratedOffering, 0x80, 0, "data", connected.ErrUnknown},
		{"negative period", strategy.CuratedOffering, allData, -1, "period", connected.ErrOutOfRange},
		{"period beyond MaxPeriod", strategy.CuratedOffering, allData, MaxPeriod + 1, "period", connected.ErrOutOfRange},
	}
	for _, tt := range tests {
		for _, op := range []string{"Grant", "Revoke"} {
			t.Run(op+"/"+tt.name, func(t *testing.T) {
				var c Consent
				var err error
				if op == "Grant" {
					err = c.Grant(tt.kind, tt.data, tt.period)
				} else {
					err = c.Revoke(tt.kind, tt.data, tt.period)
				}
				if !errors.Is(err, tt.want) {
					t.Fatalf("%s(%v, %v, %d) = %v, want %v", op, tt.kind, tt.data, tt.period, err, tt.want)
				}
				var fe *connected.FieldError
				if !errors.As(err, &fe) || fe.Field != tt.field {
					t.Errorf("%s error field = %v, want %q", op, err, tt.field)
				}
				if diff := cmp.Diff(Consent{}, c, cmp.AllowUnexported(Consent{})); diff != "" {
					t.Errorf("failed %s changed the ledger (-want +got):\n%s", op, diff)
				}
			})
		}
	}
	t.Run("reaching back before the latest change", func(t *testing.T) {
		var c Consent
		if err := c.Grant(strategy.CoachBehavior, allData, 10); err != nil {
			t.Fatal(err)
		}
		err := c.Grant(strategy.CuratedOffering, allData, 3) // another kind: fine
		if err != nil {
			t.Fatalf("grant for another kind at an earlier period: %v", err)
		}
		if err := c.Revoke(strategy.CoachBehavior, allData, 9); !errors.Is(err, connected.ErrOutOfRange) {
			t.Errorf("Revoke before the latest change = %v, want ErrOutOfRange", err)
		}
		if err := c.RevokeAll(9); !errors.Is(err, connected.ErrOutOfRange) {
			t.Errorf("RevokeAll before the latest change = %v, want ErrOutOfRange", err)
		}
		if err := c.RevokeAll(-1); !errors.Is(err, connected.ErrOutOfRange) {
			t.Errorf("RevokeAll(-1) = %v, want ErrOutOfRange", err)
		}
	})
}

func TestConsentLifecycle(t *testing.T) {
	auto := strategy.Default()[strategy.AutomaticExecution-1]
	curated := strategy.Default()[strategy.CuratedOffering-1]
	var c Consent
	if c.Allows(curated, 0) || !c.Learnable(0).Empty() {
		t.Fatal("the zero Consent allows a consent-needing strategy or learning")
	}
	if err := c.Grant(strategy.AutomaticExecution, strategy.NewDataSet(strategy.Transactions, strategy.Preferences), 2); err != nil {
		t.Fatal(err)
	}
	if c.Allows(auto, 5) {
		t.Error("a grant missing behavioral and monitoring data allows automatic execution")
	}
	if err := c.Grant(strategy.AutomaticExecution, strategy.NewDataSet(strategy.Behavioral, strategy.Monitoring), 4); err != nil {
		t.Fatal(err)
	}
	for p, want := range []bool{false, false, false, false, true, true, true, false, false} {
		if p == 7 {
			if err := c.Revoke(strategy.AutomaticExecution, strategy.NewDataSet(strategy.Monitoring), 7); err != nil {
				t.Fatal(err)
			}
		}
		if got := c.Allows(auto, p); got != want {
			t.Errorf("Allows(automatic, %d) = %v, want %v", p, got, want)
		}
	}
	if c.Allows(curated, 5) {
		t.Error("consent to automatic execution allows curated offering: consent is per kind")
	}
	if got, want := c.Learnable(8), strategy.NewDataSet(strategy.Transactions, strategy.Preferences, strategy.Behavioral); got != want {
		t.Errorf("Learnable(8) = %v, want %v", got, want)
	}
	// Three changes of one kind spill to the log; queries stay exact.
	if got := c.Granted(strategy.AutomaticExecution, 3); got != strategy.NewDataSet(strategy.Transactions, strategy.Preferences) {
		t.Errorf("Granted(automatic, 3) = %v", got)
	}
}

// TestSize pins the memory promise: the per-customer state fits 200 bytes.
func TestSize(t *testing.T) {
	if got := unsafe.Sizeof(Consent{}); got > 48 {
		t.Errorf("Sizeof(Consent) = %d, want ≤ 48", got)
	}
	if got := unsafe.Sizeof(Customer{}); got > 200 {
		t.Errorf("Sizeof(Customer) = %d, want ≤ 200", got)
	}
}

func TestConsentQueriesDoNotAllocate(t *testing.T) {
	var c Consent
	for p := range 5 { // force the log
		if err := c.Grant(strategy.CuratedOffering, strategy.DataSet(2<<(p%3)), 2*p); err != nil {
			t.Fatal(err)
		}
		if err := c.Revoke(strategy.CuratedOffering, allData, 2*p+1); err != nil {
			t.Fatal(err)
		}
	}
	curated := strategy.Default()[strategy.CuratedOffering-1]
	var sink bool
	got := testing.AllocsPerRun(100, func() {
		sink = c.Allows(curated, 7) || !c.Learnable(9).Empty() || c.Granted(strategy.CoachBehavior, 3) != 0
	})
	_ = sink
	if got != 0 {
		t.Errorf("consent queries allocate %v times, want 0", got)
	}
}
