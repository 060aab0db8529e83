package customer

import "github.com/connectedstrategy/connected/strategy"

// DefaultPopulation returns a population of seven segments so that examples
// and tests have something realistic to start from.
//
// Where the numbers come from:
//
//   - The three privacy groups and their shares follow Westin's privacy
//     segmentation as summarized by Kumaraguru & Cranor ("Privacy Indexes: A
//     Survey of Westin's Studies", CMU-ISRI-05-138, 2005): privacy
//     fundamentalists 26%, pragmatists 64%, unconcerned 10% (the 2003 Harris
//     Interactive survey).
//   - Crossing them with need knowledge and inertia, and the split of each
//     group, are modeling choices: fundamentalists who know what they want
//     (14%) or browse (12%); pragmatists who know what they want (24%), who
//     are overwhelmed by a large option set (24%) or who are inert (16%);
//     unconcerned customers with regular, predictable needs (6%) or inert
//     ones (4%).
//   - Every trait mean, concentration and Gamma shape, the initial trusts
//     and the consent probabilities are modeling choices, calibrated so that
//     under DefaultModel and strategy.Default the groups prefer different
//     strategies: fundamentalists buy what the firm has or use respond to
//     desire, overwhelmed pragmatists a curated offering, inert customers
//     coach behavior, and predictable unconcerned ones automatic execution.
//     Money is per need and a need is worth about 40 units on average, in
//     line with strategy.Default's costs (a period is a week).
//   - Consent probabilities fall with the data a kind needs and rise from
//     fundamentalists to the unconcerned, consistent with the
//     personalization–privacy paradox literature (Awad & Krishnan 2006).
//     Each grant covers the data that kind needs in strategy.Default, and
//     consents are nested (see Segment.Consent). A respond-to-desire grant
//     (transactions) needs no consent to be served but lets the firm learn
//     from purchase data.
//
// The slice and its segments are new on every call.
func DefaultPopulation() Population {
	data := func(k strategy.Kind) strategy.DataSet { return strategy.Default()[k-1].Data }
	rates := func(respond, curated, coach, auto float64) []ConsentRate {
		return []ConsentRate{
			{Kind: strategy.RespondToDesire, Data: data(strategy.RespondToDesire), Prob: respond},
			{Kind: strategy.CuratedOffering, Data: data(strategy.CuratedOffering), Prob: curated},
			{Kind: strategy.CoachBehavior, Data: data(strategy.CoachBehavior), Prob: coach},
			{Kind: strategy.AutomaticExecution, Data: data(strategy.AutomaticExecution), Prob: auto},
		}
	}
	b := func(mean float64) Beta { return Beta{Mean: mean, Kappa: 12} }
	trust := func(v, w float64) Trust {
		t, err := TrustFrom(v, w)
		if err != nil {
			panic("customer: bad default trust: " + err.Error()) // constant input
		}
		return t
	}
	seg := func(name string, share float64) Segment {
		return Segment{
			Name: name, Share: share,
			MistakeCost:    Gamma{Mean: 15, Shape: 2},
			OptionSetSize:  Gamma{Mean: 10, Shape: 2},
			RecognitionLag: Gamma{Mean: 0.5, Shape: 3},
			DelayCost:      Gamma{Mean: 4, Shape: 3},
			NeedValue:      Gamma{Mean: 40, Shape: 4},
			Frequency:      Gamma{Mean: 1, Shape: 2},
		}
	}

	fd := seg("fundamentalist-decided", 0.14)
	fd.NeedKnowledge, fd.ControlDesire, fd.PrivacyConcern = b(0.75), b(0.8), b(0.85)
	fd.MonitoringTolerance, fd.Inertia, fd.Predictability = b(0.1), b(0.25), b(0.5)
	fd.OptionSetSize.Mean = 8
	fd.Trust = trust(0.4, 4)
	fd.Consent = rates(0.4, 0.12, 0.05, 0.02)

	fb := seg("fundamentalist-browsing", 0.12)
	fb.NeedKnowledge, fb.ControlDesire, fb.PrivacyConcern = b(0.45), b(0.75), b(0.85)
	fb.MonitoringTolerance, fb.Inertia, fb.Predictability = b(0.1), b(0.3), b(0.45)
	fb.OptionSetSize.Mean = 20
	fb.Trust = trust(0.4, 4)
	fb.Consent = rates(0.3, 0.1, 0.04, 0.01)

	pd := seg("pragmatist-decided", 0.24)
	pd.NeedKnowledge, pd.ControlDesire, pd.PrivacyConcern = b(0.8), b(0.6), b(0.5)
	pd.MonitoringTolerance, pd.Inertia, pd.Predictability = b(0.35), b(0.2), b(0.55)
	pd.OptionSetSize.Mean = 6
	pd.Consent = rates(0.8, 0.55, 0.35, 0.15)

	po := seg("pragmatist-overwhelmed", 0.24)
	po.NeedKnowledge, po.ControlDesire, po.PrivacyConcern = b(0.35), b(0.45), b(0.45)
	po.MonitoringTolerance, po.Inertia, po.Predictability = b(0.45), b(0.3), b(0.5)
	po.OptionSetSize.Mean = 80
	po.Consent = rates(0.8, 0.6, 0.35, 0.15)

	pi := seg("pragmatist-inert", 0.16)
	pi.NeedKnowledge, pi.ControlDesire, pi.PrivacyConcern = b(0.6), b(0.35), b(0.4)
	pi.MonitoringTolerance, pi.Inertia, pi.Predictability = b(0.65), b(0.7), b(0.7)
	pi.OptionSetSize.Mean = 12
	pi.RecognitionLag.Mean = 1.5
	pi.Trust = trust(0.6, 4)
	pi.Consent = rates(0.85, 0.65, 0.5, 0.25)

	ur := seg("unconcerned-routine", 0.06)
	ur.NeedKnowledge, ur.ControlDesire, ur.PrivacyConcern = b(0.6), b(0.2), b(0.1)
	ur.MonitoringTolerance, ur.Inertia, ur.Predictability = b(0.9), b(0.6), Beta{Mean: 0.85, Kappa: 30}
	ur.MistakeCost.Mean = 6
	ur.OptionSetSize.Mean = 12
	ur.RecognitionLag.Mean = 1.5
	ur.Trust = trust(0.85, 10)
	ur.Consent = rates(0.95, 0.9, 0.8, 0.65)

	ui := seg("unconcerned-inert", 0.04)
	ui.NeedKnowledge, ui.ControlDesire, ui.PrivacyConcern = b(0.5), b(0.3), b(0.15)
	ui.MonitoringTolerance, ui.Inertia, ui.Predictability = b(0.8), b(0.75), b(0.55)
	ui.OptionSetSize.Mean = 15
	ui.RecognitionLag.Mean = 2
	ui.Trust = trust(0.7, 6)
	ui.Consent = rates(0.95, 0.85, 0.7, 0.4)

	return Population{Segments: []Segment{fd, fb, pd, po, pi, ur, ui}}
}
