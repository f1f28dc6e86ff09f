package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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
