package content

import (
	"fmt"
	"strings"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Deputies and units each have a page, named by a slug: site.toml's, or
// the name itself. The checks here keep those pages apart.

// checkPeople checks the deputies one file names: each names a page, and a
// name that site.toml gives to several deputies must be written as one of
// their keys.
func (s *Suggestion) checkPeople(t *tomldoc.Table, site *config.Site) {
	s.deputyPos = make([]at, len(s.Deputies))
	for i := range s.Deputies {
		s.deputyPos[i] = atPos(t.EntryPos("deputies", i))
	}
	s.unitPos = append(make([]at, 0, 1+len(s.CoUnits)), atPos(t.ValuePos("lead_unit")))
	for i := range s.CoUnits {
		s.unitPos = append(s.unitPos, atPos(t.EntryPos("co_units", i)))
	}
	seen := map[string]bool{}
	for i, d := range s.Deputies {
		if seen[d] {
			t.EntryErrorf("deputies", i, "name each deputy once: the lead deputy first, then those who co-signed", "%q is named twice", d)
			continue
		}
		seen[d] = true
		if config.UnsafeName(d) {
			t.EntryErrorf("deputies", i, "write the name without / \\ ? # %", "%q cannot be part of a web address", d)
			continue
		}
		if _, keys := site.Deputies.Resolve(d); keys != nil {
			t.EntryErrorf("deputies", i, "write the key site.toml gives the one meant: "+quoteAll(keys),
				"%q names %d deputies in site.toml's [[deputies]]", d, len(keys))
		}
	}
	for i, name := range append([]string{s.LeadUnit}, s.CoUnits...) {
		key, ok := site.Units.LabelOf(name)
		if !ok {
			continue
		}
		hint, msg := "write its key, "+fmt.Sprintf("%q", key)+": pages show the label", fmt.Sprintf("%q is the label of a unit site.toml lists", name)
		if i == 0 {
			t.Errorf("lead_unit", hint, "%s", msg)
		} else {
			t.EntryErrorf("co_units", i-1, hint, "%s", msg)
		}
	}
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// checkSlugs finds two deputies, or two units, that would share a page:
// names that differ only in case ("Alim", "ALIM": one folder on Windows and
// macOS), or a name that is another's slug in site.toml.
func checkSlugs(site *config.Site, all []*Suggestion, errs *diag.List) {
	deputies := map[string]string{} // lower-cased slug → key
	units := map[string]string{}
	for _, d := range site.Deputies.List() {
		deputies[strings.ToLower(d.Slug)] = d.Key
	}
	for _, u := range site.Units.List() {
		units[strings.ToLower(u.Slug)] = u.Key
	}
	// A name that claimed its page once claims it again without a
	// problem: only the first mention of each is looked at, and every
	// mention of a name that has a problem is reported.
	fineDeputy, fineUnit := map[string]bool{}, map[string]bool{}
	for _, s := range all {
		for i, d := range s.Deputies {
			if fineDeputy[d] {
				continue
			}
			dep, keys := site.Deputies.Resolve(d)
			if keys == nil && !config.UnsafeName(d) {
				fineDeputy[d] = claim(deputies, dep.Key, dep.Slug, s.pos(s.deputyPos[i]), "deputies", "deputy", errs)
			}
		}
		for i := range 1 + len(s.CoUnits) {
			name := s.LeadUnit
			if i > 0 {
				name = s.CoUnits[i-1]
			}
			if fineUnit[name] || name == "" || config.UnsafeName(name) {
				continue
			}
			u := site.Units.Resolve(name)
			field, pos := "lead_unit", s.pos(s.unitPos[i])
			if i > 0 {
				field = "co_units"
			}
			fineUnit[name] = claim(units, u.Key, u.Slug, pos, field, "unit", errs)
		}
	}
}

// claim records that slug names the page of key, and reports it at pos
// when another already has it; it reports whether key has the page.
func claim(slugs map[string]string, key, slug string, pos diag.Pos, field, what string, errs *diag.List) bool {
	lower := strings.ToLower(slug)
	other, taken := slugs[lower]
	switch {
	case !taken:
		slugs[lower] = key
	case other != key:
		errs.Add(pos, field, fmt.Sprintf("%q and %q would share one page (%s)", key, other, slug),
			"write the "+what+" the same way everywhere, or give one a slug of its own in site.toml")
		return false
	}
	return true
}

// PeopleWarnings gives check's warnings about deputies and units: a
// deputy or unit site.toml lists that no suggestion names (a typo on
// either side, or one with nothing yet: its page is not made), and a unit
// name that is not listed in [[units]] but looks like a typo of one that
// is (区住健局 for 区住建局). Drafts count as naming.
func PeopleWarnings(site *config.Site, all []*Suggestion) diag.List {
	var warnings diag.List
	used := map[string]bool{}     // deputies' keys
	usedUnit := map[string]bool{} // units' names
	near := map[string]string{}   // unit name → the listed unit it looks like
	for _, s := range all {
		for _, d := range s.Deputies {
			dep, _ := site.Deputies.Resolve(d)
			used[dep.Key] = true
		}
		for i, name := range append([]string{s.LeadUnit}, s.CoUnits...) {
			usedUnit[name] = true
			like, seen := near[name]
			if !seen {
				like = site.Units.Closest(name)
				near[name] = like
			}
			if like == "" {
				continue
			}
			field, pos := "lead_unit", s.pos(s.unitPos[i])
			if i > 0 {
				field = "co_units"
			}
			warnings.Add(pos, field, fmt.Sprintf("%q is not listed in [[units]] (did you mean %q?)", name, like),
				"correct the name, or list it in site.toml's [[units]] if it is another unit")
		}
	}
	for _, d := range site.Deputies.List() {
		if !used[d.Key] {
			warnings.Add(d.Pos, "deputies", fmt.Sprintf("%q is listed, but no suggestion names it", d.Key),
				"check the spelling here and in the suggestions' deputies lists, or remove the entry")
		}
	}
	for _, u := range site.Units.List() {
		if !usedUnit[u.Key] {
			warnings.Add(u.Pos, "units", fmt.Sprintf("%q is listed, but no suggestion names it: its page /units/%s/ is not made", u.Key, u.Slug),
				"check the spelling here and in the suggestions' lead_unit and co_units, or remove the entry")
		}
	}
	warnings.Sort()
	return warnings
}
