package connected_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// exampleMarker introduces a README code block that must equal the body of a
// testable Example, so the README's samples compile and their printed output
// is checked by go test:
//
//	<!-- example: strategy ExampleDefault -->
//	```go
//	...body...
//	```
var exampleMarker = regexp.MustCompile("(?s)<!-- example: (\\S+) (\\w+) -->\\s*```go\\n(.*?)```")

func TestReadmeSamplesAreExamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	matches := exampleMarker.FindAllSubmatch(readme, -1)
	if len(matches) == 0 {
		t.Fatal("README.md has no example markers")
	}
	for _, m := range matches {
		dir, name, block := string(m[1]), string(m[2]), string(m[3])
		body, err := exampleBody(dir, name)
		if err != nil {
			t.Errorf("README sample %s.%s: %v", dir, name, err)
			continue
		}
		if strings.TrimSpace(body) != strings.TrimSpace(block) {
			t.Errorf("README sample %s.%s differs from the Example's body:\n--- README\n%s\n--- %s\n%s",
				dir, name, block, name, body)
		}
	}
}

// exampleBody returns the source of function name's body in dir's test
// files, without the braces and with one level of indentation removed.
func exampleBody(dir, name string) (string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return "", err
	}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
		if err != nil {
			return "", err
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Name.Name != name || fn.Recv != nil {
				continue
			}
			start := fset.Position(fn.Body.Lbrace).Offset + 1
			end := fset.Position(fn.Body.Rbrace).Offset
			lines := strings.Split(strings.Trim(string(src[start:end]), "\n"), "\n")
			for i, l := range lines {
				lines[i] = strings.TrimPrefix(l, "\t")
			}
			return strings.Join(lines, "\n"), nil
		}
	}
	return "", os.ErrNotExist
}
