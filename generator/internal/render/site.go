// Package render turns the loaded site into files: the HTML pages (through
// the designer's layouts), the open data, the feed and the sitemap. Indexes
// (per category, outcome, lead unit and year) are built once, so every page
// costs only its own rows; pages are rendered in parallel.
//
// # Layouts
//
// For a page of kind K (home, suggestions, suggestion, terms, term, search,
// 404) the generator parses layouts/base.html, every layouts/partials/*.html
// and layouts/K.html into one template set and executes the template "base"
// with a *Page (see view.go for every field). One function is defined: url,
// which gives a site path with the base path: {{url "css/site.css"}} for a
// file, {{url "suggestions/"}} for a page (a path ending in "/").
//
// # Two scripts
//
// Every page is rendered twice: in Simplified characters at the base path,
// and under hant/ converted to Traditional ones (hant.go, package hant). The
// search page and its index are in search.go.
package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"rdjy.local/portal/generator/internal/parallel"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/hant"
	"rdjy.local/portal/generator/internal/markdown"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/stats"
)

// Output receives the files of the site. WriteFile may be called from
// several goroutines at once.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Site is a loaded site ready to render.
type Site struct {
	cfg    *config.Site
	base   string      // where the pages are: the base path, or its hant/ folder
	files  string      // where static files and data are: the base path
	script *script     // the script of the pages
	hant   *Site       // the same site in Traditional characters; nil in that one
	names  *hant.Names // in the Traditional one: the names it converts as names
	other  *Site       // the same site in the other script
	md     *markdown.Renderer
	tmpl   templates
	all    []*content.Suggestion // published: newest year first, then by number
	stats  *stats.Stats
	view   *SiteView
	nav    []Link

	groups []*group // categories, outcomes, lead units, years
	units  *group
	years  *group
	latest []*content.Suggestion

	byNumber     map[string]*content.Suggestion
	reports      []*report.Report // newest first
	reportByYear map[int]*report.Report

	// bodies holds each suggestion's rendered Markdown, made once per
	// script (links lead to pages of the same script) and shared by its
	// page and the search index.
	bodies map[*content.Suggestion]*body
}

// body is a suggestion's Markdown as HTML, rendered on first use.
type body struct {
	once sync.Once
	html template.HTML
	err  error
}

func newBodies(all []*content.Suggestion) map[*content.Suggestion]*body {
	m := make(map[*content.Suggestion]*body, len(all))
	for _, sg := range all {
		m[sg] = &body{}
	}
	return m
}

// group is one way into the suggestions: a section with a page per term.
type group struct {
	section string // URL segment: "categories"
	title   string // "按类别"
	heading string // "类别"
	terms   []*term
	byKey   map[string]*term
}

type term struct {
	label string
	slug  string
	year  int // for the years group
	items []*content.Suggestion
}

// New prepares a site for rendering. published and reports must exclude
// drafts; reports must be newest first.
func New(cfg *config.Site, fsys fs.FS, published []*content.Suggestion, reports []*report.Report) (*Site, diag.List) {
	base := cfg.BasePath()
	parsed, errs := loadTemplates(fsys)
	if len(errs) > 0 {
		return nil, errs
	}
	all := append([]*content.Suggestion(nil), published...)
	sort.Slice(all, func(i, j int) bool {
		if all[i].Year != all[j].Year {
			return all[i].Year > all[j].Year
		}
		return content.NumberLess(all[i].Number, all[j].Number)
	})
	s := &Site{cfg: cfg, base: base, files: base, script: hansScript, all: all, stats: stats.Compute(cfg, all),
		byNumber: make(map[string]*content.Suggestion, len(all)), reports: reports, reportByYear: map[int]*report.Report{}}
	s.bodies = newBodies(all)
	for _, sg := range all {
		s.byNumber[sg.Number] = sg
	}
	for _, r := range reports {
		s.reportByYear[r.Year] = r
	}
	s.buildGroups()
	s.buildLatest()
	if err := s.init(parsed); err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: LayoutDir}, Msg: err.Error()}}
	}
	if err := s.addHant(parsed); err != nil {
		return nil, diag.List{{Pos: diag.Pos{File: LayoutDir}, Msg: err.Error()}}
	}
	return s, nil
}

