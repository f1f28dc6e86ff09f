package build

import (
	"fmt"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
)

// checkAsOf refuses an as_of earlier than the latest date the statistics
// count (an assignment, a reply or a follow-up of a published suggestion):
// the pages would state figures as of a day before the content and list
// no reply as overdue that became overdue since. Without as_of the
// statistics take that latest date, so the check needs no default.
func checkAsOf(cfg *config.Site, published []*content.Suggestion) diag.List {
	if cfg.AsOf.IsZero() {
		return nil
	}
	var latest time.Time
	var from *content.Suggestion
	var field string
	later := func(s *content.Suggestion, name string, t time.Time) {
		if t.After(latest) {
			latest, from, field = t, s, name
		}
	}
	for _, s := range published {
		later(s, "assigned", s.Assigned)
		later(s, "replied", s.Replied)
		for _, p := range s.Progress {
			later(s, "progress.date", p.Date)
		}
	}
	if !latest.After(cfg.AsOf) {
		return nil
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	msg := fmt.Sprintf("%s is earlier than the latest date in the content, %s (%s of %s): the statistics would be stated as of a past day and miss every reply overdue since",
		day(cfg.AsOf), day(latest), field, from.File)
	hint := fmt.Sprintf("write as_of = %s or a later day, or remove as_of so that the statistics are stated as of the latest date in the content", day(latest))
	return diag.List{cfg.AsOfError(msg, hint)}
}
