package benchsite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/sitetest"
)

// A kept site, written on an earlier day, is built with today's layouts,
// static files and site.toml, and keeps its content.
func TestRefresh(t *testing.T) {
	const repo = "../../.."
	dir := t.TempDir()
	if err := WriteTo(dir, repo, 3); err != nil {
		t.Fatal(err)
	}
	// An earlier day's site: another script, a layout since removed, an
	// older site.toml.
	stale := map[string]string{
		"static/js/search.js":  "// an old search script",
		"layouts/gone.html":    "{{define \"gone\"}}{{end}}",
		"site.toml":            "title = \"old\"\n",
		"content/extra/new.md": "kept",
	}
	for name, text := range stale {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Refresh(dir, repo); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"layouts", "static"} {
		same(t, filepath.Join(repo, d), filepath.Join(dir, d))
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil || !strings.Contains(string(cfg), "[[categories]]") {
		t.Errorf("site.toml is not the repository's: %.80q, %v", cfg, err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "content/extra/new.md")); string(data) != "kept" {
		t.Errorf("the content was not kept: %q, %v", data, err)
	}
}

// same fails unless the folders hold the same files with the same bytes.
func same(t *testing.T, want, got string) {
	t.Helper()
	w, g := sitetest.ReadTree(t, want), sitetest.ReadTree(t, got)
	for name, text := range w {
		if g[name] != text {
			t.Errorf("%s: not the repository's", filepath.Join(got, name))
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: not in the repository", filepath.Join(got, name))
		}
	}
}
