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
func (s *Site) reportTasks() []*task {
	if len(s.reports) == 0 {
		return nil
	}
	tasks := []*task{{file: file("reports"), url: s.url("reports"), make: s.reportsPage}}
	for _, r := range s.reports {
		r := r
		y := strconv.Itoa(r.Year)
		tasks = append(tasks, &task{file: file("reports", y), url: s.url("reports", y), mod: r.Date, make: func(buf *bytes.Buffer) error { return s.reportPage(buf, r) }})
	}
	return tasks
}

func (s *Site) reportsPage(buf *bytes.Buffer) error {
	return s.page(buf, &Page{
		Kind:        "terms",
		Title:       "办理情况汇报",
		URL:         s.url("reports"),
		Breadcrumbs: s.home(),
		Terms:       &TermsView{Heading: "年度汇报", Terms: s.reportLinks()},
	})
}

// reportLinks lists the reports, newest first, with the year's count.
func (s *Site) reportLinks() []Link {
	links := make([]Link, len(s.reports))
	for i, r := range s.reports {
		links[i] = Link{Label: r.Title, URL: s.url("reports", strconv.Itoa(r.Year)), Count: len(s.yearItems(r.Year))}
	}
	return links
}

// chartToken stands for the n-th chart of a report in its Markdown: a
// paragraph of its own that the chart's HTML replaces after rendering.
func chartToken(n int) string { return "\uE000chart" + strconv.Itoa(n) + "\uE000" }

func (s *Site) reportPage(buf *bytes.Buffer, r *report.Report) error {
	var charts []template.HTML
	md := r.Expand(report.Env{
		Suggestions: s.yearItems(r.Year),
		Link: func(number string) (string, string) {
			return s.byNumber[number].Title, "/suggestions/" + number + "/"
		},
		Chart: func(kind string) string {
			c := s.yearChart(kind, r.Year, "chart-"+strconv.Itoa(len(charts)+1))
			charts = append(charts, c.Figure())
			return "\n\n" + chartToken(len(charts)-1) + "\n\n"
		},
	})
	body, err := s.md.Render(md)
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
	return s.page(buf, &Page{
		Kind:        "report",
		Title:       r.Title,
		Description: y + "年人大代表建议办理情况汇报，数字由公开的建议计算得出。",
		URL:         s.url("reports", y),
		Breadcrumbs: append(s.home(), Link{Label: "办理情况汇报", URL: s.url("reports")}),
		Report: &ReportView{
			Year: r.Year, Date: date(r.Date), Body: template.HTML(h),
			Stats: s.url("stats", y), List: s.url("years", y),
		},
	})
}

// yearChart draws one year's distribution by category, outcome or
// satisfaction, with the same shares as the year's summary.
func (s *Site) yearChart(kind string, year int, id string) *chart.Chart {
	y := s.stats.Years[year]
	if y == nil {
		y = &stats.Year{}
	}
	prefix := strconv.Itoa(year) + "年"
	switch kind {
	case "category":
		return &chart.Chart{ID: id, Title: prefix + "建议类别分布", Heading: "类别", Unit: "件", Share: "占比",
			Bars: bars(s.yearSummaryOf(year, y).Categories)}
	case "outcome":
		return &chart.Chart{ID: id, Title: prefix + "办理结果（占已答复件数）", Heading: "办理结果", Unit: "件", Share: "占比",
			Bars: bars(s.yearSummaryOf(year, y).Outcomes)}
	default:
		return &chart.Chart{ID: id, Title: prefix + "代表反馈（占已反馈件数）", Heading: "代表反馈", Unit: "件", Share: "占比",
			Bars: bars(s.yearSummaryOf(year, y).Satisfaction)}
	}
}

func bars(shares []Share) []chart.Bar {
	b := make([]chart.Bar, len(shares))
	for i, sh := range shares {
		b[i] = chart.Bar{Label: sh.Label, URL: sh.URL, Count: sh.Count, Percent: sh.Percent}
	}
	return b
}
