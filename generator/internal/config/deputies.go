package config

import (
	"strings"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Deputy is a deputy (人大代表) who has led or co-signed a suggestion. Only
// the name is published, with, for a deputy listed in site.toml's
// [[deputies]], a short public description such as the delegation or
// constituency (代表团、选区). A deputy front matter names who is not
// listed is known by that name alone, which is then the page's slug too.
type Deputy struct {
	Key         string   // as front matter's deputies list writes it
	Name        string   // as pages show it
	Slug        string   // the deputy's page: /deputies/<slug>/
	Description string   // public: "南昌路街道选区"; empty when none
	Listed      bool     // listed in [[deputies]]
	Pos         diag.Pos // where site.toml lists it; zero when not listed
}

// Deputies are the deputies site.toml lists, in its order.
type Deputies struct {
	list   []Deputy
	byKey  map[string]int
	byName map[string][]int // the entries with each name
}

// maxDescription is the length, in characters, of the longest description:
// a delegation or constituency, not a biography.
const maxDescription = 30

// List gives the listed deputies in site.toml's order.
func (d *Deputies) List() []Deputy { return d.list }

// Resolve gives the deputy front matter means by text: the listed deputy
// with that key, or else a deputy known by that name alone. When text is
// the name of listed deputies under other keys it is ambiguous: Resolve
// returns their keys, one of which front matter must write instead.
func (d *Deputies) Resolve(text string) (dep Deputy, ambiguous []string) {
	if d != nil {
		if i, ok := d.byKey[text]; ok {
			return d.list[i], nil
		}
		for _, i := range d.byName[text] {
			ambiguous = append(ambiguous, d.list[i].Key)
		}
		if ambiguous != nil {
			return Deputy{}, ambiguous
		}
	}
	return Deputy{Key: text, Name: text, Slug: text}, nil
}

func readDeputies(t *tomldoc.Table) *Deputies {
	d := &Deputies{byKey: map[string]int{}, byName: map[string][]int{}}
	slugs := map[string]int{} // lower-cased slug → index in list
	for _, et := range t.Tables("deputies") {
		dep := Deputy{
			Name:        et.String("name", true, `"王伟"`),
			Key:         et.String("key", false, `"王伟（南昌路街道）"`),
			Slug:        et.String("slug", false, `"wangwei-nanchanglu"`),
			Description: et.String("description", false, `"南昌路街道选区"`),
			Listed:      true,
			Pos:         et.Pos("name"),
		}
		et.CheckUnknown()
		if dep.Name == "" {
			continue
		}
		keyField := "key"
		if dep.Key == "" {
			dep.Key, keyField = dep.Name, "name"
		}
		if UnsafeName(dep.Key) || UnsafeName(dep.Name) {
			field := "name"
			if UnsafeName(dep.Key) {
				field = keyField
			}
			et.Errorf(field, "write the name without / \\ ? # %", "%q cannot be part of a web address", et.String(field, false, ""))
			continue
		}
		if i, dup := d.byKey[dep.Key]; dup {
			hint := "each deputy is listed once; remove one entry"
			if d.list[i].Name == dep.Name {
				hint = `two deputies with the same name: give each a key that front matter writes, such as key = "` + dep.Name + `（南昌路街道）", and a slug`
			}
			et.Errorf(keyField, hint, "%q is already the key of deputies[%d]", dep.Key, i+1)
			continue
		}
		if dep.Slug == "" {
			dep.Slug = dep.Name
		} else if !slugPattern.MatchString(dep.Slug) {
			et.Errorf("slug", `use lower-case letters, digits and -, such as "wangwei-nanchanglu"`, "%q is not a valid slug", dep.Slug)
		}
		if i, dup := slugs[strings.ToLower(dep.Slug)]; dup {
			field, hint := "slug", "give each deputy its own slug"
			if !et.Has("slug") {
				field, hint = "name", `two deputies with the same name need a slug each, such as slug = "wangwei-nanchanglu"`
			}
			et.Errorf(field, hint, "deputies[%d] and this deputy would share the page /deputies/%s/", i+1, dep.Slug)
		}
		if n := utf8.RuneCountInString(dep.Description); n > maxDescription {
			et.Errorf("description", "name only the delegation or constituency, such as \"南昌路街道选区\"", "%d characters is too long for a description (at most %d)", n, maxDescription)
		}
		slugs[strings.ToLower(dep.Slug)] = len(d.list)
		d.byKey[dep.Key] = len(d.list)
		if dep.Key != dep.Name {
			d.byName[dep.Name] = append(d.byName[dep.Name], len(d.list))
		}
		d.list = append(d.list, dep)
	}
	return d
}
