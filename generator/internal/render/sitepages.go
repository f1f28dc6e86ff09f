package render

import (
	"bytes"
	"html/template"
	"strconv"

	"rdjy.local/portal/generator/internal/pages"
)

// sitePageTasks lists the site's own pages (content/pages: 联系我们,
// 网站声明 …) and the 网站地图.
func (e *Edition) sitePageTasks() []*task {
	tasks := []*task{{file: file("sitemap"), listed: true, make: e.siteMapPage}}
	for _, p := range e.idx.Pages {
		tasks = append(tasks, &task{file: file(p.Slug), listed: true, make: func(buf *bytes.Buffer) error { return e.textPage(buf, p) }})
	}
	return tasks
}

// sitePageLinks are the links every footer carries to the site's own
// pages: the 网站地图, then content/pages in slug order.
func (e *Edition) sitePageLinks() []Link {
	links := []Link{{Label: e.w.Pages.SiteMap.String(), URL: e.url("sitemap")}}
	for _, p := range e.idx.Pages {
		links = append(links, Link{Label: p.Title, URL: e.url(p.Slug)})
	}
	return links
}

func (e *Edition) textPage(buf *bytes.Buffer, p *pages.Page) error {
	body, err := e.md.Render(p.Body)
	if err != nil {
		return err
	}
	return e.page(buf, &Page{Kind: "page", Title: p.Title, URL: e.url(p.Slug), Breadcrumbs: e.home(), Text: &TextView{Body: body}})
}

// siteMapPage lists every section of the site: the navigation's, each
// with the pages under it that have a name of their own (the terms of a
// way in, each year's statistics, each report), then the site's own pages
// and the open data.
func (e *Edition) siteMapPage(buf *bytes.Buffer) error {
	v := &SiteMapView{Data: e.view.Data, Feed: Link{Label: e.w.Pages.Feed.String(), URL: e.view.Feed}}
	for _, l := range e.nav {
		l.Current = false
		v.Sections = append(v.Sections, SiteMapSection{Link: l})
	}
	children := map[string][]Link{}
	for _, g := range e.idx.Groups {
		for _, t := range g.Terms {
			children[e.url(g.Name)] = append(children[e.url(g.Name)], Link{Label: e.termLabel(t), URL: e.url(g.Name, t.Slug), Count: len(t.Items)})
		}
	}
	for _, t := range e.idx.Years.Terms {
		y := strconv.Itoa(t.Year)
		children[e.url("stats")] = append(children[e.url("stats")], Link{Label: e.w.Pages.YearStats.Format(t.Year), URL: e.url("stats", y)})
	}
	children[e.url("reports")] = e.reportLinks()
	for i := range v.Sections {
		v.Sections[i].Pages = children[v.Sections[i].URL]
	}
	v.Site = e.sitePageLinks()[1:]
	return e.page(buf, &Page{
		Kind: "sitemap", Title: e.w.Pages.SiteMap.String(), Description: e.w.Pages.SiteMapDescription.String(),
		URL: e.url("sitemap"), Breadcrumbs: e.home(), SiteMap: v,
	})
}

// TextView is one of the site's own pages, such as 联系我们: its text.
type TextView struct {
	Body template.HTML // the page's Markdown, rendered
}

// SiteMapView is the 网站地图: every section of the site with the pages
// under it.
type SiteMapView struct {
	Sections []SiteMapSection
	Site     []Link // the site's own pages (联系我们, 网站声明 …)
	Data     []Link // the open data files
	Feed     Link   // the Atom feed
}

// SiteMapSection is a section of the navigation and its pages.
type SiteMapSection struct {
	Link
	Pages []Link // the terms of a way in (with counts), each year's statistics, each report
}
