// Package clitest holds the command-line checks that every example
// program's tests share: asking for help is not an error, and a bad flag
// value is refused, before any output, with a message naming the flag.
package clitest

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// Run is a program's run function with its output writer and arguments.
type Run func(w io.Writer, args []string) error

// Help checks that -h, -help and --help make run print the usage of the
// program name, listing flag, and return no error.
func Help(t *testing.T, run Run, name, flag string) {
	t.Helper()
	for _, arg := range []string{"-h", "-help", "--help"} {
		var buf bytes.Buffer
		if err := run(&buf, []string{arg}); err != nil {
			t.Errorf("run(%q) = %v, want nil", arg, err)
		}
		if !strings.Contains(buf.String(), "Usage of "+name) || !strings.Contains(buf.String(), flag) {
			t.Errorf("run(%q) printed %q, want the usage", arg, buf.String())
		}
	}
}

// Bad is a command line that must be refused with exactly the message Want.
type Bad struct {
	Args []string
	Want string
}

// BadFlags checks that run refuses each command line with its message and
// writes nothing before failing.
func BadFlags(t *testing.T, run Run, cases []Bad) {
	t.Helper()
	for _, c := range cases {
		var buf bytes.Buffer
		err := run(&buf, c.Args)
		if err == nil || err.Error() != c.Want {
			t.Errorf("run(%q) = %v, want %q", c.Args, err, c.Want)
		}
		if buf.Len() != 0 {
			t.Errorf("run(%q) wrote %q before failing", c.Args, buf.String())
		}
	}
}
