package diag

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Err returns the list as an error, sorted, or nil when it is empty, so
// that a function returning error never returns a non-nil empty List.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Print writes err to w the way the commands show a failed load or build.
// Each problem of a List (or an error wrapping one) comes with its source
// line and a caret (see Error.Detail), then a line counts them, so that a
// webmaster knows how many are left to fix; consequence, when not empty,
// ends that line ("3 problems found; nothing was published."). Any other
// error is printed as "error: " and its text. A nil err prints nothing.
func Print(w io.Writer, err error, consequence string) {
	if err == nil {
		return
	}
	var list List
	if !errors.As(err, &list) {
		fmt.Fprintf(w, "error: %v\n", err)
		return
	}
	for _, e := range list {
		fmt.Fprintln(w, e.Detail())
	}
	summary := fmt.Sprintf("%d problems found", len(list))
	if len(list) == 1 {
		summary = "1 problem found"
	}
	if consequence != "" {
		summary += "; " + consequence
	}
	fmt.Fprintln(w, summary+".")
}

// PrintWarnings writes each warning of list to w as compilers do,
// "file:line:col: warning: …", with the source line and caret under it.
func PrintWarnings(w io.Writer, list List) {
	for _, e := range list {
		pos := e.Pos.String() + ": "
		fmt.Fprintln(w, pos+"warning: "+strings.TrimPrefix(e.Detail(), pos))
	}
}
