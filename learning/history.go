package learning

import (
	"encoding/json"
	"slices"

	"github.com/connectedstrategy/connected/strategy"
)

// A Period records what happened in one period of the loop. Counts are
// customers or interactions; money is in the strategies' currency. A
// Period is a value; its Share slice belongs to it.
type Period struct {
	Period       int // index, from 0
	Active       int // customers active at the end of the period (after churn), ≤ market size
	Acquired     int // customers who joined at its start (Bass diffusion)
	Churned      int // customers who left at its end
	Interactions int // needs served (at most one per active customer)

	DelightRate float64 // delighted interactions / Interactions; 0 without interactions
	MeanTrust   float64 // mean trust value of the customers active at the end; 0 if none
	Accuracy    float64 // mean prediction accuracy for the customers active at the end; 0 if none
	Data        float64 // cumulative consented data volume n (interactions the firm may learn from)

	// Share is the fraction of the period's interactions served by each
	// strategy, in strategy order; all 0 without interactions.
	Share []float64

	Revenue float64 // Capture × NeedValue summed over delighted interactions
	Cost    float64 // variable costs of the interactions plus fixed costs of the open strategies
	Profit  float64 // Revenue − Cost
	Regret  float64 // cumulative Σ (best true delight probability − chosen one) over interactions, ≥ 0
}

// clone returns a deep copy of p.
func (p Period) clone() Period {
	p.Share = slices.Clone(p.Share)
	return p
}

// A History is the record of a run: one Period per simulated period, and
// the kinds of the strategies (in strategy order) that Share refers to. It
// marshals to JSON as
//
//	{"periods": [{"period", "active", "acquired", "churned", "delight_rate",
//	  "mean_trust", "accuracy", "data", "profit", "regret",
//	  "share": {kind: fraction}}]}
//
// where share sums the fractions of strategies of the same kind, keyed by
// the kind's text form (e.g. "curated-offering").
type History struct {
	Kinds   []strategy.Kind
	Periods []Period
}

type periodJSON struct {
	Period      int                `json:"period"`
	Active      int                `json:"active"`
	Acquired    int                `json:"acquired"`
	Churned     int                `json:"churned"`
	DelightRate float64            `json:"delight_rate"`
	MeanTrust   float64            `json:"mean_trust"`
	Accuracy    float64            `json:"accuracy"`
	Data        float64            `json:"data"`
	Profit      float64            `json:"profit"`
	Regret      float64            `json:"regret"`
	Share       map[string]float64 `json:"share"`
}

// MarshalJSON implements json.Marshaler with the layout of [History]. Map
// keys are written in sorted order, so the output is deterministic.
func (h History) MarshalJSON() ([]byte, error) {
	out := struct {
		Periods []periodJSON `json:"periods"`
	}{Periods: make([]periodJSON, len(h.Periods))}
	for i, p := range h.Periods {
		share := make(map[string]float64)
		for k, f := range p.Share {
			if k < len(h.Kinds) {
				share[h.Kinds[k].String()] += f
			}
		}
		out.Periods[i] = periodJSON{
			Period: p.Period, Active: p.Active, Acquired: p.Acquired, Churned: p.Churned,
			DelightRate: p.DelightRate, MeanTrust: p.MeanTrust, Accuracy: p.Accuracy, Data: p.Data,
			Profit: p.Profit, Regret: p.Regret, Share: share,
		}
	}
	return json.Marshal(out)
}

// A Metric reads one number from a Period.
type Metric func(Period) float64

// MetricActive returns p.Active as a float64, a [Metric].
func MetricActive(p Period) float64 { return float64(p.Active) }

// MetricDelight returns p.DelightRate, a [Metric].
func MetricDelight(p Period) float64 { return p.DelightRate }

// MetricTrust returns p.MeanTrust, a [Metric].
func MetricTrust(p Period) float64 { return p.MeanTrust }

// MetricAccuracy returns p.Accuracy, a [Metric].
func MetricAccuracy(p Period) float64 { return p.Accuracy }

// MetricData returns p.Data, a [Metric].
func MetricData(p Period) float64 { return p.Data }

// MetricProfit returns p.Profit, a [Metric].
func MetricProfit(p Period) float64 { return p.Profit }

// MetricRegret returns p.Regret, a [Metric].
func MetricRegret(p Period) float64 { return p.Regret }
