// Package stats counts the published suggestions of each year: totals,
// replies, meetings, key suggestions, and counts per category, outcome,
// satisfaction and lead unit. Every figure the portal shows comes from here,
// and /data/stats.json is this structure as JSON (counts only; shares are
// derived from them).
package stats

import (
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
	ReplyLimitMonths int           `json:"reply_limit_months"`
	Years            map[int]*Year `json:"years"`

	asOf time.Time
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
}

// Unit is one handling unit's scorecard for a year. Replies, outcomes,
// satisfaction and times count the suggestions the unit leads.
type Unit struct {
	Led          int            `json:"led"`        // 主办
	CoHandled    int            `json:"co_handled"` // 协办
	Replied      int            `json:"replied"`
	Timed        int            `json:"timed"`   // replied with an assignment date: the base of OnTime and ReplyDays
	OnTime       int            `json:"on_time"` // of Timed, replied within the time limit
	ReplyDays    int            `json:"reply_days"`
	Outcome      map[string]int `json:"outcome"`
	Satisfaction map[string]int `json:"satisfaction"`
	// Overdue lists, in number order, the led suggestions still unreplied
	// on AsOf although their time limit has passed.
	Overdue []string `json:"overdue"`
}

// Compute counts the given suggestions, which must exclude drafts. It visits
// each suggestion once.
func Compute(site *config.Site, published []*content.Suggestion) *Stats {
	st := &Stats{Years: map[int]*Year{}, ReplyLimitMonths: site.ReplyMonths, asOf: site.AsOf}
	if st.asOf.IsZero() {
		st.asOf = latestDate(published)
	}
	if !st.asOf.IsZero() {
		st.AsOf = st.asOf.Format(time.DateOnly)
	}
	for _, s := range published {
		y := st.Years[s.Year]
		if y == nil {
			y = newYear(site)
			st.Years[s.Year] = y
		}
		y.Total++
		y.Category[s.Category]++
		y.LeadUnit[s.LeadUnit]++
		if s.Met {
			y.Met++
		}
		if s.Key {
			y.Key++
			if s.Satisfaction != "" {
				y.KeySatisfaction[s.Satisfaction]++
			}
		}
		if s.IsReplied() {
			y.Replied++
			y.Outcome[s.Outcome]++
			y.CategoryOutcome[s.Category][s.Outcome]++
		}
		if s.Satisfaction != "" {
			y.Satisfaction[s.Satisfaction]++
		}
		st.score(site, y, s)
	}
	for _, y := range st.Years {
		for _, u := range y.Units {
			sort.Slice(u.Overdue, func(i, j int) bool { return content.NumberLess(u.Overdue[i], u.Overdue[j]) })
		}
	}
	return st
}

// score adds s to the scorecards of its lead unit and co-units.
func (st *Stats) score(site *config.Site, y *Year, s *content.Suggestion) {
	u := y.unit(site, s.LeadUnit)
	u.Led++
	deadline := Deadline(s.Assigned, st.ReplyLimitMonths)
	switch {
	case s.IsReplied():
		u.Replied++
		u.Outcome[s.Outcome]++
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
	if s.Satisfaction != "" {
		u.Satisfaction[s.Satisfaction]++
	}
	for _, co := range s.CoUnits {
		if co != s.LeadUnit {
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
func (y *Year) Feedback() int {
	n := 0
	for _, c := range y.Satisfaction {
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
	tenths := (part*1000*2 + whole) / (whole * 2)
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10) + "%"
}
