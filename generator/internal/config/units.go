package config

import (
	"slices"
	"strings"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Unit is a handling unit (承办单位). A unit site.toml lists under [[units]]
// has a label, an ASCII slug, a grouping and a public contact; any other
// unit front matter names is known by that name alone, which is then its
// label and slug too.
type Unit struct {
	Key     string   // as front matter writes it: "区住建局"
	Label   string   // as pages show it: "区住房和城乡建设局"
	Slug    string   // the unit's pages: /units/<slug>/
	Parent  string   // a grouping such as "街道办事处"; empty when none
	Contact string   // a public contact, such as a service hotline; empty when none
	Listed  bool     // listed in [[units]]
	Pos     diag.Pos // where site.toml lists it; zero when not listed
}

// Units are the units site.toml lists, in its order.
type Units struct {
	list  []Unit
	names map[string]int // key and label → index in list
}

// List gives the listed units in site.toml's order.
func (u *Units) List() []Unit { return u.list }

// Lookup finds a listed unit by its key.
func (u *Units) Lookup(key string) (Unit, bool) {
	if u == nil {
		return Unit{}, false
	}
	i, ok := u.names[key]
	if !ok || u.list[i].Key != key {
		return Unit{}, false
	}
	return u.list[i], true
}

// LabelOf gives the key of the listed unit whose label (and not key) is
// name. Front matter writes keys, so that a unit is counted as one
// whichever way it is written; a label there is a mistake.
func (u *Units) LabelOf(name string) (key string, ok bool) {
	if u == nil {
		return "", false
	}
	i, found := u.names[name]
	if !found || u.list[i].Key == name {
		return "", false
	}
	return u.list[i].Key, true
}

// Resolve gives the unit named name: the listed one, or else a unit known
// by that name alone.
func (u *Units) Resolve(name string) Unit {
	if l, ok := u.Lookup(name); ok {
		return l
	}
	return Unit{Key: name, Label: name, Slug: name}
}

// Closest gives the key of the listed unit whose key or label looks like a
// mistyped name (区住健局 for 区住建局): one character off in a short name,
// two in a name longer than five characters. Empty when none is that close
// or name is listed.
func (u *Units) Closest(name string) string {
	if u == nil {
		return ""
	}
	if _, ok := u.names[name]; ok {
		return "" // a key, or a label, which content reports
	}
	limit := 1
	if utf8.RuneCountInString(name) > 5 {
		limit = 2
	}
	best, bestD := "", limit+1
	for _, l := range u.list {
		for _, known := range []string{l.Key, l.Label} {
			if d := tomldoc.Distance(name, known); d < bestD {
				best, bestD = l.Key, d
			}
		}
	}
	return best
}

// UnsafeName reports whether a name cannot name a page of its own: it
// holds a character with a meaning in web addresses or paths, or it is "."
// or "..". Units and deputies without a slug are named by their names.
func UnsafeName(name string) bool {
	return name == "." || name == ".." || strings.ContainsAny(name, "/\\?#%")
}

func readUnits(t *tomldoc.Table, publicContacts []string) *Units {
	u := &Units{names: map[string]int{}}
	slugs := map[string]string{} // lower-cased slug → key
	for _, et := range t.Tables("units") {
		unit := Unit{
			Key:     et.String("key", true, `"区住建局"`),
			Label:   et.String("label", false, `"区住房和城乡建设局"`),
			Slug:    et.String("slug", false, `"zhujianju"`),
			Parent:  et.String("parent", false, `"街道办事处"`),
			Contact: et.String("contact", false, `"0379-64823389"`),
			Listed:  true,
			Pos:     et.Pos("key"),
		}
		et.CheckUnknown()
		if unit.Key == "" {
			continue
		}
		if UnsafeName(unit.Key) {
			et.Errorf("key", "write the unit's name as front matter writes it, without / \\ ? # %", "%q cannot be part of a web address", unit.Key)
			continue
		}
		if unit.Label == "" {
			unit.Label = unit.Key
		}
		if !u.addName(et, "key", unit.Key, unit.Key) || (unit.Label != unit.Key && !u.addName(et, "label", unit.Label, unit.Key)) {
			continue
		}
		if unit.Slug == "" {
			unit.Slug = unit.Key
		} else if !slugPattern.MatchString(unit.Slug) {
			et.Errorf("slug", `use lower-case letters, digits and -, such as "zhujianju"`, "%q is not a valid slug", unit.Slug)
		}
		if other, dup := slugs[strings.ToLower(unit.Slug)]; dup {
			et.Errorf("slug", "give each unit its own slug: it names the unit's pages", "slug %q is already used by %q", unit.Slug, other)
		}
		slugs[strings.ToLower(unit.Slug)] = unit.Key
		if unit.Parent == unit.Key {
			et.Errorf("parent", "name the grouping the unit belongs to, such as \"街道办事处\", or leave parent out", "a unit cannot be its own parent")
		}
		if unit.Contact != "" && !slices.Contains(publicContacts, unit.Contact) {
			et.Errorf("contact", "add it to public_contacts too, so that content may quote it", "%q is not listed in public_contacts: only a public number may be shown", unit.Contact)
		}
		u.names[unit.Key] = len(u.list)
		u.names[unit.Label] = len(u.list)
		u.list = append(u.list, unit)
	}
	return u
}

// addName reserves name (a key or label of the unit key) for one unit.
func (u *Units) addName(et *tomldoc.Table, field, name, key string) bool {
	i, dup := u.names[name]
	if !dup {
		return true
	}
	other := u.list[i]
	if other.Key == name {
		et.Errorf(field, "each unit is listed once; remove or rename one entry", "%q is already listed as the key of a unit", name)
	} else {
		et.Errorf(field, "each unit is listed once; remove or rename one entry", "%q is already the label of unit %q", name, other.Key)
	}
	return false
}
