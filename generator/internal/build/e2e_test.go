package build

import (
	"encoding/json"
	"html"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"rdjy.local/portal/generator/internal/browsertest"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/search"
	"rdjy.local/portal/generator/internal/serve"
	"rdjy.local/portal/generator/internal/sitetest"
)

const repoRoot = "../../.."

var (
	linkAttr  = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	scriptTag = regexp.MustCompile(`<script src="([^"]*)"(?: defer)?></script>`)
)

// TestDemoSite builds the repository's own site under a sub-path and checks
// every page kind, the figures, and that every internal link resolves.
func TestDemoSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: repoRoot, Dest: dest, BaseURL: "/rddbjy/"})
	files := sitetest.ReadTree(t, dest)

	for _, kind := range []string{
		"index.html", "404.html", "suggestions/index.html", "suggestions/2019-006/index.html",
		"categories/index.html", "categories/chengjian/index.html", "outcomes/index.html", "outcomes/B/index.html",
		"units/index.html", "units/zhujian/index.html", "years/index.html", "years/2019/index.html",
		"years/2019/categories/chengjian/index.html", "years/2019/outcomes/A/index.html", "years/2019/satisfaction/satisfied/index.html",
		"years/2019/units/zhujian/index.html", "deputies/index.html", "deputies/郭宇清/index.html", "data/deputies.json",
		"suggestions/2019-006/答复函.pdf", "hant/deputies/index.html", "hant/deputies/郭宇清/index.html", "hant/units/zhujian/index.html",
		"data/suggestions.json", "data/suggestions.csv", "data/stats.json", "feed.xml", "sitemap.xml", "css/site.css",
		"reports/index.html", "reports/2019/index.html", "stats/index.html", "stats/2019/index.html", "stats/2019/units/days/index.html",
		"search/index.html", "data/search/index.json", "data/search/p/0.json", "data/search/d/0.json", "data/search/r/0/0.json", "js/search.js", "js/prefs.js",
		"hant/index.html", "hant/404.html", "hant/suggestions/2019-006/index.html", "hant/years/2019/index.html",
		"hant/search/index.html", "hant/data/search/index.json", "hant/data/search/r/0/0.json", "hant/reports/2019/index.html", "hant/stats/2019/index.html",
	} {
		if _, ok := files[kind]; !ok {
			t.Errorf("missing %s", kind)
		}
	}
	if _, ok := files["suggestions/2020-003/index.html"]; ok {
		t.Error("the draft 2020-003 was published")
	}
	// Every row of a year's share tables and scorecards links to exactly
	// what it counts (ways_test.go): the home page's three tables, each
	// year's summary and charts, the key suggestions' feedback, the
	// report's charts and the scorecards.
	site, err := Load(Options{Source: repoRoot, BaseURL: "/rddbjy/"})
	if err != nil {
		t.Fatal(err)
	}
	if n := checkWays(t, dest, "/rddbjy/", site); n < 200 {
		t.Errorf("only %d links of the ways in checked on the demo site", n)
	}

	pages := 0
	for name, text := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		lang := `<html lang="zh-CN"`
		if strings.HasPrefix(name, "hant/") {
			lang = `<html lang="zh-Hant"`
		}
		if !strings.Contains(text, lang) {
			t.Errorf("%s: no %s", name, lang)
		}
		// Scripts come only from the site's own js/ folder: prefs.js on
		// every page, search.js on the search pages.
		for _, m := range scriptTag.FindAllStringSubmatch(text, -1) {
			if m[1] != "/rddbjy/js/prefs.js" && !(m[1] == "/rddbjy/js/search.js" && strings.HasSuffix(name, "search/index.html")) {
				t.Errorf("%s: unexpected script %q", name, m[0])
			}
		}
		if n := strings.Count(text, "<script"); n != len(scriptTag.FindAllString(text, -1)) {
			t.Errorf("%s: has an inline script", name)
		}
		for _, m := range linkAttr.FindAllStringSubmatch(text, -1) {
			checkLink(t, files, name, html.UnescapeString(m[1]))
		}
	}
	if n := strings.Count(files["sitemap.xml"], "<loc>"); n != pages-2 { // all pages but 404.html and hant/404.html
		t.Errorf("sitemap lists %d pages, the site has %d besides the two 404.html", n, pages-2)
	}
	if css := files["css/site.css"]; strings.Contains(css, "@import") || regexp.MustCompile(`url\(\s*['"]?(https?:)?//`).MatchString(css) {
		t.Error("the stylesheet loads something from another site")
	}

	// The footer shows site.toml's facts and leaves out the empty ones (the
	// demo has no ICP or 公安 record numbers).
	home := files["index.html"]
	for _, want := range []string{"洛阳市涧西区人民政府", "4103050003", "洛阳市涧西区西苑路12号", "0379-64823389"} {
		if !strings.Contains(home, want) {
			t.Errorf("the footer lacks %q", want)
		}
	}
	if strings.Contains(home, "备案") {
		t.Error("the footer shows an empty 备案号")
	}

	// The named example of the seed report is on its page, with its reply
	// rendered (bold lead-ins next to Chinese punctuation) and follow-ups.
	page := files["suggestions/2019-006/index.html"]
	for _, want := range []string{"关于强化老旧小区配套公共设施整治提升的建议", "郭宇清", "区住建局", "<strong>一是", "168处", "2019年9月15日"} {
		if !strings.Contains(page, want) {
			t.Errorf("2019-006 page lacks %q", want)
		}
	}

	// The 2019 year in full: every figure of the seed report, computed.
	var st struct {
		Years map[string]struct {
			Total, Replied, Met, Key        int
			Category, Outcome, Satisfaction map[string]int
			KeySatisfaction                 map[string]int `json:"key_satisfaction"`
		}
	}
	if err := json.Unmarshal([]byte(files["data/stats.json"]), &st); err != nil {
		t.Fatal(err)
	}
	y := st.Years["2019"]
	if y.Total != 133 || y.Replied != 133 || y.Met != 133 || y.Key != 12 || y.KeySatisfaction["满意"] != 12 ||
		y.Outcome["A"] != 82 || y.Outcome["B"] != 30 || y.Outcome["C"] != 21 ||
		y.Satisfaction["满意"] != 129 || y.Satisfaction["基本满意"] != 4 ||
		y.Category["城建交通"] != 46 || y.Category["财政经济"] != 15 || y.Category["教科文卫"] != 16 ||
		y.Category["群众生活"] != 29 || y.Category["城市管理"] != 17 || y.Category["社区工作"] != 10 {
		t.Errorf("2019 figures: %+v", y)
	}
	if st.Years["2020"].Total != 2 || st.Years["2020"].Replied != 1 {
		t.Errorf("2020 figures: %+v (the draft must not count)", st.Years["2020"])
	}
	report := files["reports/2019/index.html"]
	for _, want := range seedFigures {
		if !strings.Contains(report, want) {
			t.Errorf("the 2019 report lacks %q", want)
		}
	}
	for _, n := range []string{"001", "002", "003", "004", "005", "006", "007", "008", "009"} {
		if !strings.Contains(report, `<a href="/rddbjy/suggestions/2019-`+n+`/">`) {
			t.Errorf("the 2019 report does not link its named example 2019-%s", n)
		}
	}
	if strings.Count(report, "<svg") != 3 || strings.Count(report, "（数据表）</caption>") != 3 {
		t.Error("the 2019 report should show three charts, each with its table")
	}
	if !strings.Contains(files["stats/2019/index.html"], "区住房和城乡建设局") || strings.Count(files["stats/2019/index.html"], "<svg") != 3 {
		t.Error("the 2019 statistics lack their charts or the scorecard")
	}
	if !strings.HasPrefix(files["data/suggestions.csv"], "\ufeffnumber,title,year") {
		t.Error("the CSV does not start with a BOM and the header")
	}
	// The Traditional pages: the seed report's example in Traditional
	// characters, the switch back to the same Simplified page, and the
	// data files left Simplified at the base path.
	hantPage := files["hant/suggestions/2019-006/index.html"]
	for _, want := range []string{"關於強化老舊小區配套公共設施整治提升的建議", "郭宇清", "區住建局", "<strong>一是",
		`<a class="tool" href="/rddbjy/suggestions/2019-006/" lang="zh-Hans" hreflang="zh-Hans" translate="no">简体</a>`,
		`href="/rddbjy/data/suggestions.json"`, `href="/rddbjy/hant/years/2019/"`} {
		if !strings.Contains(hantPage, want) {
			t.Errorf("hant/suggestions/2019-006/ lacks %q", want)
		}
	}
	if !strings.Contains(page, `<a class="tool" href="/rddbjy/hant/suggestions/2019-006/" lang="zh-Hant" hreflang="zh-Hant" translate="no">繁體</a>`) {
		t.Error("suggestions/2019-006/ has no switch to its Traditional page")
	}
	// The Nu Html Checker and Chromium take minutes on a loaded machine;
	// with -count they would check the same bytes again, and the package
	// would outrun go test's timeout. Each demo build, by its manifest, is
	// checked once per process.
	if sum, err := os.ReadFile(filepath.Join(dest, manifest.Name)); err != nil {
		t.Error(err)
	} else if _, seen := externallyChecked.LoadOrStore(string(sum), true); seen {
		t.Log("the HTML checker and the browser checks already passed on these exact files in this process")
		return
	}
	validateHTML(t, dest)
	checkAccessibility(t, dest)
}

