package residents

import (
	"context"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"testing"

	"rdjy.local/portal/generator/internal/benchsite"
	"rdjy.local/portal/generator/internal/browsertest"
	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/serve"
)

const repoRoot = "../../.."

// run builds the site at source under /rddbjy/ and runs
// testdata/residents.mjs, then axe-core, over the given pages, one of
// each kind, and their Traditional ones.
func run(t *testing.T, source string, pages ...string) {
	t.Helper()
	if !browsertest.Ready(t, repoRoot) {
		return
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(context.Background(), build.Options{Source: source, Dest: dest, BaseURL: "/rddbjy/"}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.Handler(dest, "/rddbjy/"))
	defer srv.Close()
	args := append([]string{filepath.Join("testdata", "residents.mjs"), srv.URL + "/rddbjy/"}, pages...)
	out, err := exec.Command("node", args...).CombinedOutput()
	if err != nil {
		t.Errorf("what residents see:\n%s", out)
	}
	// axe-core (WCAG 2.1 AA) at 360 and 1280 px over the same pages in
	// both scripts, with the end-to-end test's script.
	args = []string{filepath.Join("..", "build", "testdata", "a11y.mjs"), srv.URL + "/rddbjy/"}
	for _, p := range pages {
		args = append(args, p, "hant/"+p)
	}
	if out, err := exec.Command("node", args...).CombinedOutput(); err != nil {
		t.Errorf("accessibility problems:\n%s", out)
	}
}

// TestDemo: every page kind of the demo, with its report and own pages.
func TestDemo(t *testing.T) {
	t.Parallel()
	run(t, repoRoot, "", "suggestions/", "suggestions/2019-006/", "suggestions/2020-002/", "categories/", "categories/chengjian/",
		"outcomes/B/", "units/", "units/zhujian/", "deputies/", "deputies/郭宇清/", "years/", "years/2019/", "years/2019/categories/chengjian/", "reports/", "reports/2019/", "stats/", "stats/2019/",
		"stats/2019/units/overdue/", "search/", "sitemap/", "contact/", "statement/")
}

// TestGeneratedSite: the same on a generated site of 3,000 suggestions
// over fifteen years, which the demo's layouts have never been tuned to.
func TestGeneratedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 3,000 suggestions")
	}
	t.Parallel()
	site := benchsite.Write(t, repoRoot, 3000)
	run(t, site, "", "suggestions/", "suggestions/2020-00010/", "categories/chengjian/", "units/zhujian/", "stats/2024/", "search/", "sitemap/")
}
