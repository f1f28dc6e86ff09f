package index

import (
	"slices"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
)

// Ways are one year's ways in: its suggestions by category, by outcome
// (replied ones), by satisfaction (those with feedback) and by unit (led
// and co-handled). Each term counts exactly what the year's statistics
// count under the same name (stats.Category, stats.Outcome,
// stats.Satisfaction, and a unit's led and co-handled in the scorecard),
// so that a row of a share table and the page it links to agree. Terms
// without suggestions are left out: a row counting none links nowhere.
type Ways struct {
	Year         int
	Categories   *Group // named "categories", in site.toml's order
	Outcomes     *Group // "outcomes"
	Satisfaction *Group // "satisfaction"
	Units        *Group // "units", ordered like the units of all years

	// KeySatisfaction is the feedback on key suggestions (重点建议代表反馈,
	// stats.Key with stats.Satisfaction), named "key-satisfaction".
	KeySatisfaction *Group
	Groups          []*Group

	items []*content.Suggestion // the year's, in list order
}

// Ways gives the ways in of year; nil for a year without published
// suggestions.
func (x *Index) Ways(year int) *Ways { return x.ways[year] }

// yearWays makes the ways in of every year, from its suggestions in list
// order.
func yearWays(cfg *config.Site, years *Group, prev map[int]*Ways) map[int]*Ways {
	out := make(map[int]*Ways, len(years.Terms))
	for _, t := range years.Terms {
		if w := prev[t.Year]; w != nil && slices.Equal(w.items, t.Items) {
			out[t.Year] = w // the same suggestions: the same ways (prev is of the same site.toml)
			continue
		}
		out[t.Year] = newWays(cfg, t.Year, t.Items)
	}
	return out
}

func newWays(cfg *config.Site, year int, items []*content.Suggestion) *Ways {
	w := &Ways{
		Year:         year,
		items:        items,
		Categories:   &Group{Name: "categories", byKey: map[string]*Term{}},
		Outcomes:     &Group{Name: "outcomes", byKey: map[string]*Term{}},
		Satisfaction: &Group{Name: "satisfaction", byKey: map[string]*Term{}},
		Units:        &Group{Name: "units", byKey: map[string]*Term{}},

		KeySatisfaction: &Group{Name: "key-satisfaction", byKey: map[string]*Term{}},
	}
	w.Groups = []*Group{w.Categories, w.Outcomes, w.Satisfaction, w.KeySatisfaction, w.Units}
	for _, sg := range items {
		enumItem(w.Categories, cfg.Categories, sg.Category, sg)
		if sg.IsReplied() {
			enumItem(w.Outcomes, cfg.Outcomes, sg.Outcome, sg)
		}
		if sg.Satisfaction != "" {
			enumItem(w.Satisfaction, cfg.Satisfaction, sg.Satisfaction, sg)
			if sg.Key {
				enumItem(w.KeySatisfaction, cfg.Satisfaction, sg.Satisfaction, sg)
			}
		}
		addUnits(cfg, w.Units, sg)
	}
	for _, g := range []*Group{w.Categories, w.Outcomes, w.Satisfaction, w.KeySatisfaction} {
		inEnumOrder(g, enumOf(cfg, g.Name))
	}
	sortUnits(w.Units)
	return w
}

// enumItem adds sg to the term key of a group of site.toml's enum.
func enumItem(g *Group, enum *config.Enum, key string, sg *content.Suggestion) {
	t := g.byKey[key]
	if t == nil {
		term, _ := enum.Lookup(key)
		t = &Term{Key: term.Key, Label: term.Label, Slug: term.Slug}
		g.add(t)
	}
	t.Items = append(t.Items, sg)
}

// inEnumOrder puts the terms of g in site.toml's order.
func inEnumOrder(g *Group, enum *config.Enum) {
	terms := g.Terms[:0:0]
	for _, et := range enum.Terms {
		if t := g.byKey[et.Key]; t != nil {
			terms = append(terms, t)
		}
	}
	g.Terms = terms
}

func enumOf(cfg *config.Site, group string) *config.Enum {
	switch group {
	case "categories":
		return cfg.Categories
	case "outcomes":
		return cfg.Outcomes
	}
	return cfg.Satisfaction
}

// Group gives the group of w named name; nil when there is none.
func (w *Ways) Group(name string) *Group {
	for _, g := range w.Groups {
		if g.Name == name {
			return g
		}
	}
	return nil
}
