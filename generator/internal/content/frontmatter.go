package content

import (
	"bytes"
	"strings"

	"rdjy.local/portal/generator/internal/diag"
)

// Split separates TOML front matter, written between two lines of +++ at the
// start of the file, from the Markdown body. frontLine and bodyLine are the
// file's line numbers where each part starts, so that positions inside either
// part can be reported as positions in the file.
func Split(file string, data []byte) (front []byte, frontLine int, body []byte, bodyLine int, err *diag.Error) {
	const fence = "+++"
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if strings.TrimSpace(string(first)) == "---" {
		return nil, 0, nil, 0, &diag.Error{
			Pos:  diag.Pos{File: file, Line: 1, Col: 1},
			Msg:  "front matter must be TOML between lines of +++, not YAML between lines of ---",
			Hint: "replace both --- lines by +++ and write the fields as key = value",
		}
	}
	if strings.TrimSpace(string(first)) != fence {
		return nil, 0, nil, 0, &diag.Error{
			Pos:  diag.Pos{File: file, Line: 1, Col: 1},
			Msg:  "missing front matter: the file must begin with a line of +++",
			Hint: "put the fields between two lines of +++ at the very top of the file",
		}
	}
	line := 2
	start := rest
	for len(rest) > 0 {
		l, next, _ := bytes.Cut(rest, []byte("\n"))
		if strings.TrimSpace(string(l)) == fence {
			front = start[:len(start)-len(rest)]
			return front, 2, next, line + 1, nil
		}
		rest = next
		line++
	}
	return nil, 0, nil, 0, &diag.Error{
		Pos:  diag.Pos{File: file, Line: 1, Col: 1},
		Msg:  "front matter is not closed",
		Hint: "add a line of +++ after the last field",
	}
}
