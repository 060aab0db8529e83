// Command quickstart walks through the connected library on its defaults.
//
// For now it prints the default strategy catalogue: who owns each stage of a
// customer's need under each strategy, the autonomy the customer cedes, the
// data it needs and whether it needs consent.
//
// Modeling choices: every cost, delay and data-intensity number shown comes
// from strategy.Default, whose documentation says which are modeling choices.
//
// Usage:
//
//	go run ./examples/quickstart [-seed N]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/connectedstrategy/connected/strategy"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(2)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(w)
	seed := fs.Uint64("seed", 1, "random seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	_ = *seed // used once sampling lands

	fmt.Fprintln(w, "The five connected strategies (strategy.Default)")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "strategy\trecognize\trequest\trespond\tautonomy\tdata\tcategories\tconsent\torientation\tfixed/period\tper interaction")
	for _, s := range strategy.Default() {
		consent := "no"
		if s.NeedsConsent {
			consent = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.2f\t%.1f\t%s\t%s\t%s\t%.0f\t%.2f\n",
			s.Name,
			strategy.PartyOf(s.FirmShare(strategy.Recognize)),
			strategy.PartyOf(s.FirmShare(strategy.Request)),
			strategy.PartyOf(s.FirmShare(strategy.Respond)),
			s.Autonomy(), s.DataIntensity, s.Data, consent, s.Orientation,
			s.FixedCost, s.VariableCost)
	}
	return tw.Flush()
}
