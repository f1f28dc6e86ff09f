package preview

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/sitetest"
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
	opts := build.Options{Source: site, Dest: dest}
	p := NewEngine(opts)
	finishes(t, func() {
		for name, run := range map[string]func() error{
			"check": func() error { _, err := build.Check(context.Background(), opts); return err },
			"build": func() error { _, err := build.Build(context.Background(), opts); return err },
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
	out := sitetest.ReadTree(t, dest)
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
	opts := build.Options{Source: site, Dest: dest}
	mustBuild(t, opts)
	before := sitetest.ReadTree(t, dest)
	p := NewEngine(opts)
	good := mustUpdate(t, p)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(site, c.file)
			old, err := os.ReadFile(path)
			must(t, err)
			must(t, os.WriteFile(path, []byte(c.text), 0o644))
			defer os.WriteFile(path, old, 0o644)
			_, checkErr := build.Check(context.Background(), opts)
			_, buildErr := build.Build(context.Background(), opts)
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
			if after := sitetest.ReadTree(t, dest); len(after) != len(before) || after["index.html"] != before["index.html"] {
				t.Error("the output changed")
			}
		})
	}
	must(t, os.WriteFile(filepath.Join(site, file), original, 0o644))
	sameAsBuild(t, mustUpdate(t, p), opts)
}
