package privacy

import (
	"bytes"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/markdown"
)

// Hint is how to fix a finding.
const Hint = "remove it; if it is a public service number or address, list it in site.toml under public_contacts"

func message(text string, f Finding) string {
	return `"` + text[f.Start:f.End] + `" looks like ` + f.What + ": deputies' personal contact details must not be published"
}

// CheckField reports the contact details in value, the decoded text of
// field, whose value starts at pos in the file's text src. A finding is
// placed where its text is written in src when it is written as it reads
// (no escapes in between); otherwise at the value's start.
func CheckField(src []byte, pos diag.Pos, field, value string, allowed *Allowed, errs *diag.List) {
	for _, f := range Scan(value, allowed) {
		errs.Add(locate(src, pos, value[f.Start:f.End]), field, message(value, f), Hint)
	}
}

// locate finds shown in src at or after pos, close enough to belong to the
// value there.
func locate(src []byte, pos diag.Pos, shown string) diag.Pos {
	start := offset(src, pos)
	if start < 0 {
		return pos
	}
	window := src[start:min(len(src), start+4*len(shown)+4096)]
	i := bytes.Index(window, []byte(shown))
	if i < 0 {
		return pos
	}
	line, col := lineCol(src, start+i)
	return diag.Pos{File: pos.File, Line: line, Col: col}
}

// offset is the byte offset of pos in src, or -1.
func offset(src []byte, pos diag.Pos) int {
	if pos.Line < 1 {
		return -1
	}
	i := 0
	for line := 1; line < pos.Line; line++ {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
	}
	for col := 1; col < pos.Col && i < len(src) && src[i] != '\n'; col++ {
		_, size := utf8.DecodeRune(src[i:])
		i += size
	}
	return i
}

// lineCol is the line and column (in characters) of byte offset i of src.
func lineCol(src []byte, i int) (int, int) {
	before := src[:i]
	line := bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// CheckShown reports the contact details in the text a page shows for the
// Markdown body, which starts on line firstLine of file, each at the
// position in the file where its first character is written.
func CheckShown(file string, body []byte, firstLine int, shown *markdown.Shown, allowed *Allowed, errs *diag.List) {
	for _, f := range Scan(shown.Text, allowed) {
		pos := diag.Pos{File: file, Line: firstLine}
		if off, ok := shown.Source(f.Start); ok {
			line, col := lineCol(body, off)
			pos.Line, pos.Col = firstLine+line-1, col
		}
		errs.Add(pos, "", message(shown.Text, f), Hint)
	}
}
