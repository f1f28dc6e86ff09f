package render

import (
	"bytes"
	"strconv"
	"time"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/stats"
)

// recentCount is how many of the latest replies the home page lists.
const recentCount = 10

// pageTasks lists every HTML page of the site.
func (s *Site) pageTasks() []*task {
	tasks := []*task{
		{file: "index.html", url: s.base, make: s.homePage},
		{file: file("search"), url: s.url("search"), make: s.searchPage},
		{file: "404.html", make: func(buf *bytes.Buffer) error {
			return s.page(buf, &Page{Kind: "404", Title: "页面未找到", URL: s.base + "404.html", Breadcrumbs: s.home()})
		}},
	}
	tasks = append(tasks, s.listTasks(&Page{Kind: "suggestions", Title: "全部建议", Breadcrumbs: s.home()},
		[]string{"suggestions"}, s.all, "共 "+strconv.Itoa(len(s.all))+" 件建议，按年度从新到旧排列。")...)
	for _, sg := range s.all {
		sg := sg
		tasks = append(tasks, &task{
			file: file("suggestions", sg.Number),
			url:  s.url("suggestions", sg.Number),
			mod:  lastModified(sg),
			make: func(buf *bytes.Buffer) error { return s.suggestionPage(buf, sg) },
		})
	}
	tasks = append(tasks, s.reportTasks()...)
	tasks = append(tasks, s.statsTasks()...)
	for _, g := range s.groups {
		g := g
		tasks = append(tasks, &task{file: file(g.section), url: s.url(g.section), make: func(buf *bytes.Buffer) error { return s.termsPage(buf, g) }})
		for _, t := range g.terms {
			p := &Page{
				Kind:        "term",
				Title:       t.label,
				Breadcrumbs: append(s.home(), Link{Label: g.title, URL: s.url(g.section)}),
			}
			intro := g.heading + "：" + t.label + "，共 " + strconv.Itoa(len(t.items)) + " 件。"
			if t.year != 0 {
				p.Year = s.yearSummary(t.year)
				intro = strconv.Itoa(t.year) + "年共 " + strconv.Itoa(len(t.items)) + " 件建议。"
			}
			tasks = append(tasks, s.listTasks(p, []string{g.section, t.slug}, t.items, intro)...)
		}
	}
	return tasks
}

// listTasks paginates items into pages like proto, at the path segs and
// then segs/page/2/, segs/page/3/ ...
func (s *Site) listTasks(proto *Page, segs []string, items []*content.Suggestion, intro string) []*task {
	per := s.cfg.PerPage
	pages := max(1, (len(items)+per-1)/per)
	pageSegs := func(n int) []string {
		if n == 1 {
			return segs
		}
		return append(append([]string(nil), segs...), "page", strconv.Itoa(n))
	}
	tasks := make([]*task, pages)
	for n := 1; n <= pages; n++ {
		lo, hi := (n-1)*per, min(n*per, len(items))
		url := s.url(pageSegs(n)...)
		// The rows are made with the page, so that listing the files of
		// the site stays cheap for a preview that renders few of them.
		tasks[n-1] = &task{file: file(pageSegs(n)...), url: url, make: func(buf *bytes.Buffer) error {
			p := *proto
			p.URL = url
			p.List = &ListView{Intro: intro, Total: len(items), Rows: s.rows(items[lo:hi])}
			if pages > 1 {
				p.List.Pager = pager(n, pages, func(i int) string { return s.url(pageSegs(i)...) })
				p.Title = proto.Title + "（第" + strconv.Itoa(n) + "页）"
			}
			return s.page(buf, &p)
		}}
	}
	return tasks
}

// pagerWindow is how many page links the pager shows on each side of the
// current page, besides the first and the last.
const pagerWindow = 2

// pager links page n of pages. It links the first and last pages and a
// window around n, so its size does not grow with the list.
func pager(n, pages int, at func(int) string) *Pager {
	pg := &Pager{Page: n, Pages: pages}
	if n > 1 {
		pg.Prev = at(n - 1)
	}
	if n < pages {
		pg.Next = at(n + 1)
	}
	last := 0
	for i := 1; i <= pages; i++ {
		if i != 1 && i != pages && (i < n-pagerWindow || i > n+pagerWindow) {
			continue
		}
		pg.Links = append(pg.Links, PageLink{Number: i, URL: at(i), Current: i == n, Gap: i > last+1})
		last = i
	}
	return pg
}

func (s *Site) rows(items []*content.Suggestion) []Row {
	rows := make([]Row, len(items))
	for i, sg := range items {
		cat, _ := s.cfg.Categories.Lookup(sg.Category)
		rows[i] = Row{
			Number: sg.Number, Title: sg.Title, URL: s.url("suggestions", sg.Number), Year: sg.Year,
			LeadDeputy: sg.LeadDeputy(), Category: cat.Label, LeadUnit: sg.LeadUnit,
			Outcome: s.outcomeLabel(sg), Key: sg.Key, Replied: date(sg.Replied),
		}
	}
	return rows
}

func (s *Site) outcomeLabel(sg *content.Suggestion) string {
	if !sg.IsReplied() {
		return "办理中"
	}
	o, _ := s.cfg.Outcomes.Lookup(sg.Outcome)
	return o.Label
}

