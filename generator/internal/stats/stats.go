// Package stats counts the published suggestions of each year: totals,
// replies, meetings, key suggestions, and counts per category, outcome,
// satisfaction and lead unit. Every figure the portal shows comes from here,
// through package index: the statistics pages, the home page's summary,
// the scorecards and the annual reports' {{count}} and {{share}}, and
// /data/stats.json is this structure as JSON (counts only; shares are
// derived from them).
//
// A year keeps, for each condition a suggestion can meet (a category, an
// outcome, replied, key …, see Cond), the set of its suggestions that meet
// it. Every count is the size of such a set or of the intersection of
// several (Year.Count), and every share one count of another
// (Year.Share), so that a figure in a report and the same figure on a
// statistics page cannot differ.
package stats

import (
	"slices"
	"sort"
	"strconv"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
)

// Stats holds the counts of every year that has published suggestions, and
// the terms the handling units' scorecards are measured by.
type Stats struct {
	// AsOf is the day overdue replies are counted on: site.toml's as_of, or
	// else the latest date in the content (so builds stay reproducible).
	AsOf string `json:"as_of"`
	// ReplyLimitMonths is the time limit for a reply, from assignment.
	ReplyLimitMonths int `json:"reply_limit_months"`
	// PublishLimitWorkdays is the time limit for publishing a reply, in
	// working days after it.
	PublishLimitWorkdays int           `json:"publish_limit_workdays"`
	Years                map[int]*Year `json:"years"`

	asOf time.Time
	site *config.Site // what the years were counted for
}

// Year holds one year's counts. Outcome counts replied suggestions and
// Satisfaction those with feedback. Category, Outcome and Satisfaction list
// every key of site.toml, zero included; LeadUnit lists units that occur.
type Year struct {
	Total        int            `json:"total"`
	Replied      int            `json:"replied"`
	Met          int            `json:"met"`
	Key          int            `json:"key"`
	Category     map[string]int `json:"category"`
	Outcome      map[string]int `json:"outcome"`
	Satisfaction map[string]int `json:"satisfaction"`
	LeadUnit     map[string]int `json:"lead_unit"`

	// KeySatisfaction is the feedback on key suggestions.
	KeySatisfaction map[string]int `json:"key_satisfaction"`
	// CategoryOutcome counts replied suggestions by category, then outcome.
	CategoryOutcome map[string]map[string]int `json:"category_outcome"`
	// Units is the scorecard of every unit that leads or co-handles a
	// suggestion of the year.
	Units map[string]*Unit `json:"units"`

	// Disclosure counts the suggestions by how they are published: 全文,
	// 摘要 and 不公开.
	Disclosure map[string]int `json:"disclosure"`
	// PublicationTimed counts the replies with a publication date whose
	// time limit the calendar can tell; PublishedOnTime those of them
	// published within the limit.
	PublicationTimed int `json:"publication_timed"`
	PublishedOnTime  int `json:"published_on_time"`

	sets  sets                  // the suggestions of the year that meet each condition
	items []*content.Suggestion // what was counted, in order
}

// Unit is one handling unit's scorecard for a year. Replies, outcomes,
// satisfaction and times count the suggestions the unit leads.
type Unit struct {
	Led       int `json:"led"`        // 主办
	CoHandled int `json:"co_handled"` // 协办
	Replied   int `json:"replied"`
	Timed     int `json:"timed"`   // replied with an assignment date: the base of OnTime and ReplyDays
	OnTime    int `json:"on_time"` // of Timed, replied within the time limit
	ReplyDays int `json:"reply_days"`
	// PublicationTimed and PublishedOnTime count the unit's led replies
	// as the year's fields of the same names do.
	PublicationTimed int            `json:"publication_timed"`
	PublishedOnTime  int            `json:"published_on_time"`
	Outcome          map[string]int `json:"outcome"`
	Satisfaction     map[string]int `json:"satisfaction"`
	// Overdue lists, in number order, the led suggestions still unreplied
	// on AsOf although their time limit has passed.
	Overdue []string `json:"overdue"`
}