// externallyChecked holds the manifests of the demo builds TestDemoSite
// gave to the HTML checker and the browser checks in this process.
var externallyChecked sync.Map

// seedFigures are the 2019 report's figures as the seed document gives them,
// with shares to one decimal.
var seedFigures = []string{
	"（以下简称建议）133件", "城建交通类46件，占34.6%", "财政经济类15件，占11.3%", "教科文卫类16件，占12.0%",
	"群众生活类29件，占21.8%", "城市管理类17件，占12.8%", "社区工作类10件，占7.5%",
	"133件建议均已答复完毕，见面率100%，答复率100%", "满意129件，基本满意4件",
	"已经解决或基本解决的建议共82件，占总数的61.7%", "正在解决或列入规划解决的建议共30件，占总数的22.6%",
	"暂时不能解决或留作参考的建议共21件，占总数的15.8%", "确定了12件重点建议", "12件重点建议均已办理答复完毕",
}

// checkLink fails when an address inside the site does not resolve to a file.
func checkLink(t *testing.T, files map[string]string, from, link string) {
	t.Helper()
	if strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://") || strings.HasPrefix(link, "#") || strings.HasPrefix(link, "tel:") {
		return
	}
	rest, ok := strings.CutPrefix(link, "/rddbjy/")
	if !ok {
		t.Errorf("%s: link %q is outside the base path", from, link)
		return
	}
	rest, _, _ = strings.Cut(rest, "#")
	p, err := url.PathUnescape(rest)
	if err != nil {
		t.Errorf("%s: bad link %q", from, link)
		return
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	if _, ok := files[p]; !ok {
		t.Errorf("%s: broken link %q", from, link)
	}
}

