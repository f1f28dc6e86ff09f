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
	tasks := []*task{{file: file("reports"), url: e.url("reports"), make: e.reportsPage}}
	for _, r := range e.idx.Reports {
		y := strconv.Itoa(r.Year)
		tasks = append(tasks, &task{file: file("reports", y), url: e.url("reports", y), mod: r.Date, make: func(buf *bytes.Buffer) error { return e.reportPage(buf, r) }})
	}
	return tasks
}

func (e *Edition) reportsPage(buf *bytes.Buffer) error {
	return e.page(buf, &Page{
		Kind:        "terms",
		Title:       "办理情况汇报",
		URL:         e.url("reports"),
		Breadcrumbs: e.home(),
		Terms:       &TermsView{Heading: "年度汇报", Terms: e.reportLinks()},
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
	var charts []template.HTML
	md := r.Expand(report.Env{
		Figures: e.idx.Year(r.Year),
		Link: func(number string) (string, string) {
			return e.idx.Suggestion(number).Title, "/suggestions/" + number + "/"
		},
		Chart: func(kind string) string {
			c := e.yearChart(kind, r.Year, "chart-"+strconv.Itoa(len(charts)+1))
			charts = append(charts, c.Figure())
			return "\n\n" + chartToken(len(charts)-1) + "\n\n"
		},
	})
	body, err := e.md.Render(md)
	if err != nil {
		return fmt.Errorf("%s: markdown: %w", r.File, err)
	}
	h := string(body)
	for i, c := range charts {
		tok := chartToken(i)
		if strings.Contains(h, "<p>"+tok+"</p>") {
			h = strings.Replace(h, "<p>"+tok+"</p>", string(c), 1)
		} else {
			h = strings.Replace(h, tok, string(c), 1)
		}
	}
	y := strconv.Itoa(r.Year)
	return e.page(buf, &Page{
		Kind:        "report",
		Title:       r.Title,
		Description: y + "年人大代表建议办理情况汇报，数字由公开的建议计算得出。",
		URL:         e.url("reports", y),
		Breadcrumbs: append(e.home(), Link{Label: "办理情况汇报", URL: e.url("reports")}),
		Report: &ReportView{
			Year: r.Year, Date: date(r.Date), Body: template.HTML(h),
			Stats: e.url("stats", y), List: e.url("years", y),
		},
	})
}

// yearChart draws one year's distribution by category, outcome or
// satisfaction, with the same shares as the year's summary.
func (e *Edition) yearChart(kind string, year int, id string) *chart.Chart {
	y := e.idx.Year(year)
	prefix := strconv.Itoa(year) + "年"
	switch kind {
	case "category":
		return &chart.Chart{ID: id, Title: prefix + "建议类别分布", Heading: "类别", Unit: "件", Share: "占比",
			Bars: bars(shares(y, e.cfg.Categories, stats.Category))}
	case "outcome":
		return &chart.Chart{ID: id, Title: prefix + "办理结果（占已答复件数）", Heading: "办理结果", Unit: "件", Share: "占比",
			Bars: bars(shares(y, e.cfg.Outcomes, stats.Outcome))}
	default:
		return &chart.Chart{ID: id, Title: prefix + "代表反馈（占已反馈件数）", Heading: "代表反馈", Unit: "件", Share: "占比",
			Bars: bars(shares(y, e.cfg.Satisfaction, stats.Satisfaction))}
	}
}

func bars(shares []Share) []chart.Bar {
	b := make([]chart.Bar, len(shares))
	for i, sh := range shares {
		b[i] = chart.Bar{Label: sh.Label, URL: sh.URL, Count: sh.Count, Percent: sh.Percent}
	}
	return b
}
