package build

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/sitetest"
	"rdjy.local/portal/generator/internal/source"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

const testSite = "testdata/site"

// copySite copies testdata/site into a fresh folder, so a test can edit it.
func copySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree returns every file under dir by slash path.
// sameTree reports how the output after a failed build differs from the
// output before it: it must not.
func sameTree(t *testing.T, before, after map[string]string) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("output has %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
}

func mustBuild(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build %s: %v", opts.Source, err)
	}
	return res
}

// TestGolden compares the whole output of testdata/site with
// testdata/golden. Run `go test ./generator/internal/build -update` after a
// deliberate change and review the diff.
func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	got := sitetest.ReadTree(t, dest)
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
		if err := os.CopyFS(golden, os.DirFS(dest)); err != nil {
			t.Fatal(err)
		}
		return
	}
	want := sitetest.ReadTree(t, golden)
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("%s: missing from the output", name)
			continue
		}
		if g != w {
			t.Errorf("%s differs from testdata/golden (run with -update if intended):\n got: %.600s\nwant: %.600s", name, g, w)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not in testdata/golden (run with -update if intended)", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	mustBuild(t, Options{Source: "../../..", Dest: a})
	mustBuild(t, Options{Source: "../../..", Dest: b})
	ta, tb := sitetest.ReadTree(t, a), sitetest.ReadTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if tb[name] != data {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestDrafts(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Source: testSite, Dest: dest})
	if res.Suggestions != 4 || res.Drafts != 1 {
		t.Errorf("published %d, drafts %d; want 4 and 1", res.Suggestions, res.Drafts)
	}
	if _, err := os.Stat(filepath.Join(dest, "suggestions", "2020-002")); err == nil {
		t.Error("a draft was published")
	}
	res = mustBuild(t, Options{Source: testSite, Dest: dest, Drafts: true})
	if res.Suggestions != 5 {
		t.Errorf("-drafts published %d, want 5", res.Suggestions)
	}
	if _, err := os.Stat(filepath.Join(dest, "suggestions", "2020-002", "index.html")); err != nil {
		t.Error("-drafts did not publish the draft")
	}
}

