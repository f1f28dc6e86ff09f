package content

import (
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"rdjy.local/portal/generator/internal/config/configtest"
)

// valid is a complete, correct suggestion; cases below change one thing.
const valid = `+++
number = "2019-001"
title = "关于强化老旧小区配套公共设施整治提升的建议"
year = 2019
session = "区十五届人大四次会议"
deputies = ["郭宇清", "魏莹"]
category = "城建交通"
key = true
lead_unit = "区住建局"
co_units = ["区财政局"]
assigned = 2019-03-27
replied = 2019-06-20
met = true
outcome = "B"
satisfaction = "满意"
published = 2019-06-28
[[progress]]
date = 2019-11-20
text = "已制定168处群众活动场地提升计划。"

[[progress]]
date = 2019-09-15
text = "已完成11个小区健身器材补充更换。"
+++

## 建议内容

建议对老旧小区配套公共设施进行整治提升。
`

func TestParseValid(t *testing.T) {
	s, errs := Parse("content/suggestions/2019/001.md", []byte(valid), configtest.Site(t))
	if len(errs) > 0 {
		t.Fatalf("unexpected errors:\n%v", errs)
	}
	if s.Number != "2019-001" || s.Year != 2019 || s.LeadDeputy() != "郭宇清" || !s.Key || !s.Met ||
		s.Outcome != "B" || s.Replied.Format("2006-01-02") != "2019-06-20" || len(s.CoUnits) != 1 {
		t.Errorf("fields not decoded: %+v", s)
	}
	if len(s.Progress) != 2 || s.Progress[0].Date.Format("01-02") != "09-15" {
		t.Errorf("progress not in date order: %+v", s.Progress)
	}
	if s.BodyLine != 25 || !strings.HasPrefix(string(s.Body), "\n## 建议内容") {
		t.Errorf("body starts at line %d with %q", s.BodyLine, s.Body[:20])
	}
}

func TestParseWindowsFile(t *testing.T) {
	data := "\ufeff" + strings.ReplaceAll(valid, "\n", "\r\n")
	s, errs := Parse("a.md", []byte(data), configtest.Site(t))
	if len(errs) > 0 {
		t.Fatalf("a file with BOM and CRLF fails: %v", errs)
	}
	if strings.Contains(string(s.Body), "\r") || s.Title != "关于强化老旧小区配套公共设施整治提升的建议" {
		t.Errorf("CRLF kept or title wrong: %q", s.Title)
	}
}

