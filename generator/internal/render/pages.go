package render

import (
	"bytes"
	"strconv"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/stats"
)

// recentCount is how many of the latest replies the home page lists.
const recentCount = 10

// pageTasks lists every HTML page of the edition, in its folder and, for
// the Traditional one, converted after rendering, so that both editions
// are made by the same pool of workers.
func (e *Edition) pageTasks() []*task {
	w := e.w
	tasks := []*task{
		{file: "index.html", listed: true, rows: true, make: e.homePage},
		{file: file("search"), listed: true, make: e.searchPage},
		{file: "404.html", make: func(buf *bytes.Buffer) error {
			return e.page(buf, &Page{Kind: "404", Title: w.Pages.NotFound.String(), URL: e.base + "404.html", Breadcrumbs: e.home()})
		}},
	}
	all := e.idx.All
	tasks = append(tasks, e.listTasks(&Page{Kind: "suggestions", Title: w.Pages.Suggestions.String(), Breadcrumbs: e.home()},
		[]string{"suggestions"}, all, w.Lists.All.Format(len(all)))...)
	for _, sg := range all {
		tasks = append(tasks, &task{
			file:   "suggestions/" + sg.Number + "/index.html", // file("suggestions", sg.Number), cheaper
			listed: true,                                       // its day in the sitemap found from sg (sitemapPage.day)
			sg:     sg,
			make:   func(buf *bytes.Buffer) error { return e.suggestionPage(buf, sg) },
		})
	}
	tasks = append(tasks, e.reportTasks()...)
	tasks = append(tasks, e.sitePageTasks()...)
	tasks = append(tasks, e.statsTasks()...)
	tasks = append(tasks, e.deputyTasks()...)
	tasks = append(tasks, e.unitTasks()...)
	tasks = append(tasks, e.waysTasks()...)
	for _, g := range e.idx.Groups {
		if g == e.idx.Units {
			continue // units have pages of their own shape: unitTasks
		}
		gw := w.group(g.Name)
		tasks = append(tasks, &task{file: file(g.Name), listed: true, make: func(buf *bytes.Buffer) error { return e.termsPage(buf, g) }})
		for _, t := range g.Terms {
			label := e.termLabel(t)
			p := &Page{
				Kind:        "term",
				Title:       label,
				Breadcrumbs: append(e.home(), Link{Label: gw.Title.String(), URL: e.url(g.Name)}),
			}
			intro := w.Lists.Term.Format(gw.Heading, label, len(t.Items))
			if t.Year != 0 {
				p.Year = e.yearSummary(t.Year)
				intro = w.Lists.Year.Format(t.Year, len(t.Items))
			}
			tasks = append(tasks, e.listTasks(p, []string{g.Name, t.Slug}, t.Items, intro)...)
		}
	}
	if e.script.prefix != "" || e.convert != nil {
		for _, t := range tasks {
			e.into(t)
		}
	}
	for _, t := range tasks {
		if t.rows {
			e.rows.counts(t)
		}
	}
	return tasks
}

// into moves the page of t into the edition's folder and converts it
// after rendering.
func (e *Edition) into(t *task) {
	t.file = e.script.prefix + t.file
	convert := e.convert
	if convert == nil {
		return
	}
	render := t.make
	t.make = func(buf *bytes.Buffer) error {
		if err := render(buf); err != nil {
			return err
		}
		out := converted.Get().(*bytes.Buffer)
		defer func() {
			if out.Cap() <= keepConverted {
				out.Reset()
				converted.Put(out)
			}
		}()
		err := convert(out, buf.Bytes())
		buf.Reset()
		if err != nil {
			return err
		}
		if e.rows.convert == nil {
			buf.Write(out.Bytes())
			return nil
		}
		return e.rows.splice(buf, out.Bytes())
	}
}

// listTasks paginates items into pages like proto, at the path segs and
// then segs/page/2/, segs/page/3/ ...
func (e *Edition) listTasks(proto *Page, segs []string, items []*content.Suggestion, intro string) []*task {
	per := e.cfg.PerPage
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
		// The rows are made with the page, so that listing the files of
		// the site stays cheap for a preview that renders few of them.
		tasks[n-1] = &task{file: file(pageSegs(n)...), listed: true, rows: true, make: func(buf *bytes.Buffer) error {
			p := *proto
			p.URL = e.url(pageSegs(n)...)
			p.List = &ListView{Intro: intro, Total: len(items), Rows: e.listRows(items[lo:hi]), Omit: termColumn[segs[0]]}
			if pages > 1 {
				p.List.Pager = pager(n, pages, func(i int) string { return e.url(pageSegs(i)...) })
				p.Title = e.w.Lists.Paged.Format(proto.Title, n)
			}
			return e.page(buf, &p)
		}}
	}
	return tasks
}

