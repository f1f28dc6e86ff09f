package render

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"rdjy.local/portal/generator/internal/chart"
	"rdjy.local/portal/generator/internal/stats"
)

// A scorecard order: the year's statistics page lists units by the first;
// each other order has a page of its own, so the table sorts without script.
type order struct {
	slug, label string
	less        func(a, b *unitScore) int // negative: a comes first
}

// unitScore is a unit's row with the numbers it is sorted by.
type unitScore struct {
	row                     UnitRow
	onTime, solved, pleased float64 // -1 when there is nothing to divide by
	days                    float64 // -1 without replies
}

var orders = []order{
	{"led", "按主办件数", func(a, b *unitScore) int { return b.row.Led - a.row.Led }},
	{"on-time", "按按期答复率", func(a, b *unitScore) int { return cmpDesc(a.onTime, b.onTime) }},
	{"solved", "按解决率", func(a, b *unitScore) int { return cmpDesc(a.solved, b.solved) }},
	{"satisfied", "按满意率", func(a, b *unitScore) int { return cmpDesc(a.pleased, b.pleased) }},
	{"days", "按平均办理天数", func(a, b *unitScore) int { return cmpAsc(a.days, b.days) }},
	{"overdue", "按超期未答复件数", func(a, b *unitScore) int { return len(b.row.Overdue) - len(a.row.Overdue) }},
}

// cmpDesc puts larger rates first and missing ones (-1) last.
func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// cmpAsc puts fewer days first and missing ones (-1) last.
func cmpAsc(a, b float64) int {
	switch {
	case a == b:
		return 0
	case a < 0:
		return 1
	case b < 0:
		return -1
	case a < b:
		return -1
	}
	return 1
}

// statsTasks lists the statistics overview, each year's statistics and the
// year's scorecard in each further order.
func (s *Site) statsTasks() []*task {
	tasks := []*task{{file: file("stats"), url: s.url("stats"), make: s.statsPage}}
	for _, t := range s.years.terms {
		year := t.year
		y := strconv.Itoa(year)
		tasks = append(tasks, &task{file: file("stats", y), url: s.url("stats", y), make: func(buf *bytes.Buffer) error { return s.yearStatsPage(buf, year) }})
		for _, o := range orders[1:] {
			o := o
			tasks = append(tasks, &task{file: file("stats", y, "units", o.slug), url: s.url("stats", y, "units", o.slug),
				make: func(buf *bytes.Buffer) error { return s.scorecardPage(buf, year, o) }})
		}
	}
	return tasks
}

func (s *Site) statsPage(buf *bytes.Buffer) error {
	v := &StatsView{}
	trend := &chart.Chart{ID: "chart-trend", Title: "历年建议件数", Heading: "年度", Unit: "件"}
	solved, satisfied := s.cfg.Outcomes.Terms[0].Key, s.cfg.Satisfaction.Terms[0].Key
	for _, t := range s.years.terms {
		y := s.stats.Years[t.year]
		link := Link{Label: t.label, URL: s.url("stats", strconv.Itoa(t.year)), Count: y.Total}
		v.Years = append(v.Years, link)
		v.TrendRows = append(v.TrendRows, TrendRow{
			Year: link, Total: y.Total,
			Replied: stats.Percent(y.Replied, y.Total), Met: stats.Percent(y.Met, y.Total),
			Solved: stats.Percent(y.Outcome[solved], y.Replied), Satisfied: stats.Percent(y.Satisfaction[satisfied], y.Feedback()),
		})
	}
	// Oldest year first in the chart, as time runs left to right in a
	// reader's mind and top to bottom here.
	for i := len(v.Years) - 1; i >= 0; i-- {
		trend.Bars = append(trend.Bars, chart.Bar{Label: v.Years[i].Label, URL: v.Years[i].URL, Count: v.Years[i].Count})
	}
	if len(v.Years) > 1 {
		v.Trend = trend.Figure()
	}
	return s.page(buf, &Page{
		Kind:        "stats",
		Title:       "统计",
		Description: "人大代表建议办理情况统计：件数、答复率、见面率、办理结果、代表满意度和承办单位办理情况。",
		URL:         s.url("stats"),
		Breadcrumbs: s.home(),
		Stats:       v,
	})
}

func (s *Site) yearStatsPage(buf *bytes.Buffer, year int) error {
	y := s.stats.Years[year]
	ys := &YearStats{Summary: s.yearSummaryOf(year, y), Scorecard: s.scorecard(year, y, orders[0])}
	for i, kind := range []string{"category", "outcome", "satisfaction"} {
		ys.Charts = append(ys.Charts, s.yearChart(kind, year, "chart-"+strconv.Itoa(i+1)).Figure())
	}
	keyFeedback := 0
	for _, n := range y.KeySatisfaction {
		keyFeedback += n
	}
	for _, t := range s.cfg.Satisfaction.Terms {
		ys.KeySatisfaction = append(ys.KeySatisfaction, share(t.Label, y.KeySatisfaction[t.Key], keyFeedback))
	}
	ys.CategoryOutcome = s.crossTable(year, y)
	label := strconv.Itoa(year) + "年"
	return s.page(buf, &Page{
		Kind:        "stats",
		Title:       label + "办理情况统计",
		Description: label + "人大代表建议办理情况统计与承办单位办理情况。",
		URL:         s.url("stats", strconv.Itoa(year)),
		Breadcrumbs: append(s.home(), Link{Label: "统计", URL: s.url("stats")}),
		Stats:       &StatsView{Year: ys},
	})
}

