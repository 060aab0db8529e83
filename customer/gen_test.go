package customer

import (
	"math"

	"github.com/connectedstrategy/connected/strategy"
	"pgregory.net/rapid"
)

// Generators shared by the property tests.

var allData = strategy.NewDataSet(strategy.Categories()...)

func genUnit() *rapid.Generator[float64] { return rapid.Float64Range(0, 1) }

// genTraits draws valid traits, with the ends of each range mixed in.
func genTraits() *rapid.Generator[Traits] {
	u := func(t *rapid.T, label string) float64 {
		return rapid.OneOf(genUnit(), rapid.SampledFrom([]float64{0, 1})).Draw(t, label)
	}
	m := func(t *rapid.T, label string, lo, hi float64) float64 {
		return rapid.OneOf(rapid.Float64Range(lo, hi), rapid.SampledFrom([]float64{lo, hi})).Draw(t, label)
	}
	return rapid.Custom(func(t *rapid.T) Traits {
		return Traits{
			NeedKnowledge:       u(t, "NeedKnowledge"),
			ControlDesire:       u(t, "ControlDesire"),
			PrivacyConcern:      u(t, "PrivacyConcern"),
			MonitoringTolerance: u(t, "MonitoringTolerance"),
			Inertia:             u(t, "Inertia"),
			Predictability:      u(t, "Predictability"),
			MistakeCost:         m(t, "MistakeCost", 0, 200),
			OptionSetSize:       m(t, "OptionSetSize", 1, 1000),
			RecognitionLag:      m(t, "RecognitionLag", 0, 10),
			DelayCost:           m(t, "DelayCost", 0, 50),
			NeedValue:           m(t, "NeedValue", 0, 500),
			Frequency:           m(t, "Frequency", 0, 5),
		}
	})
}

// genExtremeTraits draws valid traits anywhere in their ranges, up to
// MaxAmount.
func genExtremeTraits() *rapid.Generator[Traits] {
	m := func(t *rapid.T, label string, lo float64) float64 {
		return rapid.OneOf(rapid.Float64Range(lo, MaxAmount), rapid.SampledFrom([]float64{lo, MaxAmount})).Draw(t, label)
	}
	return rapid.Custom(func(t *rapid.T) Traits {
		tr := genTraits().Draw(t, "base")
		tr.MistakeCost = m(t, "MistakeCost", 0)
		tr.OptionSetSize = m(t, "OptionSetSize", 1)
		tr.RecognitionLag = m(t, "RecognitionLag", 0)
		tr.DelayCost = m(t, "DelayCost", 0)
		tr.NeedValue = m(t, "NeedValue", 0)
		tr.Frequency = m(t, "Frequency", 0)
		return tr
	})
}

func genTrust() *rapid.Generator[Trust] {
	return rapid.Custom(func(t *rapid.T) Trust {
		return Trust{
			Good: rapid.Float64Range(0, 50).Draw(t, "good"),
			Bad:  rapid.Float64Range(0, 50).Draw(t, "bad"),
		}
	})
}

func genKind() *rapid.Generator[strategy.Kind] {
	return rapid.Map(rapid.IntRange(1, 5), func(i int) strategy.Kind { return strategy.Kind(i) })
}

func genConsentKind() *rapid.Generator[strategy.Kind] {
	return rapid.Map(rapid.IntRange(2, 5), func(i int) strategy.Kind { return strategy.Kind(i) })
}

func genData() *rapid.Generator[strategy.DataSet] {
	return rapid.Map(rapid.IntRange(1, int(allData)>>1), func(i int) strategy.DataSet {
		return strategy.DataSet(i<<1) & allData
	}).Filter(func(d strategy.DataSet) bool { return !d.Empty() })
}

// genConsent draws a ledger of up to 8 grants and revocations in period
// order, within periods [0, 20].
func genConsent() *rapid.Generator[Consent] {
	return rapid.Custom(func(t *rapid.T) Consent {
		var c Consent
		p := 0
		for range rapid.IntRange(0, 8).Draw(t, "events") {
			p += rapid.IntRange(0, 4).Draw(t, "step")
			k := genConsentKind().Draw(t, "kind")
			d := genData().Draw(t, "data")
			var err error
			if rapid.Bool().Draw(t, "grant") {
				err = c.Grant(k, d, p)
			} else {
				err = c.Revoke(k, d, p)
			}
			if err != nil {
				t.Fatalf("in-order event rejected: %v", err)
			}
		}
		return c
	})
}

func genCustomer() *rapid.Generator[Customer] {
	return rapid.Custom(func(t *rapid.T) Customer {
		return Customer{
			ID:      "c",
			Traits:  genTraits().Draw(t, "traits"),
			Trust:   genTrust().Draw(t, "trust"),
			Consent: genConsent().Draw(t, "consent"),
		}
	})
}

// genStrategy draws a valid strategy of any kind, starting from the default
// of that kind and varying its data and consent.
func genStrategy() *rapid.Generator[strategy.Strategy] {
	return rapid.Custom(func(t *rapid.T) strategy.Strategy {
		k := genKind().Draw(t, "kind")
		s := strategy.Default()[k-1]
		if k != strategy.BuyWhatWeHave {
			s.NeedsConsent = rapid.Bool().Draw(t, "needsConsent")
			s.Data = rapid.Map(rapid.IntRange(0, int(allData)>>1), func(i int) strategy.DataSet {
				return strategy.DataSet(i<<1) & allData
			}).Draw(t, "data")
		}
		s.DataIntensity = genUnit().Draw(t, "intensity")
		if rapid.Bool().Draw(t, "custom shares") {
			s.FirmRecognize = genUnit().Draw(t, "firmRecognize")
			s.FirmRequest = genUnit().Draw(t, "firmRequest")
		}
		return s
	})
}

// genRules draws valid rules, including switched-off thresholds.
func genRules() *rapid.Generator[Rules] {
	return rapid.Custom(func(t *rapid.T) Rules {
		return Rules{
			MinTrust:          rapid.SampledFrom([]float64{0, -1, 0.5, 0.9, 1}).Draw(t, "minTrust"),
			MinPredictability: rapid.SampledFrom([]float64{0, -1, 0.3, 0.9}).Draw(t, "minPred"),
			MaxMistakeCost:    rapid.SampledFrom([]float64{0, 5, 100, math.Inf(1)}).Draw(t, "maxMistake"),
		}
	})
}
