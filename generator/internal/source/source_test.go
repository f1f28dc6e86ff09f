package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"001.md": false, "site.css": false, "4913": true, "001.md~": true, ".001.md.swp": true, "001.md.swx": true,
		"001.md.bck": true, "001.md.bak": true, "001.md.orig": true, "#001.md#": true, ".#001.md": true, "001.md.tmp": true,
		".git": true, ".env": true, "2019": false, "index.html": false,
	} {
		if Ignored(name) != want {
			t.Errorf("Ignored(%q) = %v", name, !want)
		}
	}
	for p, want := range map[string]bool{
		"static/css/site.css": false, "static/.git/config": true, "content/suggestions/2019/.001.md.swp": true, "static/img/logo.png~": true,
	} {
		if IgnoredPath(p) != want {
			t.Errorf("IgnoredPath(%q) = %v", p, !want)
		}
	}
}

// TestOpenOnce: a site opened once reads what Open reads: files in
// folders (from the folder's own root), a link to another folder of the
// site, and refuses a link out of it and a missing file with errors
// naming the whole path; done closes what it opened.
func TestOpenOnce(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title")
	write("content/suggestions/2019/a.md", "a")
	write("content/pages/b.md", "b")
	if err := os.WriteFile(filepath.Join(outside, "secret.md"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	link("../../pages/b.md", "content/suggestions/2019/to-b.md")
	link(filepath.Join(outside, "secret.md"), "content/suggestions/2019/out.md")

	fsys, done := OpenOnce(dir)
	plain := Open(dir)
	for _, name := range []string{"site.toml", "content/suggestions/2019/a.md", "content/pages/b.md", "content/suggestions/2019/to-b.md", "content/suggestions/2019/a.md"} {
		got, err := fs.ReadFile(fsys, name)
		want, werr := fs.ReadFile(plain, name)
		if err != nil || werr != nil || string(got) != string(want) {
			t.Errorf("%s: %q, %v; Open reads %q, %v", name, got, err, want, werr)
		}
	}
	for _, name := range []string{"content/suggestions/2019/out.md", "content/suggestions/2019/gone.md", "content/gone/a.md"} {
		_, err := fs.ReadFile(fsys, name)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the whole path", name, err)
		}
	}
	if _, err := fs.ReadDir(fsys, "content/suggestions/2019"); err != nil {
		t.Errorf("ReadDir: %v", err)
	}
	if r := fsys.(*folders).open["content/suggestions/2019"]; r == nil {
		t.Error("the files of content/suggestions/2019 were not read from its own root")
	}
	done()
	if _, err := fs.ReadFile(fsys, "content/suggestions/2019/a.md"); err == nil {
		t.Error("read after done")
	}
}
