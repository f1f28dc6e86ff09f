package report

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"rdjy.local/portal/generator/internal/config/configtest"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/stats"
)

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		name, body, want string
	}{
		{"unknown figure", "共{{totl}}件", `2019.md:4:2: unknown figure {{totl}} (did you mean {{total}}?)`},
		{"not closed", "共{{total件", `2019.md:4:2: figure is not closed`},
		{"unknown key", "\n占{{share category 城建}}", `2019.md:5:2: unknown category "城建" (did you mean 城建交通? The keys are "城建交通", "财政经济"`},
		{"unknown condition", "{{count categroy 城建交通}}", `2019.md:4:1: unknown condition "categroy" in {{count}} (did you mean category?)`},
		{"missing key", "{{count outcome}}", `outcome needs a key after it`},
		{"empty count", "{{count}}", `{{count}} needs a condition`},
		{"chart kind", "{{chart unit}}\n", `{{chart}} draws category, outcome or satisfaction`},
		{"chart inline", "见图{{chart outcome}}\n", `2019.md:4:3: a chart stands alone on its line`},
		{"link", "{{link}}", `{{link}} takes one suggestion number`},
		{"total args", "{{total 2019}}", `{{total}} takes nothing after it`},
		{"empty", "{{ }}", `empty figure`},
		{"personal data", "郭宇清代表（电话13812345678）", `2019.md:4:9: "13812345678" looks like a mobile phone number`},
		{"personal data hidden by bold", "郭宇清代表（电话138**1234**5678）", `2019.md:4:9: "13812345678" looks like a mobile phone number`},
		{"personal data beside a figure", "共{{total}}件。郭宇清代表邮箱guo\\@163．com", `2019.md:4:20: "guo@163．com" looks like an e-mail address`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := Parse("content/reports/2019.md", []byte("+++\ntitle = \"汇报\"\n+++\n"+c.body), configtest.Site(t))
			if len(errs) == 0 || !strings.Contains(errs[0].Error(), c.want) {
				t.Errorf("got %v, want %s", errs, c.want)
			}
		})
	}
	if _, errs := Parse("content/reports/report.md", []byte("+++\ntitle = \"x\"\n+++\n"), configtest.Site(t)); len(errs) == 0 || !strings.Contains(errs[0].Error(), "named after its year") {
		t.Errorf("file name: %v", errs)
	}
	if _, errs := Parse("content/reports/2019.md", []byte("+++\ntitle = \"x\"\nyear = 2020\n+++\n"), configtest.Site(t)); len(errs) == 0 || !strings.Contains(errs[0].Error(), "does not match the file name") {
		t.Errorf("year: %v", errs)
	}
}

func TestImplausibleDate(t *testing.T) {
	_, errs := Parse("content/reports/2019.md", []byte("+++\ntitle = \"汇报\"\ndate = 9999-12-31\n+++\n"), configtest.Site(t))
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "content/reports/2019.md:3:8: date: 9999-12-31 is implausible for the report on 2019") {
		t.Errorf("got %v", errs)
	}
}

func TestPersonalDataInTheTitle(t *testing.T) {
	_, errs := Parse("content/reports/2019.md", []byte("+++\ntitle = \"汇报（联系人：13812345678）\"\n+++\n共{{total}}件"), configtest.Site(t))
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), `content/reports/2019.md:2:17: title: "13812345678" looks like a mobile phone number`) {
		t.Errorf("got %v", errs)
	}
	// A figure's number never joins the digits around it.
	if _, errs := Parse("content/reports/2019.md", []byte("+++\ntitle = \"汇报\"\n+++\n共138{{total}}5678件，{{year}}0379"), configtest.Site(t)); len(errs) > 0 {
		t.Errorf("got %v", errs)
	}
}

func TestExpand(t *testing.T) {
	d := time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC)
	var all []*content.Suggestion
	add := func(n int, s content.Suggestion) {
		for range n {
			c := s
			c.Year = 2019
			all = append(all, &c)
		}
	}
	add(46, content.Suggestion{Category: "城建交通", Replied: d, Outcome: "A", Satisfaction: "满意", Met: true})
	add(14, content.Suggestion{Category: "财政经济", Replied: d, Outcome: "B", Satisfaction: "基本满意", Key: true})
	add(1, content.Suggestion{Category: "财政经济", Key: true}) // unreplied, no feedback
	src := "+++\ntitle = \"汇报\"\n+++\n{{year}}年共{{total}}件，城建交通类{{count category 城建交通}}件，占{{share category 城建交通}}；" +
		"A类{{share outcome A}}，满意{{share satisfaction 满意}}，重点{{count key}}件中基本满意{{count key satisfaction 基本满意}}件" +
		"（{{share key satisfaction 基本满意}}），见面率{{share met}}，答复率{{share replied}}。\n\n{{chart outcome}}\n\n见《{{link 2019-006}}》。\n"
	r, errs := Parse("content/reports/2019.md", []byte(src), configtest.Site(t))
	if errs != nil {
		t.Fatal(errs)
	}
	got := string(r.Expand(Env{
		Figures: stats.Compute(configtest.Site(t), all).Years[2019],
		Link: func(n string) (string, string) {
			return "关于*老旧*小区[整治]的建议", "/suggestions/" + n + "/"
		},
		Chart: func(k string) string { return "CHART-" + k },
	}))
	want := "2019年共61件，城建交通类46件，占75.4%；A类76.7%，满意76.7%，重点15件中基本满意14件（100%），见面率75.4%，答复率98.4%。\n\n" +
		"CHART-outcome\n\n见《[关于\\*老旧\\*小区\\[整治\\]的建议](/suggestions/2019-006/)》。\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if links := r.Links(); len(links) != 1 || links[0].Number != "2019-006" || links[0].Pos.Line != 8 {
		t.Errorf("links: %+v", links)
	}
}

// Load reads the reports and leaves out editors' hidden files, such as an
// emacs lock file that is not even a readable file.
func TestLoadSkipsHiddenFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/reports/2019.md":   {Data: []byte("+++\ntitle = \"2019\"\n+++\n{{total}}")},
		"content/reports/2020.md":   {Data: []byte("+++\ntitle = \"2020\"\n+++\n")},
		"content/reports/.#2019.md": {Data: []byte("not a report")},
		"content/reports/notes.txt": {Data: []byte("not Markdown")},
	}
	reports, errs := Load(fsys, configtest.Site(t))
	if errs != nil {
		t.Fatal(errs)
	}
	if len(reports) != 2 || reports[0].Year != 2020 || reports[1].Year != 2019 {
		t.Errorf("want 2020 then 2019, got %d reports", len(reports))
	}
}
