package index

import (
	"sort"

	"rdjy.local/portal/generator/internal/stats"
)

// UnitScore is one handling unit's line of a year's scorecard: its counts
// and the rates its rows are sorted by. Replies, outcomes, feedback and
// days count the suggestions the unit leads.
type UnitScore struct {
	Name string
	*stats.Unit
	OnTime    stats.Ratio // replied on time, of the replies with an assignment date
	Solved    stats.Ratio // the first outcome (Solved), of the replies
	Satisfied stats.Ratio // the first satisfaction level (Satisfied), of the feedback
	Days      stats.Ratio // days from assignment to reply, per such reply: the average
}

// Orders are the orders of a scorecard, by the segment of their pages'
// addresses: the year's statistics page lists units in the first, and
// each other has a page of its own. Ties go by name.
var Orders = []string{"led", "on-time", "solved", "satisfied", "days", "overdue"}

// orders compare two units for each order: negative when a comes first.
var orders = map[string]func(a, b *UnitScore) int{
	"led":       func(a, b *UnitScore) int { return b.Led - a.Led },
	"on-time":   func(a, b *UnitScore) int { return byRatio(a.OnTime, b.OnTime, true) },
	"solved":    func(a, b *UnitScore) int { return byRatio(a.Solved, b.Solved, true) },
	"satisfied": func(a, b *UnitScore) int { return byRatio(a.Satisfied, b.Satisfied, true) },
	"days":      func(a, b *UnitScore) int { return byRatio(a.Days, b.Days, false) },
	"overdue":   func(a, b *UnitScore) int { return len(b.Overdue) - len(a.Overdue) },
}

// byRatio orders by a ratio, the larger first when desc and the smaller
// first otherwise; a ratio with nothing to divide by comes last either way.
func byRatio(a, b stats.Ratio, desc bool) int {
	switch {
	case !a.Defined() || !b.Defined():
		return undefined(a) - undefined(b)
	case desc:
		return b.Compare(a)
	}
	return a.Compare(b)
}

func undefined(r stats.Ratio) int {
	if r.Defined() {
		return 0
	}
	return 1
}

// Scorecard lists the units of year in order, one of Orders; nil for a
// year or an order that does not exist.
func (x *Index) Scorecard(year int, order string) []*UnitScore {
	return x.scorecards[year][order]
}

// score rates the units of every year in every order.
func (x *Index) score() {
	solved, satisfied := x.Solved().Key, x.Satisfied().Key
	x.scorecards = map[int]map[string][]*UnitScore{}
	for year, y := range x.Stats.Years {
		units := make([]*UnitScore, 0, len(y.Units))
		for name, u := range y.Units {
			units = append(units, &UnitScore{
				Name: name, Unit: u,
				OnTime:    stats.Ratio{Part: u.OnTime, Whole: u.Timed},
				Solved:    stats.Ratio{Part: u.Outcome[solved], Whole: u.Replied},
				Satisfied: stats.Ratio{Part: u.Satisfaction[satisfied], Whole: u.Feedback()},
				Days:      stats.Ratio{Part: u.ReplyDays, Whole: u.Timed},
			})
		}
		byOrder := map[string][]*UnitScore{}
		for _, o := range Orders {
			sorted := append([]*UnitScore(nil), units...)
			less := orders[o]
			sort.Slice(sorted, func(i, j int) bool {
				if c := less(sorted[i], sorted[j]); c != 0 {
					return c < 0
				}
				return sorted[i].Name < sorted[j].Name
			})
			byOrder[o] = sorted
		}
		x.scorecards[year] = byOrder
	}
}
