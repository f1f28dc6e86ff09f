package calendar

import (
	"time"

	"rdjy.local/portal/generator/internal/tomldoc"
)

// Read reads the [[holidays]] entries of a TOML document (holidays.toml, or
// site.toml), one per notice, in the order written:
//
//	[[holidays]]
//	year = 2019
//	notice = "国办发明电〔2018〕15号"
//	off = [
//	  { name = "元旦", from = 2018-12-30, to = 2019-01-01 },
//	  { name = "清明节", from = 2019-04-05 },
//	]
//	work = [2018-12-29, 2019-02-02, 2019-02-03]
//
// off lists the days off as the notice gives them (to defaults to from);
// work lists the days that are working days: weekend days made working days,
// or days an earlier notice (before is applied first) gave off. Every date
// lies in the year or in the December before it, where a notice may start
// its New Year holiday. Problems are recorded through t.
func Read(t *tomldoc.Table, before []Notice) []Notice {
	c := New(before...)
	var notices []Notice
	seen := map[string]bool{}
	for _, h := range t.Tables("holidays") {
		n, ok := readNotice(h, c)
		h.CheckUnknown()
		if !ok {
			continue
		}
		if seen[n.Number] {
			h.Errorf("notice", "list each notice once", "%s is listed twice", n.Number)
			continue
		}
		seen[n.Number] = true
		c.apply(n)
		notices = append(notices, n)
	}
	return notices
}

// Maximum length of one period off: the longest so far is 9 days.
const maxPeriod = 15

func readNotice(h *tomldoc.Table, c *Calendar) (Notice, bool) {
	var n Notice
	year, ok := h.Int("year", true, "2027")
	if ok && (year < 2000 || year > 2100) {
		h.Errorf("year", "write the four-digit year the notice arranges, such as year = 2027", "%d is not a plausible year", year)
		ok = false
	}
	n.Year = year
	n.Number = h.String("notice", true, `"国办发明电〔2026〕…号"`)
	first, last := time.Date(year-1, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	// inYear reports a day outside the notice's year with errorf.
	inYear := func(errorf func(hint, format string, args ...any), d time.Time) bool {
		if ok && (d.Before(first) || d.After(last)) {
			errorf("a notice for "+itoa(year)+" arranges days of "+itoa(year)+" (and of the December before it)",
				"%s is outside %d", d.Format(time.DateOnly), year)
			return false
		}
		return true
	}
	good := ok && n.Number != ""
	for _, o := range h.Tables("off") {
		p := Period{Name: o.String("name", false, `"春节"`)}
		var fromOK, toOK bool
		p.From, fromOK = o.Date("from", true)
		p.To, toOK = o.Date("to", false)
		o.CheckUnknown()
		if !toOK {
			p.To = p.From
		}
		if !fromOK || !inYear(fieldErrorf(o, "from"), p.From) || !inYear(fieldErrorf(o, "to"), p.To) {
			good = false
			continue
		}
		if p.To.Before(p.From) || p.To.Sub(p.From) > maxPeriod*24*time.Hour {
			o.Errorf("to", "write the first day as from and the last as to", "%s to %s is not a period of holidays",
				p.From.Format(time.DateOnly), p.To.Format(time.DateOnly))
			good = false
			continue
		}
		n.Off = append(n.Off, p)
	}
	for i, d := range h.Dates("work", false) {
		errorf := func(hint, format string, args ...any) { h.EntryErrorf("work", i, hint, format, args...) }
		if !inYear(errorf, d) {
			good = false
			continue
		}
		if in := n.offOn(d); in != nil {
			errorf("a day is either off or a working day; check the notice", "%s is also in the days off (%s)", d.Format(time.DateOnly), in.Name)
			good = false
			continue
		}
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !c.off[d] {
			errorf("list only the weekend days the notice makes working days (上班), or a day an earlier notice gave off",
				"%s is a %s, a working day anyway", d.Format(time.DateOnly), wd)
			good = false
			continue
		}
		n.Work = append(n.Work, d)
	}
	return n, good
}

// fieldErrorf reports problems with the value of key k of t.
func fieldErrorf(t *tomldoc.Table, k string) func(hint, format string, args ...any) {
	return func(hint, format string, args ...any) { t.Errorf(k, hint, format, args...) }
}

// offOn gives the period of n that d falls in, if any.
func (n *Notice) offOn(d time.Time) *Period {
	for i, p := range n.Off {
		if !d.Before(p.From) && !d.After(p.To) {
			return &n.Off[i]
		}
	}
	return nil
}
