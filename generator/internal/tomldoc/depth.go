package tomldoc

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/diag"
)

// MaxDepth is how deeply arrays and inline tables may nest. Front matter
// needs two levels ([[progress]], a list of texts) and site.toml as many;
// the TOML decoder takes time and memory that grow much faster than the
// text with nesting (8,000 levels took 6 s and 2.7 GB), so deeper text is
// refused before it is decoded.
const MaxDepth = 4

// checkDepth finds the first [ or { in text, which starts on line
// firstLine of file, that opens a level deeper than MaxDepth. It skips
// strings and comments, and reads the text once.
func checkDepth(file string, text []byte, firstLine int) *diag.Error {
	depth, line, lineStart := 0, firstLine, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\n':
			line, lineStart = line+1, i+1
		case '#':
			if j := bytes.IndexByte(text[i:], '\n'); j >= 0 {
				i += j - 1
			} else {
				i = len(text)
			}
		case '"', '\'':
			end := stringEnd(text, i)
			line += bytes.Count(text[i:end], []byte("\n"))
			if k := bytes.LastIndexByte(text[i:end], '\n'); k >= 0 {
				lineStart = i + k + 1
			}
			i = end - 1
		case '[', '{':
			if depth++; depth > MaxDepth {
				return &diag.Error{
					Pos:  diag.Pos{File: file, Line: line, Col: utf8.RuneCount(text[lineStart:i]) + 1},
					Msg:  fmt.Sprintf("lists or tables nested more than %d deep", MaxDepth),
					Hint: `the fields need at most two levels: a list of texts ["a", "b"] and [[progress]] tables`,
				}
			}
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return nil
}

// stringEnd is the offset after the string that starts at text[i] (a
// basic "…" or literal '…' string, single or triple quoted), or the end of
// the line for an unclosed single-line string.
func stringEnd(text []byte, i int) int {
	q := text[i]
	triple := bytes.HasPrefix(text[i:], []byte{q, q, q})
	j := i + 1
	if triple {
		j = i + 3
	}
	for j < len(text) {
		c := text[j]
		switch {
		case c == '\\' && q == '"':
			j += 2
			continue
		case c == '\n' && !triple:
			return j
		case c == q && (!triple || bytes.HasPrefix(text[j:], []byte{q, q, q})):
			if triple {
				return j + 3
			}
			return j + 1
		}
		j++
	}
	return len(text)
}
