package render

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// makeAll makes every page of s, by name.
func makeAll(t *testing.T, s *Site) map[string]string {
	t.Helper()
	made := map[string]string{}
	for _, f := range s.Files(context.Background()) {
		if !strings.HasSuffix(f.Name, ".html") {
			continue
		}
		var buf bytes.Buffer
		if err := f.Make(&buf); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		made[f.Name] = buf.String()
	}
	return made
}

// TestSplicedRowsAreConvertedPages: the Traditional pages made with each
// row converted once and spliced in are those made by converting each
// whole page, with the demo site's layouts.
func TestSplicedRowsAreConvertedPages(t *testing.T) {
	sites := testSites(t)
	demo := os.DirFS("../../..")
	spliced, whole := sites(nil), sites(nil)
	for _, s := range []*Site{spliced, whole} {
		layouts, errs := LoadLayouts(demo)
		if errs != nil {
			t.Fatal(errs)
		}
		var err error
		s2, err := New(s.idx, layouts, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		*s = *s2
	}
	whole.hant.rows.convert = nil // rows made in Simplified, converted with their page
	a, b := makeAll(t, spliced), makeAll(t, whole)
	lists := 0
	for name, page := range a {
		if page != b[name] {
			t.Errorf("%s differs:\n%s\n---- converted whole:\n%s", name, page, b[name])
		}
		if strings.HasPrefix(name, "hant/") && strings.Contains(page, `class="row-title"`) {
			lists++
		}
	}
	if lists < 10 {
		t.Errorf("only %d Traditional pages with rows: the test shows nothing", lists)
	}
}

// TestRowInRow: {{.HTML}} inside the partial "row" is an error that says
// so, not a build that never ends.
func TestRowInRow(t *testing.T) {
	layouts := blankLayouts()
	layouts["layouts/suggestions.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range .List.Rows}}{{.HTML}}{{end}}{{end}}`)}
	layouts["layouts/base.html"] = &fstest.MapFile{Data: []byte(`{{define "base"}}{{template "main" .}}{{end}}`)}
	layouts["layouts/partials/row.html"] = &fstest.MapFile{Data: []byte(`{{define "row"}}<tr>{{.HTML}}</tr>{{end}}`)}
	s := newSite(t, testSites(t)(nil).idx, layouts)
	var err error
	for _, f := range s.Files(context.Background()) {
		if f.Name == "suggestions/index.html" {
			err = f.Make(new(bytes.Buffer))
		}
	}
	if err == nil || !strings.Contains(err.Error(), `inside the partial "row"`) {
		t.Errorf("err = %v", err)
	}
}

// TestSearchIndexAmongPages: the first search file, which makes the
// index, comes before the last pages, so that they are made while it is.
func TestSearchIndexAmongPages(t *testing.T) {
	files := testSites(t)(nil).Files(context.Background())
	first, last := -1, -1
	for i, f := range files {
		if strings.HasSuffix(f.Name, ".html") && !strings.Contains(f.Name, "/attachments/") {
			last = i
		}
		if first < 0 && strings.Contains(f.Name, searchDir) && !strings.HasSuffix(f.Name, ".html") {
			first = i
		}
	}
	if first < 0 || first > last {
		t.Errorf("the first search file is at %d, the last page at %d", first, last)
	}
}

// TestRowsLetGoAfterTheLists: a site whose files are each made once lets
// go of the rows, and of their places, once its last page with rows is
// made, and makes the same pages as one that keeps them (a preview's).
func TestRowsLetGoAfterTheLists(t *testing.T) {
	sites := testSites(t)
	once, kept := sites(nil), sites(nil)
	once.MakeEachOnce()
	a, b := makeAll(t, once), makeAll(t, kept)
	for name, page := range a {
		if page != b[name] {
			t.Errorf("%s differs from the page of a site that keeps its rows", name)
		}
	}
	held := func(s *Site) (n int) {
		for _, e := range []*Edition{s.hans, s.hant} {
			for _, m := range e.rows.list {
				if m.html != "" {
					n++
				}
			}
		}
		return n
	}
	if n := held(once); n != 0 {
		t.Errorf("%d rows held after every page was made once", n)
	}
	for _, e := range []*Edition{once.hans, once.hant} {
		if e.rows.made != nil || e.rows.list != nil {
			t.Errorf("%d places of rows held after every page was made once", len(e.rows.list))
		}
	}
	if n := held(kept); n < 2*len(kept.idx.All) {
		t.Errorf("the site that keeps its rows holds %d of %d", n, 2*len(kept.idx.All))
	}
}
