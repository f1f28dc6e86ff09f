package ledger

import (
	"sort"

	"rdjy.local/portal/generator/internal/diag"
)

// problems collects what is wrong, to be reported all at once: the ledger's
// by row and column, then those in content files by file and line.
type problems struct{ list []problem }

type problem struct {
	row, col int  // in the sheet, from 0; -1 for the sheet as a whole
	inFile   bool // a problem in a content file
	err      *diag.Error
}

// add records a problem at a place of the ledger. where is the place as the
// webmaster reads it (see Sheet.Where); field is the column's header.
func (p *problems) add(row, col int, where, field, msg, hint string) {
	p.list = append(p.list, problem{row: row, col: col, err: &diag.Error{
		Pos: diag.Pos{File: where}, Field: field, Msg: msg, Hint: hint,
	}})
}

// addFile records a problem in a content file, reported as check does.
func (p *problems) addFile(e *diag.Error) {
	p.list = append(p.list, problem{inFile: true, err: e})
}

func (p *problems) empty() bool { return len(p.list) == 0 }

// List is every problem, the ledger's in row and column order, then the
// content files'.
func (p *problems) List() diag.List {
	sort.SliceStable(p.list, func(i, j int) bool {
		a, b := p.list[i], p.list[j]
		if a.inFile != b.inFile {
			return b.inFile
		}
		if a.inFile {
			x, y := a.err.Pos, b.err.Pos
			if x.File != y.File {
				return x.File < y.File
			}
			return x.Line < y.Line || x.Line == y.Line && x.Col < y.Col
		}
		if a.row != b.row {
			return a.row < b.row
		}
		return a.col < b.col
	})
	out := make(diag.List, len(p.list))
	for i, pr := range p.list {
		out[i] = pr.err
	}
	return out
}
