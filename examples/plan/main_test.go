package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		args  []string
		stdin string
	}{
		{"demo", nil, ""},
		{"capacitated", []string{"testdata/capacitated.json"}, ""},
		{"baseline-only-stdin", []string{"-indent=false"}, "testdata/baseline-only.json"},
		{"explain-demo", []string{"-demo", "-explain=inert"}, ""},
		{"explain-capacitated", []string{"-explain=d", "testdata/capacitated.json"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdin *bytes.Reader
			if tc.stdin != "" {
				b, err := os.ReadFile(tc.stdin)
				if err != nil {
					t.Fatal(err)
				}
				stdin = bytes.NewReader(b)
			} else {
				stdin = bytes.NewReader(nil)
			}
			var out, errOut bytes.Buffer
			if err := run(&out, &errOut, stdin, tc.args); err != nil {
				t.Fatalf("run(%v) error: %v", tc.args, err)
			}
			golden := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("run(%v) output differs from %s:\ngot:\n%s\nwant:\n%s", tc.args, golden, got, want)
			}
		})
	}
}

func TestDemoPrintsUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(&out, &errOut, nil, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(errOut.String(), "usage: plan") {
		t.Errorf("stderr = %q, want a usage line", errOut.String())
	}
	if !strings.Contains(out.String(), `"open"`) {
		t.Errorf("stdout = %q, want the demo plan", out.String())
	}
}

func TestBadInput(t *testing.T) {
	const base = `{"strategies": [{"name": "c", "kind": "buy-what-we-have", "orientation": "engagement"}], "units": [%s]%s}`
	cases := []struct {
		name, input, field string
		code               int
	}{
		{"malformed", `{"strategies": [`, "", 2},
		{"unknown top key", `{"strategies": [], "units": [], "colour": 1}`, "colour", 2},
		{"no strategies", `{"strategies": [], "units": [{"id": "a", "weight": 1, "values": []}]}`, "strategies", 2},
		{"unknown unit key", fill(base, `{"id": "a", "weight": 1, "values": [1], "size": 2}`, ""), "units[0].size", 2},
		{"NaN value", fill(base, `{"id": "a", "weight": 1, "values": [NaN]}`, ""), "", 2},
		{"string value", fill(base, `{"id": "a", "weight": 1, "values": [1]}, {"id": "b", "weight": 1, "values": ["x"]}`, ""), "units[1].values[0]", 2},
		{"huge value", fill(base, `{"id": "a", "weight": 1, "values": [1e999]}`, ""), "units[0].values", 2},
		{"negative weight", fill(base, `{"id": "a", "weight": -1, "values": [1]}`, ""), "units[0].weight", 2},
		{"wrong length", fill(base, `{"id": "a", "weight": 1, "values": [1, 2]}`, ""), "units[0].values", 2},
		{"wrong eligible length", fill(base, `{"id": "a", "weight": 1, "values": [1], "eligible": [true, false]}`, ""), "units[0].eligible", 2},
		{"negative silo", fill(base, `{"id": "a", "weight": 1, "values": [1]}`, `, "silo_cost": -1`), "silo_cost", 2},
		{"unknown kind", `{"strategies": [{"name": "c", "kind": "teleport", "orientation": "engagement"}], "units": [{"id": "a", "weight": 1, "values": [1]}]}`, "strategies[0].kind", 2},
		{"duplicate id", fill(base, `{"id": "a", "weight": 1, "values": [1]}, {"id": "a", "weight": 1, "values": [1]}`, ""), "units[1].id", 2},
		{"infeasible", fill(base, `{"id": "a", "weight": 1, "values": [1], "eligible": [false]}`, ""), "units[0].eligible", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(&out, &errOut, strings.NewReader(tc.input), nil)
			if err == nil {
				t.Fatalf("run(%s) = nil error, want one naming %q", tc.input, tc.field)
			}
			msg := oneLine(err)
			if strings.Contains(msg, "\n") || !strings.Contains(msg, tc.field) {
				t.Errorf("error %q does not name %q on one line", msg, tc.field)
			}
			if got := exitCode(err); got != tc.code {
				t.Errorf("exit code %d, want %d (error %v)", got, tc.code, err)
			}
		})
	}
}

func fill(base, units, extra string) string {
	return strings.Replace(strings.Replace(base, "%s", units, 1), "%s", extra, 1)
}

func TestBadArgs(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(&out, &errOut, nil, []string{"-demo", "-explain=nobody"}); err == nil || exitCode(err) != 2 {
		t.Errorf("-explain of an unknown ID: %v, want exit code 2", err)
	}
	for _, args := range [][]string{{"-nope"}, {"a.json", "b.json"}} {
		err := run(&out, &errOut, nil, args)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("run(%v) = %v, want a usage error with exit code 2", args, err)
		}
	}
	if err := run(&out, &errOut, nil, []string{"testdata/does-not-exist.json"}); err == nil || exitCode(err) != 1 {
		t.Errorf("missing file: %v, want exit code 1", err)
	}
}

func TestHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(&out, &errOut, nil, []string{"-h"}); err != nil {
		t.Fatalf("run(-h) = %v, want usage and success", err)
	}
	if !strings.HasPrefix(out.String(), "usage: plan") || !strings.Contains(out.String(), "-explain") {
		t.Errorf("run(-h) printed %q", out.String())
	}
}

// TestMessages checks the exact one-line messages for input that is not
// JSON and for an unknown -explain ID: no doubled "plan:" prefix and no
// empty field name.
func TestMessages(t *testing.T) {
	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"not json", nil, "reading problem: invalid character 'o' in literal null (expecting 'u') at byte 2"},
		{`{"strategies": [`, nil, "reading problem: unexpected EOF"},
		{"", []string{"-demo", "-explain=zz"}, "-explain zz: no unit has this ID"},
	} {
		var out, errOut bytes.Buffer
		err := run(&out, &errOut, strings.NewReader(c.stdin), c.args)
		if err == nil || oneLine(err) != c.want {
			t.Errorf("run(%q, %q) = %v, want %q", c.stdin, c.args, err, c.want)
			continue
		}
		if got := exitCode(err); got != 2 {
			t.Errorf("run(%q, %q): exit code %d, want 2", c.stdin, c.args, got)
		}
		if out.Len() != 0 {
			t.Errorf("run(%q, %q) wrote %q", c.stdin, c.args, out.String())
		}
	}
}
