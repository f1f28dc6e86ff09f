package ledger

import (
	"strconv"
	"strings"
	"unicode"

	"rdjy.local/portal/generator/internal/config"
)

// headerSearch is how many rows from the top may come before the header
// row: a title, a date line, notes.
const headerSearch = 30

// layout is where the ledger's columns are in a sheet.
type layout struct {
	header  int              // the header row (its last row, when it has two), from 0
	col     [nColumns]int    // the sheet column of each ledger column; -1 when absent
	text    [nColumns]string // each column's header as the ledger writes it
	ignored []string         // the other columns: "备注 (P)"
}

func (l *layout) has(c int) bool { return l.col[c] >= 0 }

// hasField reports whether a column of the ledger fills a front-matter field.
func (l *layout) hasField(field string) bool {
	for c := range columns {
		if columns[c].field == field && l.has(c) {
			return true
		}
	}
	return false
}

// recognizer tells which ledger column a header names.
type recognizer struct {
	byText map[string]int
	ignore map[string]bool
}

func newRecognizer(cfg config.Ledger) *recognizer {
	r := &recognizer{byText: map[string]int{}, ignore: map[string]bool{}}
	for i, c := range columns {
		for _, h := range c.headers {
			r.byText[normHeader(h)] = i
		}
	}
	// site.toml's texts come last, so that they win over the built-in ones.
	for i, c := range columns {
		for _, h := range cfg.Headers[c.name] {
			r.byText[normHeader(h)] = i
		}
	}
	for _, h := range cfg.Ignore {
		r.ignore[normHeader(h)] = true
		delete(r.byText, normHeader(h))
	}
	return r
}

// column is the ledger column a header names, or -1.
func (r *recognizer) column(header string) int {
	if c, ok := r.byText[normHeader(header)]; ok {
		return c
	}
	return -1
}

// normHeader makes the forms one header text takes comparable: full-width
// letters, spaces and line breaks anywhere, a * for required columns, a
// trailing colon, a note in brackets (交办日期（年月日）).
func normHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, fold(s))
	s = strings.Trim(s, "*")
	s = strings.TrimRight(s, ":")
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, "("); i > 0 {
			s = s[:i]
		}
	}
	return strings.ToLower(s)
}

// findLayout finds the header row among the first rows of the sheet: the
// one naming the most known columns, at least two with 建议编号 among them.
// A blank header cell takes the header above it, for headers written over
// two rows.
func findLayout(s *Sheet, site *config.Site, p *problems) *layout {
	rec := newRecognizer(site.Ledger)
	best, bestCount := -1, 1
	for r := 0; r < len(s.rows) && r < headerSearch; r++ {
		if n := len(rowColumns(s, rec, r)); n > bestCount {
			best, bestCount = r, n
		}
	}
	if best < 0 {
		p.add(-1, -1, s.whereSheet(), "", "no header row found in the first "+strconv.Itoa(headerSearch)+" rows: looked for a row naming 建议编号 and other columns: "+knownHeaders(site.Ledger),
			"put the column names in one row above the data, or add your own names to site.toml under [ledger.headers]")
		return nil
	}
	l := &layout{header: best}
	for i := range l.col {
		l.col[i] = -1
	}
	found := rowColumns(s, rec, best)
	if _, ok := found[colNumber]; !ok {
		var named []string
		for c := range s.rows[best] {
			if h := headerAt(s, rec, best, c); rec.column(h) >= 0 {
				named = append(named, h)
			}
		}
		p.add(best, -1, s.whereRow(best), "", "the header row (row "+strconv.Itoa(best+1)+": "+strings.Join(named, ", ")+") has no 建议编号 column",
			"add a 建议编号 column with each suggestion's number (2019-001), or name its header in site.toml: [ledger.headers] number = [\"…\"]")
		return nil
	}
	ok := true
	for c := range s.rows[best] {
		h := headerAt(s, rec, best, c)
		col := rec.column(h)
		switch {
		case col >= 0 && l.col[col] >= 0:
			p.add(best, c, s.Where(best, c), h, strconv.Quote(h)+" and "+strconv.Quote(l.text[col])+" (column "+ColumnName(l.col[col])+") are both read as "+columns[col].headers[0],
				"delete one of the two columns, or list one under ignore in site.toml's [ledger]")
			ok = false
		case col >= 0:
			l.col[col], l.text[col] = c, strings.TrimFunc(h, isSpace)
		case !isBlank(h) && !rec.ignore[normHeader(h)]:
			l.ignored = append(l.ignored, oneLine(h)+" ("+ColumnName(c)+")")
		}
	}
	if !ok {
		return nil
	}
	l.ignored = append(l.ignored, unnamedColumns(s, l)...)
	return l
}

// rowColumns is the set of ledger columns that row r names.
func rowColumns(s *Sheet, rec *recognizer, r int) map[int]bool {
	found := map[int]bool{}
	for c := range s.rows[r] {
		if col := rec.column(headerAt(s, rec, r, c)); col >= 0 {
			found[col] = true
		}
	}
	return found
}

// headerAt is the header of column c if row r is the header row: its own
// text, or when blank, a known header in the row above.
func headerAt(s *Sheet, rec *recognizer, r, c int) string {
	h := s.get(r, c)
	if isBlank(h) && r > 0 && rec.column(s.get(r-1, c)) >= 0 {
		return s.get(r-1, c)
	}
	return h
}

// unnamedColumns lists the columns without a header that hold data.
func unnamedColumns(s *Sheet, l *layout) []string {
	var out []string
	seen := map[int]bool{}
	for r := l.header + 1; r < len(s.rows); r++ {
		for c, v := range s.rows[r] {
			if seen[c] || isBlank(v) || !isBlank(s.get(l.header, c)) {
				continue
			}
			mapped := false
			for _, lc := range l.col {
				mapped = mapped || lc == c
			}
			if !mapped {
				seen[c] = true
				out = append(out, "a column without a header ("+ColumnName(c)+")")
			}
		}
	}
	return out
}

// knownHeaders lists, per column, the header texts import knows.
func knownHeaders(cfg config.Ledger) string {
	parts := make([]string, len(columns))
	for i, c := range columns {
		parts[i] = strings.Join(append(append([]string(nil), c.headers...), cfg.Headers[c.name]...), "/")
	}
	return strings.Join(parts, "; ")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
