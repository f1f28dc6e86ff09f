package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// finishes fails the test if f takes longer than ten seconds: reading a FIFO
// would wait forever.
func finishes(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("hangs")
	}
}

// TestOnlyTheSiteIsPublished puts into static/ and content/ what issue 16
// found published: links to files and folders outside the site, an editor's
// files, a token in .git/config and .env, FIFOs. build, check and the
// preview refuse the links and FIFOs by path, and once they are gone
// publish neither the hidden nor the editors' files, but do publish files
// that links inside the site lead to.
func TestOnlyTheSiteIsPublished(t *testing.T) {
	site := copySite(t)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "shadow"), []byte("root:secret"), 0o600)
	os.MkdirAll(filepath.Join(outside, "ssh"), 0o755)
	os.WriteFile(filepath.Join(outside, "ssh", "id_rsa"), []byte("KEY"), 0o600)
	at := func(name string) string { return filepath.Join(site, filepath.FromSlash(name)) }
	for name, text := range map[string]string{
		"static/.env": "TOKEN=1", "static/.git/config": "token = x", "static/css/site.css~": "old",
		"static/css/site.css.bak": "old", "static/css/.site.css.swp": "swap", "assets/logo.svg": "<svg/>",
		"content/suggestions/2019/.003.md.swp": "swap", "content/suggestions/2019/003.md~": "backup",
	} {
		os.MkdirAll(filepath.Dir(at(name)), 0o755)
		must(t, os.WriteFile(at(name), []byte(text), 0o644))
	}
	refused := map[string]string{
		"static/shadow":                   "static/shadow: a symbolic link to \"" + outside + "/shadow\", outside the site's folder",
		"static/ssh":                      "static/ssh: a symbolic link to \"" + outside + "/ssh\", outside the site's folder",
		"static/pipe.css":                 "static/pipe.css: a named pipe (FIFO), not a file",
		"content/suggestions/2019/x.md":   "content/suggestions/2019/x.md: a named pipe (FIFO), not a file",
		"content/suggestions/2019/out.md": "content/suggestions/2019/out.md: a symbolic link to \"../../../../",
	}
	must(t, os.Symlink(filepath.Join(outside, "shadow"), at("static/shadow")))
	must(t, os.Symlink(filepath.Join(outside, "ssh"), at("static/ssh")))
	must(t, os.Symlink("../../../../"+filepath.Base(outside)+"/shadow", at("content/suggestions/2019/out.md")))
	must(t, syscall.Mkfifo(at("static/pipe.css"), 0o644))
	must(t, syscall.Mkfifo(at("content/suggestions/2019/x.md"), 0o644))
	must(t, os.Symlink("../assets", at("static/img")))
	must(t, os.Symlink("../../assets/logo.svg", at("static/css/logo.svg")))

	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: site, Dest: dest}
	p := NewPreview(opts)
	finishes(t, func() {
		for name, run := range map[string]func() error{
			"check": func() error { _, err := Check(context.Background(), opts); return err },
			"build": func() error { _, err := Build(context.Background(), opts); return err },
			"preview": func() error {
				_, err := p.Update(context.Background(), nil)
				return err
			},
		} {
			err := run()
			if err == nil {
				t.Fatalf("%s: no error", name)
			}
			for _, want := range refused {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("%s: error lacks %q:\n%v", name, want, err)
				}
			}
		}
	})
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Error("a refused build wrote its destination")
	}
	for name := range refused {
		must(t, os.Remove(at(name)))
	}
	var changed []string
	for name := range refused {
		changed = append(changed, name)
	}
	m := mustUpdate(t, p, changed...)
	mustBuild(t, opts)
	out := readTree(t, dest)
	for _, name := range []string{".env", ".git/config", "css/site.css~", "css/site.css.bak", "css/.site.css.swp", "shadow", "ssh/id_rsa"} {
		if _, ok := out[name]; ok {
			t.Errorf("%s was published", name)
		}
	}
	for name, want := range map[string]string{"img/logo.svg": "<svg/>", "css/logo.svg": "<svg/>"} {
		if out[name] != want {
			t.Errorf("%s = %q, want %q (a link inside the site)", name, out[name], want)
		}
	}
	sameAsBuild(t, m, opts)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestFilesThatAreNotUTF8: files saved as GBK or UTF-16, which were
