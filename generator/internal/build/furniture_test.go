package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/sitetest"
)

// withSiteTOML is the test site with its site.toml changed by replacing
// old with new.
func withSiteTOML(t *testing.T, archive, old, new string) fstest.MapFS {
	t.Helper()
	toml, err := os.ReadFile(filepath.Join(testSite, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(toml), old) {
		t.Fatalf("site.toml lacks %q", old)
	}
	fsys := sitetest.With(t, os.DirFS(testSite), archive)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(toml), old, new, 1)), Mode: 0o644}
	return fsys
}

// problems checks fsys and returns its problems, one a line.
func problems(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	_, err := CheckFS(context.Background(), fsys, Options{})
	var list diag.List
	if err != nil && !errors.As(err, &list) {
		t.Fatal(err)
	}
	return list.Error()
}

// TestFurnitureSettings: the emblem must be an image in static/, the
// error-report address a full one; a given emblem is in every header and
// the 公安备案 number links to the registry with its digits.
func TestFurnitureSettings(t *testing.T) {
	const at = `icp = "豫ICP备00000001号"`
	for _, c := range []struct{ line, archive, want string }{
		{`emblem = "images/emblem.png"`, "", `site.toml:7:10: emblem: static/images/emblem.png does not exist (put the district's emblem image at static/images/emblem.png`},
		{`emblem = "/images/emblem.png"`, "", `emblem: "/images/emblem.png" is not a plain path inside static/`},
		{`emblem = "static/emblem.png"`, "", `emblem: "static/emblem.png" is not a plain path inside static/`},
		{`emblem = "emblem.txt"`, "-- static/emblem.txt --\nx\n", `emblem: "emblem.txt" is not an image a browser shows`},
	} {
		got := problems(t, withSiteTOML(t, c.archive, at, at+"\n"+c.line))
		if !strings.Contains(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.line, got, c.want)
		}
	}
	got := problems(t, withSiteTOML(t, "", `error_report_url = "https://`, `error_report_url = "`))
	if want := `error_report_url: "zfwzzc.www.gov.cn/check_web`; !strings.Contains(got, want) || !strings.Contains(got, "is not a full web address") {
		t.Errorf("got %s\nwant %s… is not a full web address", got, want)
	}
	fsys := withSiteTOML(t, "-- static/images/emblem.png --\nPNG\n", at, at+"\n"+`emblem = "images/emblem.png"`+"\n"+`police_record = "豫公网安备 41030502000001号"`)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := BuildFS(context.Background(), fsys, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	files := sitetest.ReadTree(t, dest)
	if _, ok := files["images/emblem.png"]; !ok {
		t.Error("the emblem was not published")
	}
}

// TestSitePages: content/pages/<slug>.md is published at /<slug>/ in both
// scripts and linked from every footer and the 网站地图; a draft is not;
// a bad name, a missing title and contact details are refused.
func TestSitePages(t *testing.T) {
	fsys := sitetest.With(t, os.DirFS(testSite), `
-- content/pages/statement.md --
+++
title = "网站声明"
+++

本网站的内容以公开的文本为准。
-- content/pages/old.md --
+++
title = "旧页面"
draft = true
+++
`)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := BuildFS(context.Background(), fsys, Options{Dest: dest}); err != nil {
		t.Fatal(err)
	}
	files := sitetest.ReadTree(t, dest)
	for _, name := range []string{"statement/index.html", "hant/statement/index.html", "contact/index.html"} {
		if _, ok := files[name]; !ok {
			t.Errorf("%s is missing", name)
		}
	}
	if !strings.Contains(files["hant/statement/index.html"], "網站聲明") {
		t.Error("the Traditional page is not converted")
	}
	if _, ok := files["old/index.html"]; ok {
		t.Error("a draft page was published")
	}
	for _, name := range []string{"index.html", "suggestions/2019-001/index.html", "sitemap/index.html"} {
		if !strings.Contains(files[name], `<a href="/rddbjy/statement/">网站声明</a>`) {
			t.Errorf("%s does not link the page", name)
		}
	}
	for _, c := range []struct{ archive, want string }{
		{"-- content/pages/Contact.md --\n+++\ntitle = \"x\"\n+++\n", "content/pages/Contact.md: a page's file name is its address"},
		{"-- content/pages/a/b.md --\n+++\ntitle = \"x\"\n+++\n", "content/pages/a/b.md: a page's file name is its address"},
		{"-- content/pages/x.md --\n+++\n+++\n", "content/pages/x.md:2: title: missing required field"},
		{"-- content/pages/x.md --\n+++\ntitle = \"x\"\n+++\n\n联系人手机：13812345678\n", "content/pages/x.md:5:"},
	} {
		got := problems(t, sitetest.With(t, os.DirFS(testSite), c.archive))
		if !strings.Contains(got, c.want) {
			t.Errorf("got %s\nwant %s", got, c.want)
		}
	}
}
