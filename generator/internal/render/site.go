// Package render is the fourth phase of a build (load → check → index →
// render → write): it lists every file the site's pages and data make, each
// with how to make it, from the site's index (package index). The files are
// made by whoever writes the list (package build): in parallel, to disk,
// into a sink for check, or when first asked for in the preview.
//
// # Editions
//
// The pages are published in two scripts: in Simplified characters at the
// base path, and converted to Traditional ones under hant/ (hant.go,
// package hant). Each script is an Edition: its base path, its layouts
// (whose url function leads into the edition), its Markdown renderer (whose
// links do too), its navigation and its words. The editions read one Index;
// the open data, the feed, the sitemap and the static files are shared and
// stay Simplified. The search page and its index are in search.go.
//
// # Layouts
//
// For a page of kind K (see Kinds: each shape of page is a kind of its
// own) the generator parses layouts/base.html, every layouts/partials/*.html
// and layouts/K.html into one template set and executes the template "base"
// with a *Page (see view.go for every field). A partial defines one
// template, named after its file. One function is defined: url, which
// gives a site path with the base path: {{url "css/site.css"}} for a file,
// {{url "suggestions/"}} for a page (a path ending in "/"). Charts are
// drawn by package chart and shown by the partial "chart".
//
// # Words
//
// Every word the generator writes into a page (titles, navigation, status
// words, list introductions, chart captions, the search filters, the feed)
// is read from layouts/words.toml into pageWords (words.go), through
// package words, which checks that each is there.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/hant"
	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/markdown"
)

// Site is a site ready to render: its index and its two editions.
type Site struct {
	idx  *index.Index
	hans *Edition // the Simplified pages, at the base path
	hant *Edition // the Traditional pages, under hant/

	// read reads a file of the site, such as a suggestion's attachment,
	// by its path in the site (content.Attachment.File); nil: the site
	// publishes no attachments.
	read func(name string) ([]byte, error)

	scratch string // where the search index spills what it gathers (SetScratch)
}

// Edition is the site in one script: where its pages are, its layouts and
// Markdown renderer (whose links stay in the edition), its navigation and
// its header and footer. It reads the site's facts from the shared index.
type Edition struct {
	idx    *index.Index
	cfg    *config.Site
	script *script
	base   string   // where the pages are: the base path, or its hant/ folder
	files  string   // where static files and data are: the base path
	other  *Edition // the same site in the other script
	// convert turns a page rendered in Simplified into the script; nil:
	// none. The Traditional edition converts the site's names as names.
	convert converter
	names   *hant.Names // the Traditional edition's names; nil in the other
	md      *markdown.Renderer
	tmpl    templates
	rows    *rowCache  // the rows of lists, each made once
	w       *pageWords // the same for both: the Traditional pages are converted after rendering
	view    *SiteView
	meta    MetaView // the site's and column's metadata, shared by every page
	nav     []Link
}

// New prepares the editions of the site of idx, with the layouts; read
// reads the site's files that are published as they are (attachments).
// prev, when not nil, is a site prepared before (the preview's last): what
// depends only on what did not change is taken from it. It fails only when
// the Traditional conversion's dictionaries cannot be loaded.
func New(idx *index.Index, layouts *Layouts, read func(name string) ([]byte, error), prev *Site) (*Site, error) {
	if err := hant.Load(); err != nil {
		return nil, err
	}
	hans, err := newEdition(idx, layouts, hansScript)
	if err != nil {
		return nil, err
	}
	trad, err := newEdition(idx, layouts, hantScript)
	if err != nil {
		return nil, err
	}
	if prev != nil && sameNames(prev.idx, idx) {
		trad.names = prev.hant.names
	} else {
		trad.names = hant.NewNames(nameList(idx))
	}
	trad.convert = trad.names.WriteHTML
	trad.rows.convert = trad.convert
	hans.other, trad.other = trad, hans
	return &Site{idx: idx, hans: hans, hant: trad, read: read}, nil
}

