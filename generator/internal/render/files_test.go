package render

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/report"
)

// testSites makes Sites of build/testdata/site, all with one site.toml.
func testSites(t *testing.T) func(edit func([]*content.Suggestion) []*content.Suggestion) *Site {
	t.Helper()
	fsys := os.DirFS("../build/testdata/site")
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	all, errs := content.Load(fsys, cfg)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var published []*content.Suggestion
	for _, sg := range all {
		if !sg.Draft {
			published = append(published, sg)
		}
	}
	reports, errs := report.Load(fsys, cfg)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return func(edit func([]*content.Suggestion) []*content.Suggestion) *Site {
		t.Helper()
		sgs := published
		if edit != nil {
			sgs = edit(append([]*content.Suggestion(nil), published...))
		}
		s := newSite(t, index.New(cfg, sgs, reports), fsys)
		return s
	}
}

func TestFilesNameTheirSuggestion(t *testing.T) {
	s := testSites(t)(nil)
	seen := map[string]bool{}
	for _, f := range s.Files(context.Background()) {
		if seen[f.Name] {
			t.Errorf("%s listed twice", f.Name)
		}
		seen[f.Name] = true
		name := strings.TrimPrefix(f.Name, "hant/") // the same page in Traditional characters
		isPage := strings.HasPrefix(name, "suggestions/") && !strings.HasPrefix(name, "suggestions/page/") && name != "suggestions/index.html"
		switch {
		case isPage && (f.Suggestion == nil || name != "suggestions/"+f.Suggestion.Number+"/index.html"):
			t.Errorf("%s: made from %v", f.Name, f.Suggestion)
		case !isPage && f.Suggestion != nil:
			t.Errorf("%s is made from many suggestions, not only %s", f.Name, f.Suggestion.Number)
		}
		var buf bytes.Buffer
		if err := f.Render(&buf); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %d bytes, %v", f.Name, buf.Len(), err)
		}
	}
	for _, want := range []string{"index.html", "404.html", "suggestions/2019-001/index.html", "hant/suggestions/2019-001/index.html",
		"data/suggestions.json", "data/search/index.json", "data/search/p/0.json", "data/search/d/0.json", "hant/data/search/index.json", "search/index.html", "feed.xml", "sitemap.xml"} {
		if !seen[want] {
			t.Errorf("%s is not listed", want)
		}
	}
}

func TestSameLinks(t *testing.T) {
	site := testSites(t)
	s := site(nil)
	if !s.SameLinks(site(nil)) {
		t.Error("two loads of one site differ")
	}
	retitled := site(func(all []*content.Suggestion) []*content.Suggestion {
		sg := *all[0]
		sg.Title = "新标题"
		return append([]*content.Suggestion{&sg}, all[1:]...)
	})
	if !s.SameLinks(retitled) {
		t.Error("a new title changes the links of other suggestions' pages")
	}
	newUnit := site(func(all []*content.Suggestion) []*content.Suggestion {
		sg := *all[0]
		sg.LeadUnit = "区新设局"
		return append([]*content.Suggestion{&sg}, all[1:]...)
	})
	if s.SameLinks(newUnit) {
		t.Error("a new lead unit gets a page that co-unit links may point to")
	}
	noReports := newSite(t, index.New(s.idx.Config, s.idx.All, nil), os.DirFS("../build/testdata/site"))
	if s.SameLinks(noReports) {
		t.Error("without reports, the navigation of every page has no link to them")
	}
}
