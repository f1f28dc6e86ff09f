package build

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/sitetest"
)

// copyRepoSite copies the repository's site (without its output) to a new
// folder, for tests that edit content.
func copyRepoSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "layouts", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Changing one suggestion's outcome from A to B changes the report's counts
// and shares, with no edit to the report.
func TestReportFollowsTheContent(t *testing.T) {
	site := copyRepoSite(t)
	file := filepath.Join(site, "content", "suggestions", "2019", "001.md")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "\noutcome = \"A\"\n") {
		t.Fatal("2019-001 is no longer an A suggestion; pick another")
	}
	os.WriteFile(file, []byte(strings.Replace(string(src), "\noutcome = \"A\"\n", "\noutcome = \"B\"\n", 1)), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: site, Dest: dest})
	report := sitetest.ReadTree(t, dest)["reports/2019/index.html"]
	for _, want := range []string{"已经解决或基本解决的建议共81件，占总数的60.9%", "正在解决或列入规划解决的建议共31件，占总数的23.3%", "（以下简称建议）133件"} {
		if !strings.Contains(report, want) {
			t.Errorf("after the edit the report lacks %q", want)
		}
	}
	if strings.Contains(report, "共82件") {
		t.Error("the report still shows the old count")
	}
}

// The published statistics equal a recount of randomly generated content
// with several years, unreplied suggestions, missing feedback, 不满意 and
// drafts, which count nowhere.
func TestStatsEqualARecount(t *testing.T) {
	site := copyRepoSite(t)
	os.RemoveAll(filepath.Join(site, "content"))
	rng := rand.New(rand.NewPCG(7, 11))
	cats := []string{"城建交通", "财政经济", "教科文卫", "群众生活", "城市管理", "社区工作"}
	outs := []string{"A", "B", "C"}
	sats := []string{"满意", "基本满意", "不满意", ""}
	units := []string{"区住建局", "区城管局", "区民政局"}
	type rec struct {
		year                          int
		cat, unit, out, sat, assigned string
		replied, met, key, draft      bool
	}
	var recs []rec
	for i := range 300 {
		r := rec{
			year: 2018 + rng.IntN(3), cat: cats[rng.IntN(len(cats))], unit: units[rng.IntN(len(units))],
			replied: rng.IntN(4) != 0, met: rng.IntN(2) == 0, key: rng.IntN(6) == 0, draft: rng.IntN(10) == 0,
		}
		var b strings.Builder
		fmt.Fprintf(&b, "+++\nnumber = \"%d-%03d\"\ntitle = \"建议%d\"\nyear = %d\ndeputies = [\"代表\"]\ncategory = %q\nlead_unit = %q\nmet = %t\nkey = %t\ndraft = %t\n",
			r.year, i, i, r.year, r.cat, r.unit, r.met, r.key, r.draft)
		if rng.IntN(5) != 0 {
			r.assigned = fmt.Sprintf("%d-03-%02d", r.year, 1+rng.IntN(28))
			fmt.Fprintf(&b, "assigned = %s\n", r.assigned)
		}
		if r.replied {
			r.out = outs[rng.IntN(3)]
			r.sat = sats[rng.IntN(4)]
			month := 4 + rng.IntN(8)
			fmt.Fprintf(&b, "replied = %d-%02d-15\npublished = %d-%02d-20\noutcome = %q\n", r.year, month, r.year, month, r.out)
			if r.sat != "" {
				fmt.Fprintf(&b, "satisfaction = %q\n", r.sat)
			}
		}
		b.WriteString("+++\n正文。\n")
		p := filepath.Join(site, "content", "suggestions", fmt.Sprint(r.year), fmt.Sprintf("%03d.md", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: site, Dest: dest})
	files := sitetest.ReadTree(t, dest)
	var st struct {
		Years map[string]struct {
			Total, Replied, Met, Key        int
			Category, Outcome, Satisfaction map[string]int
			LeadUnit                        map[string]int `json:"lead_unit"`
			Units                           map[string]struct{ Led, Replied int }
		}
	}
	if err := json.Unmarshal([]byte(files["data/stats.json"]), &st); err != nil {
		t.Fatal(err)
	}
	for year := 2018; year <= 2020; year++ {
		got := st.Years[fmt.Sprint(year)]
		count := func(f func(rec) bool) int {
			n := 0
			for _, r := range recs {
				if r.year == year && !r.draft && f(r) {
					n++
				}
			}
			return n
		}
		check := func(what string, got, want int) {
			t.Helper()
			if got != want {
				t.Errorf("%d %s: stats.json has %d, recount %d", year, what, got, want)
			}
		}
		check("total", got.Total, count(func(rec) bool { return true }))
		check("replied", got.Replied, count(func(r rec) bool { return r.replied }))
		check("met", got.Met, count(func(r rec) bool { return r.met }))
		check("key", got.Key, count(func(r rec) bool { return r.key }))
		for _, c := range cats {
			check(c, got.Category[c], count(func(r rec) bool { return r.cat == c }))
		}
		for _, o := range outs {
			check(o, got.Outcome[o], count(func(r rec) bool { return r.replied && r.out == o }))
		}
		for _, s := range sats[:3] {
			check(s, got.Satisfaction[s], count(func(r rec) bool { return r.sat == s }))
		}
		for _, u := range units {
			check(u, got.LeadUnit[u], count(func(r rec) bool { return r.unit == u }))
			check(u+" replied", got.Units[u].Replied, count(func(r rec) bool { return r.unit == u && r.replied }))
		}
		// The year's page shows the same total as the data.
		page := files[fmt.Sprintf("stats/%d/index.html", year)]
		if m := regexp.MustCompile(`建议总数</dt><dd>(\d+)`).FindStringSubmatch(page); m == nil || m[1] != fmt.Sprint(got.Total) {
			t.Errorf("%d statistics page total %v, data %d", year, m, got.Total)
		}
	}
}
