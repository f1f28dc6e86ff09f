package inspect

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
)

// The metadata every page carries, and what an article page (one with
// ArticleTitle) carries besides, as the government website norms list them.
var (
	siteTags    = []string{"SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"}
	articleTags = []string{"PubDate", "ContentSource"}
)

var articleHints = map[string]string{
	"PubDate":       "give the suggestion published = …, or the report date = …",
	"ContentSource": "keep the metadata partial in layouts/base.html",
}

// pubDate is the form of PubDate: 2019-06-28 09:00.
var pubDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$`)

// Pages collects the inspection's findings in built pages. One finding on
// many pages (a layout's, usually) is reported once, at the shallowest
// page, with the number of pages. It is safe for concurrent use.
type Pages struct {
	host      string          // the site's own host: a plain http: link to it is not another site's
	explained map[string]bool // tags whose absence Site reports once, at site.toml
	mu        sync.Mutex
	found     map[string]*finding // by message
}

type finding struct {
	pos   diag.Pos
	field string
	msg   string
	hint  string
	pages int
}

// NewPages collects findings for the site of cfg.
func NewPages(cfg *config.Site) *Pages {
	p := &Pages{host: cfg.Host(), explained: map[string]bool{}, found: map[string]*finding{}}
	for _, e := range emptySettings(cfg) {
		p.explained[e.tag] = true
	}
	return p
}

// Check inspects one file of the site, named by its path in the site
// (suggestions/2019-006/index.html). Files other than HTML pages are left
// alone.
func (p *Pages) Check(name string, data []byte) {
	if !strings.HasSuffix(name, ".html") {
		return
	}
	pg := readPage(data)
	add := func(line int, field, msg, hint string) {
		p.add(diag.Pos{File: name, Line: line}, field, msg, hint)
	}
	for _, tag := range siteTags {
		if pg.meta[tag] == "" && !p.explained[tag] {
			add(pg.headLine, tag, fmt.Sprintf("the page has no %s: every page carries the site's and column's metadata", metaTag(tag)),
				"keep the metadata partial in layouts/base.html, and fill in site.toml")
		}
	}
	if pg.meta["ArticleTitle"] != "" {
		for _, tag := range articleTags {
			if pg.meta[tag] == "" {
				add(pg.headLine, tag, fmt.Sprintf("an article page without %s", metaTag(tag)), articleHints[tag])
			}
		}
		if d := pg.meta["PubDate"]; d != "" && !pubDate.MatchString(d) {
			add(pg.headLine, "PubDate", fmt.Sprintf("PubDate %q is not written as 2019-06-28 09:00", d), "")
		}
	}
	for _, l := range pg.links {
		u, err := url.Parse(l.url)
		if err != nil || !strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Hostname(), p.host) {
			continue
		}
		add(l.line, "", fmt.Sprintf("a link to another site over plain http: %s", l.url), "use the site's https: address, or remove the link")
	}
}

func metaTag(name string) string { return `<meta name="` + name + `">` }

func (p *Pages) add(pos diag.Pos, field, msg, hint string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.found[msg]
	if f == nil {
		f = &finding{pos: pos, field: field, msg: msg, hint: hint}
		p.found[msg] = f
	} else if before(pos.File, f.pos.File) {
		f.pos = pos
	}
	f.pages++
}

// before orders the pages a finding is reported at: the shallowest first
// (a page before its copy in another script's folder), then by name.
func before(a, b string) bool {
	if da, db := strings.Count(a, "/"), strings.Count(b, "/"); da != db {
		return da < db
	}
	return a < b
}

// Problems gives every finding, sorted.
func (p *Pages) Problems() diag.List {
	p.mu.Lock()
	defer p.mu.Unlock()
	var l diag.List
	for _, f := range p.found {
		msg := f.msg
		if f.pages > 1 {
			msg += fmt.Sprintf(" (and on %d other pages)", f.pages-1)
		}
		l.Add(f.pos, f.field, msg, f.hint)
	}
	sort.SliceStable(l, func(i, j int) bool { return l[i].Msg < l[j].Msg })
	l.Sort()
	return l
}

// page is what the inspection reads of a page.
type page struct {
	meta     map[string]string // <meta name content>, the first of each name
	headLine int               // the line of <head>, where the metadata belongs
	links    []link            // the addresses the page links to or loads
}

type link struct {
	url  string
	line int
}

// linkAttrs are the attributes holding an address the page links to or
// loads.
var linkAttrs = map[string]bool{"href": true, "src": true, "action": true, "poster": true, "cite": true}

// readPage tokenizes an HTML page, counting lines as it goes.
func readPage(data []byte) *page {
	pg := &page{meta: map[string]string{}, headLine: 1}
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return pg
		}
		raw := z.Raw()
		at := line
		line += bytes.Count(raw, []byte("\n"))
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			attrs[a.Key] = a.Val
			if linkAttrs[a.Key] {
				pg.links = append(pg.links, link{url: strings.TrimSpace(a.Val), line: at})
			}
		}
		switch tok.Data {
		case "head":
			pg.headLine = at
		case "meta":
			if name := attrs["name"]; name != "" {
				if _, seen := pg.meta[name]; !seen {
					pg.meta[name] = strings.TrimSpace(attrs["content"])
				}
			}
		}
	}
}
