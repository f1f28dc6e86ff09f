package content

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/markdown"
	"rdjy.local/portal/generator/internal/privacy"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// checkPersonalData reports deputies' contact details in everything the
// suggestion publishes (its page, the open data, the search index): every
// text field as TOML decodes it, and the body as the rendered page shows
// it, so that escapes, bold in the middle of a number or a line break hide
// nothing. data is the file's text; t its front matter, read into s.
func checkPersonalData(file string, data []byte, t *tomldoc.Table, s *Suggestion, site *config.Site, errs *diag.List) {
	public := site.Public()
	field := func(t *tomldoc.Table, key string, value string) {
		privacy.CheckField(data, t.ValuePos(key), t.Field(key), value, public, errs)
	}
	list := func(key string, values []string) {
		for i, v := range values {
			privacy.CheckField(data, t.EntryPos(key, i), t.Field(key), v, public, errs)
		}
	}
	field(t, "number", s.Number)
	field(t, "title", s.Title)
	field(t, "session", s.Session)
	list("deputies", s.Deputies)
	field(t, "lead_unit", s.LeadUnit)
	list("co_units", s.CoUnits)
	for i, pt := range t.Tables("progress") {
		if i < len(s.Progress) {
			field(pt, "text", s.Progress[i].Text)
		}
	}
	CheckBody(file, s.Body, s.BodyLine, site, errs)
}

// CheckBody checks Markdown, which starts on line firstLine of file: that
// it keeps within markdown.Limits, and, as its page will show it, that it
// has no contact details and no images from other sites, which pages
// never load.
func CheckBody(file string, body []byte, firstLine int, site *config.Site, errs *diag.List) {
	if problems := markdown.Limits(body); len(problems) > 0 {
		for _, p := range problems {
			errs.Add(bodyPos(file, body, firstLine, p.Offset), "", p.Msg, p.Hint)
		}
		return // not parsed: such text could take long
	}
	shown, err := markdown.Visible(body)
	if err != nil {
		errs.Add(diag.Pos{File: file, Line: firstLine}, "", err.Error(), "")
		return
	}
	privacy.CheckShown(file, body, firstLine, shown, site.Public(), errs)
	for _, img := range shown.Images {
		if !markdown.External(img.Dest) {
			continue
		}
		pos := diag.Pos{File: file, Line: firstLine}
		if img.Offset >= 0 {
			pos = bodyPos(file, body, firstLine, img.Offset)
		}
		errs.Add(pos, "", "an image from another site, "+strconv.Quote(img.Dest)+": the pages load nothing from other sites",
			"save the image in static/ (static/images/photo.jpg) and write ![说明](/images/photo.jpg), or link to it: [说明]("+img.Dest+")")
	}
}

// bodyPos is the position in file of byte offset off of body.
func bodyPos(file string, body []byte, firstLine, off int) diag.Pos {
	before := body[:off]
	line := bytes.Count(before, []byte("\n"))
	col := utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return diag.Pos{File: file, Line: firstLine + line, Col: col}
}
