package render

import (
	"bytes"
	"strconv"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/deputy"
	"rdjy.local/portal/generator/internal/index"
)

// The pages of people and bodies: the deputies' index (/deputies/), a
// deputy's page (/deputies/<slug>/) with what they led and co-signed, the
// units' overview (/units/) and a unit's page with what it led and
// co-handled, across years (/units/<slug>/) and in one year
// (/years/<year>/units/<slug>/, made with the year's other ways in:
// ways.go). Each of these pages holds two lists, which run over its pages
// together (see twoLists).

// deputyTasks lists the deputies' index and every deputy's pages.
func (e *Edition) deputyTasks() []*task {
	roster := e.idx.Deputies
	if len(roster.Deputies) == 0 {
		return nil
	}
	w := e.w
	tasks := []*task{{file: file("deputies"), listed: true, make: e.deputiesPage}}
	crumbs := append(e.home(), Link{Label: w.Deputies.Title.String(), URL: e.url("deputies")})
	for _, d := range roster.Deputies {
		proto := &Page{
			Kind:        "deputy",
			Title:       w.Deputies.Deputy.Format(d.Name),
			Description: w.Deputies.About.Format(d.Name),
			Breadcrumbs: crumbs,
		}
		tasks = append(tasks, e.twoLists(proto, []string{"deputies", d.Slug}, d.Led, d.CoSigned,
			func(p *Page, led, co *ListView, pg *Pager) {
				led.Intro, co.Intro = w.Deputies.Led.Format(len(d.Led)), w.Deputies.CoSigned.Format(len(d.CoSigned))
				p.Deputy = &DeputyView{Name: d.Name, Description: d.Description, Led: led, CoSigned: co, Pager: pg}
			})...)
	}
	return tasks
}

// deputyLink is the name of the deputy front matter names name, linking to
// their page.
func (e *Edition) deputyLink(name string) Link {
	dep, _ := e.cfg.Deputies.Resolve(name)
	return Link{Label: dep.Name, URL: e.url("deputies", dep.Slug)}
}

func (e *Edition) deputiesPage(buf *bytes.Buffer) error {
	w := e.w
	v := &DeputiesView{Total: len(e.idx.Deputies.Deputies)}
	for _, g := range e.idx.Deputies.Groups() {
		dg := DeputyGroup{Initial: g.Initial, ID: "initial-" + g.Initial}
		if g.Initial == deputy.Other {
			dg.Initial, dg.ID = w.Deputies.Other.String(), "initial-other"
		}
		for _, d := range g.Deputies {
			dg.Deputies = append(dg.Deputies, DeputyLink{
				Name: d.Name, Description: d.Description, URL: e.url("deputies", d.Slug),
				Led: len(d.Led), CoSigned: len(d.CoSigned),
			})
		}
		v.Letters = append(v.Letters, Link{Label: dg.Initial, URL: "#" + dg.ID, Count: len(dg.Deputies)})
		v.Groups = append(v.Groups, dg)
	}
	return e.page(buf, &Page{
		Kind:        "deputies",
		Title:       w.Deputies.Title.String(),
		Description: w.Deputies.Description.String(),
		URL:         e.url("deputies"),
		Breadcrumbs: e.home(),
		Deputies:    v,
	})
}

// unitLink is the unit front matter names name, by its label, linking to
// its page.
func (e *Edition) unitLink(name string) Link {
	u := e.cfg.Units.Resolve(name)
	return Link{Label: u.Label, URL: e.url("units", u.Slug)}
}

// unitTasks lists the units' overview and each unit's pages across years.
func (e *Edition) unitTasks() []*task {
	g := e.idx.Units
	tasks := []*task{{file: file(g.Name), listed: true, make: e.unitsPage}}
	crumbs := append(e.home(), Link{Label: e.w.Groups.Units.Title.String(), URL: e.url("units")})
	for _, t := range g.Terms {
		var years []Link
		for _, y := range e.idx.Years.Terms {
			if w := e.idx.Ways(y.Year); w != nil && w.Units.Term(t.Key) != nil {
				years = append(years, Link{Label: e.year(y.Year), URL: e.url("years", y.Key, "units", t.Slug)})
			}
		}
		tasks = append(tasks, e.unitPageTasks(t, 0, crumbs, []string{"units", t.Slug}, years)...)
	}
	return tasks
}

