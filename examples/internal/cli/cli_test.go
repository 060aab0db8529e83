package cli

import (
	"flag"
	"fmt"
	"io"
	"math"
	"testing"
)

func TestInt(t *testing.T) {
	for _, c := range []struct {
		v    int
		want string
	}{
		{1, ""}, {10, ""}, {0, "-n 0: want a whole number in [1, 10]"}, {11, "-n 11: want a whole number in [1, 10]"},
		{-5, "-n -5: want a whole number in [1, 10]"},
	} {
		err := Int("n", c.v, 1, 10)
		if got := errString(err); got != c.want {
			t.Errorf("Int(n, %d) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestFloat(t *testing.T) {
	for _, c := range []struct {
		v      float64
		openLo bool
		want   string
	}{
		{0.5, true, ""}, {10, true, ""}, {0, false, ""},
		{0, true, "-x 0: want a number in (0, 10]"},
		{-1, false, "-x -1: want a number in [0, 10]"},
		{10.5, true, "-x 10.5: want a number in (0, 10]"},
		{math.NaN(), false, "-x NaN: want a number in [0, 10]"},
		{math.Inf(1), false, "-x +Inf: want a number in [0, 10]"},
		{math.Inf(-1), true, "-x -Inf: want a number in (0, 10]"},
	} {
		err := Float("x", c.v, 0, 10, c.openLo)
		if got := errString(err); got != c.want {
			t.Errorf("Float(x, %v, %v) = %q, want %q", c.v, c.openLo, got, c.want)
		}
	}
}

func TestFirst(t *testing.T) {
	if First(nil, nil) != nil {
		t.Error("First(nil, nil) != nil")
	}
	a, b := Int("a", 0, 1, 2), Int("b", 0, 1, 2)
	if First(nil, a, b) != a {
		t.Error("First did not return the first error")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		args     []string
		help     bool
		wantErr  string
		wantSeed uint64
	}{
		{args: nil, wantSeed: 1},
		{args: []string{"-seed", "7"}, wantSeed: 7},
		{args: []string{"-h"}, help: true, wantSeed: 1},
		{args: []string{"--help"}, help: true, wantSeed: 1},
		{args: []string{"-nope"}, wantErr: "flag provided but not defined: -nope", wantSeed: 1},
		{args: []string{"-seed", "2", "extra"}, wantErr: `unexpected arguments ["extra"]`, wantSeed: 2},
	} {
		fs := flag.NewFlagSet("p", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		seed := fs.Uint64("seed", 1, "seed")
		help, err := Parse(fs, c.args)
		if help != c.help || *seed != c.wantSeed {
			t.Errorf("Parse(%q): help %v, seed %d; want %v, %d", c.args, help, *seed, c.help, c.wantSeed)
		}
		if got := fmt.Sprint(err); (c.wantErr == "" && err != nil) || (c.wantErr != "" && got != c.wantErr) {
			t.Errorf("Parse(%q) error = %v, want %q", c.args, err, c.wantErr)
		}
	}
}
