package content

import (
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
)

// TestLimits: the shapes of text that made loading and rendering take time
// growing faster than the text (issue 16) are refused with their position
// before anything parses them; so is a file larger than site.toml allows.
func TestLimits(t *testing.T) {
	body := func(text string) string { return edit(t, "建议对老旧", text+"\n\n建议对老旧") }
	cases := []struct{ name, file, want string }{
		{"links that never close", body(strings.Repeat("[a](", 5000)), "a.md:28:1: a paragraph with 5000 links or images: at most 200 fit in one"},
		{"a huge paragraph", body(strings.Repeat("很长的段落", 5000)), "a.md:28:1: a paragraph of 73 KB: at most 64 KB fit in one (put a blank line between paragraphs)"},
		{"emphasis markers", body(strings.Repeat("a*b_", 1001)), "a.md:28:1: a paragraph with 2002 emphasis, code or link markers"},
		{"nested quotes", body(strings.Repeat("> ", 11) + "深"), "a.md:28:1: quotes or lists nested more than 10 deep"},
		{"nested lists", body(strings.Repeat("- ", 6) + strings.Repeat("1. ", 6) + "深"), "a.md:28:1: quotes or lists nested more than 10 deep"},
		{"a deep indentation", body(strings.Repeat(" ", 41) + "- 深"), "a.md:28:1: a line indented by more than 40 spaces"},
		{"nested TOML", edit(t, `key = true`, "key = "+strings.Repeat("[", 5000)+strings.Repeat("]", 5000)), "a.md:8:11: lists or tables nested more than 4 deep"},
	}
	site := configtest.Site(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := Parse("a.md", []byte(c.file), site)
			if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.want) {
				t.Errorf("want a problem starting with\n  %s\ngot\n  %v", c.want, errs)
			}
		})
	}
	// A long table, many links in separate paragraphs and lists nested
	// ten deep are fine.
	table := "| 项目 | 完成 |\n| --- | --- |\n" + strings.Repeat("| 很长的项目名称很长的项目名称 | 已完成 |\n", 3000)
	links := strings.Repeat("[链接](https://www.ly.gov.cn/)\n\n", 500)
	nested := strings.Repeat("> ", 5) + strings.Repeat("- ", 5) + "深"
	for _, text := range []string{table, links, nested} {
		if _, errs := Parse("a.md", []byte(body(text)), site); len(errs) > 0 {
			t.Errorf("%.40q: %v", text, errs)
		}
	}
}

func TestTooLarge(t *testing.T) {
	site, errs := config.Parse("site.toml", []byte(configtest.TOML+"\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	big := edit(t, "建议对老旧", strings.Repeat("很长的文字。\n\n", 60000))
	_, errs = Parse("a.md", []byte(big), site)
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "a.md: the file is 1173 KB: a suggestion or report may have at most 1024 KB (max_suggestion_kb in site.toml)") {
		t.Errorf("got %v", errs)
	}
}
