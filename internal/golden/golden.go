// Package golden compares a test's output with a golden file in testdata/,
// for the example programs' tests. Run the tests with -update to rewrite the
// files after an intended change, then review and commit the diff on its own.
//
// It is a test helper: only _test.go files import it.
package golden

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is registered once per test binary that imports this package.
var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// Check compares got with testdata/name. With -update it first writes got
// there. A missing file fails the test with a hint to run -update.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// Run runs a program's run function with args into a buffer, as a subtest
// named name, and checks the output against testdata/name.
func Run(t *testing.T, name string, run func(io.Writer, []string) error, args ...string) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		var buf bytes.Buffer
		if err := run(&buf, args); err != nil {
			t.Fatalf("run(%q): %v", args, err)
		}
		Check(t, name, buf.Bytes())
	})
}