// validateHTML runs the Nu Html Checker over every page when it is installed
// (.ci/run installs it; set VNU_JAR to use another copy). CI must have it.
func validateHTML(t *testing.T, dir string) {
	jar := os.Getenv("VNU_JAR")
	if jar == "" {
		jar = filepath.Join(repoRoot, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	}
	_, jarErr := os.Stat(jar)
	_, javaErr := exec.LookPath("java")
	if jarErr != nil || javaErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the HTML checker is missing in CI (jar %s: %v; java: %v)", jar, jarErr, javaErr)
		}
		t.Log("skipping HTML validation: run `npm install vnu-jar` (see README) to enable it")
		return
	}
	out, err := exec.Command("java", "-jar", jar, "--errors-only", "--skip-non-html", dir).CombinedOutput()
	if err != nil {
		t.Errorf("the Nu Html Checker reports errors:\n%s", out)
	}
}

// checkAccessibility serves the built site and runs testdata/a11y.mjs over a
// page of each kind: axe-core's WCAG 2.1 AA rules in Chromium, at 360 px and
// 1280 px, and no sideways overflow. It needs Node.js, `npm ci` and Debian's
// chromium; CI installs them and must run it.
func checkAccessibility(t *testing.T, dir string) {
	if !browsertest.Ready(t, repoRoot) {
		return
	}
	srv := httptest.NewServer(serve.Handler(dir, "/rddbjy/"))
	defer srv.Close()
	pages := []string{"", "suggestions/", "suggestions/2019-006/", "suggestions/2020-002/", "suggestions/2019-086/", "categories/",
		"categories/chengjian/", "outcomes/C/", "units/", "units/zhujian/", "units/caizheng/", "years/2019/", "years/2019/categories/chengjian/",
		"years/2019/units/zhujian/", "years/2019/satisfaction/satisfied/", "deputies/", "deputies/郭宇清/",
		"reports/", "reports/2019/", "stats/", "stats/2019/",
		"stats/2019/units/overdue/", "search/", "no-such-page/",
		"hant/", "hant/suggestions/", "hant/suggestions/2019-006/", "hant/suggestions/2019-077/", "hant/categories/", "hant/units/zhujian/", "hant/deputies/", "hant/deputies/郭宇清/", "hant/years/2019/units/caizheng/",
		"hant/years/2019/", "hant/reports/", "hant/reports/2019/", "hant/stats/", "hant/stats/2019/",
		"hant/stats/2019/units/overdue/", "hant/search/"}
	args := []string{filepath.Join("testdata", "a11y.mjs"), srv.URL + "/rddbjy/"}
	out, err := exec.Command("node", append(args, pages...)...).CombinedOutput()
	if err != nil {
		t.Errorf("accessibility problems:\n%s", out)
	}

	// What residents do: search, filters, 适老化, 简繁, print.
	args = []string{filepath.Join("testdata", "portal.mjs"), srv.URL + "/rddbjy/"}
	for _, term := range []string{"停车", "加装电梯", "老旧小区", "区住建局"} {
		args = append(args, term+"="+strings.Join(containing(t, term), ","))
	}
	args = append(args, variantQueries(t)...)
	out, err = exec.Command("node", args...).CombinedOutput()
	if err != nil {
		t.Errorf("portal problems:\n%s", out)
	}
}

