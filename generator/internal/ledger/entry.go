package ledger

import (
	"strconv"
	"time"

	"rdjy.local/portal/generator/internal/config"
)

// entry is what one row of the ledger says: a value for every column the
// ledger has and the row fills correctly.
type entry struct {
	row    int // in the sheet, from 0
	number string
	has    [nColumns]bool // the ledger has the column and the cell was read
	bad    map[string]bool
	str    [nColumns]string
	list   [nColumns][]string
	year   int
	yes    [nColumns]bool
	date   [nColumns]time.Time
}

// errorValues are the values of a formula that failed.
var errorValues = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true,
	"#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true,
}

// readEntry reads row r by the layout, reporting every cell that cannot be
// read; those cells are left out of the entry.
func readEntry(s *Sheet, l *layout, site *config.Site, r int, p *problems) *entry {
	e := &entry{row: r, bad: map[string]bool{}}
	for c := range columns {
		if !l.has(c) {
			continue
		}
		sc := l.col[c]
		raw := s.get(r, sc)
		fail := func(msg, hint string) {
			p.add(r, sc, s.Where(r, sc), l.text[c], msg, hint)
			e.bad[columns[c].field] = true
		}
		note := s.notes[cell{r, sc}]
		if note == formulaCached && errorValues[raw] {
			note = formulaError
		}
		switch note {
		case formulaNoValue:
			fail("the cell holds a formula that was never calculated, so it has no value to read",
				"open the workbook in Excel or WPS and save it, so that the formula is calculated, or type the value")
			continue
		case formulaError:
			fail("the cell's formula gives the error "+raw,
				"correct the formula, or type the value")
			continue
		}
		switch columns[c].kind {
		case kindNumber:
			e.number = number(raw)
		case kindText:
			e.str[c] = text(raw)
			if e.str[c] == "" && (c == colTitle || c == colLeadUnit) {
				fail("empty: every suggestion needs its "+columns[c].headers[0], "fill in the cell")
				continue
			}
		case kindNames:
			e.list[c] = names(raw)
		case kindYear:
			if isBlank(raw) {
				continue // the year stays, or comes from the number
			}
			y, ok := year(raw)
			if !ok {
				fail("found "+strconv.Quote(oneLine(raw))+", expected a year such as 2019", "write the year in four digits")
				continue
			}
			e.year = y
		case kindTerm:
			if isBlank(raw) {
				if c == colCategory {
					fail("empty: every suggestion needs its 类别", "write one of "+termList(site.Categories))
					continue
				}
				break
			}
			enum, aliases := terms(site, c)
			k, ok := term(raw, enum, aliases)
			if !ok {
				fail("found "+strconv.Quote(oneLine(raw))+", expected one of "+termList(enum),
					"write a key or a label of site.toml's [["+enum.Section+"]], or add the word to site.toml under [ledger."+enum.Section+"]")
				continue
			}
			e.str[c] = k
		case kindYesNo:
			y, ok := yesNo(raw)
			if !ok {
				fail("found "+strconv.Quote(oneLine(raw))+", expected 是 or 否", "write 是 (or √) for yes; 否 or nothing for no")
				continue
			}
			e.yes[c] = y
		case kindDisclosure:
			if isBlank(raw) {
				break // the default: in full
			}
			d, ok := disclosure(raw)
			if !ok {
				fail("found "+strconv.Quote(oneLine(raw))+", expected 全文, 摘要 or 不公开", "write 全文 (published in full), 摘要 (a summary) or 不公开 (not published, with the reason in 不公开理由)")
				continue
			}
			e.str[c] = d
		case kindDate:
			if isBlank(raw) {
				break
			}
			d, why := date(raw, s.csv == nil, s.date1904)
			if why != "" {
				fail("found "+strconv.Quote(oneLine(raw))+": "+why, "write a date such as 2019-03-27, 2019/3/27 or 2019年3月27日")
				continue
			}
			e.date[c] = d
		}
		e.has[c] = true
	}
	if l.has(colDeputies) && e.has[colDeputies] && len(e.list[colDeputies]) == 0 {
		sc := l.col[colDeputies]
		p.add(r, sc, s.Where(r, sc), l.text[colDeputies], "empty: every suggestion needs its lead deputy (领衔代表)", "write the deputy's name")
		e.bad["deputies"] = true
	}
	return e
}

// deputies is the deputies field the entry gives, with cur the present one:
// the lead deputy column replaces the first name, the co-deputies column the
// others.
func (e *entry) deputies(cur []string) ([]string, bool) {
	if !e.has[colDeputies] && !e.has[colCoDeputies] {
		return nil, false
	}
	var lead, co []string
	switch {
	case e.has[colDeputies]:
		lead = e.list[colDeputies]
	case len(cur) > 0:
		lead = cur[:1]
	}
	switch {
	case e.has[colCoDeputies]:
		co = e.list[colCoDeputies]
	case len(cur) > 1:
		co = cur[1:]
	}
	return append(append([]string(nil), lead...), co...), true
}

// values gives the front-matter values the entry sets, by field, with cur
// the suggestion's present deputies (nil for a new one).
func (e *entry) values(cur []string) map[string]value {
	v := map[string]value{}
	set := func(c int, x value) {
		if e.has[c] {
			v[columns[c].field] = x
		}
	}
	set(colTitle, value{str: e.str[colTitle]})
	set(colSession, value{str: e.str[colSession]})
	set(colCategory, value{str: e.str[colCategory]})
	set(colKey, value{yes: e.yes[colKey]})
	set(colLeadUnit, value{str: e.str[colLeadUnit]})
	set(colCoUnits, value{list: e.list[colCoUnits]})
	set(colAssigned, value{date: e.date[colAssigned]})
	set(colReplied, value{date: e.date[colReplied]})
	set(colMet, value{yes: e.yes[colMet]})
	set(colOutcome, value{str: e.str[colOutcome]})
	set(colSatisfaction, value{str: e.str[colSatisfaction]})
	set(colPublished, value{date: e.date[colPublished]})
	set(colDisclosure, value{str: e.str[colDisclosure]})
	set(colDisclosureReason, value{str: e.str[colDisclosureReason]})
	if e.year != 0 {
		v["year"] = value{num: e.year}
	}
	if d, ok := e.deputies(cur); ok {
		v["deputies"] = value{list: d}
	}
	for f := range e.bad {
		delete(v, f)
	}
	return v
}
