package markdown

import (
	"bytes"
	"fmt"
)

// goldmark takes time that grows faster than the text on some shapes of
// Markdown: a paragraph of "[a](" repeated, deeply nested quotes and
// lists, thousands of emphasis markers. No real suggestion has them, so
// Limits refuses them before anything parses the text, which keeps the
// time to read or render any Markdown bounded: every limit is far above
// what real text needs.
const (
	MaxParagraph = 64 << 10 // bytes in one paragraph (lines between blank lines): about 20,000 Chinese characters
	MaxMarkup    = 2000     // emphasis, code, link and image markers in one paragraph
	MaxLinks     = 200      // links and images in one paragraph
	MaxDepth     = 10       // quotes and lists inside each other
	MaxIndent    = 40       // spaces before the text of a line
)

// Problem is a part of some Markdown that Limits refuses.
type Problem struct {
	Offset    int // byte offset in the source where it starts
	Msg, Hint string
}

// Limits checks src against the limits above.
func Limits(src []byte) []Problem {
	var out []Problem
	para, size, markup, links := -1, 0, 0, 0 // the paragraph being read: start, bytes, markers, links
	end := func() {
		switch {
		case para < 0:
		case size > MaxParagraph:
			out = append(out, Problem{para, fmt.Sprintf("a paragraph of %d KB: at most %d KB fit in one", size>>10, MaxParagraph>>10),
				"put a blank line between paragraphs"})
		case links > MaxLinks:
			out = append(out, Problem{para, fmt.Sprintf("a paragraph with %d links or images: at most %d fit in one", links, MaxLinks),
				"split the paragraph or the list of links"})
		case markup > MaxMarkup:
			out = append(out, Problem{para, fmt.Sprintf("a paragraph with %d emphasis, code or link markers (* _ ` [ ] < ! ~): at most %d fit in one", markup, MaxMarkup),
				"split the paragraph, or write the characters as \\* if they are meant literally"})
		}
		para, size, markup, links = -1, 0, 0, 0
	}
	for off := 0; off < len(src); {
		line := src[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if len(bytes.TrimSpace(line)) == 0 {
			end()
		} else {
			if para < 0 {
				para = off
			}
			if t := bytes.TrimLeft(line, " "); len(t) == 0 || t[0] != '|' {
				size += len(line) // a table is read cell by cell: its rows do not count
			}
			for i, c := range line {
				switch c {
				case '*', '_', '`', '[', ']', '<', '!', '~':
					markup++
				case '(':
					if i > 0 && line[i-1] == ']' {
						links++
					}
				}
			}
			if p := nesting(line, off); p != nil {
				out = append(out, *p)
			}
		}
		off += len(line)
	}
	end()
	return out
}

// nesting checks the quote and list markers and the indentation at the
// start of a line that begins at offset off.
func nesting(line []byte, off int) *Problem {
	depth, i := 0, 0
	for {
		j := i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		if j-i > MaxIndent || j > 4*MaxIndent {
			return &Problem{off, fmt.Sprintf("a line indented by more than %d spaces", MaxIndent), "remove the spaces at the start of the line"}
		}
		i = j
		n := listMarker(line[i:])
		if i < len(line) && line[i] == '>' {
			n = 1
		}
		if n == 0 {
			return nil
		}
		if depth++; depth > MaxDepth {
			return &Problem{off, fmt.Sprintf("quotes or lists nested more than %d deep", MaxDepth), "nest fewer quotes (>) and lists (-, 1.) inside each other"}
		}
		i += n
	}
}

// listMarker is the length of a list marker with its space at the start
// of b (- a, * a, + a, 1. a, 1) a), or 0.
func listMarker(b []byte) int {
	if len(b) >= 2 && (b[0] == '-' || b[0] == '*' || b[0] == '+') && (b[1] == ' ' || b[1] == '\t') {
		return 2
	}
	i := 0
	for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(b) && (b[i] == '.' || b[i] == ')') && (b[i+1] == ' ' || b[i+1] == '\t') {
		return i + 2
	}
	return 0
}