// init makes what depends on the script and the base path of the pages:
// the Markdown renderer, the layouts' url function, the header and footer
// facts and the navigation.
func (s *Site) init(parsed templates) error {
	s.md = markdown.NewLinker(s.link)
	tmpl, err := parsed.withURL(s.link)
	if err != nil {
		return err
	}
	s.tmpl = tmpl
	cfg, base := s.cfg, s.base
	s.view = &SiteView{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language, Owner: cfg.Owner,
		SiteCode: cfg.SiteCode, ICP: cfg.ICP, PoliceRecord: cfg.PoliceRecord, Address: cfg.Address, Phone: cfg.Phone,
		Home: base, Feed: s.files + "feed.xml", Notice: cfg.Notice,
		Data: []Link{
			{Label: "全部建议（JSON）", URL: s.files + "data/suggestions.json"},
			{Label: "全部建议（CSV）", URL: s.files + "data/suggestions.csv"},
			{Label: "统计数据（JSON）", URL: s.files + "data/stats.json"},
		},
	}
	if s.script.lang != "" {
		s.view.Language = s.script.lang
	}
	s.nav = []Link{{Label: "首页", URL: base}, {Label: "全部建议", URL: s.url("suggestions")}}
	for _, g := range s.groups {
		s.nav = append(s.nav, Link{Label: g.title, URL: s.url(g.section)})
	}
	s.nav = append(s.nav, Link{Label: "统计", URL: s.url("stats")})
	if len(s.reports) > 0 {
		s.nav = append(s.nav, Link{Label: "办理情况汇报", URL: s.url("reports")})
	}
	s.nav = append(s.nav, Link{Label: "搜索", URL: s.url("search")})
	return nil
}

func (s *Site) buildGroups() {
	cats := newGroup("categories", "按类别", "类别")
	for _, t := range s.cfg.Categories.Terms {
		cats.add(t.Key, &term{label: t.Label, slug: t.Slug})
	}
	outs := newGroup("outcomes", "按办理结果", "办理结果")
	for _, t := range s.cfg.Outcomes.Terms {
		outs.add(t.Key, &term{label: t.Label, slug: t.Slug})
	}
	units := newGroup("units", "按承办单位", "主办单位")
	years := newGroup("years", "按年度", "办理年度")
	for _, sg := range s.all {
		cats.byKey[sg.Category].items = append(cats.byKey[sg.Category].items, sg)
		if sg.IsReplied() {
			outs.byKey[sg.Outcome].items = append(outs.byKey[sg.Outcome].items, sg)
		}
		if units.byKey[sg.LeadUnit] == nil {
			units.add(sg.LeadUnit, &term{label: sg.LeadUnit, slug: sg.LeadUnit})
		}
		units.byKey[sg.LeadUnit].items = append(units.byKey[sg.LeadUnit].items, sg)
		y := strconv.Itoa(sg.Year)
		if years.byKey[y] == nil {
			years.add(y, &term{label: y + "年", slug: y, year: sg.Year})
		}
		years.byKey[y].items = append(years.byKey[y].items, sg)
	}
	// Units with the most suggestions first, then by name; years are
	// already newest first because s.all is.
	sort.SliceStable(units.terms, func(i, j int) bool {
		a, b := units.terms[i], units.terms[j]
		if len(a.items) != len(b.items) {
			return len(a.items) > len(b.items)
		}
		return a.label < b.label
	})
	s.groups = []*group{cats, outs, units, years}
	s.units, s.years = units, years
}

func newGroup(section, title, heading string) *group {
	return &group{section: section, title: title, heading: heading, byKey: map[string]*term{}}
}

func (g *group) add(key string, t *term) {
	g.byKey[key] = t
	g.terms = append(g.terms, t)
}

