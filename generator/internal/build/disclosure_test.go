package build

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"rdjy.local/portal/generator/internal/hant"
	"rdjy.local/portal/generator/internal/sitetest"
)

// page is an HTML page, parsed.
type page struct {
	meta map[string][]string // <meta name> → every content given
	main string              // the text of <main>, with its spaces collapsed
}

func parsePage(t *testing.T, name, text string) *page {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	p := &page{meta: map[string][]string{}}
	var b strings.Builder
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "meta":
				attrs := map[string]string{}
				for _, a := range n.Attr {
					attrs[a.Key] = a.Val
				}
				if attrs["name"] != "" {
					p.meta[attrs["name"]] = append(p.meta[attrs["name"]], attrs["content"])
				}
			case "main":
				inMain = true
			}
		}
		if n.Type == html.TextNode && inMain {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
	}
	walk(doc, false)
	p.main = strings.Join(strings.Fields(b.String()), "")
	return p
}

// TestDisclosureModes reads each mode's page in both scripts: what it
// shows, labelled, and what it leaves out.
func TestDisclosureModes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: repoRoot, Dest: dest})
	files := sitetest.ReadTree(t, dest)
	cases := []struct {
		number        string
		shows, leaves []string
	}{
		{"2019-006", []string{"公开方式全文公开", "区财政已拨付老旧小区整治专项资金", "已完成11个小区健身器材补充更换。"},
			[]string{"答复摘要", "不予公开"}},
		{"2019-072", []string{"公开方式摘要公开", "转型升级面临资金瓶颈", "办理答复（摘要）", "办理答复以摘要形式公开，答复全文不予公开。",
			"说明：答复涉及财政收支测算等细节", "区级财力目前难以单独出资"},
			[]string{"设立政府投资基金须有稳定的财力保障", "积极对接市级基金"}},
		{"2019-077", []string{"公开方式摘要公开", "互为前置", "办理答复（摘要）", "精简区级审批事项14项"},
			[]string{"将审批流程划分为立项用地规划许可", "一次现场踏勘、一次出具意见"}},
		{"2019-086", []string{"公开方式不予公开", "本建议的内容和办理答复不予公开。", "不予公开的理由：答复涉及城市地下管线布局等依法不予公开的信息。",
			"向洛阳市涧西区人民政府办公室申请公开（地址：洛阳市涧西区西苑路12号）", "发布日期2019年6月5日"},
			[]string{"道路刚修好又被反复开挖", "综合管廊每公里投资上亿元", "办理进展", "答复摘要"}},
	}
	for _, c := range cases {
		for _, dir := range []string{"", "hant/"} {
			name := dir + "suggestions/" + c.number + "/index.html"
			p := parsePage(t, name, files[name])
			conv := func(s string) string {
				if dir == "" {
					return s
				}
				tw, _ := hant.Text(s)
				return tw
			}
			for _, s := range c.shows {
				if !strings.Contains(p.main, conv(s)) {
					t.Errorf("%s does not show %q", name, conv(s))
				}
			}
			for _, s := range c.leaves {
				if strings.Contains(p.main, conv(s)) {
					t.Errorf("%s shows %q", name, conv(s))
				}
			}
		}
	}
}

// TestPageMetadata reads the metadata of every page kind, in both scripts,
// from the parsed pages: the site's and column's on every page, the
// article's on articles only.
func TestPageMetadata(t *testing.T) {
	dir := inspectedSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: dir, Dest: dest})
	files := sitetest.ReadTree(t, dest)
	site := map[string]string{
		"SiteName": "测试区人大代表建议办理公开", "SiteDomain": "www.example.gov.cn", "SiteIDCode": "4100000001",
		"ColumnName": "测试区人大代表建议办理公开", "ColumnDescription": "测试站点",
		"ColumnKeywords": "人大代表建议,建议办理", "ColumnType": "建议提案办理结果公开",
	}
	articleTags := []string{"ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Url"}
	articles := map[string]map[string]string{
		"suggestions/2019-001/index.html": {
			"ArticleTitle": "关于强化老旧小区配套公共设施整治提升的建议", "PubDate": "2019-06-28 00:00", "ContentSource": "区住建局",
			"Author": "测试区人民政府", "Url": "https://www.example.gov.cn/rddbjy/suggestions/2019-001/",
		},
		"reports/2019/index.html": {
			"ArticleTitle": "测试区2019年建议办理情况的汇报", "PubDate": "2019-12-20 00:00", "ContentSource": "测试区人民政府",
			"Url": "https://www.example.gov.cn/rddbjy/reports/2019/",
		},
	}
	kinds := []string{"index.html", "404.html", "suggestions/index.html", "suggestions/2019-001/index.html",
		"categories/index.html", "categories/chengjian/index.html", "years/2019/index.html",
		"reports/index.html", "reports/2019/index.html", "stats/index.html", "stats/2019/index.html",
		"stats/2019/units/days/index.html", "search/index.html"}
	for _, script := range []string{"", "hant/"} {
		conv := func(s string) string {
			if script == "" || strings.HasPrefix(s, "https:") {
				return s
			}
			tw, _ := hant.Text(s)
			return tw
		}
		for _, kind := range kinds {
			name := script + kind
			text, ok := files[name]
			if !ok {
				t.Errorf("missing %s", name)
				continue
			}
			p := parsePage(t, name, text)
			for tag, want := range site {
				if got := p.meta[tag]; len(got) != 1 || got[0] != conv(want) {
					t.Errorf("%s: %s = %q, want [%q]", name, tag, got, conv(want))
				}
			}
			if got := p.meta["Description"]; len(got) != 1 || got[0] == "" {
				t.Errorf("%s: Description = %q, want one", name, got)
			}
			want, isArticle := articles[kind]
			for _, tag := range articleTags {
				got := p.meta[tag]
				switch {
				case !isArticle && len(got) > 0:
					t.Errorf("%s is not an article but has %s = %q", name, tag, got)
				case isArticle && len(got) != 1:
					t.Errorf("%s: %s = %q, want one", name, tag, got)
				case isArticle && want[tag] != "":
					w := conv(want[tag])
					if tag == "Url" {
						w = strings.Replace(want[tag], "/rddbjy/", "/rddbjy/"+script, 1)
					}
					if got[0] != w {
						t.Errorf("%s: %s = %q, want %q", name, tag, got[0], w)
					}
				}
			}
		}
	}
}
