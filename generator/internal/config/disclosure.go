package config

import (
	"rdjy.local/portal/generator/internal/calendar"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Disclosure holds site.toml's settings for publishing replies (公开):
// the time limit for publishing a reply, and where a resident asks for a
// reply that is not published (依申请公开).
type Disclosure struct {
	// LimitWorkdays is the time limit for publishing a reply, in working
	// days after the reply date: publish_limit_workdays, 20 by default.
	LimitWorkdays int
	// LimitStrict makes a late publication an error instead of a warning
	// (publish_limit_strict).
	LimitStrict bool
	// RequestOffice and RequestAddress say where to apply for a reply that
	// is not published: request_office and request_address, or else owner
	// and address.
	RequestOffice  string
	RequestAddress string

	// Public says the site is published on the internet as a government
	// website (public = true): check -strict then requires the footer's
	// site_code, icp and police_record, as an inspection does.
	Public    bool
	PublicPos diag.Pos // where site.toml says so
}

// DefaultLimitWorkdays is the rule's time limit for publishing a reply.
const DefaultLimitWorkdays = 20

func readDisclosure(t *tomldoc.Table, s *Site) {
	d := &s.Disclosure
	var ok bool
	d.LimitWorkdays, ok = t.Int("publish_limit_workdays", false, "20")
	if ok && (d.LimitWorkdays < 1 || d.LimitWorkdays > 60) {
		t.Errorf("publish_limit_workdays", "the rule gives 20 working days; use a number from 1 to 60", "must be between 1 and 60, found %d", d.LimitWorkdays)
	}
	if d.LimitWorkdays <= 0 {
		d.LimitWorkdays = DefaultLimitWorkdays
	}
	d.LimitStrict = t.Bool("publish_limit_strict")
	d.Public, d.PublicPos = t.Bool("public"), t.ValuePos("public")
	d.RequestOffice = t.String("request_office", false, `"某某区人民政府办公室"`)
	d.RequestAddress = t.String("request_address", false, `"某某路12号"`)
	if d.RequestOffice == "" {
		d.RequestOffice = s.Owner
	}
	if d.RequestAddress == "" {
		d.RequestAddress = s.Address
	}
	shipped := calendar.Shipped()
	s.Calendar = calendar.New(append(shipped, calendar.Read(t, shipped)...)...)
}