// buildLatest keeps the replied suggestions, latest reply first, for the
// home page and the feed.
func (s *Site) buildLatest() {
	for _, sg := range s.all {
		if sg.IsReplied() {
			s.latest = append(s.latest, sg)
		}
	}
	sort.SliceStable(s.latest, func(i, j int) bool { return s.latest[i].Replied.After(s.latest[j].Replied) })
}

// yearItems are the published suggestions of one year, in number order.
func (s *Site) yearItems(year int) []*content.Suggestion {
	if t := s.years.byKey[strconv.Itoa(year)]; t != nil {
		return t.items
	}
	return nil
}

// url is the address of the page at the given path segments, escaped.
func (s *Site) url(segs ...string) string {
	var b strings.Builder
	b.WriteString(s.base)
	for _, seg := range segs {
		b.WriteString(url.PathEscape(seg))
		b.WriteByte('/')
	}
	return b.String()
}

// link is the address of a site path without its leading slash: a page
// ("suggestions/", "" for home) in the pages' script, a file
// ("css/site.css") at the base path.
func (s *Site) link(p string) string {
	path, _, _ := strings.Cut(p, "#")
	path, _, _ = strings.Cut(path, "?")
	if path == "" || strings.HasSuffix(path, "/") {
		return s.base + p
	}
	return s.files + p
}

// file is the output file of the page at the given path segments.
func file(segs ...string) string {
	return strings.Join(append(segs, "index.html"), "/")
}

// task makes one output file.
type task struct {
	file string
	url  string // for HTML pages listed in the sitemap; empty otherwise
	mod  time.Time
	make func(buf *bytes.Buffer) error // writes the file's content into buf
}

// fromBytes adapts a function that returns a whole file.
func fromBytes(f func() ([]byte, error)) func(*bytes.Buffer) error {
	return func(buf *bytes.Buffer) error {
		data, err := f()
		buf.Write(data)
		return err
	}
}

// Render writes every file of the site to out, rendering in parallel. It
// stops at the first error or when ctx is cancelled.
func (s *Site) Render(ctx context.Context, out Output) error {
	return parallel.Each(ctx, s.Files(), func(buf *bytes.Buffer, f File) error {
		err := f.Make(buf)
		if err == nil {
			err = out.WriteFile(f.Name, buf.Bytes())
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		return nil
	})
}

func (s *Site) page(buf *bytes.Buffer, p *Page) error {
	p.Site = s.view
	p.Canonical = s.cfg.AbsURL(p.URL)
	p.Script = s.switchTo(p.URL)
	p.Nav = make([]Link, len(s.nav))
	copy(p.Nav, s.nav)
	for i := len(p.Nav) - 1; i >= 0; i-- {
		if p.Nav[i].URL == p.URL || (i > 0 && strings.HasPrefix(p.URL, p.Nav[i].URL)) {
			p.Nav[i].Current = true
			break
		}
	}
	if err := s.tmpl[p.Kind].ExecuteTemplate(buf, "base", p); err != nil {
		return templateError("layouts/"+p.Kind+".html", err)
	}
	return nil
}

func (s *Site) home() []Link { return []Link{{Label: "首页", URL: s.base}} }

// date formats a calendar date; nil for the zero date.
func date(d time.Time) *Date {
	if d.IsZero() {
		return nil
	}
	return &Date{ISO: d.Format("2006-01-02"), Text: fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day())}
}

// html renders a suggestion's Markdown, once per site; a goldmark failure is
// reported with the file.
func (s *Site) html(sg *content.Suggestion) (template.HTML, error) {
	b := s.bodies[sg]
	if b == nil { // not one of the site's suggestions
		b = &body{}
	}
	b.once.Do(func() {
		b.html, b.err = s.md.Render(sg.Body)
		if b.err != nil {
			b.err = fmt.Errorf("%s: markdown: %w", sg.File, b.err)
		}
	})
	return b.html, b.err
}