// published as raw bytes or made every command panic, are refused with
// their position, encoding and fix by check, build and the preview, and
// the preview keeps its last good site.
func TestFilesThatAreNotUTF8(t *testing.T) {
	gbk := func(s string) string {
		out, err := simplifiedchinese.GB18030.NewEncoder().String(s)
		must(t, err)
		return out
	}
	const file = "content/suggestions/2019/002.md"
	site := copySite(t)
	original, err := os.ReadFile(filepath.Join(site, file))
	must(t, err)
	front, _, _ := strings.Cut(string(original), "+++\n\n")
	cases := []struct{ name, file, text, want string }{
		{"a GBK body under UTF-8 front matter", file, front + "+++\n\n" + gbk("区政府高度重视，多次召开会议。\n"),
			file + `:16:1: part of the file is not UTF-8: the other lines are, but these look like GB18030`},
		{"a body whose first line is continuation bytes (goldmark panicked)", file, front + "+++\n\x80\x81\n正文\n",
			file + ":15:1: the file is not UTF-8, and not in an encoding recognised here"},
		{"a GBK file", file, gbk(string(original)), file + `:3:11: the file is not UTF-8: it looks like GB18030`},
		{"UTF-16 with BOM", file, "\xff\xfe+\x00+\x00+\x00\n\x00", file + `:1:1: the file is not UTF-8: it is UTF-16 (little-endian, with a byte order mark)`},
		{"a control character", file, strings.Replace(string(original), "。", "。\x1b", 1), file + ":"},
		{"site.toml in GBK", "site.toml", gbk("title = \"测试区\"\n"), `site.toml:1:10: the file is not UTF-8: it looks like GB18030`},
		{"a layout with an invisible override", "layouts/term.html", "{{define \"main\"}}\u202e{{end}}", "layouts/term.html:1:18: an invisible direction override U+202E"},
	}
	dest := filepath.Join(t.TempDir(), "public")
	opts := Options{Source: site, Dest: dest}
	mustBuild(t, opts)
	before := readTree(t, dest)
	p := NewPreview(opts)
	good := mustUpdate(t, p)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(site, c.file)
			old, err := os.ReadFile(path)
			must(t, err)
			must(t, os.WriteFile(path, []byte(c.text), 0o644))
			defer os.WriteFile(path, old, 0o644)
			_, checkErr := Check(context.Background(), opts)
			_, buildErr := Build(context.Background(), opts)
			m, previewErr := p.Update(context.Background(), []string{c.file})
			for name, err := range map[string]error{"check": checkErr, "build": buildErr, "preview": previewErr} {
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s: %v\nwant %s", name, err, c.want)
				}
			}
			if m != nil {
				t.Error("the preview replaced its site")
			}
			if data, _, _ := good.File("index.html"); len(data) == 0 {
				t.Error("the last good site is gone")
			}
			if after := readTree(t, dest); len(after) != len(before) || after["index.html"] != before["index.html"] {
				t.Error("the output changed")
			}
		})
	}
	must(t, os.WriteFile(filepath.Join(site, file), original, 0o644))
	sameAsBuild(t, mustUpdate(t, p), opts)
}

// TestModesWhateverTheUmask: with umask 077 the output was 0600/0700 and a
// web server running as another user could not read it; the modes are set
// explicitly.
func TestModesWhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, fi.Mode().Perm(), want)
		}
		return nil
	})
	must(t, err)
}

