// Package inspect finds what a government website inspection (政府网站检查,
// 政府网站发展指引 国办发〔2017〕47号) marks down, for `check -strict`: items
// without a publication date, list pages with nothing on them, pages
// without the machine-readable metadata the supervision platforms read,
// links to other sites over plain http:, and a public site's footer without
// its registration numbers.
//
// Site looks at site.toml and the content; Pages looks at the built pages,
// one at a time, as check makes them. Both only report: whether a problem
// stops anything is the caller's choice.
package inspect

import (
	"fmt"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
)

// Site reports the inspection's findings in site.toml and the published
// suggestions (drafts excluded):
//   - a published suggestion still being handled without a publication
//     date (an item with no date counts as never updated; a replied one is
//     among check's warnings, which -strict refuses too);
//   - a category or an outcome of site.toml that no published suggestion
//     has: its page, linked from the overview, would be an empty list;
//   - a site that site.toml declares public (public = true) without its
//     网站标识码, ICP备案号 or 公安备案号 in the footer.
func Site(cfg *config.Site, published []*content.Suggestion) diag.List {
	var found diag.List
	categories := map[string]int{}
	outcomes := map[string]int{}
	for _, s := range published {
		categories[s.Category]++
		if s.IsReplied() {
			outcomes[s.Outcome]++
		}
		if s.Published.IsZero() && !s.IsReplied() { // a replied one is a warning already (content.PublicationWarnings)
			found.Add(s.PublishedPos(), "published", "a published suggestion without a publication date (公开日期): an inspection counts it as never updated",
				"add published = the day it was put online")
		}
	}
	empty := func(e *config.Enum, counts map[string]int, what string) {
		for _, t := range e.Terms {
			if counts[t.Key] == 0 {
				found.Add(t.Pos, e.Section, fmt.Sprintf("no published suggestion has the %s %q: its page, linked from the overview of %s, is an empty list", what, t.Key, e.Section),
					"remove the entry, or leave -strict out until a suggestion has it")
			}
		}
	}
	for _, e := range emptySettings(cfg) {
		if e.key == "site_code" && !cfg.Disclosure.Public {
			continue // reported below for a public site only, as the footer is
		}
		found.Add(diag.Pos{File: config.File}, e.key, fmt.Sprintf("%s is empty, so no page carries <meta name=%q>", e.key, e.tag),
			"fill it in site.toml: the supervision platforms of government websites read it")
	}
	empty(cfg.Categories, categories, "category")
	empty(cfg.Outcomes, outcomes, "outcome")
	if cfg.Disclosure.Public {
		for _, f := range []struct{ key, value, what string }{
			{"site_code", cfg.SiteCode, "网站标识码"},
			{"icp", cfg.ICP, "ICP备案号"},
			{"police_record", cfg.PoliceRecord, "公安备案号"},
		} {
			if f.value == "" {
				found.Add(cfg.Disclosure.PublicPos, f.key, fmt.Sprintf("a public site (public = true) shows its %s in the footer, and %s is empty", f.what, f.key),
					"fill in "+f.key+" in site.toml")
			}
		}
	}
	found.Sort()
	return found
}

// setting is a value of site.toml that a page's metadata tag shows.
type setting struct{ key, tag string }

// emptySettings lists the settings the page metadata needs that site.toml
// leaves empty.
func emptySettings(cfg *config.Site) []setting {
	var empty []setting
	for _, s := range []struct {
		setting
		value string
	}{
		{setting{"site_code", "SiteIDCode"}, cfg.SiteCode},
		{setting{"description", "ColumnDescription"}, cfg.Column.Description},
		{setting{"column_keywords", "ColumnKeywords"}, cfg.Column.Keywords},
		{setting{"column_type", "ColumnType"}, cfg.Column.Type},
	} {
		if s.value == "" {
			empty = append(empty, s.setting)
		}
	}
	return empty
}
