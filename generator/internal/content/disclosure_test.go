package content

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
)

// threeSections is a body with the suggestion, the reply and a summary.
const threeSections = `
## 建议内容

建议对老旧小区配套公共设施进行整治提升。

## 办理答复

郭宇清代表：经研究，区财政已拨付专项资金，年内完成改造。

## 答复摘要

已拨付资金，年内完成改造。
`

// disclosed is the valid suggestion with fields instead of its
// publication date, and body instead of its body when body is not "".
func disclosed(t *testing.T, fields, body string) string {
	t.Helper()
	text := edit(t, "published = 2019-06-28\n", fields)
	if body != "" {
		i := strings.Index(text, "\n+++\n") + len("\n+++\n")
		text = text[:i] + body
	}
	return text
}

func parseWith(t *testing.T, site *config.Site, text string) (*Suggestion, string) {
	t.Helper()
	s, errs := Parse("a.md", []byte(text), site)
	return s, errs.Error()
}

// strictSite is the test site with late publication refused.
func strictSite(t *testing.T) *config.Site {
	s, errs := config.Parse("site.toml", []byte("publish_limit_strict = true\n"+configtest.TOML))
	if errs != nil {
		t.Fatal(errs)
	}
	return s
}

func TestDisclosureErrors(t *testing.T) {
	site := configtest.Site(t)
	cases := []struct {
		name, fields, body string
		want               string // "" for no problem
	}{
		{"full by default", "published = 2019-06-28\n", "", ""},
		{"unknown mode", "published = 2019-06-28\ndisclosure = \"部分\"\n", "", `a.md:17:14: disclosure: "部分" is not a way of publishing (use "全文", "摘要" or "不公开")`},
		{"withheld without reason", "published = 2019-06-28\ndisclosure = \"不公开\"\n", "", "disclosure: a suggestion whose handling is not published (不公开) needs the reason"},
		{"reason with full text", "published = 2019-06-28\ndisclosure_reason = \"涉密\"\n", "", "disclosure_reason: a reason is given only for a reply that is not published in full"},
		{"summary mode without summary", "published = 2019-06-28\ndisclosure = \"摘要\"\n", "", "disclosure: a reply published as a summary (摘要) needs its summary"},
		{"summary written twice", "published = 2019-06-28\ndisclosure = \"摘要\"\nsummary = \"已拨付资金。\"\n", threeSections,
			"a.md:18:11: summary: the summary is written twice: here and in the section ## 答复摘要 on line 36"},
		{"withheld with a summary", "published = 2019-06-28\ndisclosure = \"不公开\"\ndisclosure_reason = \"涉密\"\n", threeSections, "summary: a reply that is not published has no summary"},
		{"full text against the deputy's wish", "published = 2019-06-28\ndeputy_view = \"摘要\"\n", "",
			`disclosure: published in full against the deputy's recorded wish (deputy_view = "摘要")`},
		{"deputy agrees", "published = 2019-06-28\ndeputy_view = \"全文\"\n", "", ""},
		{"summary against a wish for nothing: only a warning", "published = 2019-06-28\ndeputy_view = \"不公开\"\ndisclosure = \"摘要\"\nsummary = \"x\"\n", "", ""},
		{"unknown deputy view", "published = 2019-06-28\ndeputy_view = \"同意\"\n", "", `deputy_view: "同意" is not a way of publishing`},
		{"replied but no publication date: only a warning", "", "", ""},
		{"a draft needs no publication date yet", "draft = true\n", "", ""},
		{"published before the reply", "published = 2019-06-19\n", "", "a.md:16:13: published: published 2019-06-19 is before the reply of 2019-06-20"},
		{"published in another decade", "published = 2091-06-28\n", "", "published: 2091-06-28 is implausible for a suggestion of 2019"},
		{"the 20th working day is on time", "published = 2019-07-18\n", "", ""},
		{"late publication: only a warning", "published = 2019-07-19\n", "", ""},
		{"contact details in the summary", "published = 2019-06-28\ndisclosure = \"摘要\"\nsummary = \"请联系13812345678\"\n", "", `"13812345678" looks like a mobile phone number`},
		{"contact details in the reason", "published = 2019-06-28\ndisclosure = \"不公开\"\ndisclosure_reason = \"详询 guo@example.com\"\n", "", `"guo@example.com" looks like an e-mail address`},
		{"an address in the summary", "published = 2019-06-28\ndisclosure = \"摘要\"\nsummary = \"已答复。代表住址：涧西区某路1号\"\n", "",
			"a.md:18: summary: the summary looks like it gives an address"},
		{"an address in the reason", "published = 2019-06-28\ndisclosure = \"不公开\"\ndisclosure_reason = \"代表通讯处：某路1号\"\n", "",
			"disclosure_reason: looks like it gives an address"},
		{"an address in the summary section", "published = 2019-06-28\n", strings.Replace(threeSections, "已拨付资金，年内完成改造。\n", "已拨付资金，年内完成改造。\n联系地址：涧西区某路1号\n", 1),
			"a.md:37: summary: the summary looks like it gives an address"},
		{"contact details in the summary section", "published = 2019-06-28\n", strings.Replace(threeSections, "已拨付资金，年内完成改造。\n", "已拨付资金，电话0379-62345678。\n", 1), `"0379-62345678" looks like a landline phone number`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, got := parseWith(t, site, disclosed(t, c.fields, c.body))
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Errorf("want %q, got\n%s", c.want, got)
			}
		})
	}
}