func (s *Site) scorecardPage(buf *bytes.Buffer, year int, o order) error {
	y := strconv.Itoa(year)
	return s.page(buf, &Page{
		Kind:        "stats",
		Title:       y + "年承办单位办理情况（" + strings.TrimPrefix(o.label, "按") + "排序）",
		URL:         s.url("stats", y, "units", o.slug),
		Breadcrumbs: append(s.home(), Link{Label: "统计", URL: s.url("stats")}, Link{Label: y + "年", URL: s.url("stats", y)}),
		Stats:       &StatsView{Scorecard: s.scorecard(year, s.stats.Years[year], o)},
	})
}

func (s *Site) crossTable(year int, y *stats.Year) *CrossTable {
	ct := &CrossTable{Caption: strconv.Itoa(year) + "年各类别办理结果（已答复件数）", Heading: "类别"}
	ct.Totals = CrossRow{Label: "合计", Cells: make([]int, len(s.cfg.Outcomes.Terms))}
	for _, o := range s.cfg.Outcomes.Terms {
		ct.Columns = append(ct.Columns, o.Label)
	}
	for _, c := range s.cfg.Categories.Terms {
		row := CrossRow{Label: c.Label}
		for i, o := range s.cfg.Outcomes.Terms {
			n := y.CategoryOutcome[c.Key][o.Key]
			row.Cells = append(row.Cells, n)
			row.Total += n
			ct.Totals.Cells[i] += n
		}
		ct.Totals.Total += row.Total
		ct.Rows = append(ct.Rows, row)
	}
	return ct
}

// scorecard rates the units of one year, in order o; ties go by name.
func (s *Site) scorecard(year int, y *stats.Year, o order) *Scorecard {
	solved, satisfied := s.cfg.Outcomes.Terms[0], s.cfg.Satisfaction.Terms[0]
	sc := &Scorecard{
		Year: year, AsOf: date(s.stats.AsOfDate()), LimitMonths: s.stats.ReplyLimitMonths,
		Order: o.label, Solved: solved.Label, Satisfied: satisfied.Label,
	}
	ys := strconv.Itoa(year)
	for _, other := range orders {
		l := Link{Label: other.label, URL: s.url("stats", ys, "units", other.slug), Current: other.slug == o.slug}
		if other.slug == orders[0].slug {
			l.URL = s.url("stats", ys) + "#scorecard"
		}
		sc.Orders = append(sc.Orders, l)
	}
	scores := make([]*unitScore, 0, len(y.Units))
	for name, u := range y.Units {
		feedback := 0
		for _, n := range u.Satisfaction {
			feedback += n
		}
		us := &unitScore{
			row: UnitRow{
				Name: name, Led: u.Led, CoHandled: u.CoHandled, Replied: u.Replied,
				OnTime: u.OnTime, OnTimeRate: stats.Percent(u.OnTime, u.Timed),
				Solved: u.Outcome[solved.Key], SolvedRate: stats.Percent(u.Outcome[solved.Key], u.Replied),
				Satisfied: u.Satisfaction[satisfied.Key], SatisfiedRate: stats.Percent(u.Satisfaction[satisfied.Key], feedback),
				AverageDays: "—",
			},
			onTime: ratio(u.OnTime, u.Timed), solved: ratio(u.Outcome[solved.Key], u.Replied),
			pleased: ratio(u.Satisfaction[satisfied.Key], feedback), days: ratio(u.ReplyDays, u.Timed),
		}
		if u.Timed > 0 {
			us.row.AverageDays = oneDecimal(u.ReplyDays, u.Timed)
		}
		if s.units.byKey[name] != nil {
			us.row.URL = s.url("units", name)
		}
		for _, n := range u.Overdue {
			us.row.Overdue = append(us.row.Overdue, Link{Label: n, URL: s.url("suggestions", n)})
		}
		scores = append(scores, us)
	}
	sort.Slice(scores, func(i, j int) bool {
		if c := o.less(scores[i], scores[j]); c != 0 {
			return c < 0
		}
		return scores[i].row.Name < scores[j].row.Name
	})
	for _, us := range scores {
		sc.Units = append(sc.Units, us.row)
	}
	return sc
}

func ratio(part, whole int) float64 {
	if whole == 0 {
		return -1
	}
	return float64(part) / float64(whole)
}

// oneDecimal formats part/whole with one decimal, rounded half up.
func oneDecimal(part, whole int) string {
	tenths := (part*10*2 + whole) / (whole * 2)
	return strconv.Itoa(tenths/10) + "." + strconv.Itoa(tenths%10)
}