// Compute counts the given suggestions, which must exclude drafts. It visits
// each suggestion once.
func Compute(site *config.Site, published []*content.Suggestion) *Stats {
	return Update(nil, site, published)
}

// Update is Compute taking over from old (nil: none) the years whose
// suggestions are the very ones it counted, in the same order, for the
// same site.toml and as-of date: after an edit in a preview, only the
// edited suggestion's year is counted again. The years are shared and
// never changed.
func Update(old *Stats, site *config.Site, published []*content.Suggestion) *Stats {
	st := &Stats{Years: map[int]*Year{}, ReplyLimitMonths: site.ReplyMonths, PublishLimitWorkdays: site.Disclosure.LimitWorkdays, asOf: site.AsOf, site: site}
	if st.asOf.IsZero() {
		st.asOf = latestDate(published)
	}
	if !st.asOf.IsZero() {
		st.AsOf = st.asOf.Format(time.DateOnly)
	}
	if old != nil && (old.site != site || !old.asOf.Equal(st.asOf)) {
		old = nil
	}
	byYear := map[int][]*content.Suggestion{}
	for _, s := range published {
		byYear[s.Year] = append(byYear[s.Year], s)
	}
	for year, items := range byYear {
		if old != nil {
			if y := old.Years[year]; y != nil && slices.Equal(y.items, items) {
				st.Years[year] = y
				continue
			}
		}
		y := newYear(site)
		y.items = items
		for _, s := range items {
			for _, c := range conds(site, s) {
				y.sets.add(c, y.Total)
			}
			y.Total++
			st.score(site, y, s)
		}
		y.tally(site)
		for _, u := range y.Units {
			sort.Slice(u.Overdue, func(i, j int) bool { return content.NumberLess(u.Overdue[i], u.Overdue[j]) })
		}
		st.Years[year] = y
	}
	return st
}

// tally fills the year's tables from its sets.
func (y *Year) tally(site *config.Site) {
	y.Replied, y.Met, y.Key = y.Count(Replied()), y.Count(Met()), y.Count(Key())
	y.PublicationTimed, y.PublishedOnTime = y.Count(PublicationTimed()), y.Count(PublishedOnTime())
	for _, mode := range []content.Disclosure{content.Full, content.Summary, content.Withheld} {
		y.Disclosure[string(mode)] = y.Count(Disclosure(mode))
	}
	for _, c := range site.Categories.Terms {
		y.Category[c.Key] = y.Count(Category(c.Key))
		for _, o := range site.Outcomes.Terms {
			y.CategoryOutcome[c.Key][o.Key] = y.Count(Category(c.Key), Outcome(o.Key))
		}
	}
	for _, o := range site.Outcomes.Terms {
		y.Outcome[o.Key] = y.Count(Outcome(o.Key))
	}
	for _, t := range site.Satisfaction.Terms {
		y.Satisfaction[t.Key] = y.Count(Satisfaction(t.Key))
		y.KeySatisfaction[t.Key] = y.Count(Key(), Satisfaction(t.Key))
	}
	for name, u := range y.Units {
		lead := LeadUnit(name)
		if u.Led = y.Count(lead); u.Led == 0 {
			continue // it only co-handles
		}
		y.LeadUnit[name] = u.Led
		u.Replied = y.Count(lead, Replied())
		u.PublicationTimed, u.PublishedOnTime = y.Count(lead, PublicationTimed()), y.Count(lead, PublishedOnTime())
		for _, o := range site.Outcomes.Terms {
			u.Outcome[o.Key] = y.Count(lead, Outcome(o.Key))
		}
		for _, t := range site.Satisfaction.Terms {
			u.Satisfaction[t.Key] = y.Count(lead, Satisfaction(t.Key))
		}
	}
}

