package strategy

// Default returns the five canonical strategies, one per Kind in Kind order,
// named by their kinds' text forms. The slice is new on every call.
//
// Where the numbers come from:
//
//   - Who owns Recognize and Request follows Siggelkow & Terwiesch (2019):
//     the customer owns both under buy-what-we-have and respond-to-desire;
//     curated offering shares Request (the firm proposes a short menu, the
//     customer picks: 0.5); coach behavior gives Recognize to the firm (it
//     nudges) and leaves Request with the customer; automatic execution gives
//     both to the firm.
//   - Data intensities 0.0, 0.1, 0.4, 0.7, 1.0 and the nested data categories
//     (none; transactions; + preferences; + behavioral; + monitoring) follow
//     the README's Concepts; the exact numbers are a modeling choice.
//   - Consent: curated offering, coach behavior and automatic execution need
//     explicit consent (README, Concepts); the other two do not.
//   - Orientation: Kind.DefaultOrientation, a modeling choice.
//   - Costs, delays and nuisance are modeling choices in an arbitrary
//     currency unit per period (think of a period as a week and of a need as
//     worth a few tens of units): fixed costs rise with the capability the
//     firm must build (0, 2,000, 5,000, 8,000, 15,000 per period), variable
//     costs with the work per interaction (0.2, 0.5, 0.8, 1.0, 1.2),
//     fulfilment delay falls as the firm takes over (1, 0.5, 0.5, 0.5, 0
//     periods), and nuisance is what unwanted proposals and nudges cost the
//     customer (0, 0, 0.2, 0.5, 0). Override them with the firm's own numbers.
//   - Capacity is unlimited (0) for all five.
func Default() []Strategy {
	return []Strategy{
		{
			Name: "buy-what-we-have", Kind: BuyWhatWeHave, Orientation: BuyWhatWeHave.DefaultOrientation(),
			DataIntensity: 0, Data: 0,
			FixedCost: 0, VariableCost: 0.2, FulfilmentDelay: 1,
		},
		{
			Name: "respond-to-desire", Kind: RespondToDesire, Orientation: RespondToDesire.DefaultOrientation(),
			DataIntensity: 0.1, Data: NewDataSet(Transactions),
			FixedCost: 2000, VariableCost: 0.5, FulfilmentDelay: 0.5,
		},
		{
			Name: "curated-offering", Kind: CuratedOffering, Orientation: CuratedOffering.DefaultOrientation(),
			FirmRequest:   0.5,
			DataIntensity: 0.4, Data: NewDataSet(Transactions, Preferences), NeedsConsent: true,
			FixedCost: 5000, VariableCost: 0.8, FulfilmentDelay: 0.5, NuisanceCost: 0.2,
		},
		{
			Name: "coach-behavior", Kind: CoachBehavior, Orientation: CoachBehavior.DefaultOrientation(),
			FirmRecognize: 1,
			DataIntensity: 0.7, Data: NewDataSet(Transactions, Preferences, Behavioral), NeedsConsent: true,
			FixedCost: 8000, VariableCost: 1.0, FulfilmentDelay: 0.5, NuisanceCost: 0.5,
		},
		{
			Name: "automatic-execution", Kind: AutomaticExecution, Orientation: AutomaticExecution.DefaultOrientation(),
			FirmRecognize: 1, FirmRequest: 1,
			DataIntensity: 1, Data: NewDataSet(Transactions, Preferences, Behavioral, Monitoring), NeedsConsent: true,
			FixedCost: 15000, VariableCost: 1.2, FulfilmentDelay: 0,
		},
	}
}