// containing lists the published demo suggestions whose number, title,
// deputies, units, body, summary or follow-ups contain every word of term
// (split at spaces), folded as search folds them: what the search must
// find. What a disclosure mode leaves out is not in the suggestion.
func containing(t *testing.T, term string) []string {
	site, err := Load(Options{Source: repoRoot})
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields(search.Canonical(term))
	var numbers []string
	for _, sg := range site.Suggestions {
		text := sg.Number + " " + sg.Title + strings.Join(sg.Deputies, " ") + sg.LeadUnit + strings.Join(sg.CoUnits, " ") + readBody(t, sg) + string(sg.Summary)
		for _, p := range sg.Progress {
			text += p.Text
		}
		text = search.Canonical(text)
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(text, w) }) {
			numbers = append(numbers, sg.Number)
		}
	}
	if len(numbers) == 0 {
		t.Fatalf("no demo suggestion contains %s", term)
	}
	return numbers
}

// variantQueries gives, for each character of the demo's text that has
// several Traditional forms (里: 裡 裏; 于: 於; 干: 幹 乾), a query of it
// and the character after it in every form, as V:QUERY|QUERY…=NUMBERS:
// each form must find the same suggestions on both search pages.
func variantQueries(t *testing.T) []string {
	site, err := Load(Options{Source: repoRoot})
	if err != nil {
		t.Fatal(err)
	}
	done := map[rune]bool{}
	var args []string
	for _, sg := range site.Suggestions {
		text := []rune(sg.Title + "\n" + readBody(t, sg))
		for i, r := range text[:len(text)-1] {
			next := text[i+1]
			forms := search.Variants(r)
			if done[search.Fold(r)] || len(forms) < 2 || next < 0x4E00 || next > 0x9FFF {
				continue
			}
			done[search.Fold(r)] = true
			queries := []string{string(r) + string(next)}
			for _, f := range forms {
				queries = append(queries, string(f)+string(next))
			}
			args = append(args, "V:"+strings.Join(queries, "|")+"="+strings.Join(containing(t, queries[0]), ","))
		}
	}
	if len(args) < 10 {
		t.Errorf("only %d characters of the demo have several forms: %v", len(args), args)
	}
	// Full-width and half-width forms: a phrase with a comma, a number, a
	// number with letters, a space.
	var comma string
	for _, sg := range site.Suggestions {
		if comma == "" {
			comma = regexp.MustCompile(`\p{Han}{4}，\p{Han}{2}`).FindString(readBody(t, sg))
		}
	}
	for _, forms := range [][]string{
		{comma, strings.Replace(comma, "，", ",", 1)},
		{"2019-006", "２０１９－００６", "２０１９-006"},
		{"2019-00", "２０１９－００"},
		{"停车 小区", "停车　小区", "停車　小區 "},
	} {
		args = append(args, "V:"+strings.Join(forms, "|")+"="+strings.Join(containing(t, forms[0]), ","))
	}
	return args
}

// readBody is the published body of sg, which a build reads again from
// its file.
func readBody(t *testing.T, sg *content.Suggestion) string {
	t.Helper()
	body, err := sg.ReadBody()
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}
