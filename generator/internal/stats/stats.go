// Package stats counts the published suggestions of each year: totals,
// replies, meetings, key suggestions, and counts per category, outcome,
// satisfaction and lead unit. Every figure the portal shows comes from here,
// and /data/stats.json is this structure as JSON (counts only; shares are
// derived from them).
package stats

import (
	"strconv"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
)

// Stats holds the counts of every year that has published suggestions.
type Stats struct {
	Years map[int]*Year `json:"years"`
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
}

// Compute counts the given suggestions, which must exclude drafts. It visits
// each suggestion once.
func Compute(site *config.Site, published []*content.Suggestion) *Stats {
	st := &Stats{Years: map[int]*Year{}}
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
		}
		if s.IsReplied() {
			y.Replied++
			y.Outcome[s.Outcome]++
		}
		if s.Satisfaction != "" {
			y.Satisfaction[s.Satisfaction]++
		}
	}
	return st
}

func newYear(site *config.Site) *Year {
	return &Year{
		Category:     zeroes(site.Categories),
		Outcome:      zeroes(site.Outcomes),
		Satisfaction: zeroes(site.Satisfaction),
		LeadUnit:     map[string]int{},
	}
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

// Percent formats part/whole the way annual reports do: one decimal, without
// a trailing ".0" ("34.6%", "12%", "100%"). An empty whole gives "—".
func Percent(part, whole int) string {
	if whole == 0 {
		return "—"
	}
	// Round half away from zero in integer arithmetic, so that 46/133 is
	// 34.6% on every machine.
	tenths := (part*1000*2 + whole) / (whole * 2)
	s := strconv.Itoa(tenths / 10)
	if r := tenths % 10; r != 0 {
		s += "." + strconv.Itoa(r)
	}
	return s + "%"
}