// newEdition makes the edition of idx in script sc: the Markdown
// renderer, the layouts' url function, the header and footer facts and the
// navigation.
func newEdition(idx *index.Index, layouts *Layouts, sc *script) (*Edition, error) {
	cfg, w := idx.Config, layouts.words
	e := &Edition{idx: idx, cfg: cfg, script: sc, convert: sc.convert, files: cfg.BasePath(), base: cfg.BasePath() + sc.prefix, w: w}
	e.md = markdown.NewLinker(e.link)
	tmpl, err := layouts.withURL(e.base, e.files)
	if err != nil {
		return nil, err
	}
	e.tmpl = tmpl
	e.rows = newRowCache(tmpl["suggestions"], idx.All)
	base := e.base
	e.view = &SiteView{
		Title: cfg.Title, Description: cfg.Description, Language: cfg.Language, Owner: cfg.Owner,
		SiteCode: cfg.SiteCode, ICP: cfg.ICP, PoliceRecord: cfg.PoliceRecord, Address: cfg.Address, Phone: cfg.Phone,
		Home: base, Feed: e.files + "feed.xml", Notice: cfg.Notice,
		Data: []Link{
			{Label: w.Site.DataJSON.String(), URL: e.files + "data/suggestions.json"},
			{Label: w.Site.DataCSV.String(), URL: e.files + "data/suggestions.csv"},
			{Label: w.Site.DataCSVZh.String(), URL: e.files + "data/suggestions-zh.csv"},
			{Label: w.Site.DataStats.String(), URL: e.files + "data/stats.json"},
			{Label: w.Site.DataPeople.String(), URL: e.files + "data/deputies.json"},
		},
	}
	if sc.lang != "" {
		e.view.Language = sc.lang
	}
	e.view.Search = e.url("search")
	if f := cfg.Furniture; f.Emblem != "" {
		e.view.Emblem = e.files + f.Emblem
	}
	e.view.Pages = e.sitePageLinks()
	e.view.ErrorReport = cfg.Furniture.ErrorReportURL
	e.view.ICPURL = "https://beian.miit.gov.cn/"
	if code := config.PoliceRecordCode(cfg.PoliceRecord); code != "" {
		e.view.PoliceURL = "https://beian.mps.gov.cn/#/query/webSearch?code=" + code
	}
	e.meta = e.siteMeta()
	e.nav = []Link{{Label: w.Nav.Home.String(), URL: base}, {Label: w.Nav.Suggestions.String(), URL: e.url("suggestions")}}
	for _, g := range idx.Groups {
		e.nav = append(e.nav, Link{Label: w.group(g.Name).Title.String(), URL: e.url(g.Name)})
	}
	if len(idx.Deputies.Deputies) > 0 {
		e.nav = append(e.nav, Link{Label: w.Deputies.Title.String(), URL: e.url("deputies")})
	}
	e.nav = append(e.nav, Link{Label: w.Nav.Stats.String(), URL: e.url("stats")})
	if len(idx.Reports) > 0 {
		e.nav = append(e.nav, Link{Label: w.Nav.Reports.String(), URL: e.url("reports")})
	}
	e.nav = append(e.nav, Link{Label: w.Nav.Search.String(), URL: e.url("search")})
	return e, nil
}

// termLabel is how a term is named on the pages.
func (e *Edition) termLabel(t *index.Term) string {
	if t.Year != 0 {
		return e.year(t.Year)
	}
	return t.Label
}

// year names a year: 2019年.
func (e *Edition) year(year int) string { return e.w.Dates.Year.Format(year) }

// url is the address of the page at the given path segments, escaped.
func (e *Edition) url(segs ...string) string { return escapedPath(e.base, segs) }

// pageURL is the address of the page written to file, an index.html in
// its folder: the address url gives for the folder's names (with the
// script's folder, which file holds, under the base path).
func (e *Edition) pageURL(file string) string {
	dir := strings.TrimSuffix(strings.TrimSuffix(file, "index.html"), "/")
	if dir == "" {
		return e.files
	}
	return escapedPath(e.files, strings.Split(dir, "/"))
}

// escapedPath is root followed by each of segs, path-escaped, and a slash.
func escapedPath(root string, segs []string) string {
	var b strings.Builder
	b.WriteString(root)
	for _, seg := range segs {
		b.WriteString(url.PathEscape(seg))
		b.WriteByte('/')
	}
	return b.String()
}

