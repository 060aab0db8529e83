package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"github.com/connectedstrategy/connected/examples/internal/clitest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connectedstrategy/connected/internal/golden"
	"github.com/connectedstrategy/connected/learning"
)

func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-market", "3000", "-customers", "150", "-periods", "20"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden.Check(t, "flywheel.golden", buf.Bytes())
}

func TestGoldenJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-json", "-market", "800", "-customers", "40", "-periods", "3", "-seed", "2"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	golden.Check(t, "flywheel_json.golden", buf.Bytes())
	var doc struct {
		Periods []map[string]json.RawMessage `json:"periods"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(doc.Periods) != 3 {
		t.Fatalf("got %d periods, want 3", len(doc.Periods))
	}
	for _, key := range []string{"period", "active", "acquired", "churned", "delight_rate", "mean_trust", "accuracy", "data", "profit", "regret", "share"} {
		if _, ok := doc.Periods[0][key]; !ok {
			t.Errorf("period record lacks key %q", key)
		}
	}
}

func TestNoConsentFlag(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf, []string{"-json", "-consent", "0", "-market", "600", "-periods", "4"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	var doc struct {
		Periods []struct {
			Accuracy float64 `json:"accuracy"`
			Data     float64 `json:"data"`
		} `json:"periods"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for i, p := range doc.Periods {
		if p.Accuracy != 0.5 || p.Data != 0 {
			t.Errorf("-consent 0, period %d: accuracy %v, data %v; want 0.5 and 0", i, p.Accuracy, p.Data)
		}
	}
}

func TestSVG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "chart.svg")
	var buf bytes.Buffer
	if err := run(&buf, []string{"-svg", path, "-market", "600", "-periods", "5"}); err != nil {
		t.Fatalf("run: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	lines := 0
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "polyline" {
			lines++
		}
	}
	if lines != 6 || !strings.HasSuffix(strings.TrimSpace(string(b)), "</svg>") {
		t.Errorf("SVG has %d polylines (want 6: two panels × three runs) or is truncated", lines)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"-consent", "2"}, {"-periods", "0"}, {"-market", "10", "-customers", "20"}, {"extra"}} {
		var buf bytes.Buffer
		if err := run(&buf, args); err == nil {
			t.Errorf("run(%q) succeeded, want an error", args)
		}
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	clitest.Help(t, run, "flywheel", "-customers")
}

// TestBadFlagsNameTheFlag checks that each bad value is rejected before any
// output, with the flag as typed and its range.
func TestBadFlagsNameTheFlag(t *testing.T) {
	clitest.BadFlags(t, run, []clitest.Bad{
		{Args: []string{"-market", "10", "-customers", "20"}, Want: "-customers 20: want at most -market (10)"},
		{Args: []string{"-periods", "0"}, Want: "-periods 0: want a whole number in [1, 10000]"},
		{Args: []string{"-periods", "100000"}, Want: "-periods 100000: want a whole number in [1, 10000]"},
		{Args: []string{"-market", "0"}, Want: "-market 0: want a whole number in [1, 10000000]"},
		{Args: []string{"-market", "3000000000"}, Want: "-market 3000000000: want a whole number in [1, 10000000]"},
		{Args: []string{"-customers", "-1"}, Want: "-customers -1: want a whole number in [1, 10000000]"},
		{Args: []string{"-consent", "NaN"}, Want: "-consent NaN: want a number in [0, 1]"},
		{Args: []string{"-consent", "1.5"}, Want: "-consent 1.5: want a number in [0, 1]"},
	})
}

// TestUndefinedRates checks that a period with no interaction shows delight
// "—", not the library's 0, and likewise trust and accuracy with nobody
// active.
func TestUndefinedRates(t *testing.T) {
	for _, c := range []struct {
		p                learning.Period
		delight, ofTrust string
	}{
		{learning.Period{Active: 0, Interactions: 0}, "—", "—"},
		{learning.Period{Active: 2, Interactions: 0, MeanTrust: 0.5}, "—", "0.500"},
		{learning.Period{Active: 2, Interactions: 2, DelightRate: 0, MeanTrust: 0.5}, "0.000", "0.500"},
	} {
		if got := delight(c.p); got != c.delight {
			t.Errorf("delight(%+v) = %q, want %q", c.p, got, c.delight)
		}
		if got := ofActive(c.p, c.p.MeanTrust); got != c.ofTrust {
			t.Errorf("ofActive(%+v) = %q, want %q", c.p, got, c.ofTrust)
		}
	}
	var buf bytes.Buffer
	if err := run(&buf, []string{"-market", "2", "-customers", "1", "-periods", "300", "-seed", "4"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "        —  0.787") {
		t.Errorf("a period without interactions does not show delight —:\n%s", buf.String())
	}
}
