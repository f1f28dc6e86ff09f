// Package diag holds the errors a webmaster can cause: each names a file,
// line and column, the field at fault, and how to fix it. A List collects
// every problem of a site so that one run of `check` reports them all (the
// load and check phases each add theirs; see package build), and Print and
// PrintWarnings show them the way every command does.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Pos is a position in a source file. Line and Col count from 1; Col counts
// characters, not bytes, as editors show them. A zero Line means the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem in the site's sources.
type Error struct {
	Pos   Pos
	Field string // front-matter or site.toml key, empty when none applies
	Msg   string // what is wrong and what was expected
	Hint  string // how to fix it; may be empty
	Text  string // the offending source line, when known
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Detail is Error followed, when the source line is known, by that line and
// a caret under the column, as compilers print them:
//
//	content/suggestions/2019/001.md:4:8: year: expected a whole number …
//	    4 | year = "2019"
//	      |        ^
func (e *Error) Detail() string {
	if e.Text == "" {
		return e.Error()
	}
	text, col := window([]rune(e.Text), e.Pos.Col)
	num := strconv.Itoa(e.Pos.Line)
	var b strings.Builder
	b.WriteString(e.Error())
	b.WriteString("\n    " + num + " | " + string(text))
	if col > 0 {
		b.WriteString("\n    " + strings.Repeat(" ", len(num)) + " | ")
		for i, r := range text {
			if i >= col-1 {
				break
			}
			switch {
			case r == '\t':
				b.WriteByte('\t')
			case r >= 0x2E80: // CJK and full-width forms take two columns
				b.WriteString("  ")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteByte('^')
	}
	return b.String()
}

// context is how many characters of a long line Detail shows on each side
// of the column: a report's paragraph is one line of hundreds.
const context = 30

// window cuts a long line to the characters around col, marking the cuts
// with "...", and returns the column within the cut line.
func window(line []rune, col int) ([]rune, int) {
	if len(line) <= 2*context+10 {
		return line, col
	}
	at := max(col-1, 0)
	lo, hi := max(at-context, 0), min(at+context, len(line))
	out := append([]rune(nil), line[lo:hi]...)
	if lo > 0 {
		out = append([]rune("..."), out...)
		col = col - lo + 3
	}
	if hi < len(line) {
		out = append(out, []rune("...")...)
	}
	return out, col
}

// List collects errors. The zero value is ready to use.
type List []*Error

// Add appends an error at pos.
func (l *List) Add(pos Pos, field, msg, hint string) {
	*l = append(*l, &Error{Pos: pos, Field: field, Msg: msg, Hint: hint})
}

// Append appends e.
func (l *List) Append(e *Error) { *l = append(*l, e) }

// AttachSource records, for each error in file, the source line it points
// at, so that Detail can show it.
func (l List) AttachSource(file string, data []byte) {
	var lines []string
	for _, e := range l {
		if e.Pos.File != file || e.Pos.Line <= 0 {
			continue
		}
		if lines == nil {
			lines = strings.Split(string(data), "\n")
		}
		if e.Pos.Line <= len(lines) {
			e.Text = strings.TrimRight(lines[e.Pos.Line-1], "\r")
		}
	}
}

// Sort orders the list by file, line, column and message.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return l[i].Msg < l[j].Msg
	})
}

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