// link is the address of a site path without its leading slash: a page
// ("suggestions/", "" for home) in the pages' script, a file
// ("css/site.css") at the base path.
func (e *Edition) link(p string) string { return link(e.base, e.files, p) }

// link is the address of site path p: under base for a page, under files
// for a file.
func link(base, files, p string) string {
	path, _, _ := strings.Cut(p, "#")
	path, _, _ = strings.Cut(path, "?")
	if path == "" || strings.HasSuffix(path, "/") {
		return base + p
	}
	return files + p
}

// file is the output file of the page at the given path segments.
func file(segs ...string) string {
	return strings.Join(append(segs, "index.html"), "/")
}

// readable is a URL with its percent-encoded path decoded, as people read
// and type it; the URL itself when it is not valid UTF-8 once decoded.
func readable(u string) string {
	s, err := url.PathUnescape(u)
	if err != nil || !utf8.ValidString(s) {
		return u
	}
	return s
}

// task makes one output file.
//
// A site lists hundreds of thousands of tasks: a task keeps what the
// sitemap needs small (a flag and a day; the address is made from file
// when the sitemap is written: pageURL), and the sitemap keeps only that
// of the pages it lists (sitemapPage), so that the tasks themselves are
// let go once the files are listed.
type task struct {
	file   string
	sg     *content.Suggestion           // the one suggestion the file is made from, if any (see File)
	make   func(buf *bytes.Buffer) error // writes the file's content into buf
	mod    day                           // the day the page last changed, for the sitemap; 0: not said, or found from sg (sitemapPage.day)
	listed bool                          // an HTML page listed in the sitemap, at pageURL
	rows   bool                          // a page that shows rows of lists (rowCache.counts)
	// stream, set instead of make for a large file, writes it piece by
	// piece (see File.Stream).
	stream func(w Writer) error
}

// day is a date as the sitemap writes it, in four bytes: yyyymmdd; 0 is
// none.
type day int32

// dayOf is t's date where t is; 0 for the zero time.
func dayOf(t time.Time) day {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return day(y*10000 + int(m)*100 + d)
}

// String is the date as 2006-01-02.
func (d day) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100)
}

// fromBytes adapts a function that returns a whole file.
func fromBytes(f func() ([]byte, error)) func(*bytes.Buffer) error {
	return func(buf *bytes.Buffer) error {
		data, err := f()
		buf.Write(data)
		return err
	}
}

func (e *Edition) page(buf *bytes.Buffer, p *Page) error {
	p.Site = e.view
	p.Canonical = e.cfg.AbsURL(p.URL)
	p.Address = readable(p.Canonical)
	p.Script = e.switchTo(p.URL)
	p.Alternates = e.alternates(p.URL)
	e.withMeta(p)
	p.Nav = make([]Link, len(e.nav))
	copy(p.Nav, e.nav)
	for i := len(p.Nav) - 1; i >= 0; i-- {
		if p.Nav[i].URL == p.URL || (i > 0 && strings.HasPrefix(p.URL, p.Nav[i].URL)) {
			p.Nav[i].Current = true
			break
		}
	}
	if err := e.tmpl[p.Kind].ExecuteTemplate(buf, "base", p); err != nil {
		return templateError(LayoutDir+"/"+p.Kind+".html", err)
	}
	return nil
}

func (e *Edition) home() []Link { return []Link{{Label: e.w.Nav.Home.String(), URL: e.base}} }

// date formats a calendar date; nil for the zero date.
func (e *Edition) date(d time.Time) *Date {
	if d.IsZero() {
		return nil
	}
	return &Date{ISO: d.Format("2006-01-02"), Text: e.w.Dates.Date.Format(d.Year(), int(d.Month()), d.Day())}
}

// html renders a suggestion's Markdown; a goldmark failure is reported
// with the file. It is rendered again by each page or index that needs it
// and not kept, since keeping every suggestion's HTML would hold a second
// copy of the whole site's text in memory for the whole build: rendering is
// a small part of a page's time.
func (e *Edition) html(sg *content.Suggestion) (template.HTML, error) {
	body, err := sg.ReadBody()
	if err != nil {
		return "", err
	}
	h, err := e.md.Render(body)
	if err != nil {
		return "", fmt.Errorf("%s: markdown: %w", sg.File, err)
	}
	return h, nil
}
