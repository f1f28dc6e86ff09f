package inspect

import (
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
	"rdjy.local/portal/generator/internal/content"
)

const suggestion = `+++
number = "2019-001"
title = "关于强化老旧小区配套公共设施整治提升的建议"
year = 2019
deputies = ["郭宇清"]
category = "城建交通"
lead_unit = "区住建局"
assigned = 2019-03-27
+++
正文。
`

func TestSite(t *testing.T) {
	cfg, errs := config.Parse("site.toml", []byte("public = true\nsite_code = \"4103050003\"\n"+configtest.TOML))
	if errs != nil {
		t.Fatal(errs)
	}
	s, errs := content.Parse("content/suggestions/2019/001.md", []byte(suggestion), cfg)
	if errs != nil {
		t.Fatal(errs)
	}
	got := Site(cfg, []*content.Suggestion{s}).Error()
	for _, want := range []string{
		"content/suggestions/2019/001.md:2: published: a published suggestion without a publication date",
		`site.toml:1:10: icp: a public site (public = true) shows its ICP备案号 in the footer, and icp is empty`,
		`site.toml:1:10: police_record: a public site`,
		`categories: no published suggestion has the category "财政经济": its page, linked from the overview of categories, is an empty list`,
		`outcomes: no published suggestion has the outcome "A"`,
		`site.toml: column_type: column_type is empty, so no page carries <meta name="ColumnType">`,
		`site.toml: column_keywords: column_keywords is empty`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	for _, not := range []string{"site_code:", `category "城建交通"`} {
		if strings.Contains(got, not) {
			t.Errorf("reported %q:\n%s", not, got)
		}
	}
}

// htmlPage writes a page with the metadata tags given and a body.
func htmlPage(meta map[string]string, body string) []byte {
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n")
	for _, name := range append(append([]string{}, siteTags...), append([]string{"ArticleTitle"}, articleTags...)...) {
		if v, ok := meta[name]; ok {
			b.WriteString(`<meta name="` + name + `" content="` + v + "\">\n")
		}
	}
	b.WriteString("</head>\n<body>\n" + body + "\n</body>\n</html>\n")
	return []byte(b.String())
}

func siteMeta() map[string]string {
	return map[string]string{"SiteName": "测试区", "SiteDomain": "example.gov.cn", "SiteIDCode": "4103050003",
		"ColumnName": "建议办理", "ColumnDescription": "公开建议", "ColumnKeywords": "建议", "ColumnType": "建议提案办理结果"}
}

// fullSite is the test site with every setting the metadata needs.
func fullSite(t *testing.T) *config.Site {
	cfg, errs := config.Parse("site.toml", []byte("site_code = \"4103050003\"\ndescription = \"公开建议\"\ncolumn_keywords = [\"建议\"]\ncolumn_type = \"建议提案办理结果\"\n"+configtest.TOML))
	if errs != nil {
		t.Fatal(errs)
	}
	return cfg
}

func TestPages(t *testing.T) {
	p := NewPages(fullSite(t))
	good := siteMeta()
	p.Check("index.html", htmlPage(good, `<a href="https://www.gov.cn/">中国政府网</a> <a href="http://example.gov.cn/x/">self</a>`))
	article := siteMeta()
	article["ArticleTitle"] = "关于……的建议"
	article["PubDate"] = "2019-06-28"
	p.Check("suggestions/2019-001/index.html", htmlPage(article, "<p>\n<a href=\"http://www.example.com/a\">x</a></p>"))
	noColumn := siteMeta()
	delete(noColumn, "ColumnType")
	p.Check("a/index.html", htmlPage(noColumn, ""))
	p.Check("b/index.html", htmlPage(noColumn, ""))
	p.Check("data/suggestions.json", []byte(`{"url": "http://www.example.com/"}`)) // not a page
	got := p.Problems().Error()
	for _, want := range []string{
		`a/index.html:3: ColumnType: the page has no <meta name="ColumnType">: every page carries the site's and column's metadata (and on 1 other pages)`,
		`suggestions/2019-001/index.html:3: ContentSource: an article page without <meta name="ContentSource">`,
		`suggestions/2019-001/index.html:3: PubDate: PubDate "2019-06-28" is not written as 2019-06-28 09:00`,
		`suggestions/2019-001/index.html:16: a link to another site over plain http: http://www.example.com/a`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "index.html:") && strings.Contains(got, "gov.cn/") {
		t.Errorf("an https: link or the site's own address reported:\n%s", got)
	}
	if n := strings.Count(got, "\n") + 1; n != 4 {
		t.Errorf("%d findings, want 4:\n%s", n, got)
	}
}

// A tag whose value site.toml leaves empty is reported once, at site.toml,
// not on every page.
func TestPagesLeaveSettingsToSite(t *testing.T) {
	p := NewPages(configtest.Site(t)) // no site_code, description or column settings
	meta := siteMeta()
	for _, tag := range []string{"SiteIDCode", "ColumnDescription", "ColumnKeywords", "ColumnType"} {
		delete(meta, tag)
	}
	p.Check("index.html", htmlPage(meta, ""))
	if got := p.Problems(); len(got) != 0 {
		t.Errorf("reported on the page: %v", got)
	}
	if got := Site(configtest.Site(t), nil).Error(); strings.Contains(got, "site_code") {
		t.Errorf("site_code reported for a site that is not public:\n%s", got)
	}
}