// termColumn is the column of a list of suggestions that a term's page
// leaves out, since every row would repeat the term: by group.
var termColumn = map[string]string{"categories": "category", "outcomes": "outcome", "units": "unit"}

// pagerWindow is how many page links the pager shows on each side of the
// current page, besides the first and the last.
const pagerWindow = 2

// pager links page n of pages. It links the first and last pages and a
// window around n, so neither its size nor the work of making it grows
// with the list (a list of 2,000 pages made each page's pager from all
// 2,000).
func pager(n, pages int, at func(int) string) *Pager {
	pg := &Pager{Page: n, Pages: pages}
	if n > 1 {
		pg.Prev = at(n - 1)
	}
	if n < pages {
		pg.Next = at(n + 1)
	}
	last := 0
	link := func(i int) {
		if i > last && i <= pages {
			pg.Links = append(pg.Links, PageLink{Number: i, URL: at(i), Current: i == n, Gap: i > last+1})
			last = i
		}
	}
	link(1)
	for i := max(2, n-pagerWindow); i <= n+pagerWindow; i++ {
		link(i)
	}
	link(pages)
	return pg
}

func (e *Edition) listRows(items []*content.Suggestion) []Row {
	rows := make([]Row, len(items))
	for i, sg := range items {
		cat, _ := e.cfg.Categories.Lookup(sg.Category)
		deputy, unit := e.deputyLink(sg.LeadDeputy()), e.unitLink(sg.LeadUnit)
		rows[i] = Row{
			Number: sg.Number, Title: sg.Title, URL: e.url("suggestions", sg.Number), Year: sg.Year,
			LeadDeputy: deputy.Label, DeputyURL: deputy.URL, Category: cat.Label, LeadUnit: unit.Label, UnitURL: unit.URL,
			Outcome: e.outcomeLabel(sg), Key: sg.Key, Replied: e.date(sg.Replied),
			rows: e.rows, made: e.rows.of(sg),
		}
		if sat, ok := e.cfg.Satisfaction.Lookup(sg.Satisfaction); ok {
			rows[i].Feedback = sat.Label
		}
	}
	return rows
}

func (e *Edition) outcomeLabel(sg *content.Suggestion) string {
	if !sg.IsReplied() {
		return e.w.Status.Pending.String()
	}
	o, _ := e.cfg.Outcomes.Lookup(sg.Outcome)
	return o.Label
}

func (e *Edition) homePage(buf *bytes.Buffer) error {
	idx := e.idx
	h := &HomeView{Recent: e.listRows(idx.Latest[:min(recentCount, len(idx.Latest))])}
	if years := idx.Years.Terms; len(years) > 0 {
		newest := years[0].Year
		if y := idx.Stats.Years[newest]; y.Replied < y.Total {
			h.InProgress = &YearProgress{Year: newest, URL: e.url("years", strconv.Itoa(newest)), Stats: e.url("stats", strconv.Itoa(newest)),
				Total: y.Total, Replied: y.Replied, Pending: y.Total - y.Replied}
			if len(years) > 1 {
				h.Latest = e.yearSummary(years[1].Year)
			}
		} else {
			h.Latest = e.yearSummary(newest)
		}
	}
	h.Reports, h.Stats = e.reportLinks(), e.url("stats")
	lists := []*[]Link{&h.Categories, &h.Outcomes, &h.Units, &h.Years}
	for i, g := range idx.Groups {
		*lists[i] = e.termLinks(g)
	}
	// The units that lead suggestions: the others are on /units/.
	for len(h.Units) > 0 && h.Units[len(h.Units)-1].Count == 0 {
		h.Units = h.Units[:len(h.Units)-1]
	}
	if len(idx.Deputies.Deputies) > 0 {
		h.Deputies = e.url("deputies")
	}
	return e.page(buf, &Page{Kind: "home", Title: e.cfg.Title, Description: e.cfg.Description, URL: e.base, Home: h})
}

func (e *Edition) termLinks(g *index.Group) []Link {
	links := make([]Link, len(g.Terms))
	for i, t := range g.Terms {
		links[i] = Link{Label: e.termLabel(t), URL: e.url(g.Name, t.Slug), Count: len(t.Items)}
	}
	return links
}

func (e *Edition) termsPage(buf *bytes.Buffer, g *index.Group) error {
	gw := e.w.group(g.Name)
	return e.page(buf, &Page{
		Kind:        "terms",
		Title:       gw.Title.String(),
		URL:         e.url(g.Name),
		Breadcrumbs: e.home(),
		Terms:       &TermsView{Heading: gw.Heading.String(), Terms: e.termLinks(g)},
	})
}

