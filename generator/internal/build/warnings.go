package build

import (
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
)

// warnings are what check reports without failing: a deputy site.toml
// lists that no suggestion names, a unit name that looks like a typo of a
// listed one, and published attachments no person has yet reviewed for
// personal data. all includes drafts (a draft naming a deputy is a use of
// the entry); published does not (a draft's files are not published).
func warnings(cfg *config.Site, all, published []*content.Suggestion) diag.List {
	w := content.PeopleWarnings(cfg, all)
	w = append(w, content.UnreviewedAttachments(published)...)
	w.Sort()
	return w
}
