package content

import (
	"bytes"
	"fmt"
	"regexp"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/privacy"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Disclosure is how much of a suggestion's handling is published (公开方式),
// as the rules on disclosing replies allow: in full in principle, a summary
// where the reply is complex, nothing where it cannot be separated from
// state secrets, with the reason given.
type Disclosure string

// The disclosure modes, as front matter writes them.
const (
	Full     Disclosure = "全文"  // everything (the default)
	Summary  Disclosure = "摘要"  // the suggestion and a summary of the reply
	Withheld Disclosure = "不公开" // the suggestion's facts only: number, title, deputies, units, dates, outcome, feedback
)

var disclosures = []Disclosure{Full, Summary, Withheld}

// The body's sections that the disclosure modes know, each a level-2
// heading (## 建议内容).
const (
	SuggestionSection = "建议内容" // the suggestion as the deputy wrote it
	ReplySection      = "办理答复" // the handling unit's reply
	SummarySection    = "答复摘要" // a summary of the reply, instead of front matter's summary
)

// readDisclosure reads the disclosure fields of the front matter.
func (s *Suggestion) readDisclosure(t *tomldoc.Table) {
	s.Disclosure = Disclosure(t.String("disclosure", false, `"摘要"`))
	s.DisclosureReason = t.String("disclosure_reason", false, `"答复涉及国家秘密，不予公开"`)
	s.DeputyView = Disclosure(t.String("deputy_view", false, `"全文"`))
	s.Published, _ = t.Date("published", false)
	if summary := t.String("summary", false, `"……"`); summary != "" {
		s.Summary, s.SummaryLine = []byte(summary), t.ValuePos("summary").Line
	}
}

// checkDisclosurePersonalData passes the disclosure fields that hold text
// through the personal-data check, as checkPersonalData does the others:
// the reason as TOML decodes it, and front matter's summary, which is
// Markdown, as its page shows it. (A summary written as a section is part
// of the body, which that check reads whole.)
func (s *Suggestion) checkDisclosurePersonalData(data []byte, t *tomldoc.Table, site *config.Site, errs *diag.List) {
	if s.DisclosureReason != "" {
		privacy.CheckField(data, t.ValuePos("disclosure_reason"), t.Field("disclosure_reason"), s.DisclosureReason, site.Public(), errs)
	}
	if s.Summary != nil {
		CheckBody(s.File, s.Summary, s.SummaryLine, site, errs)
	}
}

// disclose checks the disclosure fields and keeps of the suggestion only
// what may be published: with Summary, the body's 建议内容 section; with
// Withheld, no body and no follow-up's text. What is not kept is published
// nowhere, since no page, index or data file is made from anything else.
// The body's 答复摘要 section becomes Summary in every mode.
func (s *Suggestion) disclose(t *tomldoc.Table, site *config.Site, errs *diag.List) {
	s.checkModes(t)
	if sec := sections(s.Body).find(SummarySection); sec != nil {
		if s.Summary != nil {
			t.Errorf("summary", "keep one: the summary field or the section ## "+SummarySection, "the summary is written twice: here and in the section ## %s on line %d", SummarySection, s.BodyLine+sec.line)
		} else {
			text := sec.content(s.Body)
			lead := len(text) - len(bytes.TrimLeft(text, " \t\n"))
			s.Summary = bytes.TrimSpace(text)
			s.SummaryLine = s.BodyLine + sec.line + 1 + bytes.Count(text[:lead], []byte("\n"))
		}
	}
	s.Body = publishedBody(s.Body, s.Disclosure)
	switch s.Disclosure {
	case Summary:
		if s.Summary == nil {
			t.Errorf("disclosure", `write the summary as summary = "…", or in the body under a heading ## `+SummarySection,
				"a reply published as a summary (摘要) needs its summary")
		}
	case Withheld:
		if s.DisclosureReason == "" {
			t.Errorf("disclosure", `add disclosure_reason = "…", such as "答复涉及国家秘密，不予公开"`,
				"a suggestion whose handling is not published (不公开) needs the reason, which is published")
		}
		if s.Summary != nil {
			t.Errorf("summary", `remove the summary, or publish it with disclosure = "摘要"`, "a reply that is not published has no summary")
		}
		s.Summary = nil
		for i := range s.Progress {
			s.Progress[i].Text = ""
		}
	}
	s.checkAddresses(t, errs)
	s.checkPublished(t, site)
}

// publishedBody is what mode publishes of body, the Markdown after the
// front matter: without the 答复摘要 section (which is Summary) in every
// mode; only the 建议内容 section with Summary; nothing with Withheld. The
// lines left out are kept blank, so that lines keep their numbers. It is
// the same whether the body is read at load or again when its page is made
// (text.go).
func publishedBody(body []byte, mode Disclosure) []byte {
	secs := sections(body)
	if sec := secs.find(SummarySection); sec != nil {
		body = blank(body, sec.start, sec.end)
		secs = sections(body)
	}
	switch mode {
	case Summary:
		if kept := secs.find(SuggestionSection); kept != nil {
			return blank(blank(body, kept.end, len(body)), 0, kept.start)
		}
		return blank(body, 0, len(body))
	case Withheld:
		return nil
	}
	return body
}

// addressLabel is a postal address written out with its label (地址：…).
// The personal-data check finds phone numbers and e-mail addresses; a
// deputy's postal address has no pattern of its own, but the fields added
// for publishing (the summary and the reason) have no address to give at
// all, so a labelled one is refused there.
var addressLabel = regexp.MustCompile(`(?:住址|地址|住所|通讯处)\s*[:：]`)

func (s *Suggestion) checkAddresses(t *tomldoc.Table, errs *diag.List) {
	const hint = "remove it: the summary and the reason never carry anyone's address"
	if addressLabel.MatchString(s.DisclosureReason) {
		t.Errorf("disclosure_reason", hint, "looks like it gives an address")
	}
	if loc := addressLabel.FindIndex(s.Summary); loc != nil {
		line := s.SummaryLine + bytes.Count(s.Summary[:loc[0]], []byte("\n"))
		errs.Add(diag.Pos{File: s.File, Line: line}, "summary", "the summary looks like it gives an address", hint)
	}
}

// checkModes checks the modes' values and the deputy's recorded wish.
func (s *Suggestion) checkModes(t *tomldoc.Table) {
	if s.Disclosure == "" {
		s.Disclosure = Full
	}
	valid := func(field string, d Disclosure) bool {
		for _, v := range disclosures {
			if d == v {
				return true
			}
		}
		t.Errorf(field, `use "全文", "摘要" or "不公开"`, "%q is not a way of publishing", string(d))
		return false
	}
	if !valid("disclosure", s.Disclosure) {
		s.Disclosure = Withheld // publish nothing of a suggestion that cannot be read right
	}
	if s.DeputyView != "" && !valid("deputy_view", s.DeputyView) {
		s.DeputyView = ""
	}
	if s.DisclosureReason != "" && s.Disclosure == Full {
		t.Errorf("disclosure_reason", `remove it, or set disclosure = "摘要" or "不公开"`, "a reason is given only for a reply that is not published in full")
	}
	if s.Disclosure == Full && (s.DeputyView == Summary || s.DeputyView == Withheld) {
		t.Errorf("disclosure", `publish a summary (disclosure = "摘要") or nothing (disclosure = "不公开"), or record the deputy's agreement (deputy_view = "全文")`,
			"published in full against the deputy's recorded wish (deputy_view = %q)", string(s.DeputyView))
	}
}

// checkPublished checks the publication date (公开日期): not before the
// reply. Publishing later than the time limit is an error here only when
// site.toml says so (publish_limit_strict); otherwise PublicationWarnings
// reports it, and a replied suggestion without a publication date.
func (s *Suggestion) checkPublished(t *tomldoc.Table, site *config.Site) {
	s.publishedPos = atPos(t.ValuePos("published"))
	s.disclosurePos = atPos(t.ValuePos("disclosure"))
	switch {
	case s.Published.IsZero():
		return // a warning, for a replied suggestion: see PublicationWarnings
	case s.IsReplied() && s.Published.Before(s.Replied):
		t.Errorf("published", "a reply is published after it is sent; check both dates", "published %s is before the reply of %s", day(s.Published), day(s.Replied))
	case !s.Assigned.IsZero() && s.Published.Before(s.Assigned):
		t.Errorf("published", "check both dates", "published %s is before assigned %s", day(s.Published), day(s.Assigned))
	case site.Disclosure.LimitStrict:
		if msg, hint := s.lateness(site); msg != "" {
			t.Errorf("published", hint, "%s", msg)
		}
	}
}

// PublishedPos is where the front matter writes published, or where it
// starts when it does not.
func (s *Suggestion) PublishedPos() diag.Pos { return s.pos(s.publishedPos) }

// lateness describes a publication later than the time limit, or one whose
// limit the calendar cannot tell; "" when it is on time or there is nothing
// to tell.
func (s *Suggestion) lateness(site *config.Site) (msg, hint string) {
	if !s.IsReplied() || s.Published.IsZero() || s.Published.Before(s.Replied) {
		return "", ""
	}
	limit := site.Disclosure.LimitWorkdays
	deadline, err := site.Calendar.AddWorkdays(s.Replied, limit)
	if err != nil {
		return "cannot check the time limit for publication: " + err.Error(), ""
	}
	if !s.Published.After(deadline) {
		return "", ""
	}
	late, _ := site.Calendar.Workdays(s.Replied, s.Published)
	return fmt.Sprintf("published %s, %d working days after the reply of %s: the limit is %d working days (%s at the latest)",
			day(s.Published), late, day(s.Replied), limit, day(deadline)),
		"publish a reply within the time limit; if the date is wrong, correct it"
}

// PublicationWarnings gives check's warnings about publishing the given
// suggestions: a replied suggestion without its publication date, a reply
// published later than the time limit (unless site.toml makes that an
// error), or one whose limit falls in a year the calendar does not know,
// and a summary published although the deputy asked that nothing be.
func PublicationWarnings(site *config.Site, published []*Suggestion) diag.List {
	var warnings diag.List
	for _, s := range published {
		if s.IsReplied() && s.Published.IsZero() {
			warnings.Add(s.pos(s.publishedPos), "published", "missing: a replied suggestion needs its publication date (公开日期)",
				"add the day the reply was put online, such as published = "+day(s.Replied.AddDate(0, 0, 7)))
		}
		if !site.Disclosure.LimitStrict {
			if msg, hint := s.lateness(site); msg != "" {
				warnings.Add(s.pos(s.publishedPos), "published", msg, hint)
			}
		}
		if s.Disclosure == Summary && s.DeputyView == Withheld {
			warnings.Add(s.pos(s.disclosurePos), "disclosure", `a summary is published although the deputy asked that nothing be (deputy_view = "不公开")`,
				`make sure the deputy agreed to the summary, then record it (deputy_view = "摘要")`)
		}
	}
	warnings.Sort()
	return warnings
}

// OnTime reports whether the reply was published within the time limit of
// site.toml; known is false when that cannot be told: not replied, not yet
// published, or a day of a year the calendar does not know.
func (s *Suggestion) OnTime(site *config.Site) (onTime, known bool) {
	if !s.IsReplied() || s.Published.IsZero() {
		return false, false
	}
	deadline, err := site.Calendar.AddWorkdays(s.Replied, site.Disclosure.LimitWorkdays)
	if err != nil {
		return false, false
	}
	return !s.Published.After(deadline), true
}

// section is a part of the body under one level-2 heading.
type section struct {
	title      string
	line       int // of the heading, counted from the body's first line (0)
	start, end int // byte offsets in the body: from the heading line to the next heading
}

type sectionList []section

func (l sectionList) find(title string) *section {
	for i := range l {
		if l[i].title == title {
			return &l[i]
		}
	}
	return nil
}

// content is the section's text after its heading line.
func (sec *section) content(body []byte) []byte {
	text := body[sec.start:sec.end]
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		return text[i+1:]
	}
	return nil
}