// score adds s to the scorecards of its lead unit and co-units: what the
// sets do not count (times, overdue replies, co-handling).
func (st *Stats) score(site *config.Site, y *Year, s *content.Suggestion) {
	u := y.unit(site, s.LeadUnit)
	deadline := Deadline(s.Assigned, st.ReplyLimitMonths)
	switch {
	case s.IsReplied():
		if !s.Assigned.IsZero() {
			u.Timed++
			u.ReplyDays += int(s.Replied.Sub(s.Assigned).Hours() / 24)
			if !s.Replied.After(deadline) {
				u.OnTime++
			}
		}
	case !s.Assigned.IsZero() && st.asOf.After(deadline):
		u.Overdue = append(u.Overdue, s.Number)
	}
	for i, co := range s.CoUnits {
		// A co-unit that also leads, or is named twice, co-handles once.
		if co != s.LeadUnit && !slices.Contains(s.CoUnits[:i], co) {
			y.unit(site, co).CoHandled++
		}
	}
}

// Deadline is the last day a reply to a suggestion assigned on assigned is
// on time: the same day months later (AddDate's rule: 2019-11-30 plus three
// months is 2020-03-01).
func Deadline(assigned time.Time, months int) time.Time {
	return assigned.AddDate(0, months, 0)
}

func (y *Year) unit(site *config.Site, name string) *Unit {
	u := y.Units[name]
	if u == nil {
		u = &Unit{Outcome: zeroes(site.Outcomes), Satisfaction: zeroes(site.Satisfaction), Overdue: []string{}}
		y.Units[name] = u
	}
	return u
}

// latestDate is the latest assignment, reply or follow-up date in the content.
func latestDate(published []*content.Suggestion) time.Time {
	var d time.Time
	later := func(t time.Time) {
		if t.After(d) {
			d = t
		}
	}
	for _, s := range published {
		later(s.Assigned)
		later(s.Replied)
		for _, p := range s.Progress {
			later(p.Date)
		}
	}
	return d
}

// AsOfDate is the day overdue replies are counted on; zero when there is
// no date at all.
func (st *Stats) AsOfDate() time.Time { return st.asOf }

func newYear(site *config.Site) *Year {
	y := &Year{
		Category:        zeroes(site.Categories),
		Outcome:         zeroes(site.Outcomes),
		Satisfaction:    zeroes(site.Satisfaction),
		LeadUnit:        map[string]int{},
		KeySatisfaction: zeroes(site.Satisfaction),
		CategoryOutcome: map[string]map[string]int{},
		Units:           map[string]*Unit{},
		Disclosure:      map[string]int{},
		sets:            sets{},
	}
	for _, t := range site.Categories.Terms {
		y.CategoryOutcome[t.Key] = zeroes(site.Outcomes)
	}
	return y
}

func zeroes(e *config.Enum) map[string]int {
	m := make(map[string]int, len(e.Terms))
	for _, t := range e.Terms {
		m[t.Key] = 0
	}
	return m
}

// Feedback is the number of suggestions with deputies' feedback.
func (y *Year) Feedback() int { return y.Count(Feedback()) }

// Feedback is the number of the unit's led suggestions with feedback.
func (u *Unit) Feedback() int {
	n := 0
	for _, c := range u.Satisfaction {
		n += c
	}
	return n
}

// Percent formats part/whole as a share with one decimal, rounded half up
// in integer arithmetic so that every machine agrees: 46/133 is "34.6%",
// 16/133 "12.0%". Exactly all and exactly none are written "100%" and "0%",
// as reports do. An empty whole gives "—".
func Percent(part, whole int) string {
	if whole == 0 {
		return "—"
	}
	if part == whole {
		return "100%"
	}
	if part == 0 {
		return "0%"
	}
	return OneDecimal(part*100, whole) + "%"
}

// OneDecimal formats part/whole with one decimal, rounded half up in
// integer arithmetic: 1/16 of 100 is "6.3". whole must not be zero.
func OneDecimal(part, whole int) string {
	tenths := (part*10*2 + whole) / (whole * 2)
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10)
}