// TestNamesOnTraditionalPages: deputies' and units' names keep their
// surnames and given names on the Traditional pages and in their search
// index (OpenCC's phrases made 于海涛 於海濤, 范伟 範偉, 郭台铭 郭臺銘,
// 沈阳 瀋陽, 谷雨 穀雨, 蔡斗 蔡鬥), and the demo's surnames stay
// themselves.
func TestNamesOnTraditionalPages(t *testing.T) {
	site := copySite(t)
	file := filepath.Join(site, "content/suggestions/2019/001.md")
	data, err := os.ReadFile(file)
	must(t, err)
	text := strings.Replace(string(data), `deputies = ["郭宇清", "附议甲"]`,
		`deputies = ["于海涛", "范伟", "郭台铭", "沈阳", "谷雨", "蔡斗", "岳志成", "万志宏", "叶红"]`, 1)
	text = strings.Replace(text, `co_units = ["区财政局"]`, `co_units = ["于庄街道办事处"]`, 1)
	text += "\n于海涛代表与范伟代表联名提出。\n"
	must(t, os.WriteFile(file, []byte(text), 0o644))
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: site, Dest: dest})
	out := readTree(t, dest)
	page, index := out["hant/suggestions/2019-001/index.html"], out["hant/data/search-index.json"]
	for _, want := range []string{"于海濤", "范偉", "郭台銘", "沈陽", "谷雨", "蔡斗", "岳志成", "萬志宏", "葉紅", "于莊街道辦事處", "于海濤代表與范偉代表聯名提出"} {
		if !strings.Contains(page, want) {
			t.Errorf("the Traditional page lacks %s", want)
		}
		if !strings.Contains(index, want) {
			t.Errorf("the Traditional search index lacks %s", want)
		}
	}
	for _, wrong := range []string{"於海濤", "範偉", "郭臺銘", "瀋陽", "穀雨", "蔡鬥", "嶽志成"} {
		if strings.Contains(page+index, wrong) {
			t.Errorf("%s on the Traditional pages", wrong)
		}
	}
}

// deniedFS refuses to list one folder, as a folder without read
// permission does (tests run as root, which reads every folder).
type deniedFS struct {
	fs.FS
	dir string
}

func (d deniedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == d.dir {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return fs.ReadDir(d.FS, name)
}

func (d deniedFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(d.FS, name) }
func (d deniedFS) ReadLink(name string) (string, error)   { return fs.ReadLink(d.FS, name) }

// TestUnreadableSuggestions: when content/suggestions cannot be read, the
// real cause is the one problem reported (it came last, after a bogus
// "no suggestion numbered" for every link of the report).
func TestUnreadableSuggestions(t *testing.T) {
	site := copySite(t)
	_, err := LoadFS(deniedFS{os.DirFS(site), "content/suggestions"}, Options{})
	if err == nil || err.Error() != "content/suggestions: cannot read the folder: permission denied (let the user running the generator read it: chmod -R a+rX content/suggestions)" {
		t.Errorf("permission denied: %v", err)
	}
	must(t, os.RemoveAll(filepath.Join(site, "content/suggestions")))
	_, err = Check(context.Background(), Options{Source: site})
	if err == nil || err.Error() != "content/suggestions: missing folder: the site keeps its suggestions in content/suggestions (create the folder and put one .md file per suggestion in it)" {
		t.Errorf("missing: %v", err)
	}
}

// TestUnknownUnitInAReport: a misspelt unit in a figure published 0; it is
// an error with the unit meant.
func TestUnknownUnitInAReport(t *testing.T) {
	site := copySite(t)
	report := filepath.Join(site, "content/reports/2019.md")
	data, err := os.ReadFile(report)
	must(t, err)
	must(t, os.WriteFile(report, append(data, "\n区住建委牵头{{count unit 区住建委}}件。\n"...), 0o644))
	_, err = Check(context.Background(), Options{Source: site})
	if err == nil || !strings.Contains(err.Error(), `unknown unit "区住建委": no suggestion names it as its lead or co-handling unit (did you mean 区住建局?)`) {
		t.Errorf("got %v", err)
	}
}

// TestNamesDifferingInCase: a static file whose name differs from a page's
// only in case (static/Index.html) would overwrite the page on Windows and
// macOS; it is refused like a file at the page's own address.
func TestNamesDifferingInCase(t *testing.T) {
	site := copySite(t)
	must(t, os.WriteFile(filepath.Join(site, "static/Index.html"), []byte("<p>mine</p>"), 0o644))
	_, err := Check(context.Background(), Options{Source: site})
	if err == nil || !strings.Contains(err.Error(), "static/Index.html: two files of the site would be written to Index.html (index.html where case does not count)") {
		t.Errorf("got %v", err)
	}
}
