package words

import (
	"strings"
	"testing"
	"testing/fstest"
)

type testWords struct {
	Nav struct {
		Home   Text `toml:"home"`
		Search Text `toml:"search"`
	} `toml:"nav"`
	Lists struct {
		Intro Text `toml:"intro" words:"count"`
		Page  Text `toml:"page" words:"title,page"`
	} `toml:"lists"`
	Groups struct {
		Years struct {
			Title Text `toml:"title"`
		} `toml:"years"`
	} `toml:"groups"`
}

const good = `# the words of the pages
[nav]
home = "首页"
search = "搜索"

[lists]
intro = "共 {count} 件建议，{count}件。"
page = "{title}（第{page}页）"

[groups.years]
title = "按年度"
`

func TestParse(t *testing.T) {
	var w testWords
	if errs := Parse("layouts/words.toml", []byte(good), &w); errs != nil {
		t.Fatal(errs)
	}
	for _, c := range []struct{ got, want string }{
		{w.Nav.Home.String(), "首页"},
		{w.Lists.Intro.Format(46), "共 46 件建议，46件。"},
		{w.Lists.Page.Format("全部建议", 2), "全部建议（第2页）"},
		{w.Groups.Years.Title.String(), "按年度"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// Every problem at once, each at its line and column.
func TestParseErrors(t *testing.T) {
	bad := strings.NewReplacer(`search = "搜索"`, `serach = "搜索"`, `page = "{title}（第{page}页）"`, `page = "{title}（第{n}页）"`,
		"[groups.years]\ntitle = \"按年度\"\n", "").Replace(good)
	var w testWords
	errs := Parse("layouts/words.toml", []byte(bad), &w)
	want := []string{
		`layouts/words.toml:1: groups: missing table (add a table such as [groups] with its words, as in the demo site's layouts/words.toml)`,
		`layouts/words.toml:2:1: nav.search: missing required field (add a line such as search = "…")`,
		`layouts/words.toml:4:1: nav.serach: unknown field (did you mean search?)`,
		`layouts/words.toml:8:8: lists.page: unknown value {n} (this word may use {title}, {page})`,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %v", errs)
	}
	got := errs.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %s\ngot:\n%s", w, got)
		}
	}
	if errs[3].Text != `page = "{title}（第{n}页）"` {
		t.Errorf("the offending line is not attached: %q", errs[3].Text)
	}
	if w.Nav.Home.String() != "首页" {
		t.Error("the good words are lost")
	}
}

func TestLoadMissing(t *testing.T) {
	var w testWords
	errs := Load(fstest.MapFS{}, "layouts/words.toml", &w)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "layouts/words.toml: missing: the layouts hold the words of the pages") {
		t.Errorf("got %v", errs)
	}
}

func TestFormatPanicsOnWrongValues(t *testing.T) {
	var w testWords
	Parse("w.toml", []byte(good), &w)
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	w.Lists.Intro.Format()
}
