// Package cli checks the example programs' numeric flags before any work
// starts, so that a bad value is reported as the flag the user typed and the
// range it must lie in, not as a library field deep inside the run.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"math"
)

// Int returns nil if lo ≤ v ≤ hi, and otherwise an error such as
// "-customers 0: want a whole number in [1, 1000000]".
func Int(flag string, v, lo, hi int) error {
	if v >= lo && v <= hi {
		return nil
	}
	return fmt.Errorf("-%s %d: want a whole number in [%d, %d]", flag, v, lo, hi)
}

// Float returns nil if v lies in [lo, hi] (in (lo, hi] if openLo), and
// otherwise an error such as "-weeks -1: want a number in (0, 10000]". NaN
// and ±Inf are always rejected.
func Float(flag string, v, lo, hi float64, openLo bool) error {
	ok := v <= hi && !math.IsNaN(v) && !math.IsInf(v, 0)
	if openLo {
		ok = ok && v > lo
	} else {
		ok = ok && v >= lo
	}
	if ok {
		return nil
	}
	left := "["
	if openLo {
		left = "("
	}
	return fmt.Errorf("-%s %v: want a number in %s%g, %g]", flag, v, left, lo, hi)
}

// First returns the first non-nil error, so a program reports one flag at a
// time, in the order it lists them.
func First(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// MaxWeeks bounds the example programs' plan horizons (-weeks, -horizon):
// about 190 years, far beyond any plan, yet small enough that values per
// customer stay finite. A modeling choice of these programs.
const MaxWeeks = 10000

// MaxCustomers bounds the number of customers an example program samples:
// ten times the largest default (quickstart's 100000), so a mistyped extra
// zero or two is refused up front instead of exhausting memory. A choice of
// these programs, not a limit of the library.
const MaxCustomers = 1000000

// MaxMarket bounds the market of the programs that run the learning loop.
// The loop's diffusion brings much of the market in within a few periods, so
// run time grows with the market: learning.LoopConfig accepts up to
// math.MaxInt32, but flywheel with that market did not finish two periods
// in 30 seconds. A choice of these programs, not a limit of the library.
const MaxMarket = 10000000

// Parse parses args with fs and refuses positional arguments. It returns
// help = true, and no error, when the user asked for -h, -help or --help:
// fs has then printed the usage, and the program should stop without
// treating the request as a mistake.
func Parse(fs *flag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, err
	}
	if fs.NArg() > 0 {
		return false, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	return false, nil
}