// warningsOf parses text and gives check's warnings about it.
func warningsOf(t *testing.T, site *config.Site, text string) string {
	t.Helper()
	s, errs := Parse("a.md", []byte(text), site)
	if s == nil {
		t.Fatal(errs)
	}
	return PublicationWarnings(site, []*Suggestion{s}).Error()
}

func TestPublicationWarnings(t *testing.T) {
	site := configtest.Site(t)
	for _, c := range []struct{ name, fields, want string }{
		{"on time", "published = 2019-07-18\n", ""},
		{"replied but no publication date", "", "a.md:2: published: missing: a replied suggestion needs its publication date (公开日期) (add the day the reply was put online, such as published = 2019-06-27)"},
		{"late", "published = 2019-07-19\n",
			"a.md:16:13: published: published 2019-07-19, 21 working days after the reply of 2019-06-20: the limit is 20 working days (2019-07-18 at the latest)"},
		{"a summary against a wish for nothing", "published = 2019-06-28\ndeputy_view = \"不公开\"\ndisclosure = \"摘要\"\nsummary = \"x\"\n",
			`a.md:18:14: disclosure: a summary is published although the deputy asked that nothing be (deputy_view = "不公开")`},
		{"a summary the deputy asked for", "published = 2019-06-28\ndeputy_view = \"摘要\"\ndisclosure = \"摘要\"\nsummary = \"x\"\n", ""},
	} {
		got := warningsOf(t, site, disclosed(t, c.fields, ""))
		if c.want == "" && got != "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: want %q, got\n%s", c.name, c.want, got)
		}
	}
}

func TestLatePublicationStrict(t *testing.T) {
	site := strictSite(t)
	text := disclosed(t, "published = 2019-07-19\n", "")
	if _, got := parseWith(t, site, text); !strings.HasPrefix(got, "a.md:16:13: published: published 2019-07-19, 21 working days") {
		t.Errorf("with publish_limit_strict, a late publication is an error; got\n%s", got)
	}
	if got := warningsOf(t, site, text); got != "" {
		t.Errorf("and not a warning too: %s", got)
	}
}

func TestPublicationOutsideTheCalendar(t *testing.T) {
	text := strings.NewReplacer("year = 2019", "year = 2027", "2019-03-27", "2027-03-29", "2019-06-20", "2027-06-21",
		"2019-09-15", "2027-09-15", "2019-11-20", "2027-11-20").Replace(disclosed(t, "published = 2027-06-28\n", ""))
	site := configtest.Site(t)
	if got := warningsOf(t, site, text); !strings.Contains(got, "a.md:16:13: published: cannot check the time limit for publication: the working-day calendar has no holidays for 2027") {
		t.Errorf("got\n%s", got)
	}
	s, _ := parseWith(t, site, text)
	if _, known := s.OnTime(site); known {
		t.Error("OnTime claims to know a year the calendar does not")
	}
	if _, got := parseWith(t, strictSite(t), text); !strings.Contains(got, "a.md:16:13: published: cannot check") {
		t.Errorf("strict: got\n%s", got)
	}
}

