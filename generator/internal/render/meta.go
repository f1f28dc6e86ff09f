package render

import (
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/report"
)

// MetaView is the machine-readable metadata every page carries for the
// supervision platforms of government websites (政府网站发展指引, 国办发
// 〔2017〕47号), written by layouts/partials/meta.html as <meta name="…">
// tags. The site's and the column's come from site.toml; Article is set on
// the pages of articles (a suggestion, an annual report) only. An empty
// value has no tag: check -strict reports it.
type MetaView struct {
	SiteName          string // site.toml's title
	SiteDomain        string // the host of base_url
	SiteIDCode        string // 网站标识码: site_code
	ColumnName        string // column_name, or the title
	ColumnDescription string // column_description, or description
	ColumnKeywords    string // column_keywords, joined with commas
	ColumnType        string // column_type
	Article           *ArticleMeta
}

// ArticleMeta is the metadata of an article's page.
type ArticleMeta struct {
	Title    string // ArticleTitle
	PubDate  string // the publication date as 2019-06-28 00:00 (no time of day is recorded); empty when there is none
	Source   string // ContentSource: a suggestion's lead unit, a report's issuing body (its source, or the owner)
	Keywords string // Keywords, with commas
	Author   string // Author: the site's owner, who publishes the page
	URL      string // Url: the page's full address
}

// pubDate writes a date as PubDate wants it; "" for the zero date.
func pubDate(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02") + " 00:00"
}

// siteMeta is the metadata shared by every page of the edition.
func (e *Edition) siteMeta() MetaView {
	c := e.cfg.Column
	return MetaView{
		SiteName: e.cfg.Title, SiteDomain: e.cfg.Host(), SiteIDCode: e.cfg.SiteCode,
		ColumnName: c.Name, ColumnDescription: c.Description, ColumnKeywords: c.Keywords, ColumnType: c.Type,
	}
}

// withMeta gives p the edition's metadata, keeping the article's it has.
func (e *Edition) withMeta(p *Page) {
	m := e.meta
	if p.Meta != nil {
		m.Article = p.Meta.Article
		if m.Article != nil {
			m.Article.URL = e.cfg.AbsURL(p.URL)
		}
	}
	p.Meta = &m
}

// suggestionMeta is the article metadata of a suggestion's page.
func (e *Edition) suggestionMeta(sg *content.Suggestion) *MetaView {
	cat, _ := e.cfg.Categories.Lookup(sg.Category)
	return &MetaView{Article: &ArticleMeta{
		Title: sg.Title, PubDate: pubDate(sg.Published), Source: sg.LeadUnit,
		Keywords: keywords(cat.Label, sg.LeadUnit, e.year(sg.Year)), Author: e.cfg.Owner,
	}}
}

// reportMeta is the article metadata of an annual report's page.
func (e *Edition) reportMeta(r *report.Report) *MetaView {
	return &MetaView{Article: &ArticleMeta{
		Title: r.Title, PubDate: pubDate(r.Date), Source: e.reportSource(r),
		Keywords: keywords(e.year(r.Year), e.cfg.Column.Keywords), Author: e.cfg.Owner,
	}}
}

// keywords joins the words that are not empty with commas.
func keywords(words ...string) string {
	var kept []string
	for _, w := range words {
		if w != "" {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, ",")
}
