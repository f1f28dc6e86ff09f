// Package calendar knows the working days of the mainland: Monday to Friday,
// except the public holidays, plus the weekend days that become working days
// (调休上班). The holidays and those weekend days change every year: the State
// Council announces them in an annual notice (国务院办公厅关于…年部分节假日安排的
// 通知), and now and then adjusts one (2019's May Day, 2020's Spring Festival).
//
// The notices from 2015 on are shipped with the generator in holidays.toml,
// each with its number. site.toml adds later years, or corrects a shipped
// one, with [[holidays]] entries of the same form (see Read). A calendar
// knows only the years it has a notice for: asking about any other year is
// an error (*YearError) that names the year and says how to add it, never
// a guess.
//
// Dates are calendar days: time.Time values at midnight UTC, as package
// tomldoc reads TOML dates.
package calendar

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Notice is one State Council notice: the days it gives off and the weekend
// days it makes working days. A correction in site.toml is a Notice too.
type Notice struct {
	Year   int         // the year the notice arranges
	Number string      // 国办发明电〔2018〕15号
	Off    []Period    // days off, as the notice lists them
	Work   []time.Time // days that are working days (调休上班)
}

// Period is a run of days off, From to To, both included.
type Period struct {
	Name     string // 春节
	From, To time.Time
}

// Calendar answers whether a day is a working day, for the years it has
// notices for. It is never changed once made.
type Calendar struct {
	known map[int]bool
	off   map[time.Time]bool // days given off, weekend days included
	work  map[time.Time]bool // days made working days
	days  atomic.Pointer[table]
}

// table is every day of the years from the first the calendar knows to
// the last, made when first asked for: counting working days over a time
// limit is then a walk along a slice instead of map lookups per day (a
// site of 10,000 suggestions counts about two million days).
type table struct {
	first time.Time // 1 January of the first year known
	kind  []int8    // by day from first: workday, dayOff or unknown (a year without a notice)
}

const (
	unknown int8 = iota
	dayOff
	workday
)

// table returns the table of days, made from the maps once they are final.
func (c *Calendar) table() *table {
	if t := c.days.Load(); t != nil {
		return t
	}
	t := &table{}
	if years := c.Years(); len(years) > 0 {
		t.first = time.Date(years[0], 1, 1, 0, 0, 0, 0, time.UTC)
		end := time.Date(years[len(years)-1]+1, 1, 1, 0, 0, 0, 0, time.UTC)
		t.kind = make([]int8, t.index(end))
		for i := range t.kind {
			d := t.date(i)
			switch {
			case !c.known[d.Year()]:
				t.kind[i] = unknown
			case c.work[d]:
				t.kind[i] = workday
			case c.off[d] || d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
				t.kind[i] = dayOff
			default:
				t.kind[i] = workday
			}
		}
	}
	c.days.Store(t)
	return t
}

// index is d's place in the table (d at midnight UTC); it may be outside it.
func (t *table) index(d time.Time) int { return int((d.Unix() - t.first.Unix()) / secondsPerDay) }

const secondsPerDay = 24 * 60 * 60

func (t *table) date(i int) time.Time { return t.first.AddDate(0, 0, i) }

// at is the kind of the i-th day, unknown outside the table.
func (t *table) at(i int) int8 {
	if i < 0 || i >= len(t.kind) {
		return unknown
	}
	return t.kind[i]
}

// New makes the calendar of the notices, applied in order: a later notice
// decides the days it names, as the State Council's adjustments do (2020's
// extension of the Spring Festival turned the working Saturday 1 February
// into a day off). Every year with a notice is known.
func New(notices ...Notice) *Calendar {
	c := &Calendar{known: map[int]bool{}, off: map[time.Time]bool{}, work: map[time.Time]bool{}}
	for _, n := range notices {
		c.apply(n)
	}
	return c
}

// apply lets n decide the days it names. Only New and Read, while making a
// calendar, call it.
func (c *Calendar) apply(n Notice) {
	c.days.Store(nil)
	c.known[n.Year] = true
	for _, p := range n.Off {
		for d := p.From; !d.After(p.To); d = d.AddDate(0, 0, 1) {
			c.off[d] = true
			delete(c.work, d)
		}
	}
	for _, d := range n.Work {
		c.work[d] = true
		delete(c.off, d)
	}
}

// Years lists the years the calendar knows, in order.
func (c *Calendar) Years() []int {
	years := make([]int, 0, len(c.known))
	for y := range c.known {
		years = append(years, y)
	}
	slices.Sort(years)
	return years
}

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d time.Time) (bool, error) {
	d = day(d)
	switch c.table().at(c.table().index(d)) {
	case unknown:
		return false, &YearError{Year: d.Year(), cal: c}
	case workday:
		return true, nil
	}
	return false, nil
}

// AddWorkdays gives the n-th working day after d (d itself not counted): the
// last day of a time limit of n working days that starts the day after d.
func (c *Calendar) AddWorkdays(d time.Time, n int) (time.Time, error) {
	if n <= 0 {
		return day(d), nil
	}
	t := c.table()
	i := t.index(day(d))
	for n > 0 {
		i++
		switch t.at(i) {
		case unknown:
			return time.Time{}, &YearError{Year: t.date(i).Year(), cal: c}
		case workday:
			n--
		}
	}
	return t.date(i), nil
}

// Workdays counts the working days after from, up to and including to: 0
// when to is not after from.
func (c *Calendar) Workdays(from, to time.Time) (int, error) {
	t := c.table()
	n := 0
	for i, last := t.index(day(from))+1, t.index(day(to)); i <= last; i++ {
		switch t.at(i) {
		case unknown:
			return 0, &YearError{Year: t.date(i).Year(), cal: c}
		case workday:
			n++
		}
	}
	return n, nil
}

// day drops the time of day and the location, so that a date read any way
// is the same map key.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// YearError is the answer for a day of a year the calendar has no notice
// for.
type YearError struct {
	Year int
	cal  *Calendar
}

// Known lists the years the calendar knows.
func (e *YearError) Known() []int { return e.cal.Years() }

func (e *YearError) Error() string {
	return fmt.Sprintf("the working-day calendar has no holidays for %d (it knows %s): "+
		"add the State Council's notice on %d's holidays (国务院办公厅关于%d年部分节假日安排的通知) to site.toml "+
		"as a [[holidays]] entry with year = %d, its number, the days off and the working weekend days",
		e.Year, spans(e.Known()), e.Year, e.Year, e.Year)
}

func itoa(n int) string { return strconv.Itoa(n) }

// spans writes years as runs: "2015–2026, 2030".
func spans(years []int) string {
	if len(years) == 0 {
		return "no year"
	}
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		part := strconv.Itoa(years[i])
		if j > i {
			part += "–" + strconv.Itoa(years[j])
		}
		parts = append(parts, part)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
