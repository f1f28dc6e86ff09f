package preview

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/build"
)

func TestPreviewIsTheBuild(t *testing.T) {
	for _, opts := range []build.Options{{Source: testSite}, {Source: testSite, Drafts: true, BaseURL: "/jianyi/"}, {Source: repoRoot}} {
		m := mustUpdate(t, NewEngine(opts))
		sameAsBuild(t, m, opts)
	}
}

// TestPreviewFollowsEdits edits a site step by step; after each step the
// preview must be what a build of the site as it is now writes.
func TestPreviewFollowsEdits(t *testing.T) {
	site := copySite(t)
	// The steps add a suggestion of 2021: as_of may not be earlier.
	toml := filepath.Join(site, "site.toml")
	if data, err := os.ReadFile(toml); err != nil || os.WriteFile(toml, []byte(strings.Replace(string(data), "as_of = 2020-12-31", "as_of = 2021-12-31", 1)), 0o644) != nil {
		t.Fatal("cannot move site.toml's as_of on")
	}
	opts := build.Options{Source: site}
	p := NewEngine(opts)
	mustUpdate(t, p)
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(site, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	// change replaces old by new in a file; old must be there.
	change := func(name, old, new string) {
		t.Helper()
		text := read(name)
		if !strings.Contains(text, old) {
			t.Fatalf("%s lacks %q", name, old)
		}
		write(name, strings.Replace(text, old, new, 1))
	}
	s1 := read("content/suggestions/2019/001.md")
	steps := []struct {
		name    string
		edit    func()
		changed []string
	}{
		{"a new title", func() {
			change("content/suggestions/2019/002.md", "title = \"", "title = \"新：")
		}, []string{"content/suggestions/2019/002.md"}},
		{"a new lead unit, so co-unit links change", func() {
			change("content/suggestions/2019/002.md", "区商务局", "区财政局")
		}, []string{"content/suggestions/2019/002.md"}},
		{"a folder renamed", func() {
			if err := os.Rename(filepath.Join(site, "content/suggestions/2019"), filepath.Join(site, "content/suggestions/y2019")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/suggestions/2019", "content/suggestions/y2019"}},
		{"a new suggestion", func() {
			write("content/suggestions/2021/001.md", strings.NewReplacer(`"2019-001"`, `"2021-001"`, "2019", "2021").Replace(s1))
		}, []string{"content/suggestions/2021/001.md"}},
		{"a removed suggestion", func() {
			os.Remove(filepath.Join(site, "content/suggestions/y2019/002.md"))
		}, []string{"content/suggestions/y2019/002.md"}},
		{"a report", func() {
			change("content/reports/2019.md", "年共交办建议", "年全年共交办建议")
		}, []string{"content/reports/2019.md"}},
		{"an outcome, which changes the report's figures", func() {
			change("content/suggestions/y2019/001.md", `outcome = "B"`, `outcome = "A"`)
		}, []string{"content/suggestions/y2019/001.md"}},
		{"the reports removed, so no page links them", func() {
			if err := os.RemoveAll(filepath.Join(site, "content/reports")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/reports"}},
		{"a stylesheet", func() { write("static/css/site.css", "body { color: black }\n") }, []string{"static/css/site.css"}},
		{"a new static folder", func() { write("static/img/logo.svg", "<svg></svg>") }, []string{"static/img"}},
		{"a layout", func() {
			change("layouts/term.html", "{{define \"main\"}}", "{{define \"main\"}}<p>新版</p>")
		}, []string{"layouts/term.html"}},
		{"site.toml", func() { change("site.toml", "per_page = 2", "per_page = 1") }, []string{"site.toml"}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.edit()
			sameAsBuild(t, mustUpdate(t, p, s.changed...), opts)
		})
	}
}

func TestPreviewReadsAndRendersOnlyWhatChanged(t *testing.T) {
	site := copySite(t)
	p := NewEngine(build.Options{Source: site})
	fsys := &countingFS{FS: p.fsys.FS, opened: map[string]int{}}
	p.fsys.FS = fsys
	before := mustUpdate(t, p)
	clear(fsys.opened)

	file := filepath.Join(site, "content/suggestions/2019/002.md")
	data, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(data), "title = \"", "title = \"新：", 1)), 0o644)
	after := mustUpdate(t, p, "content/suggestions/2019/002.md")
	for name := range fsys.opened {
		if name != "content/suggestions/2019/002.md" {
			t.Errorf("%s was read again", name)
		}
	}
	if before.file("suggestions/2019-001/index.html").made != after.file("suggestions/2019-001/index.html").made {
		t.Error("the page of an unchanged suggestion was made again")
	}
	if f := after.file("suggestions/2019-002/index.html"); f.made == before.file("suggestions/2019-002/index.html").made || !f.done.Load() {
		t.Error("the page of the changed suggestion was not made at once")
	}
	if after.file("index.html").done.Load() {
		t.Error("the home page was made before anyone asked for it")
	}
	// After an edit, Warm makes the data files again but leaves the pages,
	// made when asked for.
	if err := after.Warm(context.Background()); err != nil || !after.file("data/suggestions.json").done.Load() {
		t.Errorf("Warm did not make the open data: %v", err)
	}
	if after.file("index.html").done.Load() {
		t.Error("Warm made the home page after an edit")
	}
	if home, _, err := after.File("index.html"); err != nil || !strings.Contains(string(home), "新：") {
		t.Errorf("the home page asked for after Warm does not show the edit (error %v)", err)
	}
}

// TestPreviewKeepsTheLastGoodSite: a broken site is reported, the last good
// Memory is not touched, and the next good change is built in full where
// needed (a layout fixed after a content edit made while it was broken).
func TestPreviewKeepsTheLastGoodSite(t *testing.T) {
	site := copySite(t)
	opts := build.Options{Source: site}
	p := NewEngine(opts)
	good := mustUpdate(t, p)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(site, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fail := func(want string, changed ...string) {
		t.Helper()
		m, err := p.Update(context.Background(), changed)
		if err == nil || m != nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("update %v: %v, want an error with %q", changed, err, want)
		}
	}
	suggestion, _ := os.ReadFile(filepath.Join(site, "content/suggestions/2019/002.md"))
	write("content/suggestions/2019/002.md", "+++\nnumber = \"2019-002\"\ntitle = \n+++\n")
	fail("content/suggestions/2019/002.md:3:", "content/suggestions/2019/002.md")
	if data, _, _ := good.File("suggestions/2019-002/index.html"); !strings.Contains(string(data), "2019-002") {
		t.Error("the last good site lost the page")
	}
	write("static/css/site.css", "p {}")
	fail("content/suggestions/2019/002.md:3:", "static/css/site.css") // a stylesheet does not fix it
	write("content/suggestions/2019/002.md", string(suggestion))
	sameAsBuild(t, mustUpdate(t, p, "content/suggestions/2019/002.md"), opts)

	layout, _ := os.ReadFile(filepath.Join(site, "layouts/suggestion.html"))
	write("layouts/suggestion.html", "{{define \"main\"}}\n<p>{{.Nope}}{{end}}")
	fail("layouts/suggestion.html:2:5: layout error", "layouts/suggestion.html")
	write("content/suggestions/2019/002.md", strings.Replace(string(suggestion), "title = \"", "title = \"新：", 1))
	fail("layouts/suggestion.html:2:5: layout error", "content/suggestions/2019/002.md")
	write("layouts/suggestion.html", strings.Replace(string(layout), "{{define \"main\"}}", "{{define \"main\"}}<p>修好了</p>", 1))
	sameAsBuild(t, mustUpdate(t, p, "layouts/suggestion.html"), opts)

	write("site.toml", "title = \n")
	fail("site.toml:1:", "site.toml")
	fail("site.toml:1:", "content/suggestions/2019/002.md")
	os.WriteFile(filepath.Join(site, "static", "index.html"), []byte("x"), 0o644)
	os.Remove(filepath.Join(site, "site.toml"))
	orig, _ := os.ReadFile(filepath.Join(testSite, "site.toml"))
	write("site.toml", string(orig))
	fail("two files of the site would be written to index.html", "site.toml", "static/index.html")
	os.Remove(filepath.Join(site, "static", "index.html"))
	sameAsBuild(t, mustUpdate(t, p, "static/index.html"), opts)
}

// TestNewerSiteStopsSharedWork: once an edit replaces a site, the work
// its files share (the search index) stops, so that it does not compete
// with the next edit; the new site makes the same file.
func TestNewerSiteStopsSharedWork(t *testing.T) {
	site := copySite(t)
	p := NewEngine(build.Options{Source: site})
	p.Scratch = t.TempDir()
	mustUpdate(t, p)
	file := filepath.Join(site, "content/suggestions/2019/002.md")
	data, _ := os.ReadFile(file)
	edit := func(mark string) *Memory {
		os.WriteFile(file, []byte(strings.Replace(string(data), "title = \"", "title = \""+mark, 1)), 0o644)
		return mustUpdate(t, p, "content/suggestions/2019/002.md")
	}
	old := edit("一：")
	const index = "data/search/index.json"
	if old.file(index).done.Load() {
		t.Fatal("the search index was made before anyone asked for it")
	}
	now := edit("二：")
	if _, _, err := old.File(index); !errors.Is(err, context.Canceled) {
		t.Errorf("the replaced site still made its search index (error %v)", err)
	}
	if err := old.Warm(context.Background()); err != nil {
		t.Errorf("Warm of a replaced site reports the stopped work: %v", err)
	}
	if got, ok, err := now.File(index); !ok || err != nil || len(got) == 0 {
		t.Errorf("the new site's search index: %v", err)
	}
	// Each site's index gathered in a folder of its own, removed with it.
	if left, _ := os.ReadDir(p.Scratch); len(left) != 1 {
		t.Errorf("the scratch folder holds %d folders, want the current site's only", len(left))
	}
}
