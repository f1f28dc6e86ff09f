package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inspectedSite is the test site with the repository's layouts and static
// files, and every setting an inspection asks for: check -strict passes it.
func inspectedSite(t *testing.T) string {
	t.Helper()
	dir := copySite(t)
	for _, sub := range []string{"layouts", "static"} {
		os.RemoveAll(filepath.Join(dir, sub))
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("../../..", sub))); err != nil {
			t.Fatal(err)
		}
	}
	replaceIn(t, dir, "site.toml", `description = "测试站点"`, `description = "测试站点"
column_keywords = ["人大代表建议", "建议办理"]
column_type = "建议提案办理结果公开"`)
	replaceIn(t, dir, "content/suggestions/2020/001.md", "assigned = 2020-04-21\n", "assigned = 2020-04-21\npublished = 2020-04-30\n")
	return dir
}

// replaceIn replaces old, which must occur, in the site's file name.
func replaceIn(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, name)
	data, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(data), old) {
		t.Fatalf("%s: %q not found (%v)", name, old, err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func checkSite(dir string, strict bool) error {
	_, err := CheckFS(context.Background(), os.DirFS(dir), Options{Source: dir, Strict: strict})
	return err
}

func TestStrictPassesAnInspectedSite(t *testing.T) {
	dir := inspectedSite(t)
	if err := checkSite(dir, true); err != nil {
		t.Fatalf("check -strict:\n%v", err)
	}
}

// Each rule of check -strict, with a site made to fail it; check without
// -strict passes every one of them.
func TestStrictRules(t *testing.T) {
	cases := []struct {
		name string
		edit func(t *testing.T, dir string)
		want string
	}{
		{"a published suggestion without a publication date", func(t *testing.T, dir string) {
			replaceIn(t, dir, "content/suggestions/2020/001.md", "published = 2020-04-30\n", "")
		}, "content/suggestions/2020/001.md:2: published: a published suggestion without a publication date (公开日期)"},
		{"a page without PubDate", func(t *testing.T, dir string) {
			replaceIn(t, dir, "content/reports/2019.md", "date = 2019-12-20\n", "")
		}, `reports/2019/index.html:4: PubDate: an article page without <meta name="PubDate"> (and on 1 other pages)`},
		{"an empty list page", func(t *testing.T, dir string) {
			replaceIn(t, dir, "site.toml", "[[outcomes]]", "[[categories]]\nkey = \"教科文卫\"\nlabel = \"教科文卫类\"\n\n[[outcomes]]")
		}, `site.toml:27:7: categories: no published suggestion has the category "教科文卫": its page, linked from the overview of categories, is an empty list`},
		{"a link to another site over plain http:", func(t *testing.T, dir string) {
			replaceIn(t, dir, "content/suggestions/2019/001.md", "## 建议内容\n", "## 建议内容\n\n参见[省政府网站](http://www.henan.gov.cn/)。\n")
		}, "suggestions/2019-001/index.html:"},
		{"a public site without its 公安备案号", func(t *testing.T, dir string) {
			replaceIn(t, dir, "site.toml", `icp = "豫ICP备00000001号"`, "icp = \"豫ICP备00000001号\"\npublic = true")
		}, "site.toml:9:10: police_record: a public site (public = true) shows its 公安备案号 in the footer, and police_record is empty"},
		{"a setting the metadata needs", func(t *testing.T, dir string) {
			replaceIn(t, dir, "site.toml", "column_type = \"建议提案办理结果公开\"\n", "")
		}, `site.toml: column_type: column_type is empty, so no page carries <meta name="ColumnType">`},
		{"layouts without the metadata", func(t *testing.T, dir string) {
			replaceIn(t, dir, "layouts/base.html", `{{template "meta" .}}`, "")
		}, `404.html:4: SiteName: the page has no <meta name="SiteName">: every page carries the site's and column's metadata (and on `},
		{"an attachment nobody reviewed", func(t *testing.T, dir string) {
			replaceIn(t, dir, "content/suggestions/2019/008/index.md", "reviewed = true\n", "")
		}, `content/suggestions/2019/008/index.md:16:8: attachments: "答复函 (盖章).pdf" is not marked as reviewed for personal data`},
		{"a warning", func(t *testing.T, dir string) {
			replaceIn(t, dir, "content/suggestions/2019/001.md", "published = 2019-06-28", "published = 2019-08-01")
		}, "content/suggestions/2019/001.md:13:13: published: published 2019-08-01, 30 working days after the reply"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := inspectedSite(t)
			c.edit(t, dir)
			if err := checkSite(dir, false); err != nil {
				t.Fatalf("check without -strict fails:\n%v", err)
			}
			err := checkSite(dir, true)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("check -strict: want %q in\n%v", c.want, err)
			}
		})
	}
}

func TestStrictBuildPublishesNothing(t *testing.T) {
	dir := inspectedSite(t)
	replaceIn(t, dir, "content/suggestions/2019/001.md", "## 建议内容\n", "## 建议内容\n\n参见[省政府网站](http://www.henan.gov.cn/)。\n")
	dest := filepath.Join(t.TempDir(), "public")
	_, err := BuildFS(context.Background(), os.DirFS(dir), Options{Source: dir, Dest: dest, Strict: true})
	if err == nil || !strings.Contains(err.Error(), "http://www.henan.gov.cn/") {
		t.Fatalf("build -strict: %v", err)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("build -strict published %s although the inspection failed", dest)
	}
	if _, err := BuildFS(context.Background(), os.DirFS(dir), Options{Source: dir, Dest: dest}); err != nil {
		t.Errorf("build without -strict: %v", err)
	}
}

// A build looks for the warnings only with -strict, which refuses them.
func TestStrictBuildRefusesWarnings(t *testing.T) {
	dir := inspectedSite(t)
	replaceIn(t, dir, "content/suggestions/2019/001.md", "published = 2019-06-28", "published = 2019-08-01")
	dest := filepath.Join(t.TempDir(), "public")
	_, err := BuildFS(context.Background(), os.DirFS(dir), Options{Source: dir, Dest: dest, Strict: true})
	if want := "content/suggestions/2019/001.md:13:13: published: published 2019-08-01"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("build -strict: want %q in\n%v", want, err)
	}
	if _, err := BuildFS(context.Background(), os.DirFS(dir), Options{Source: dir, Dest: dest}); err != nil {
		t.Errorf("build without -strict: %v", err)
	}
}