func (s *Site) homePage(buf *bytes.Buffer) error {
	h := &HomeView{Recent: s.rows(s.latest[:min(recentCount, len(s.latest))])}
	if len(s.all) > 0 {
		h.Latest = s.yearSummary(s.all[0].Year)
	}
	h.Reports, h.Stats = s.reportLinks(), s.url("stats")
	lists := []*[]Link{&h.Categories, &h.Outcomes, &h.Units, &h.Years}
	for i, g := range s.groups {
		*lists[i] = s.termLinks(g)
	}
	return s.page(buf, &Page{Kind: "home", Title: s.cfg.Title, Description: s.cfg.Description, URL: s.base, Home: h})
}

func (s *Site) termLinks(g *group) []Link {
	links := make([]Link, len(g.terms))
	for i, t := range g.terms {
		links[i] = Link{Label: t.label, URL: s.url(g.section, t.slug), Count: len(t.items)}
	}
	return links
}

func (s *Site) termsPage(buf *bytes.Buffer, g *group) error {
	return s.page(buf, &Page{
		Kind:        "terms",
		Title:       g.title,
		URL:         s.url(g.section),
		Breadcrumbs: s.home(),
		Terms:       &TermsView{Heading: g.heading, Terms: s.termLinks(g)},
	})
}

func (s *Site) suggestionPage(buf *bytes.Buffer, sg *content.Suggestion) error {
	body, err := s.html(sg)
	if err != nil {
		return err
	}
	cat, _ := s.cfg.Categories.Lookup(sg.Category)
	v := &SuggestionView{
		Number: sg.Number, Title: sg.Title, URL: s.url("suggestions", sg.Number),
		Year:       Link{Label: strconv.Itoa(sg.Year) + "年", URL: s.url("years", strconv.Itoa(sg.Year))},
		Session:    sg.Session,
		LeadDeputy: sg.LeadDeputy(),
		Category:   Link{Label: cat.Label, URL: s.url("categories", cat.Slug)},
		Key:        sg.Key,
		LeadUnit:   Link{Label: sg.LeadUnit, URL: s.url("units", sg.LeadUnit)},
		Assigned:   date(sg.Assigned),
		Replied:    date(sg.Replied),
		Met:        sg.Met,
		Status:     "办理中",
		Body:       body,
	}
	if len(sg.Deputies) > 1 {
		v.CoDeputies = sg.Deputies[1:]
	}
	for _, u := range sg.CoUnits {
		l := Link{Label: u}
		if s.units.byKey[u] != nil { // the unit leads something: it has a page
			l.URL = s.url("units", u)
		}
		v.CoUnits = append(v.CoUnits, l)
	}
	if sg.IsReplied() {
		v.Status = "已答复"
		o, _ := s.cfg.Outcomes.Lookup(sg.Outcome)
		v.Outcome = &Link{Label: o.Label, URL: s.url("outcomes", o.Slug)}
	}
	if sat, ok := s.cfg.Satisfaction.Lookup(sg.Satisfaction); ok {
		v.Satisfaction = sat.Label
	}
	for _, p := range sg.Progress {
		v.Progress = append(v.Progress, ProgressView{Date: *date(p.Date), Text: p.Text})
	}
	return s.page(buf, &Page{
		Kind:        "suggestion",
		Title:       sg.Title,
		Description: sg.Number + "：" + sg.Title + "（" + sg.LeadDeputy() + "代表）",
		URL:         v.URL,
		Breadcrumbs: append(s.home(), Link{Label: "全部建议", URL: s.url("suggestions")}),
		Suggestion:  v,
	})
}

// yearSummary gives the figures of year from the precomputed statistics.
func (s *Site) yearSummary(year int) *YearSummary {
	y := s.stats.Years[year]
	if y == nil {
		return nil
	}
	return s.yearSummaryOf(year, y)
}

func (s *Site) yearSummaryOf(year int, y *stats.Year) *YearSummary {
	ys := &YearSummary{
		Year: year, URL: s.url("years", strconv.Itoa(year)),
		Total: y.Total, Replied: y.Replied, RepliedRate: stats.Percent(y.Replied, y.Total),
		Met: y.Met, MetRate: stats.Percent(y.Met, y.Total), Key: y.Key,
		Stats: s.url("stats", strconv.Itoa(year)),
	}
	if s.reportByYear[year] != nil {
		ys.Report = s.url("reports", strconv.Itoa(year))
	}
	for _, t := range s.cfg.Categories.Terms {
		ys.Categories = append(ys.Categories, share(t.Label, y.Category[t.Key], y.Total))
	}
	for _, t := range s.cfg.Outcomes.Terms {
		ys.Outcomes = append(ys.Outcomes, share(t.Label, y.Outcome[t.Key], y.Replied))
	}
	fb := y.Feedback()
	for _, t := range s.cfg.Satisfaction.Terms {
		ys.Satisfaction = append(ys.Satisfaction, share(t.Label, y.Satisfaction[t.Key], fb))
	}
	return ys
}

func share(label string, count, whole int) Share {
	sh := Share{Label: label, Count: count, Percent: stats.Percent(count, whole), Width: "0%"}
	if whole > 0 {
		sh.Width = sh.Percent
	}
	return sh
}

// lastModified is the latest date the suggestion's page changed for.
func lastModified(sg *content.Suggestion) time.Time {
	d := sg.Assigned
	if sg.Replied.After(d) {
		d = sg.Replied
	}
	for _, p := range sg.Progress {
		if p.Date.After(d) {
			d = p.Date
		}
	}
	return d
}
