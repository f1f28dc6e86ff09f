package render

import (
	"strconv"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/stats"
)

// Each year's ways in (index.Ways), under the year's page:
//
//	/years/<year>/categories/<slug>/    the year's suggestions of a category
//	/years/<year>/outcomes/<slug>/      its replied suggestions with an outcome
//	/years/<year>/satisfaction/<slug>/  its suggestions with that feedback
//	/years/<year>/key-satisfaction/<slug>/  its key suggestions with that feedback
//	/years/<year>/units/<slug>/         what a unit led and co-handled that year
//
// Every row of the year's share tables (the home page's and the year's
// summary, the charts of /stats/<year>/ and of the annual report, the
// feedback on key suggestions) and
// every unit of its scorecard links to one of these pages, which lists
// exactly the suggestions the row counts. A row counting none links
// nowhere, and no page is made for it.

// waysTasks lists the pages of every year's ways in.
func (e *Edition) waysTasks() []*task {
	var tasks []*task
	for _, yt := range e.idx.Years.Terms {
		ways := e.idx.Ways(yt.Year)
		crumbs := append(e.home(), Link{Label: e.w.Groups.Years.Title.String(), URL: e.url("years")},
			Link{Label: e.year(yt.Year), URL: e.url("years", yt.Key)})
		for _, g := range ways.Groups {
			for _, t := range g.Terms {
				segs := []string{"years", yt.Key, g.Name, t.Slug}
				if g.Name == "units" {
					tasks = append(tasks, e.unitPageTasks(t, yt.Year, crumbs, segs, nil)...)
					continue
				}
				heading := e.w.group(g.Name).Heading
				p := &Page{Kind: "term", Title: e.w.Pages.YearTerm.Format(yt.Year, heading, t.Label), Breadcrumbs: crumbs}
				intro := e.w.Lists.YearTerm.Format(yt.Year, heading, t.Label, len(t.Items))
				tasks = append(tasks, e.listTasks(p, segs, t.Items, intro)...)
			}
		}
	}
	return tasks
}

// yearShares gives the share of every term of the group named group in
// year y, each linking to the year's page of its term when it counts any.
func (e *Edition) yearShares(year int, y *stats.Year, group string, enum *config.Enum, cond func(string) stats.Cond, before ...stats.Cond) []Share {
	out := shares(y, enum, cond, before...)
	ways := e.idx.Ways(year)
	if ways == nil {
		return out
	}
	g := ways.Group(group)
	for i, t := range enum.Terms {
		if out[i].Count > 0 && g.Term(t.Key) != nil {
			out[i].URL = e.url("years", strconv.Itoa(year), group, t.Slug)
		}
	}
	return out
}

// yearUnitURL is the page of the unit named name in year; empty when the
// unit neither led nor co-handled anything that year.
func (e *Edition) yearUnitURL(year int, name string) string {
	ways := e.idx.Ways(year)
	if ways == nil {
		return ""
	}
	t := ways.Units.Term(e.cfg.Units.Resolve(name).Key)
	if t == nil {
		return ""
	}
	return e.url("years", strconv.Itoa(year), "units", t.Slug)
}
