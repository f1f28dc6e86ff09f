package content

import (
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
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
	field := func(t *tomldoc.Table, key string, values ...string) {
		for _, v := range values {
			privacy.CheckField(data, t.ValuePos(key), t.Field(key), v, public, errs)
		}
	}
	field(t, "number", s.Number)
	field(t, "title", s.Title)
	field(t, "session", s.Session)
	field(t, "deputies", s.Deputies...)
	field(t, "lead_unit", s.LeadUnit)
	field(t, "co_units", s.CoUnits...)
	for i, pt := range t.Tables("progress") {
		if i < len(s.Progress) {
			field(pt, "text", s.Progress[i].Text)
		}
	}
	privacy.CheckMarkdown(file, s.Body, s.BodyLine, public, errs)
}