func TestBaseURLOverride(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest, BaseURL: "/jianyi/"})
	page, _ := os.ReadFile(filepath.Join(dest, "suggestions", "2019-001", "index.html"))
	for _, want := range []string{`href="/jianyi/css/site.css"`, `href="/jianyi/suggestions/2019-002/"`, `href="https://www.example.gov.cn/jianyi/suggestions/2019-001/"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("missing %s", want)
		}
	}
	if bytes.Contains(page, []byte("/rddbjy/")) {
		t.Error("the configured base path is still used")
	}
}

// TestFailedBuildKeepsOutput breaks the site in several ways after a good
// build; each later build must fail and leave the output exactly as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	breaks := []struct {
		name string
		file string
		text string
		want string // in the error
	}{
		{"content error", "content/suggestions/2019/002.md", "+++\nnumber = \"2019-002\"\n+++\n", "content/suggestions/2019/002.md:2: title: missing required field"},
		{"site.toml error", "site.toml", "title = \n", "site.toml:1:"},
		{"layout parse error", "layouts/term.html", "{{define \"main\"}}\n{{.Nope", "layouts/term.html:2: layout error: unclosed action"},
		{"layout execution error", "layouts/term.html", "{{define \"main\"}}\n<p>{{.Nope}}{{end}}", "layouts/term.html:2:5: layout error: executing \"main\" at <.Nope>"},
		{"report figure error", "content/reports/2019.md", "+++\ntitle = \"汇报\"\n+++\n共{{count outcome D}}件", "content/reports/2019.md:4:2: unknown outcome \"D\""},
		{"report links a missing suggestion", "content/reports/2019.md", "+++\ntitle = \"汇报\"\n+++\n\n如《{{link 2019-404}}》", "content/reports/2019.md:5:3: no suggestion numbered \"2019-404\""},
		{"a named example breaks", "content/suggestions/2019/001.md", "+++\nnumber = \"2019-001\"\nyear = twenty\n+++\n", "content/suggestions/2019/001.md:3:8: year: TOML syntax error"},
		{"static file collides with a page", "static/index.html", "<p>static</p>", "two files of the site would be written to index.html"},
	}
	for _, b := range breaks {
		t.Run(b.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			mustBuild(t, Options{Source: testSite, Dest: dest})
			before := sitetest.ReadTree(t, dest)
			broken := sitetest.With(t, os.DirFS(testSite), "-- "+b.file+" --\n"+b.text)
			_, err := BuildFS(context.Background(), broken, Options{Dest: dest})
			if err == nil {
				t.Fatal("the broken site built")
			}
			if !strings.Contains(err.Error(), b.want) {
				t.Errorf("error %q lacks %q", err, b.want)
			}
			// A suggestion that fails to load is one problem, not also a
			// broken link in the report that names it.
			if !strings.Contains(b.want, "no suggestion numbered") && strings.Contains(err.Error(), "no suggestion numbered") {
				t.Errorf("error %q repeats a problem as a broken link", err)
			}
			sameTree(t, before, sitetest.ReadTree(t, dest))
			// abort stops waiting for the removal after half a second, so
			// that Ctrl-C is quick; on a busy machine the removal may still
			// be going on when the build returns.
			var leftovers []string
			for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
				leftovers, _ = filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.[no][el][wd]-*"))
				if len(leftovers) == 0 || time.Now().After(deadline) {
					break
				}
			}
			if len(leftovers) > 0 {
				t.Errorf("temporary folders left: %v", leftovers)
			}
		})
	}
}

func TestInterruptedBuildKeepsOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	before := sitetest.ReadTree(t, dest)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, Options{Source: testSite, Dest: dest}); err == nil {
		t.Fatal("a cancelled build succeeded")
	}
	if after := sitetest.ReadTree(t, dest); len(after) != len(before) || after["index.html"] != before["index.html"] {
		t.Error("the output changed")
	}
}

func TestRemovedFilesAreGone(t *testing.T) {
	site := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: site, Dest: dest})
	if err := os.Remove(filepath.Join(site, "content/suggestions/2019/002.md")); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, Options{Source: site, Dest: dest})
	for _, gone := range []string{"suggestions/2019-002/index.html", "units/区商务局/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); err == nil {
			t.Errorf("%s is still in the output", gone)
		}
	}
}

func TestRefusedDestinations(t *testing.T) {
	site := copySite(t)
	foreign := filepath.Join(t.TempDir(), "mydocs")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "report.docx"), []byte("precious"), 0o644)
	cases := []struct{ name, dest, want string }{
		{"the site itself", site, "contains the site itself"},
		{"the site's parent", filepath.Dir(site), "contains the site itself"},
		{"inside content", filepath.Join(site, "content", "out"), "inside the site's content folder"},
		{"someone's files", foreign, "not a previous build"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Build(context.Background(), Options{Source: site, Dest: c.dest})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
	if data, _ := os.ReadFile(filepath.Join(foreign, "report.docx")); string(data) != "precious" {
		t.Error("a foreign file was touched")
	}
	if _, err := os.Stat(filepath.Join(site, "site.toml")); err != nil {
		t.Error("the site was touched")
	}
}

func TestCheckWritesNothing(t *testing.T) {
	fsys := sitetest.With(t, os.DirFS(testSite), `
-- content/suggestions/2019/003.md --
+++
titel = 1
+++
`)
	dest := filepath.Join(t.TempDir(), "public")
	_, err := CheckFS(context.Background(), fsys, Options{Dest: dest})
	var list diag.List
	if !errors.As(err, &list) || len(list) < 2 {
		t.Fatalf("want several problems, got %v", err)
	}
	if !strings.Contains(list.Error(), "content/suggestions/2019/003.md:2:1: titel: unknown field (did you mean title?)") {
		t.Errorf("unexpected report:\n%v", list)
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("check wrote output")
	}
}

// TestContentIsEscaped puts markup in every kind of field; none of it may
// reach a page, the feed or the data as markup.
func TestContentIsEscaped(t *testing.T) {
	fsys := sitetest.With(t, os.DirFS(testSite), `
-- content/suggestions/2019/003.md --
+++
number = "2019-003"
title = "<script>alert('title')</script>建议"
year = 2019
session = "<img src=x onerror=alert(1)>"
deputies = ["\"><img src=x onerror=alert('deputy')>", "<b>魏莹"]
category = "城建交通"
lead_unit = "区<b>住建局"
co_units = ["<iframe src=javascript:alert(1)>"]
assigned = 2019-03-27
replied = 2019-06-20
published = 2019-06-28
outcome = "A"

[[progress]]
date = 2019-09-15
text = "<script>alert('progress')</script>"
+++

<script>alert('body')</script>
[链接](javascript:alert('link'))
<img src=x onerror=alert(1)>
`)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := BuildFS(context.Background(), fsys, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	handler := regexp.MustCompile(`<[a-z][^>]*\son[a-z]+=`)
	ownScript := regexp.MustCompile(`<script src="/rddbjy/js/(prefs|search)\.js"( defer)?></script>`) // the layouts' own
	for name, text := range sitetest.ReadTree(t, dest) {
		switch path.Ext(name) {
		case ".html", ".xml":
			text = ownScript.ReplaceAllString(text, "")
			for _, bad := range []string{"<script", "<img", "<iframe", "<b>住建", "<b>魏莹", `href="javascript`} {
				if strings.Contains(text, bad) {
					t.Errorf("%s contains %q", name, bad)
				}
			}
			if m := handler.FindString(text); m != "" {
				t.Errorf("%s has an event handler: %s", name, m)
			}
		case ".json":
			if strings.Contains(text, "<") {
				t.Errorf("%s has an unescaped <", name)
			}
		}
	}
}

