// Command plan reads a portfolio problem as JSON and prints the optimal plan
// as JSON: which strategies to build, whom to serve with each, the proven
// bound, the price of focus and the best one-size-fits-all plan.
//
// Usage:
//
//	plan [-demo] [-indent=true] [-explain=ID] [file]
//
// The problem is read from file, or from standard input when file is absent
// or "-". With -demo, or with no file and nothing on standard input (empty, or
// a terminal), plan prints a usage line on standard error and solves a small
// built-in demo problem: five default strategies and four customer segments.
// With -explain=ID it prints, instead of the plan, why the unit with that ID
// got what it got (portfolio.Plan.Explain): each strategy's status, the
// runner-up and the margin. The problem schema is portfolio.Problem's JSON:
//
//	{"strategies": [{"name", "kind", "orientation", "fixed_cost", "capacity", ...}],
//	 "units": [{"id", "weight", "values": [...], "eligible": [...]}],
//	 "coordination_cost", "silo_cost", "max_open"}
//
// Exit status: 0 on success; 2 on bad input (malformed JSON, unknown keys,
// out-of-range numbers, wrong lengths, unknown kinds, bad flags), with one
// line on standard error naming the field; 1 when the problem is infeasible
// or the file cannot be read.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/connectedstrategy/connected"
	"github.com/connectedstrategy/connected/portfolio"
)

const usage = "usage: plan [-demo] [-indent=true] [-explain=ID] [problem.json]  (no file and empty stdin: solve the built-in demo)"

// demo is the built-in problem: the five default strategies (fixed costs
// scaled to four segments' weights) and four segments with values per
// customer and period. The numbers are illustrative, not estimates.
const demo = `{
  "strategies": [
    {"name": "buy-what-we-have", "kind": "buy-what-we-have", "orientation": "engagement", "variable_cost": 0.2, "fulfilment_delay": 1},
    {"name": "respond-to-desire", "kind": "respond-to-desire", "orientation": "engagement", "data_intensity": 0.1, "data": ["transactions"], "fixed_cost": 2000, "variable_cost": 0.5, "fulfilment_delay": 0.5},
    {"name": "curated-offering", "kind": "curated-offering", "orientation": "engagement", "firm_request": 0.5, "data_intensity": 0.4, "data": ["transactions", "preferences"], "needs_consent": true, "fixed_cost": 5000, "variable_cost": 0.8, "fulfilment_delay": 0.5, "nuisance_cost": 0.2},
    {"name": "coach-behavior", "kind": "coach-behavior", "orientation": "engagement", "firm_recognize": 1, "data_intensity": 0.7, "data": ["transactions", "preferences", "behavioral"], "needs_consent": true, "fixed_cost": 8000, "variable_cost": 1, "fulfilment_delay": 0.5, "nuisance_cost": 0.5},
    {"name": "automatic-execution", "kind": "automatic-execution", "orientation": "solutions", "firm_recognize": 1, "firm_request": 1, "data_intensity": 1, "data": ["transactions", "preferences", "behavioral", "monitoring"], "needs_consent": true, "fixed_cost": 15000, "variable_cost": 1.2, "capacity": 4000}
  ],
  "units": [
    {"id": "control-seekers", "weight": 4000, "values": [2.0, 3.1, 2.6, 1.5, 0.5], "eligible": [true, true, true, false, false]},
    {"id": "overwhelmed", "weight": 3000, "values": [1.5, 2.0, 4.2, 2.8, 3.0]},
    {"id": "inert", "weight": 2500, "values": [1.0, 1.2, 2.0, 4.5, 5.0]},
    {"id": "predictable", "weight": 5000, "values": [1.8, 2.2, 2.9, 3.5, 9.0]}
  ],
  "coordination_cost": 1000,
  "silo_cost": 2500
}`

func main() {
	var stdin io.Reader = os.Stdin
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		stdin = nil // a terminal: do not wait for typing
	}
	if err := run(os.Stdout, os.Stderr, stdin, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "plan:", oneLine(err))
		os.Exit(exitCode(err))
	}
}

// errUsage marks command-line mistakes.
var errUsage = errors.New("bad usage")

// run does the work of main: it parses args, reads the problem (from the file
// named in args, or stdin; stdin may be nil), solves it and writes the plan's
// JSON to stdout.
func run(stdout, stderr io.Writer, stdin io.Reader, args []string) error {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	useDemo := fs.Bool("demo", false, "solve the built-in demo problem")
	indent := fs.Bool("indent", true, "indent the JSON output")
	explain := fs.String("explain", "", "explain the plan for the unit with this ID instead of printing the plan")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, usage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return nil
		}
		return fmt.Errorf("%w: %v; %s", errUsage, err, usage)
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: more than one file; %s", errUsage, usage)
	}
	var input []byte
	switch {
	case *useDemo:
	case fs.NArg() == 1 && fs.Arg(0) != "-":
		b, err := os.ReadFile(fs.Arg(0))
		if err != nil {
			return err
		}
		input = b
	case stdin != nil:
		b, err := io.ReadAll(stdin)
		if err != nil {
			return err
		}
		input = b
	}
	if len(bytes.TrimSpace(input)) == 0 {
		if fs.NArg() == 1 && fs.Arg(0) != "-" {
			return connected.NewFieldError("plan", "(file)", fs.Arg(0)+" is empty", connected.ErrEmpty)
		}
		fmt.Fprintln(stderr, usage)
		input = []byte(demo)
	}
	var p portfolio.Problem
	if err := p.UnmarshalJSON(input); err != nil {
		return readingError(err)
	}
	pl, err := portfolio.Solve(p)
	if err != nil {
		return err
	}
	if *explain != "" {
		for i, u := range p.Units {
			if u.ID == *explain {
				ex, err := pl.Explain(p, i)
				if err != nil {
					return err
				}
				_, err = fmt.Fprintln(stdout, ex)
				return err
			}
		}
		return inputError{fmt.Sprintf("-explain %s: no unit has this ID", *explain), connected.ErrUnknown}
	}
	var out []byte
	if *indent {
		out, err = json.MarshalIndent(pl, "", "  ")
	} else {
		out, err = json.Marshal(pl)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", out)
	return err
}

// exitCode is 2 for bad input and usage, 1 otherwise.
func exitCode(err error) int {
	var fe *connected.FieldError
	switch {
	case errors.Is(err, errUsage), errors.As(err, new(inputError)):
		return 2
	case errors.Is(err, connected.ErrInfeasible):
		return 1
	case errors.As(err, &fe):
		return 2
	}
	return 1
}

// oneLine joins a multi-error's lines with "; ".
func oneLine(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", "; ")
}

// inputError is a mistake in the user's input, shown as msg alone; Unwrap
// gives the condition (connected.ErrSyntax, ErrUnknown) for errors.Is.
type inputError struct {
	msg string
	err error
}

func (e inputError) Error() string { return e.msg }
func (e inputError) Unwrap() error { return e.err }

// readingError presents a problem that is not JSON at all (an error naming no
// field) as "reading problem: <what the JSON decoder said>"; errors that name
// a field pass through unchanged.
func readingError(err error) error {
	var fe *connected.FieldError
	if errors.As(err, &fe) && fe.Field == "" && errors.Is(err, connected.ErrSyntax) {
		return inputError{fmt.Sprintf("reading problem: %v", fe.Value), fe.Err}
	}
	return err
}
