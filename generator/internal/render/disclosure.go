package render

import (
	"fmt"
	"html/template"
	"sort"
	"time"

	"rdjy.local/portal/generator/internal/content"
)

// DisclosureView says how much of a suggestion is published (公开方式), as
// its front matter's disclosure says. Exactly one of Full, Summary and
// Withheld is true. Whatever a mode leaves out was dropped when the file
// was read: the page has only what may be shown.
type DisclosureView struct {
	Mode     string // "全文", "摘要" or "不公开"
	Full     bool   // everything is published
	Summary  bool   // the suggestion and a summary of the reply; the reply is not published
	Withheld bool   // only the suggestion's facts; neither its text nor the reply is published
	Reason   string // why not in full (disclosure_reason); empty with 全文

	// Where to apply for a reply that is not published (依申请公开):
	// site.toml's request_office and request_address. Set with Withheld.
	Office, Address string
}

// disclosure describes how sg is published.
func (e *Edition) disclosure(sg *content.Suggestion) *DisclosureView {
	d := &DisclosureView{Mode: string(sg.Disclosure), Reason: sg.DisclosureReason}
	switch sg.Disclosure {
	case content.Summary:
		d.Summary = true
	case content.Withheld:
		d.Withheld = true
		d.Office, d.Address = e.cfg.Disclosure.RequestOffice, e.cfg.Disclosure.RequestAddress
	default:
		d.Full, d.Mode = true, string(content.Full)
	}
	return d
}

// summary renders the summary of sg's reply, if it has one.
func (e *Edition) summary(sg *content.Suggestion) (template.HTML, error) {
	if len(sg.Summary) == 0 {
		return "", nil
	}
	h, err := e.md.Render(sg.Summary)
	if err != nil {
		return "", fmt.Errorf("%s:%d: markdown of the summary: %w", sg.File, sg.SummaryLine, err)
	}
	return h, nil
}

// publicationDay is the day a reply went online: its publication date, or
// the reply's date when it has none (a draft shown with -drafts).
func publicationDay(sg *content.Suggestion) time.Time {
	if !sg.Published.IsZero() {
		return sg.Published
	}
	return sg.Replied
}

// followUp is the latest follow-up (二次办理, 回头看) published after the
// reply went online, or nil: a withheld suggestion publishes none.
func followUp(sg *content.Suggestion) *content.Progress {
	if sg.Disclosure == content.Withheld || len(sg.Progress) == 0 {
		return nil
	}
	last := &sg.Progress[len(sg.Progress)-1] // in date order
	if !last.Date.After(publicationDay(sg)) {
		return nil
	}
	return last
}

// feedDay is the day a reply's entry in the feed last changed: the day it
// went online, or its latest follow-up published since.
func feedDay(sg *content.Suggestion) time.Time {
	if p := followUp(sg); p != nil {
		return p.Date
	}
	return publicationDay(sg)
}

// latestPublished orders replied suggestions by the day their entry in the
// feed last changed, latest first (by number among one day's).
func latestPublished(replied []*content.Suggestion) []*content.Suggestion {
	out := append([]*content.Suggestion(nil), replied...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := feedDay(out[i]), feedDay(out[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return content.NumberLess(out[i].Number, out[j].Number)
	})
	return out
}
