package ledger

import (
	"strings"
	"testing"
	"time"
)

// original is a suggestion file written the way webmasters write them:
// comments, aligned values, a multi-line list, a literal string, follow-ups.
const original = `+++
number = "2019-050"        # 建议编号
title = '关于建设社区综合性文化服务中心的建议'
year = 2019
deputies = [
  "傅国强",   # 领衔
  "王芳",
]
category = "教科文卫"
lead_unit = "区文广旅局"
co_units = ["区民政局", "区财政局"]
assigned = 2019-03-27
met = true                 # 见面沟通

[[progress]]               # 回头看
date = 2019-11-15
text = "已建成16个。"
+++

## 建议内容

建议 = 文化中心。

## 办理答复

已办理。
`

func TestEdit(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse(time.DateOnly, s); return v }
	cases := []struct {
		name  string
		edits []edit
		want  []string // old → new replacements of original, in order
	}{
		{"replace a value, keep its comment", []edit{{"number", fkString, value{str: "2019-051"}}},
			[]string{`number = "2019-050"        # 建议编号`, `number = "2019-051"        # 建议编号`}},
		{"a literal string becomes a basic one", []edit{{"title", fkString, value{str: `关于"文化"的建议`}}},
			[]string{`title = '关于建设社区综合性文化服务中心的建议'`, `title = "关于\"文化\"的建议"`}},
		{"a multi-line list becomes one line", []edit{{"deputies", fkList, value{list: []string{"傅国强"}}}},
			[]string{"deputies = [\n  \"傅国强\",   # 领衔\n  \"王芳\",\n]", `deputies = ["傅国强"]`}},
		{"new fields go after the one before them in the content model", []edit{
			{"replied", fkDate, value{date: d("2019-06-10")}},
			{"outcome", fkString, value{str: "B"}},
			{"satisfaction", fkString, value{str: "满意"}},
		}, []string{
			"assigned = 2019-03-27\n", "assigned = 2019-03-27\nreplied = 2019-06-10\n",
			"# 见面沟通\n", "# 见面沟通\noutcome = \"B\"\nsatisfaction = \"满意\"\n",
		}},
		{"a field before every other goes before the first", []edit{{"session", fkString, value{str: "区十五届人大四次会议"}}},
			[]string{"year = 2019\n", "year = 2019\nsession = \"区十五届人大四次会议\"\n"}},
		{"an empty optional field loses its line", []edit{{"co_units", fkList, value{}}, {"assigned", fkDate, value{}}},
			[]string{"co_units = [\"区民政局\", \"区财政局\"]\nassigned = 2019-03-27\n", ""}},
		{"false keeps its line", []edit{{"met", fkBool, value{}}},
			[]string{"met = true ", "met = false "}},
		{"false is not added", []edit{{"key", fkBool, value{}}}, nil},
		{"a field removed and its follower added", []edit{{"assigned", fkDate, value{}}, {"replied", fkDate, value{date: d("2019-06-10")}}},
			[]string{"assigned = 2019-03-27\n", "replied = 2019-06-10\n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := parseFront([]byte(original))
			if err != nil {
				t.Fatal(err)
			}
			want := original
			for i := 0; i < len(c.want); i += 2 {
				if !strings.Contains(want, c.want[i]) {
					t.Fatalf("%q not in the file", c.want[i])
				}
				want = strings.Replace(want, c.want[i], c.want[i+1], 1)
			}
			if got := string(doc.apply(c.edits)); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestEditWindowsFile: a file saved by a Windows editor keeps its byte
// order mark and CRLF line endings, on added lines too.
func TestEditWindowsFile(t *testing.T) {
	crlf := "\ufeff" + strings.ReplaceAll(original, "\n", "\r\n")
	doc, err := parseFront([]byte(crlf))
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.apply([]edit{{"outcome", fkString, value{str: "B"}}, {"category", fkString, value{str: "城建交通"}}}))
	want := strings.Replace(strings.Replace(crlf, `category = "教科文卫"`, `category = "城建交通"`, 1),
		"# 见面沟通\r\n", "# 见面沟通\r\noutcome = \"B\"\r\n", 1)
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestFieldAt(t *testing.T) {
	doc, err := parseFront([]byte(original))
	if err != nil {
		t.Fatal(err)
	}
	for line, want := range map[int]string{2: "number", 5: "deputies", 6: "deputies", 8: "deputies", 13: "met", 16: "", 22: ""} {
		if got := doc.fieldAt(line); got != want {
			t.Errorf("line %d: %q, want %q", line, got, want)
		}
	}
}

func TestParseFrontRefuses(t *testing.T) {
	for name, text := range map[string]string{
		"no front matter": "## 建议内容\n",
		"not closed":      "+++\nnumber = \"1\"\n",
		"bad TOML":        "+++\nnumber = \n+++\n",
	} {
		if _, err := parseFront([]byte(text)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestTOMLString(t *testing.T) {
	for in, want := range map[string]string{
		`关于"文化"的建议`: `"关于\"文化\"的建议"`,
		`C:\路径`:     `"C:\\路径"`,
		"a\tb\x01":  `"a\tb\u0001"`,
	} {
		if got := tomlString(in); got != want {
			t.Errorf("tomlString(%q) = %s, want %s", in, got, want)
		}
	}
}
