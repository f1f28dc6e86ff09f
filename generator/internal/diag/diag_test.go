package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestDetailShowsTheLineAndCaret(t *testing.T) {
	e := &Error{Pos: Pos{File: "a.md", Line: 4, Col: 8}, Field: "year", Msg: "expected a whole number", Text: `year = "2019"`}
	want := "a.md:4:8: year: expected a whole number\n    4 | year = \"2019\"\n      |        ^"
	if got := e.Detail(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// A long line (a report's paragraph) is cut to the characters around the
// column, and the caret still points at the right character.
func TestDetailCutsLongLines(t *testing.T) {
	line := strings.Repeat("建议", 100) + "{{count outcome D}}" + strings.Repeat("办理", 100)
	col := 201
	e := &Error{Pos: Pos{File: "r.md", Line: 9, Col: col}, Msg: "unknown outcome", Text: line}
	lines := strings.Split(e.Detail(), "\n")
	if len(lines) != 3 {
		t.Fatalf("detail: %q", e.Detail())
	}
	shown := strings.TrimPrefix(lines[1], "    9 | ")
	if !strings.HasPrefix(shown, "...") || !strings.HasSuffix(shown, "...") || len([]rune(shown)) > 2*context+6 {
		t.Errorf("line not cut around the column: %q", shown)
	}
	caret := strings.TrimPrefix(lines[2], "      | ")
	// Three columns of "...", then 30 wide characters of two columns each.
	if caret != strings.Repeat(" ", 3+2*context)+"^" {
		t.Errorf("caret at %d, want %d", len(caret)-1, 3+2*context)
	}
	if !strings.Contains(shown, "...建议{{count") && !strings.Contains(shown, "议{{count") {
		t.Errorf("the figure is not shown: %q", shown)
	}
}

func TestErr(t *testing.T) {
	var empty List
	if err := empty.Err(); err != nil {
		t.Errorf("an empty list gives %v, want nil", err)
	}
	var l List
	l.Add(Pos{File: "b.md", Line: 1}, "", "second", "")
	l.Add(Pos{File: "a.md", Line: 9}, "", "first", "")
	err := l.Err()
	if err == nil || err.Error() != "a.md:9: first\nb.md:1: second" {
		t.Errorf("Err() = %v, want both problems sorted", err)
	}
}

func TestPrint(t *testing.T) {
	one := List{{Pos: Pos{File: "a.md", Line: 4, Col: 8}, Field: "year", Msg: "expected a whole number", Text: `year = "2019"`}}
	two := append(List{{Pos: Pos{File: "site.toml"}, Msg: "missing"}}, one...)
	for _, c := range []struct {
		name        string
		err         error
		consequence string
		want        string
	}{
		{"nothing", nil, "", ""},
		{"one problem", one, "", "a.md:4:8: year: expected a whole number\n    4 | year = \"2019\"\n      |        ^\n1 problem found.\n"},
		{"two, and what it means", two, "nothing was published", "site.toml: missing\na.md:4:8: year: expected a whole number\n    4 | year = \"2019\"\n      |        ^\n2 problems found; nothing was published.\n"},
		{"a wrapped list", fmt.Errorf("build: %w", two[:1]), "", "site.toml: missing\n1 problem found.\n"},
		{"another error", errors.New("disk full"), "nothing was published", "error: disk full\n"},
	} {
		var b strings.Builder
		Print(&b, c.err, c.consequence)
		if b.String() != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, b.String(), c.want)
		}
	}
}