// suggestionPage is the page of sg.
func (e *Edition) suggestionPage(buf *bytes.Buffer, sg *content.Suggestion) error {
	body, err := e.html(sg)
	if err != nil {
		return err
	}
	cat, _ := e.cfg.Categories.Lookup(sg.Category)
	v := &SuggestionView{
		Number: sg.Number, Title: sg.Title, URL: e.url("suggestions", sg.Number),
		Year:       Link{Label: e.year(sg.Year), URL: e.url("years", strconv.Itoa(sg.Year))},
		Session:    sg.Session,
		LeadDeputy: e.deputyLink(sg.LeadDeputy()),
		Category:   Link{Label: cat.Label, URL: e.url("categories", cat.Slug)},
		Key:        sg.Key,
		LeadUnit:   e.unitLink(sg.LeadUnit),
		Assigned:   e.date(sg.Assigned),
		Replied:    e.date(sg.Replied),
		Published:  e.date(sg.Published),
		Met:        sg.Met,
		Status:     e.w.Status.Pending.String(),
		Body:       body,
		Disclosure: e.disclosure(sg),
	}
	if v.Summary, err = e.summary(sg); err != nil {
		return err
	}
	for _, d := range sg.Deputies[min(1, len(sg.Deputies)):] {
		v.CoDeputies = append(v.CoDeputies, e.deputyLink(d))
	}
	for _, u := range sg.CoUnits {
		v.CoUnits = append(v.CoUnits, e.unitLink(u))
	}
	v.Attachments = e.attachments(sg)
	if sg.IsReplied() {
		v.Status = e.w.Status.Replied.String()
		o, _ := e.cfg.Outcomes.Lookup(sg.Outcome)
		v.Outcome = &Link{Label: o.Label, URL: e.url("outcomes", o.Slug)}
	}
	if sat, ok := e.cfg.Satisfaction.Lookup(sg.Satisfaction); ok {
		v.Satisfaction = sat.Label
	}
	for _, p := range sg.Progress {
		if sg.Disclosure != content.Withheld { // whose follow-ups' text was dropped
			v.Progress = append(v.Progress, ProgressView{Date: *e.date(p.Date), Text: p.Text})
		}
	}
	return e.page(buf, &Page{
		Kind:        "suggestion",
		Title:       sg.Title,
		Description: e.w.Pages.SuggestionDescription.Format(sg.Number, sg.Title, sg.LeadDeputy()),
		URL:         v.URL,
		Breadcrumbs: append(e.home(), Link{Label: e.w.Pages.Suggestions.String(), URL: e.url("suggestions")}),
		Suggestion:  v,
		Meta:        e.suggestionMeta(sg),
	})
}

// yearSummary gives the figures of year from the index's statistics; nil
// for a year without published suggestions.
func (e *Edition) yearSummary(year int) *YearSummary {
	y := e.idx.Stats.Years[year]
	if y == nil {
		return nil
	}
	ys := &YearSummary{
		Year: year, URL: e.url("years", strconv.Itoa(year)),
		Total: y.Total, Replied: y.Replied, RepliedRate: y.Share(stats.Replied()).Percent(),
		Met: y.Met, MetRate: y.Share(stats.Met()).Percent(), Key: y.Key,
		Stats: e.url("stats", strconv.Itoa(year)),
	}
	if e.idx.Report(year) != nil {
		ys.Report = e.url("reports", strconv.Itoa(year))
	}
	ys.Categories = e.yearShares(year, y, "categories", e.cfg.Categories, stats.Category)
	ys.Outcomes = e.yearShares(year, y, "outcomes", e.cfg.Outcomes, stats.Outcome)
	ys.Satisfaction = e.yearShares(year, y, "satisfaction", e.cfg.Satisfaction, stats.Satisfaction)
	return ys
}

// shares gives the share of every term of enum in year y, after the
// conditions before (with their bases: see stats.Year.Share).
func shares(y *stats.Year, enum *config.Enum, cond func(string) stats.Cond, before ...stats.Cond) []Share {
	out := make([]Share, len(enum.Terms))
	for i, t := range enum.Terms {
		out[i] = share(t.Label, y.Share(append(before[:len(before):len(before)], cond(t.Key))...))
	}
	return out
}

func share(label string, r stats.Ratio) Share {
	sh := Share{Label: label, Count: r.Part, Percent: r.Percent(), Width: "0%"}
	if r.Defined() {
		sh.Width = sh.Percent
	}
	return sh
}

// lastModified is the latest date the suggestion's page changed for: its
// publication date or a later follow-up, or without a publication date
// the latest date it has.
func lastModified(sg *content.Suggestion) time.Time {
	if !sg.Published.IsZero() {
		d := sg.Published
		for _, p := range sg.Progress {
			if p.Date.After(d) && sg.Disclosure != content.Withheld {
				d = p.Date
			}
		}
		return d
	}
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
