package diag

import (
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