// sections splits a Markdown body at its level-2 ATX headings (## 建议内容),
// leaving out lines inside fenced code blocks.
func sections(body []byte) sectionList {
	var list sectionList
	fence := ""
	off := 0
	for line := 0; off < len(body); line++ {
		end := bytes.IndexByte(body[off:], '\n')
		next := len(body)
		if end >= 0 {
			next = off + end + 1
		}
		text := bytes.TrimRight(body[off:next], "\r\n")
		trimmed := bytes.TrimLeft(text, " ")
		switch {
		case fence != "":
			if bytes.HasPrefix(trimmed, []byte(fence)) {
				fence = ""
			}
		case bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~")):
			fence = string(trimmed[:3])
		case len(text)-len(trimmed) < 4 && bytes.HasPrefix(trimmed, []byte("## ")):
			if len(list) > 0 {
				list[len(list)-1].end = off
			}
			title := string(bytes.TrimSpace(bytes.TrimRight(bytes.TrimSpace(trimmed[3:]), "#")))
			list = append(list, section{title: title, line: line, start: off, end: len(body)})
		}
		off = next
	}
	return list
}

// blank gives a copy of body with the bytes from start to end replaced by
// as many empty lines as they held, so that the lines after them keep their
// numbers.
func blank(body []byte, start, end int) []byte {
	out := make([]byte, 0, len(body))
	out = append(out, body[:start]...)
	out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(body[start:end], []byte("\n")))...)
	out = append(out, body[end:]...)
	return out
}
