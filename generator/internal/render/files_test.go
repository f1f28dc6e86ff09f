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

// TestNamesTakenOver: a site prepared after another takes over its
// Traditional names while the suggestions name the same deputies and
// units (an edit of a title), and finds them again when one names another
// deputy, whose name its Traditional pages then convert as a name.
func TestNamesTakenOver(t *testing.T) {
	fsys := os.DirFS("../build/testdata/site")
	layouts, errs := LoadLayouts(fsys)
	if errs != nil {
		t.Fatal(errs)
	}
	first := testSites(t)(nil)
	idx := first.idx
	edited := func(change func(*content.Suggestion)) *index.Index {
		all := append([]*content.Suggestion(nil), idx.All...)
		sg := *all[0]
		change(&sg)
		all[0] = &sg
		return index.New(idx.Config, all, idx.Reports)
	}
	title, err := New(edited(func(sg *content.Suggestion) { sg.Title += "（修改）" }), layouts, nil, first)
	if err != nil {
		t.Fatal(err)
	}
	if title.hant.names != first.hant.names {
		t.Error("an edit of a title made the names again")
	}
	var number string
	deputy, err := New(edited(func(sg *content.Suggestion) {
		number, sg.Deputies = sg.Number, append([]string{"于海涛"}, sg.Deputies[1:]...)
	}), layouts, nil, title)
	if err != nil {
		t.Fatal(err)
	}
	if deputy.hant.names == first.hant.names {
		t.Fatal("a new deputy did not make the names again")
	}
	page := makeAll(t, deputy)["hant/suggestions/"+number+"/index.html"]
	if !strings.Contains(page, "于海濤") || strings.Contains(page, "於海濤") {
		t.Errorf("the new deputy 于海涛 is not converted as a name (于海濤) on the Traditional page")
	}
}