// TestMarkupWithASlashInANameIsRefused: a deputy's name names a page, so
// one with a / (such as a closing tag) is refused before anything is built.
func TestMarkupWithASlashInANameIsRefused(t *testing.T) {
	site := copySite(t)
	file := filepath.Join(site, "content/suggestions/2019/001.md")
	data, _ := os.ReadFile(file)
	evil := strings.Replace(string(data), "deputies = [", `deputies = ["\"><script>alert('deputy')</script>", `, 1)
	if evil == string(data) {
		t.Fatal("no deputies line in 001.md")
	}
	os.WriteFile(file, []byte(evil), 0o644)
	_, err := Check(context.Background(), Options{Source: site})
	want := `content/suggestions/2019/001.md:6:13: deputies: "\"><script>alert('deputy')</script>" cannot be part of a web address (write the name without / \ ? # %)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("want\n%s\ngot\n%v", want, err)
	}
}

// countingFS counts how often each file is opened.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// Lstat and ReadLink tell what a name is without opening it.
func (c *countingFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.FS, name) }
func (c *countingFS) ReadLink(name string) (string, error)   { return fs.ReadLink(c.FS, name) }

// TestEachFileReadOnce: loading reads every content file and layout once.
func TestEachFileReadOnce(t *testing.T) {
	fsys := &countingFS{FS: os.DirFS(repoRoot), opened: map[string]int{}}
	if _, err := LoadFS(fsys, Options{}); err != nil {
		t.Fatal(err)
	}
	files := 0
	for name, n := range fsys.opened {
		if strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".html") || name == "site.toml" {
			files++
			if n != 1 {
				t.Errorf("%s was opened %d times", name, n)
			}
		}
	}
	if files < 20 {
		t.Errorf("only %d files were read", files)
	}
}

// TestStaleTemporaryFolders: builds killed with kill -9 left their
// temporary folders beside the output; the next build removes them at
// once (it holds the lock, so no live build owns them), but only folders
// with the generator's marker: a user's .public.old-backup stays.
func TestStaleTemporaryFolders(t *testing.T) {
	parent := t.TempDir()
	dead := filepath.Join(parent, ".public.new-123")
	oldBuild := filepath.Join(parent, ".public.old-456")
	users := filepath.Join(parent, ".public.old-backup")
	for _, d := range []string{dead, oldBuild, users} {
		if err := os.MkdirAll(filepath.Join(d, "suggestions"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dead, source.Marker), []byte(markerText), 0o644)
	os.WriteFile(filepath.Join(oldBuild, source.Marker), []byte(markerText), 0o644)
	os.WriteFile(filepath.Join(users, "precious.txt"), []byte("mine"), 0o644)
	mustBuild(t, Options{Source: testSite, Dest: filepath.Join(parent, "public")})
	for _, gone := range []string{dead, oldBuild} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(users, "precious.txt")); string(data) != "mine" {
		t.Error("a folder of the user's was removed")
	}
}

// changingFS gives the file name with another content each time it is
// opened: an editor saving a suggestion while a build reads it.
type changingFS struct {
	fs.FS
	name string

	mu     sync.Mutex
	opened int
}

func (c *changingFS) Open(name string) (fs.File, error) {
	if name != c.name {
		return c.FS.Open(name)
	}
	c.mu.Lock()
	c.opened++
	saved := strings.Repeat("\n", c.opened) // one more empty line at each save
	c.mu.Unlock()
	data, err := fs.ReadFile(c.FS, name)
	if err != nil {
		return nil, err
	}
	changed := fstest.MapFS{name: &fstest.MapFile{Data: append(data, saved...), Mode: 0o644}}
	return changed.Open(name)
}

// A build reads a suggestion's body again when its page is made (the
// load keeps only the front matter): a file saved in between fails the
// build, naming the file, and the previous output stays.
func TestFileChangedDuringBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	before := sitetest.ReadTree(t, dest)
	const file = "content/suggestions/2019/002.md"
	_, err := BuildFS(context.Background(), &changingFS{FS: os.DirFS(testSite), name: file}, Options{Dest: dest})
	if !errors.Is(err, content.ErrChanged) || !strings.Contains(err.Error(), file) {
		t.Fatalf("error %v, want %v naming %s", err, content.ErrChanged, file)
	}
	sameTree(t, before, sitetest.ReadTree(t, dest))
}
