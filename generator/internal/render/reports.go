package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"rdjy.local/portal/generator/internal/chart"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/stats"
)

// reportTasks lists the reports' index page and each report's page.
func (e *Edition) reportTasks() []*task {
	if len(e.idx.Reports) == 0 {
		return nil
	}
	tasks := []*task{{file: file("reports"), listed: true, make: e.reportsPage}}
	for _, r := range e.idx.Reports {
		y := strconv.Itoa(r.Year)
		tasks = append(tasks, &task{file: file("reports", y), listed: true, mod: dayOf(r.Date), make: func(buf *bytes.Buffer) error { return e.reportPage(buf, r) }})
	}
	return tasks
}

func (e *Edition) reportsPage(buf *bytes.Buffer) error {
	return e.page(buf, &Page{
		Kind:        "reports",
		Title:       e.w.Pages.Reports.String(),
		URL:         e.url("reports"),
		Breadcrumbs: e.home(),
		Reports:     e.reportLinks(),
	})
}

// reportLinks lists the reports, newest first, with the year's count.
func (e *Edition) reportLinks() []Link {
	links := make([]Link, len(e.idx.Reports))
	for i, r := range e.idx.Reports {
		links[i] = Link{Label: r.Title, URL: e.url("reports", strconv.Itoa(r.Year)), Count: e.idx.Year(r.Year).Total}
	}
	return links
}

// chartToken stands for the n-th chart of a report in its Markdown: a
// paragraph of its own that the chart's HTML replaces after rendering.
func chartToken(n int) string { return "\uE000chart" + strconv.Itoa(n) + "\uE000" }

func (e *Edition) reportPage(buf *bytes.Buffer, r *report.Report) error {
	var charts []*ChartView
	md := r.Expand(report.Env{
		Figures: e.idx.Year(r.Year),
		Link: func(number string) (string, string) {
			return e.idx.Suggestion(number).Title, "/suggestions/" + number + "/"
		},
		Chart: func(kind string) string {
			charts = append(charts, e.yearChart(kind, r.Year, "chart-"+strconv.Itoa(len(charts)+1)))
			return "\n\n" + chartToken(len(charts)-1) + "\n\n"
		},
	})
	body, err := e.md.Render(md)
	if err != nil {
		return fmt.Errorf("%s: markdown: %w", r.File, err)
	}
	h := string(body)
	for i, c := range charts {
		fig, err := e.figure("report", c)
		if err != nil {
			return err
		}
		tok := chartToken(i)
		if strings.Contains(h, "<p>"+tok+"</p>") {
			h = strings.Replace(h, "<p>"+tok+"</p>", string(fig), 1)
		} else {
			h = strings.Replace(h, tok, string(fig), 1)
		}
	}
	y := strconv.Itoa(r.Year)
	return e.page(buf, &Page{
		Kind:        "report",
		Title:       r.Title,
		Description: e.w.Pages.ReportDescription.Format(r.Year),
		URL:         e.url("reports", y),
		Breadcrumbs: append(e.home(), Link{Label: e.w.Pages.Reports.String(), URL: e.url("reports")}),
		Meta:        e.reportMeta(r),
		Report: &ReportView{
			Year: r.Year, Date: e.date(r.Date), Source: e.reportSource(r), Body: template.HTML(h),
			Stats: e.url("stats", y), List: e.url("years", y),
		},
	})
}

// yearChart is one year's distribution by category, outcome or
// satisfaction, with the same shares as the year's summary.
func (e *Edition) yearChart(kind string, year int, id string) *ChartView {
	y, w := e.idx.Year(year), &e.w.Charts
	share := w.Share.String()
	switch kind {
	case "category":
		return e.chart(id, w.Category.Format(year), w.CategoryHeading.String(), share, e.yearShares(year, y, "categories", e.cfg.Categories, stats.Category))
	case "outcome":
		return e.chart(id, w.Outcome.Format(year), w.OutcomeHeading.String(), share, e.yearShares(year, y, "outcomes", e.cfg.Outcomes, stats.Outcome))
	default:
		return e.chart(id, w.Satisfaction.Format(year), w.SatisfactionHeading.String(), share, e.yearShares(year, y, "satisfaction", e.cfg.Satisfaction, stats.Satisfaction))
	}
}

// chart is a chart of bars, with the column headings of its table (share
// empty: no share column).
func (e *Edition) chart(id, title, heading, share string, bars []Share) *ChartView {
	w := &e.w.Charts
	c := &chart.Chart{ID: id, Title: title, Summary: w.Empty.String()}
	said := make([]string, len(bars))
	for i, b := range bars {
		v := w.Value.Format(b.Count)
		if b.Percent != "" {
			v = w.ValueShare.Format(b.Count, b.Percent)
		}
		c.Bars = append(c.Bars, chart.Bar{Label: b.Label, Count: b.Count, Value: v})
		said[i] = w.Bar.Format(b.Label, v)
	}
	if len(bars) > 0 {
		c.Summary = w.Summary.Format(strings.Join(said, w.Separator.String()))
	}
	return &ChartView{ID: id, Title: title, Heading: heading, Share: share, SVG: c.SVG(), Bars: bars}
}

// figure is a chart as layouts/partials/chart.html shows it, in the
// layouts of kind.
func (e *Edition) figure(kind string, c *ChartView) (template.HTML, error) {
	var b bytes.Buffer
	if err := e.tmpl[kind].ExecuteTemplate(&b, "chart", c); err != nil {
		return "", templateError(LayoutDir+"/partials/chart.html", err)
	}
	return template.HTML(b.String()), nil
}

// reportSource is the body that issued r: its source, or the site's owner.
func (e *Edition) reportSource(r *report.Report) string {
	if r.Source != "" {
		return r.Source
	}
	return e.cfg.Owner
}
