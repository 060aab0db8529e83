package main

import (
	"bytes"
	"testing"

	"github.com/connectedstrategy/connected/internal/golden"
)

func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, nil); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden.Check(t, "quickstart.golden", buf.Bytes())
}

func TestBadFlag(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-nope"}); err == nil {
		t.Error("run accepted an unknown flag")
	}
}
