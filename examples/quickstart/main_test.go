package main

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected/internal/golden"
)

// small keeps the golden run fast under -race; CI also runs the program
// once with its defaults.
var small = []string{"-customers", "4000", "-periods", "12"}

func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, io.Discard, small); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden.Check(t, "quickstart.golden", buf.Bytes())
}

func TestProgressGoesToItsWriter(t *testing.T) {
	var out, progress bytes.Buffer
	if err := run(&out, &progress, []string{"-customers", "300", "-periods", "3"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(progress.String(), "3/3") || strings.Contains(out.String(), "3/3") {
		t.Errorf("progress bar in the wrong place:\nprogress %q", progress.String())
	}
	out.Reset()
	progress.Reset()
	if err := run(&out, &progress, []string{"-customers", "300", "-periods", "3", "-progress=false"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	if progress.Len() != 0 {
		t.Errorf("-progress=false still drew %q", progress.String())
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-nope"},
		{"-customers", "0"},
		{"-customers", "10", "-market", "5"},
		{"-periods", "0"},
		{"-horizon", "NaN"},
		{"-accuracy", "1.5"},
		{"extra"},
	} {
		if err := run(io.Discard, io.Discard, args); err == nil {
			t.Errorf("run(%q) accepted bad input", args)
		}
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		var buf bytes.Buffer
		if err := run(&buf, io.Discard, []string{arg}); err != nil {
			t.Errorf("run(%q) = %v, want nil", arg, err)
		}
		if !strings.Contains(buf.String(), "Usage of quickstart") || !strings.Contains(buf.String(), "-customers") {
			t.Errorf("run(%q) printed %q, want the usage", arg, buf.String())
		}
	}
}