// edit returns valid with old replaced by new; old must occur.
func edit(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(valid, old) {
		t.Fatalf("%q not in the valid file", old)
	}
	return strings.Replace(valid, old, new, 1)
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		old  string // replaced in valid; "" means the whole file is new
		new  string
		want string // the error, as printed
	}{
		{"no front matter", "", "## 建议内容\n", "a.md:1:1: missing front matter"},
		{"YAML front matter", "", "---\ntitle: x\n---\n", "a.md:1:1: front matter must be TOML between lines of +++, not YAML"},
		{"unclosed front matter", "+++\n\n## 建议内容", "\n## 建议内容", "a.md:1:1: front matter is not closed"},
		{"toml syntax", `year = 2019`, `year = 2019 2020`, "a.md:4:12: TOML syntax error"},
		{"misspelt key", `title = `, `titel = `, "a.md:3:1: titel: unknown field (did you mean title?)"},
		{"missing required", "lead_unit = \"区住建局\"\n", "", "a.md:2: lead_unit: missing required field"},
		{"wrong type", `year = 2019`, `year = "2019"`, `a.md:4:8: year: expected a whole number without quotes, found "2019"`},
		{"deputies not a list", `deputies = ["郭宇清", "魏莹"]`, `deputies = "郭宇清"`, "a.md:6:12: deputies: expected a list of texts in [ ], found a single text"},
		{"empty deputies", `deputies = ["郭宇清", "魏莹"]`, `deputies = []`, "a.md:6:12: deputies: must list at least one name"},
		{"empty title", `title = "关于强化老旧小区配套公共设施整治提升的建议"`, `title = " "`, "a.md:3:9: title: must not be empty"},
		{"unknown category", `category = "城建交通"`, `category = "城建"`, `a.md:7:12: category: "城建" is not a key of [[categories]] in site.toml`},
		{"unknown outcome", `outcome = "B"`, `outcome = "D"`, `a.md:14:11: outcome: "D" is not a key of [[outcomes]] in site.toml`},
		{"unknown satisfaction", `satisfaction = "满意"`, `satisfaction = "很满意"`, `a.md:15:16: satisfaction: "很满意" is not a key of [[satisfaction]] in site.toml`},
		{"bad number", `number = "2019-001"`, `number = "2019/001"`, `a.md:2:10: number: "2019/001" is not a valid number`},
		{"reserved number", `number = "2019-001"`, `number = "page"`, `a.md:2:10: number: "page" is reserved`},
		{"replied before assigned", `replied = 2019-06-20`, `replied = 2019-03-01`, "a.md:12:11: replied: replied 2019-03-01 is before assigned 2019-03-27"},
		{"outcome without reply", "replied = 2019-06-20\n", "", "a.md:13:11: outcome: an outcome without a reply date"},
		{"satisfaction without reply", "replied = 2019-06-20\n", "", "a.md:14:16: satisfaction: deputies' feedback without a reply date"},
		{"follow-ups without reply", "replied = 2019-06-20\n", "", "a.md:16:1: progress: follow-ups without a reply date"},
		{"empty outcome", `outcome = "B"`, `outcome = ""`, "a.md:14:11: outcome: a replied suggestion needs its outcome; it is empty"},
		{"reply without outcome", "outcome = \"B\"\n", "", "a.md:12:11: replied: a replied suggestion needs its outcome"},
		{"impossible date", `assigned = 2019-03-27`, `assigned = 2019-02-30`, "a.md:11:12: assigned: TOML syntax error: impossible date"},
		{"date in quotes", `assigned = 2019-03-27`, `assigned = "2019-03-27"`, "a.md:11:12: assigned: a date must not be in quotes"},
		{"date with time", `assigned = 2019-03-27`, `assigned = 2019-03-27T10:00:00`, "a.md:11:12: assigned: expected a date without a time of day"},
		{"mistyped year", `assigned = 2019-03-27`, `assigned = 2091-03-27`, "a.md:11:12: assigned: 2091-03-27 is not in year 2019"},
		{"implausible year", `year = 2019`, `year = 20190`, "a.md:4:8: year: 20190 is not a plausible year"},
		{"follow-up before reply", `date = 2019-09-15`, `date = 2019-05-15`, "a.md:22:8: progress[2].date: follow-up dated 2019-05-15 is before the reply"},
		{"misspelt follow-up key", `text = "已完成11个`, `txt = "已完成11个`, "a.md:23:1: progress[2].txt: unknown field (did you mean text?)"},
		{"reserved number in another case", `number = "2019-001"`, `number = "Page"`, `a.md:2:10: number: "Page" is reserved for the list's own pages`},
		{"a number too long for an address", `number = "2019-001"`, `number = "` + strings.Repeat("1", 300) + `"`, `a.md:2:10: number: a number of 300 characters is too long for a page address`},
		{"a unit name too long for an address", `lead_unit = "区住建局"`, `lead_unit = "` + strings.Repeat("区", 90) + `"`, `a.md:9:13: lead_unit: a unit name of 90 characters is too long for its page's address`},
		{"a unit name with a dot in front", `co_units = ["区财政局"]`, `co_units = [".git"]`, `a.md:10:13: co_units: ".git" starts with a dot`},
		// Each entry of a list written over several lines has its own line.
		{"a bad unit on the third line of a list", `co_units = ["区财政局"]`, "co_units = [\n  \"区财政局\",\n  \"区教育局\", \".git\",\n]", `a.md:12:11: co_units: ".git" starts with a dot`},
		{"a deputy that is no text", `deputies = ["郭宇清", "魏莹"]`, "deputies = [\n  \"郭宇清\",\n  3,\n]", `a.md:8:3: deputies: entry 2 is the number 3`},
		{"an e-mail in the second entry", `co_units = ["区财政局"]`, "co_units = [\n  \"区财政局\",\n  \"区 a@b.cn\",\n]", `a.md:12:6: co_units: "a@b.cn" looks like an e-mail address`},
		{"a follow-up far in the future", `date = 2019-11-20`, `date = 9999-12-31`, `a.md:18:8: progress[1].date: 9999-12-31 is implausible for a suggestion of 2019`},
		{"unit with slash", `lead_unit = "区住建局"`, `lead_unit = "区委/区政府督查局"`, `a.md:9:13: lead_unit: "区委/区政府督查局" cannot be part of a web address`},
		{"mobile phone", "建议对老旧", "建议对（联系电话13812345678）老旧", `a.md:28:9: "13812345678" looks like a mobile phone number`},
		{"full-width mobile", "建议对老旧", "建议对（电话：１３８１２３４５６７８）老旧", `a.md:28:8: "１３８１２３４５６７８" looks like a mobile phone number`},
		{"full-width e-mail", "建议对老旧", "建议对ｄａｉｂｉａｏ＠ｅｘａｍｐｌｅ．ｃｏｍ老旧", `a.md:28:4: "ｄａｉｂｉａｏ＠ｅｘａｍｐｌｅ．ｃｏｍ" looks like an e-mail address`},
		{"mobile with spaces", "建议对老旧", "建议对138 1234 5678老旧", `a.md:28:4: "138 1234 5678" looks like a mobile phone number`},
		{"landline", "建议对老旧", "建议对0379-62345678老旧", `a.md:28:4: "0379-62345678" looks like a landline phone number`},
		{"landline in brackets", "建议对老旧", "建议对（0379）6482338老旧", `a.md:28:4: "（0379）6482338" looks like a landline phone number`},
		{"id number", "建议对老旧", "建议对11010519491231002X老旧", `a.md:28:4: "11010519491231002X" looks like a resident ID number`},
		{"e-mail in front matter", `session = "区十五届人大四次会议"`, `session = "guo.yuqing@example.com"`, `a.md:5:12: session: "guo.yuqing@example.com" looks like an e-mail address`},
	}
	site := configtest.Site(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.new
			if c.old != "" {
				data = edit(t, c.old, c.new)
			}
			_, errs := Parse("a.md", []byte(data), site)
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("want an error starting with\n  %s\ngot\n  %v", c.want, errs)
		})
	}
}

