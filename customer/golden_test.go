package customer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/connectedstrategy/connected/internal/golden"
	"github.com/connectedstrategy/connected/strategy"
)

// TestGoldenSample pins seeded draws from the default population (Sample
// and FillStream), so that a change in sampling shows as a diff. Regenerate
// with go test -run TestGolden -update.
func TestGoldenSample(t *testing.T) {
	pop := DefaultPopulation()
	cs, err := pop.Sample(rand.New(rand.NewPCG(2026, 11)), 12)
	if err != nil {
		t.Fatal(err)
	}
	st := make([]Customer, 12)
	if err := pop.FillStream(2026, 1000, st); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, part := range []struct {
		name string
		cs   []Customer
	}{{"Sample(PCG 2026/11)", cs}, {"FillStream(seed 2026, first 1000)", st}} {
		fmt.Fprintf(&buf, "# %s\n", part.name)
		for _, c := range part.cs {
			tr := c.Traits
			consent, _ := json.Marshal(c.Consent)
			fmt.Fprintf(&buf, "%-3s %-24s nk=%.4f cd=%.4f pc=%.4f mt=%.4f in=%.4f pr=%.4f mc=%.3f n=%.3f lag=%.3f dc=%.3f v=%.3f f=%.3f trust=%.4f consent=%s\n",
				c.ID, c.Segment, tr.NeedKnowledge, tr.ControlDesire, tr.PrivacyConcern, tr.MonitoringTolerance,
				tr.Inertia, tr.Predictability, tr.MistakeCost, tr.OptionSetSize, tr.RecognitionLag, tr.DelayCost,
				tr.NeedValue, tr.Frequency, c.Trust.Value(), consent)
		}
	}
	golden.Check(t, "sample.golden", buf.Bytes())
}

// TestGoldenUtility pins the default model: each segment's typical member's
// utility of each default strategy at accuracy 0.7, and the logit choice
// with every strategy eligible.
func TestGoldenUtility(t *testing.T) {
	var buf bytes.Buffer
	ss := strategy.Default()
	all := []bool{true, true, true, true, true}
	p := make([]float64, len(ss)+1)
	for _, seg := range DefaultPopulation().Segments {
		c := Customer{Traits: seg.MeanTraits(), Trust: seg.Trust}
		fmt.Fprintf(&buf, "# %s (trust %.3f)\n", seg.Name, c.Trust.Value())
		for _, s := range ss {
			u, err := Model{}.Utility(c, s, 0.7)
			if err != nil {
				t.Fatal(err)
			}
			d, _ := Model{}.Delight(c, s, 0.7)
			fmt.Fprintf(&buf, "%-20s value=%7.3f effort=%6.3f delay=%6.3f privacy=%6.3f creepy=%6.3f control=%6.3f mistakes=%6.3f nuisance=%5.3f total=%8.3f delight=%.4f\n",
				s.Name, u.Value, u.Effort, u.Delay, u.Privacy, u.Creepiness, u.Control, u.Mistakes, u.Nuisance, u.Total, d)
		}
		if err := (Model{}).Choice(p, c, ss, all, 0.7); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&buf, "choice %.4f (outside)\n", p)
	}
	golden.Check(t, "utility.golden", buf.Bytes())
}
