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

// The words of the pages are the layouts': a designer rewords one in
// layouts/words.toml and the pages say it; a word missing or misspelt
// there is a problem of the site, at its line.
func TestWordsAreTheDesigners(t *testing.T) {
	words, err := os.ReadFile(filepath.Join(testSite, "layouts", "words.toml"))
	if err != nil {
		t.Fatal(err)
	}
	reworded := strings.Replace(string(words), `home = "首页"`, `home = "主页"`, 1)
	fsys := sitetest.With(t, os.DirFS(testSite), "-- layouts/words.toml --\n"+reworded)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := BuildFS(context.Background(), fsys, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "suggestions", "2019-001", "index.html"))
	if !strings.Contains(string(page), `>主页</a>`) || strings.Contains(string(page), "首页") {
		t.Error("the page does not use the reworded navigation")
	}

	broken := strings.NewReplacer(`home = "首页"`, `hom = "首页"`, `all = "共 {count} 件建议`, `all = "共 {total} 件建议`).Replace(string(words))
	fsys = sitetest.With(t, os.DirFS(testSite), "-- layouts/words.toml --\n"+broken)
	_, err = CheckFS(context.Background(), fsys, Options{})
	for _, want := range []string{
		"layouts/words.toml:19:1: nav.home: missing required field",
		"layouts/words.toml:20:1: nav.hom: unknown field (did you mean home?)",
		"layouts/words.toml:76:7: lists.all: unknown value {total} (this word may use {count})",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("check: %v\nlacks %s", err, want)
		}
	}
}
