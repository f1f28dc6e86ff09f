package build

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/sitetest"
)

// TestDemoPassesStrict: the demo is what an inspection expects, its
// report dated and with its issuing body.
func TestDemoPassesStrict(t *testing.T) {
	if _, err := Check(context.Background(), Options{Source: repoRoot, Strict: true}); err != nil {
		t.Errorf("check -strict on the demo:\n%v", err)
	}
}

// TestResidentsDemo builds the demo under a sub-path and checks what
// residents and search engines get on every page (issue 15): full
// hreflang addresses, the favicon, the header's search box, 返回顶部, the
// footer's 网站地图 and own pages, 发布日期 and 来源 on articles with
// 打印本页, and the open data for Excel. What a browser sees is tested
// in package residents; axe-core and the Nu Html Checker in TestDemoSite.
func TestResidentsDemo(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: repoRoot, Dest: dest, BaseURL: "/rddbjy/"})
	files := sitetest.ReadTree(t, dest)
	if _, ok := files["favicon.ico"]; !ok || !strings.HasPrefix(files["favicon.ico"], "\x00\x00\x01\x00") {
		t.Error("no favicon.ico, or not an icon")
	}
	alternate := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	for name, page := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		alts := alternate.FindAllStringSubmatch(page, -1)
		if len(alts) != 3 {
			t.Errorf("%s: %d hreflang alternates, want 3", name, len(alts))
		}
		for _, a := range alts {
			if !strings.HasPrefix(a[2], "https://rddbjy.example.gov.cn/rddbjy/") {
				t.Errorf("%s: hreflang %s is not a full address: %s", name, a[1], a[2])
			}
		}
		for _, want := range []string{`<link rel="icon" href="/rddbjy/favicon.ico"`, `id="top"`, `<a href="/rddbjy/sitemap/">网站地图</a>`,
			`<a href="/rddbjy/contact/">联系我们</a>`, `<a href="/rddbjy/statement/">网站声明</a>`, `<details class="navmenu">`} {
			if strings.HasPrefix(name, "hant/") {
				want = strings.NewReplacer("/rddbjy/", "/rddbjy/hant/", "网站地图", "網站地圖", "联系我们", "聯繫我們", "网站声明", "網站聲明").Replace(want)
				want = strings.Replace(want, "/rddbjy/hant/favicon.ico", "/rddbjy/favicon.ico", 1)
			}
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		search := strings.Contains(page, `<form class="searchbox" role="search" action="/rddbjy/search/" method="get">`) ||
			strings.Contains(page, `<form class="searchbox" role="search" action="/rddbjy/hant/search/" method="get">`)
		if isSearch := strings.HasSuffix(name, "search/index.html"); search == isSearch {
			t.Errorf("%s: header search box %v on a page that is the search page: %v", name, search, isSearch)
		}
	}
	page := files["suggestions/2019-006/index.html"]
	if !strings.Contains(page, `<link rel="alternate" hreflang="zh-Hant" href="https://rddbjy.example.gov.cn/rddbjy/hant/suggestions/2019-006/">`) {
		t.Error("2019-006 has no full address of its Traditional page")
	}
	for name, want := range map[string]string{
		"suggestions/2019-006/index.html": `<span>发布日期：<time datetime="2019-06-28">2019年6月28日</time></span> <span>来源：区住房和城乡建设局</span> <button type="button" class="print-button" data-print hidden>打印本页</button>`,
		"reports/2019/index.html":         `<span>发布日期：<time datetime="2019-12-10">2019年12月10日</time></span> <span>来源：涧西区人民政府</span> <button type="button" class="print-button" data-print hidden>打印本页</button>`,
		"sitemap/index.html":              `<a href="/rddbjy/categories/chengjian/">城建交通类</a> <span class="count">（46件）</span>`,
		"contact/index.html":              `电话：0379-64823389`,
		"hant/statement/index.html":       `網站聲明`,
		"data/suggestions-zh.csv":         "\ufeff建议编号,建议题目,办理年度,届次,领衔代表,附议代表,类别,是否重点,",
		"feed.xml":                        `<summary>2019年12月16日办理进展：`,
	} {
		if !strings.Contains(files[name], want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
}
