package pdfletter

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/content"
)

// ReplyHeading is the heading of the reply in a suggestion's Markdown.
const ReplyHeading = "## 办理答复"

// FromReply makes the letter of a suggestion's reply: the text under its
// "## 办理答复" heading, from sender, dated the day of the reply. Markdown
// is read plainly: paragraphs joined as the site joins them, ** dropped,
// each row of a table as "cell：cell" without the header row.
func FromReply(sg *content.Suggestion, sender string) Letter {
	l := Letter{Title: "关于《" + sg.Title + "》的答复", Closing: []string{sender}}
	if sg.IsReplied() {
		d := sg.Replied
		l.Closing = append(l.Closing, fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day()))
	}
	_, reply, _ := strings.Cut(string(sg.Body), ReplyHeading+"\n")
	reply, _, _ = strings.Cut(reply, "\n## ")
	var para []string
	flush := func() {
		if len(para) > 0 {
			l.Paragraphs = append(l.Paragraphs, join(para))
			para = nil
		}
	}
	header := true // the next table row is a header
	for _, raw := range strings.Split(reply, "\n") {
		line := strings.TrimSpace(strings.ReplaceAll(raw, "**", ""))
		switch {
		case line == "":
			flush()
			header = true
		case strings.HasPrefix(line, "|"):
			flush()
			cells := strings.Split(strings.Trim(line, "|"), "|")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			if strings.Trim(strings.Join(cells, ""), "-: ") == "" || header {
				header = false
				continue
			}
			l.Paragraphs = append(l.Paragraphs, strings.Join(cells, "："))
		default:
			para = append(para, strings.TrimLeft(line, "#> "))
		}
	}
	flush()
	return l
}

// join joins the lines of a paragraph as the site's Markdown does: with
// nothing between Chinese characters, with a space between Latin words.
func join(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if last < utf8.RuneSelf && first < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
