package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/sitetest"
)

// Build, check and the preview all refuse a static file where a page goes,
// at the static file, since they share one list of files.
func TestStaticFileWhereAPageGoes(t *testing.T) {
	fsys := sitetest.With(t, os.DirFS(testSite), `
-- static/index.html --
<p>a home page of my own</p>
-- static/hant/suggestions/2019-001/index.html --
<p>a copy</p>
`)
	want := []string{
		"static/hant/suggestions/2019-001/index.html: two files of the site would be written to hant/suggestions/2019-001/index.html: the page of content/suggestions/2019/001.md and static/hant/suggestions/2019-001/index.html",
		"static/index.html: two files of the site would be written to index.html: a page the generator makes and static/index.html",
	}
	check := func(what string, err error) {
		t.Helper()
		var list diag.List
		if !errors.As(err, &list) || len(list) != len(want) {
			t.Fatalf("%s: %v, want %d problems", what, err, len(want))
		}
		for i, w := range want {
			if !strings.HasPrefix(list[i].Error(), w) {
				t.Errorf("%s: %s\nwant %s", what, list[i], w)
			}
		}
	}
	_, err := CheckFS(context.Background(), fsys, Options{})
	check("check", err)
	_, err = BuildFS(context.Background(), fsys, Options{Dest: filepath.Join(t.TempDir(), "public")})
	check("build", err)
}

func TestCheckNames(t *testing.T) {
	sg := &content.Suggestion{File: "content/suggestions/2019/001.md", Number: "2019-001"}
	files := []render.File{
		{Name: "index.html"}, {Name: "suggestions/2019-001/index.html", Suggestion: sg},
		{Name: "data/stats.json"}, {Name: "suggestions/2019-001/index.html", Suggestion: sg},
	}
	err := checkNames(files)
	if err == nil || err.Error() != "content/suggestions/2019/001.md: two files of the site would be written to suggestions/2019-001/index.html: "+
		"the page of content/suggestions/2019/001.md and the page of content/suggestions/2019/001.md (change what makes one of the two, so that each has an address of its own)" {
		t.Errorf("got %v", err)
	}
	if err := checkNames(files[:3]); err != nil {
		t.Errorf("distinct names: %v", err)
	}
}
