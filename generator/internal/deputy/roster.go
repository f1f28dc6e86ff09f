// Package deputy gathers the deputies (人大代表) of the published
// suggestions: who led (领衔) and who co-signed (附议) each, one page per
// deputy, and the index of all of them grouped by the first letter of the
// pinyin of the name (see initial.go for why, and how).
//
// A deputy is who front matter names in deputies (the first is the lead
// deputy): a deputy site.toml lists under [[deputies]] by its key, anyone
// else by the name as written, which is then the slug of the page. Only
// names, and the short public description site.toml may give, are
// published.
package deputy

import (
	"bytes"
	"sort"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
)

// Deputy is one deputy with the suggestions they led and co-signed, each
// list in the order of the suggestions given to New.
type Deputy struct {
	config.Deputy
	Initial  string                // the group in the index: "A"–"Z", or Other
	Led      []*content.Suggestion // 领衔
	CoSigned []*content.Suggestion // 附议
	key      []byte                // collation key of the name
}

// Group is one letter of the index.
type Group struct {
	Initial  string
	Deputies []*Deputy
}

// Roster is every deputy of the published suggestions.
type Roster struct {
	Deputies []*Deputy // in the order of the index: by letter, then by pinyin
	byKey    map[string]*Deputy
}

// New gathers the deputies of published, which must exclude drafts and be
// in the order pages list them (newest year first). It visits each
// suggestion once.
func New(cfg *config.Site, published []*content.Suggestion) *Roster {
	r := &Roster{byKey: map[string]*Deputy{}}
	for _, sg := range published {
		for i, name := range sg.Deputies {
			d := r.add(cfg, name)
			if i == 0 {
				d.Led = append(d.Led, sg)
			} else {
				d.CoSigned = append(d.CoSigned, sg)
			}
		}
	}
	c := newCollator()
	for _, d := range r.Deputies {
		d.Initial = c.initial(d.Name)
		d.key = c.key(d.Name)
	}
	sort.Slice(r.Deputies, func(i, j int) bool { return less(r.Deputies[i], r.Deputies[j]) })
	return r
}

func (r *Roster) add(cfg *config.Site, name string) *Deputy {
	dep, _ := cfg.Deputies.Resolve(name) // content refuses an ambiguous name
	if d := r.byKey[dep.Key]; d != nil {
		return d
	}
	d := &Deputy{Deputy: dep}
	r.byKey[dep.Key] = d
	r.Deputies = append(r.Deputies, d)
	return d
}

// less orders the index: by letter (Other last), by the pinyin of the
// name, and two deputies of one name by description, then slug.
func less(a, b *Deputy) bool {
	if a.Initial != b.Initial {
		if a.Initial == Other || b.Initial == Other {
			return b.Initial == Other
		}
		return a.Initial < b.Initial
	}
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c < 0
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	if a.Description != b.Description {
		return a.Description < b.Description
	}
	return a.Slug < b.Slug
}

// Of gives the deputy front matter means by name; nil when no published
// suggestion names them.
func (r *Roster) Of(name string) *Deputy {
	if d := r.byKey[name]; d != nil {
		return d
	}
	return nil
}

// Groups gives the index by letter, in order.
func (r *Roster) Groups() []Group {
	var groups []Group
	for _, d := range r.Deputies {
		if n := len(groups); n == 0 || groups[n-1].Initial != d.Initial {
			groups = append(groups, Group{Initial: d.Initial})
		}
		g := &groups[len(groups)-1]
		g.Deputies = append(g.Deputies, d)
	}
	return groups
}