// unitPageTasks lists the pages of unit t, in year (0: across years), at
// segs.
func (e *Edition) unitPageTasks(t *index.Term, year int, crumbs []Link, segs []string, years []Link) []*task {
	w := e.w
	u := e.cfg.Units.Resolve(t.Key)
	proto := &Page{Kind: "unit", Title: u.Label, Breadcrumbs: crumbs}
	allYears := ""
	if year != 0 {
		proto.Title = w.Units.Year.Format(year, u.Label)
		allYears = e.url("units", u.Slug)
	}
	return e.twoLists(proto, segs, t.Items, t.CoItems, func(p *Page, led, co *ListView, pg *Pager) {
		led.Intro, co.Intro = w.Units.Led.Format(len(t.Items)), w.Units.CoHandled.Format(len(t.CoItems))
		p.Unit = &UnitView{
			Name: u.Label, Parent: u.Parent, Contact: u.Contact, Year: year, AllYears: allYears, Years: years,
			Led: led, CoHandled: co, Pager: pg,
		}
	})
}

func (e *Edition) unitsPage(buf *bytes.Buffer) error {
	w := e.w
	v := &UnitsView{}
	byParent := map[string]int{} // parent → index in v.Groups
	var other []UnitLink
	for _, t := range e.idx.Units.Terms {
		u := e.cfg.Units.Resolve(t.Key)
		l := UnitLink{Label: u.Label, URL: e.url("units", u.Slug), Led: len(t.Items), CoHandled: len(t.CoItems)}
		if u.Parent == "" {
			other = append(other, l)
			continue
		}
		i, ok := byParent[u.Parent]
		if !ok {
			i = len(v.Groups)
			byParent[u.Parent] = i
			v.Groups = append(v.Groups, UnitGroup{Heading: u.Parent})
		}
		v.Groups[i].Units = append(v.Groups[i].Units, l)
	}
	if len(other) > 0 {
		heading := ""
		if len(v.Groups) > 0 {
			heading = w.Units.Other.String()
		}
		v.Groups = append(v.Groups, UnitGroup{Heading: heading, Units: other})
	}
	return e.page(buf, &Page{
		Kind:        "units",
		Title:       w.Groups.Units.Title.String(),
		URL:         e.url("units"),
		Breadcrumbs: e.home(),
		Units:       v,
	})
}

// twoLists makes the pages of a page with two lists of suggestions, a and
// b, like proto, at segs and then segs/page/2/ …: page n holds the n-th
// part of each list (per_page rows of it), so that both run over the same
// pages. fill puts the two lists and the pager (nil on a single page) into
// the page.
func (e *Edition) twoLists(proto *Page, segs []string, a, b []*content.Suggestion, fill func(p *Page, a, b *ListView, pg *Pager)) []*task {
	per := e.cfg.PerPage
	pages := max(1, (len(a)+per-1)/per, (len(b)+per-1)/per)
	pageSegs := func(n int) []string {
		if n == 1 {
			return segs
		}
		return append(append([]string(nil), segs...), "page", strconv.Itoa(n))
	}
	part := func(items []*content.Suggestion, n int) *ListView {
		lo, hi := min((n-1)*per, len(items)), min(n*per, len(items))
		return &ListView{Total: len(items), Rows: e.listRows(items[lo:hi])}
	}
	tasks := make([]*task, pages)
	for n := 1; n <= pages; n++ {
		tasks[n-1] = &task{file: file(pageSegs(n)...), listed: true, rows: true, make: func(buf *bytes.Buffer) error {
			p := *proto
			p.URL = e.url(pageSegs(n)...)
			var pg *Pager
			if pages > 1 {
				pg = pager(n, pages, func(i int) string { return e.url(pageSegs(i)...) })
				p.Title = e.w.Lists.Paged.Format(proto.Title, n)
			}
			fill(&p, part(a, n), part(b, n), pg)
			return e.page(buf, &p)
		}}
	}
	return tasks
}