func TestPersonalDataNotReported(t *testing.T) {
	for _, text := range []string{
		"网站联系电话：0379-64823389",  // listed in public_contacts
		"2018-2020年度申报23个项目",    // a year range
		"投入资金1380000000元",       // too long for a mobile number
		"编号110105194912310021",  // 18 digits with a wrong check digit
		"总拆迁面积约26万平方米，涉及162亩土地", // ordinary figures
	} {
		_, errs := Parse("a.md", []byte(edit(t, "建议对老旧", "建议对"+text+"老旧")), configtest.Site(t))
		if len(errs) > 0 {
			t.Errorf("%q: unexpected %v", text, errs)
		}
	}
}

func TestLoadReportsEveryFileAndDuplicates(t *testing.T) {
	fsys := fstest.MapFS{
		"content/suggestions/2019/001.md":      {Data: []byte(valid)},
		"content/suggestions/2019/copy.md":     {Data: []byte(valid)},
		"content/suggestions/2019/broken.md":   {Data: []byte(edit(t, `year = 2019`, `year = "x"`))},
		"content/suggestions/2019/notes.txt":   {Data: []byte("not a suggestion")},
		"content/suggestions/.drafts/draft.md": {Data: []byte("ignored: hidden folder")},
	}
	all, errs := Load(fsys, configtest.Site(t))
	if len(all) != 3 {
		t.Errorf("loaded %d suggestions, want 3", len(all))
	}
	got := errs.Error()
	for _, want := range []string{
		"content/suggestions/2019/broken.md:4:8: year: expected a whole number",
		`content/suggestions/2019/broken.md:2:1: number: duplicate number "2019-001": content/suggestions/2019/001.md already uses "2019-001"`,
		`content/suggestions/2019/copy.md:2:1: number: duplicate number "2019-001": content/suggestions/2019/001.md already uses "2019-001"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if len(errs) != 3 {
		t.Errorf("want 3 errors, got %d:\n%s", len(errs), got)
	}
}

func TestDuplicateNumbersIgnoreCase(t *testing.T) {
	fsys := fstest.MapFS{
		"content/suggestions/a.md": {Data: []byte(edit(t, `number = "2019-001"`, `number = "2019-a"`))},
		"content/suggestions/b.md": {Data: []byte(edit(t, `number = "2019-001"`, `number = "2019-A"`))},
	}
	_, errs := Load(fsys, configtest.Site(t))
	want := `content/suggestions/b.md:2:1: number: duplicate number "2019-A": content/suggestions/a.md already uses "2019-a"`
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), want) {
		t.Errorf("want %s\ngot %v", want, errs)
	}
}

func TestErrorShowsTheSourceLine(t *testing.T) {
	_, errs := Parse("a.md", []byte(edit(t, `year = 2019`, `year = "2019"`)), configtest.Site(t))
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", errs)
	}
	want := "a.md:4:8: year: expected a whole number without quotes, found \"2019\" (write it as year = 2019)\n" +
		"    4 | year = \"2019\"\n" +
		"      |        ^"
	if got := errs[0].Detail(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	_, errs = Parse("a.md", []byte(edit(t, "建议对老旧", "建议对13812345678老旧")), configtest.Site(t))
	if got := errs[0].Detail(); !strings.HasSuffix(got, "    28 | 建议对13812345678老旧小区配套公共设施进行整治提升。\n       |       ^") {
		t.Errorf("caret not under the number (Chinese characters are two columns wide):\n%s", got)
	}
}

// FuzzParse: no input makes Parse panic, and a suggestion that passes has
// what rendering relies on: a number, a known category, and an outcome from
// site.toml once replied.
func FuzzParse(f *testing.F) {
	f.Add(valid)
	f.Add(strings.Replace(valid, `outcome = "B"`, `outcome = ""`, 1))
	f.Add("+++\n+++\n")
	f.Add("\ufeff+++\r\nnumber = \"1\"\r\n+++\r\n")
	site := configtest.Site(f)
	f.Fuzz(func(t *testing.T, data string) {
		s, errs := Parse("f.md", []byte(data), site)
		if len(errs) > 0 {
			return
		}
		if s == nil || s.Number == "" || s.Title == "" || len(s.Deputies) == 0 || s.LeadUnit == "" {
			t.Fatalf("passed without a required field: %+v", s)
		}
		if _, ok := site.Categories.Lookup(s.Category); !ok {
			t.Fatalf("passed with category %q", s.Category)
		}
		if _, ok := site.Outcomes.Lookup(s.Outcome); s.IsReplied() != ok {
			t.Fatalf("passed with replied %v and outcome %q", s.Replied, s.Outcome)
		}
	})
}

// TestNumbersOfOneShape: numbers of one shape, compared as strings, are
// in the order their digit runs give.
func TestNumbersOfOneShape(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	number := func() string {
		b := make([]byte, 1+r.IntN(6))
		for i := range b {
			b[i] = "0019-aA"[r.IntN(7)]
		}
		return string(b)
	}
	same := 0
	for range 200000 {
		a, b := number(), number()
		if len(a) == len(b) && sameShape(a, b) {
			same++
		}
		if got, want := NumberLess(a, b), lessByRuns(a, b); got != want {
			t.Fatalf("NumberLess(%q, %q) = %v, by runs %v", a, b, got, want)
		}
	}
	if same < 1000 {
		t.Errorf("only %d pairs of one shape", same)
	}
}

func TestNaturalOrder(t *testing.T) {
	want := []string{"2019-001", "2019-9", "2019-10", "2019-11", "2019-100", "2019-A1", "2019-B0", "2019-a0", "2020-000", "2020-001", "2020-1a"}
	for i := range want {
		for j := range want {
			if got := NumberLess(want[i], want[j]); got != (i < j) {
				t.Errorf("NumberLess(%s, %s) = %v", want[i], want[j], got)
			}
		}
	}
}