func TestOnTime(t *testing.T) {
	site := configtest.Site(t)
	for _, c := range []struct {
		fields        string
		onTime, known bool
	}{
		{"published = 2019-07-18\n", true, true},
		{"published = 2019-07-19\n", false, true},
		{"draft = true\n", false, false}, // not published yet
	} {
		s, _ := parseWith(t, site, disclosed(t, c.fields, ""))
		if on, known := s.OnTime(site); on != c.onTime || known != c.known {
			t.Errorf("%s: OnTime = %v, %v; want %v, %v", strings.TrimSpace(c.fields), on, known, c.onTime, c.known)
		}
	}
}

// The modes keep of the text only what they publish, and keep the lines
// of what they keep.
func TestDisclosureKeepsOnlyWhatIsPublished(t *testing.T) {
	site := configtest.Site(t)
	lines := func(b []byte) int { return bytes.Count(b, []byte("\n")) }
	const reply, summary, suggestion = "区财政已拨付专项资金", "已拨付资金，年内完成改造。", "建议对老旧小区配套公共设施进行整治提升。"

	full, errs := parseWith(t, site, disclosed(t, "published = 2019-06-28\n", threeSections))
	if errs != "" {
		t.Fatal(errs)
	}
	if string(full.Summary) != summary || full.SummaryLine != full.BodyLine+11 ||
		!bytes.Contains(full.Body, []byte(reply)) || bytes.Contains(full.Body, []byte(summary)) || lines(full.Body) != lines([]byte(threeSections)) {
		t.Errorf("全文: summary %q at line %d, body %q", full.Summary, full.SummaryLine, full.Body)
	}

	sum, errs := parseWith(t, site, disclosed(t, "published = 2019-06-28\ndisclosure = \"摘要\"\n", threeSections))
	if errs != "" {
		t.Fatal(errs)
	}
	if string(sum.Summary) != summary || !bytes.Contains(sum.Body, []byte(suggestion)) || bytes.Contains(sum.Body, []byte(reply)) ||
		bytes.Contains(sum.Body, []byte(ReplySection)) || lines(sum.Body) != lines([]byte(threeSections)) {
		t.Errorf("摘要: summary %q, body %q", sum.Summary, sum.Body)
	}

	held, errs := parseWith(t, site, disclosed(t, "published = 2019-06-28\ndisclosure = \"不公开\"\ndisclosure_reason = \"答复涉及国家秘密，不予公开\"\n", ""))
	if errs != "" {
		t.Fatal(errs)
	}
	if held.Body != nil || held.Summary != nil || len(held.Progress) != 2 || held.Progress[0].Text != "" || held.Progress[0].Date.IsZero() {
		t.Errorf("不公开: body %q, summary %q, follow-ups %+v", held.Body, held.Summary, held.Progress)
	}
	if held.DisclosureReason != "答复涉及国家秘密，不予公开" || held.Disclosure != Withheld {
		t.Errorf("不公开: %q, %q", held.Disclosure, held.DisclosureReason)
	}
}

// A summary section inside a fenced code block is code, not the summary.
func TestSectionsSkipCode(t *testing.T) {
	body := "## 建议内容\n\n```\n## 答复摘要\n```\n\n## 办理答复 ##\n\n答复。\n"
	secs := sections([]byte(body))
	if len(secs) != 2 || secs[1].title != ReplySection || secs.find(SummarySection) != nil {
		t.Errorf("sections %+v", secs)
	}
}

func TestWithheldAttachmentsArePublishedNowhere(t *testing.T) {
	for mode, fields := range map[Disclosure]string{
		Full:     "",
		Summary:  "disclosure = \"摘要\"\nsummary = \"已拨付资金。\"\n",
		Withheld: "disclosure = \"不公开\"\ndisclosure_reason = \"涉密\"\n",
	} {
		m := fstest.MapFS{
			dir006 + "index.md": {Data: []byte(disclosed(t, "published = 2019-06-28\n"+fields, ""))},
			dir006 + "答复函.pdf":  {Data: pdfData},
		}
		all, errs := Load(m, configtest.Site(t))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if got, want := len(all[0].Attachments), map[bool]int{true: 1, false: 0}[mode == Full]; got != want {
			t.Errorf("%s: %d attachments published, want %d", mode, got, want)
		}
	}
}
