package render

import (
	"bytes"
	"strconv"

	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/stats"
)

// statsTasks lists the statistics overview, each year's statistics and the
// year's scorecard in each further order.
func (e *Edition) statsTasks() []*task {
	tasks := []*task{{file: file("stats"), listed: true, make: e.statsPage}}
	for _, t := range e.idx.Years.Terms {
		year := t.Year
		y := strconv.Itoa(year)
		tasks = append(tasks, &task{file: file("stats", y), listed: true, make: func(buf *bytes.Buffer) error { return e.yearStatsPage(buf, year) }})
		for _, o := range index.Orders[1:] {
			tasks = append(tasks, &task{file: file("stats", y, "units", o), listed: true,
				make: func(buf *bytes.Buffer) error { return e.scorecardPage(buf, year, o) }})
		}
	}
	return tasks
}

func (e *Edition) statsPage(buf *bytes.Buffer) error {
	w := e.w
	v := &StatsView{}
	solved, satisfied := e.idx.Solved().Key, e.idx.Satisfied().Key
	for _, t := range e.idx.Years.Terms {
		y := e.idx.Year(t.Year)
		link := Link{Label: e.termLabel(t), URL: e.url("stats", strconv.Itoa(t.Year)), Count: y.Total}
		v.Years = append(v.Years, link)
		v.TrendRows = append(v.TrendRows, TrendRow{
			Year: link, Total: y.Total,
			Replied: y.Share(stats.Replied()).Percent(), Met: y.Share(stats.Met()).Percent(),
			Solved: y.Share(stats.Outcome(solved)).Percent(), Satisfied: y.Share(stats.Satisfaction(satisfied)).Percent(),
			Published: y.Share(stats.PublicationTimed(), stats.PublishedOnTime()).Percent(),
		})
	}
	// Oldest year first in the chart, as time runs left to right in a
	// reader's mind and top to bottom here.
	// Each bar links to the suggestions it counts, the year's list; the
	// table of rates links each year's statistics.
	var bars []Share
	for i := len(v.Years) - 1; i >= 0; i-- {
		t := e.idx.Years.Terms[i]
		bars = append(bars, Share{Label: v.Years[i].Label, URL: e.url("years", t.Key), Count: v.Years[i].Count})
	}
	if len(v.Years) > 1 {
		v.Trend = e.chart("chart-trend", w.Stats.Trend.String(), w.Stats.TrendHeading.String(), "", bars)
	}
	return e.page(buf, &Page{
		Kind:        "stats",
		Title:       w.Pages.Stats.String(),
		Description: w.Pages.StatsDescription.String(),
		URL:         e.url("stats"),
		Breadcrumbs: e.home(),
		Stats:       v,
	})
}

func (e *Edition) yearStatsPage(buf *bytes.Buffer, year int) error {
	y := e.idx.Year(year)
	ys := &YearStats{Summary: e.yearSummary(year), Scorecard: e.scorecard(year, index.Orders[0])}
	for i, kind := range []string{"category", "outcome", "satisfaction"} {
		ys.Charts = append(ys.Charts, e.yearChart(kind, year, "chart-"+strconv.Itoa(i+1)))
	}
	ys.KeySatisfaction = e.yearShares(year, y, "key-satisfaction", e.cfg.Satisfaction, stats.Satisfaction, stats.Key())
	ys.CategoryOutcome = e.crossTable(year, y)
	on := y.Share(stats.PublicationTimed(), stats.PublishedOnTime())
	ys.Publication = &PublicationView{Limit: e.idx.Stats.PublishLimitWorkdays, Timed: on.Whole, OnTime: on.Part, Rate: on.Percent()}
	return e.page(buf, &Page{
		Kind:        "stats-year",
		Title:       e.w.Pages.YearStats.Format(year),
		Description: e.w.Pages.YearStatsDescription.Format(year),
		URL:         e.url("stats", strconv.Itoa(year)),
		Breadcrumbs: append(e.home(), Link{Label: e.w.Pages.Stats.String(), URL: e.url("stats")}),
		YearStats:   ys,
	})
}

func (e *Edition) scorecardPage(buf *bytes.Buffer, year int, order string) error {
	y := strconv.Itoa(year)
	return e.page(buf, &Page{
		Kind:        "stats-units",
		Title:       e.w.Pages.Scorecard.Format(year, e.w.order(order).Name),
		URL:         e.url("stats", y, "units", order),
		Breadcrumbs: append(e.home(), Link{Label: e.w.Pages.Stats.String(), URL: e.url("stats")}, Link{Label: e.year(year), URL: e.url("stats", y)}),
		Scorecard:   e.scorecard(year, order),
	})
}

func (e *Edition) crossTable(year int, y *stats.Year) *CrossTable {
	outcomes := e.cfg.Outcomes.Terms
	ct := &CrossTable{Caption: e.w.Stats.Cross.Format(year), Heading: e.w.Stats.CrossHeading.String()}
	ct.Totals = CrossRow{Label: e.w.Stats.Total.String(), Cells: make([]int, len(outcomes))}
	for _, o := range outcomes {
		ct.Columns = append(ct.Columns, o.Label)
	}
	for _, c := range e.cfg.Categories.Terms {
		row := CrossRow{Label: c.Label}
		for i, o := range outcomes {
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

// scorecard shows the units of one year in the index's order.
func (e *Edition) scorecard(year int, order string) *Scorecard {
	st := e.idx.Stats
	sc := &Scorecard{
		Year: year, AsOf: e.date(st.AsOfDate()), LimitMonths: st.ReplyLimitMonths, PublishLimit: st.PublishLimitWorkdays,
		Order: e.w.order(order).Link.String(), Solved: e.idx.Solved().Label, Satisfied: e.idx.Satisfied().Label,
	}
	ys := strconv.Itoa(year)
	for _, o := range index.Orders {
		l := Link{Label: e.w.order(o).Link.String(), URL: e.url("stats", ys, "units", o), Current: o == order}
		if o == index.Orders[0] {
			l.URL = e.url("stats", ys) + "#scorecard"
		}
		sc.Orders = append(sc.Orders, l)
	}
	for _, u := range e.idx.Scorecard(year, order) {
		row := UnitRow{
			Name: e.cfg.Units.Resolve(u.Name).Label, URL: e.yearUnitURL(year, u.Name), Led: u.Led, CoHandled: u.CoHandled, Replied: u.Replied,
			OnTime: u.OnTime.Part, OnTimeRate: u.OnTime.Percent(),
			Solved: u.Solved.Part, SolvedRate: u.Solved.Percent(),
			Satisfied: u.Satisfied.Part, SatisfiedRate: u.Satisfied.Percent(),
			AverageDays: "—",
			Published:   u.Published.Part, PublishedRate: u.Published.Percent(),
		}
		if u.Days.Defined() {
			row.AverageDays = stats.OneDecimal(u.Days.Part, u.Days.Whole)
		}
		for _, n := range u.Overdue {
			row.Overdue = append(row.Overdue, Link{Label: n, URL: e.url("suggestions", n)})
		}
		sc.Units = append(sc.Units, row)
	}
	return sc
}
