// Package index is the third phase of a build (load → check → index →
// render → write): the facts of a site that pages are made from, worked
// out once from site.toml, the published suggestions and the published
// annual reports, after they loaded and were checked:
//
//   - the suggestions in list order (newest year first, then by number);
//   - the groups, the ways into them: categories, outcomes (of replied
//     suggestions), units (most suggestions led first; every unit named as
//     lead or co-unit, with what it led and what it co-handled) and years
//     (newest first), each term with its suggestions in list order;
//   - each year's ways in (ways.go): the same groups within one year, and
//     satisfaction, so that every row of a year's share tables has the
//     suggestions it counts;
//   - the deputies (package deputy): who led and co-signed what;
//   - the latest replies, for the home page and the feed;
//   - the statistics of every year (package stats), which answer every
//     figure the portal shows: the statistics pages, the home page's
//     summary and the annual reports' {{count}} and {{share}};
//   - the handling units' scorecard of every year, in each order;
//   - lookups of a suggestion by number and of a report by year.
//
// An Index holds numbers and names, no words of the pages and no
// addresses: both scripts' editions (package render) read the same one. It
// never changes once made, so they read it from many goroutines at once.
package index

import (
	"slices"
	"sort"
	"strconv"
	"sync"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/deputy"
	"rdjy.local/portal/generator/internal/pages"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/stats"
)

// Index is the facts of one site. Its fields must not be changed.
type Index struct {
	Config  *config.Site
	All     []*content.Suggestion // published, newest year first, then by number
	Latest  []*content.Suggestion // replied, latest reply first
	Reports []*report.Report      // published, newest first
	Stats   *stats.Stats
	// Pages are the site's own published pages (联系我们, 网站声明), in
	// slug order; the build sets them before any page is made.
	Pages []*pages.Page

	// The groups, and the four of them in the order the site shows them.
	Categories, Outcomes, Units, Years *Group
	Groups                             []*Group

	Deputies *deputy.Roster // every deputy of the published suggestions

	published    []*content.Suggestion // as Update was given them, for the next Update (sameOrder)
	byNumber     map[string]*content.Suggestion
	reportByYear map[int]*report.Report
	scorecards   map[int]map[string][]*UnitScore // year → order → units
	ways         map[int]*Ways                   // year → its ways in
}

// Group is one way into the suggestions: a section of the site with a page
// per term.
type Group struct {
	Name  string // the section of its pages: categories, outcomes, units, years
	Terms []*Term
	byKey map[string]*Term
}

// Term is one category, outcome, satisfaction level, unit or year, with
// its suggestions.
type Term struct {
	Key   string // the site.toml key, the unit's key (its name unless site.toml lists it), or the year
	Label string // site.toml's label (a unit's: its name unless listed); empty for a year
	Slug  string // the segment of its page's address
	Year  int    // in the years group
	Items []*content.Suggestion

	// CoItems are, for a unit, the suggestions it co-handles (协办) and
	// does not lead; nil in the other groups.
	CoItems []*content.Suggestion
}

// Term returns the term of key, or nil.
func (g *Group) Term(key string) *Term { return g.byKey[key] }

// New makes the index. published and reports must exclude drafts.
func New(cfg *config.Site, published []*content.Suggestion, reports []*report.Report) *Index {
	return Update(nil, cfg, published, reports)
}

// Update is New taking over from prev (nil: none), an index of the same
// site.toml, the parts of each year made from the very suggestions that
// make them now (its statistics and its ways in): after an edit in a
// preview, only the edited suggestion's year is counted again.
func Update(prev *Index, cfg *config.Site, published []*content.Suggestion, reports []*report.Report) *Index {
	if prev != nil && prev.Config != cfg {
		prev = nil
	}
	var prevStats *stats.Stats
	var prevWays map[int]*Ways
	if prev != nil {
		prevStats, prevWays = prev.Stats, prev.ways
	}
	all := sameOrder(prev, published)
	if all == nil {
		all = append([]*content.Suggestion(nil), published...)
		sort.Slice(all, func(i, j int) bool {
			if all[i].Year != all[j].Year {
				return all[i].Year > all[j].Year
			}
			return content.NumberLess(all[i].Number, all[j].Number)
		})
	}
	x := &Index{
		Config: cfg, All: all, published: published,
		Reports:  append([]*report.Report(nil), reports...),
		byNumber: make(map[string]*content.Suggestion, len(all)), reportByYear: map[int]*report.Report{},
	}
	sort.SliceStable(x.Reports, func(i, j int) bool { return x.Reports[i].Year > x.Reports[j].Year })
	for _, r := range x.Reports {
		x.reportByYear[r.Year] = r
	}
	// The parts read the suggestions and each writes its own fields: they
	// are made at once, which a preview waits for after every edit.
	var wg sync.WaitGroup
	wg.Go(func() {
		x.Stats = stats.Update(prevStats, cfg, all)
		x.score()
	})
	wg.Go(func() {
		x.group()
		x.ways = yearWays(cfg, x.Years, prevWays)
	})
	wg.Go(func() {
		x.Deputies = deputy.New(cfg, all)
		for _, sg := range all {
			x.byNumber[sg.Number] = sg
		}
		x.latest()
	})
	wg.Wait()
	return x
}

// sameOrder is published in the order of prev.All when published is the
// list prev was made from with some suggestions replaced by ones of the
// same file, year and number (a preview's edit): the sort would put each
// where the one it replaces was, since it compares only years and numbers
// and makes its choices from the comparisons alone. Otherwise nil.
func sameOrder(prev *Index, published []*content.Suggestion) []*content.Suggestion {
	if prev == nil || len(prev.published) != len(published) {
		return nil
	}
	all := slices.Clone(prev.All)
	replaced := 0
	for i, sg := range published {
		old := prev.published[i]
		if sg == old {
			continue
		}
		if replaced++; replaced > maxReplaced {
			return nil // each is looked for in the whole list: sorting is cheaper
		}
		j := slices.Index(all, old)
		if j < 0 || sg.File != old.File || sg.Year != old.Year || sg.Number != old.Number {
			return nil
		}
		all[j] = sg
	}
	return all
}

// maxReplaced is how many replaced suggestions sameOrder looks for.
const maxReplaced = 64

func (x *Index) group() {
	newGroup := func(name string, enum *config.Enum) *Group {
		g := &Group{Name: name, byKey: map[string]*Term{}}
		if enum != nil {
			for _, t := range enum.Terms {
				g.add(&Term{Key: t.Key, Label: t.Label, Slug: t.Slug})
			}
		}
		return g
	}
	cats := newGroup("categories", x.Config.Categories)
	outs := newGroup("outcomes", x.Config.Outcomes)
	units, years := newGroup("units", nil), newGroup("years", nil)
	for _, sg := range x.All {
		cats.byKey[sg.Category].Items = append(cats.byKey[sg.Category].Items, sg)
		if sg.IsReplied() {
			outs.byKey[sg.Outcome].Items = append(outs.byKey[sg.Outcome].Items, sg)
		}
		addUnits(x.Config, units, sg)
		y := strconv.Itoa(sg.Year)
		if years.byKey[y] == nil {
			years.add(&Term{Key: y, Slug: y, Year: sg.Year})
		}
		years.byKey[y].Items = append(years.byKey[y].Items, sg)
	}
	// Years are already newest first because x.All is.
	sortUnits(units)
	x.Categories, x.Outcomes, x.Units, x.Years = cats, outs, units, years
	x.Groups = []*Group{cats, outs, units, years}
}

// addUnits adds sg to the unit that leads it and to those that co-handle
// it (a co-unit that also leads it, or is named twice, only once).
func addUnits(cfg *config.Site, units *Group, sg *content.Suggestion) {
	unit := func(name string) *Term {
		u := cfg.Units.Resolve(name)
		t := units.byKey[u.Key]
		if t == nil {
			t = &Term{Key: u.Key, Label: u.Label, Slug: u.Slug}
			units.add(t)
		}
		return t
	}
	lead := unit(sg.LeadUnit)
	lead.Items = append(lead.Items, sg)
	for i, co := range sg.CoUnits {
		if co == sg.LeadUnit || slices.Contains(sg.CoUnits[:i], co) {
			continue
		}
		t := unit(co)
		t.CoItems = append(t.CoItems, sg)
	}
}

// sortUnits puts the units that lead the most suggestions first, then
// those that co-handle the most, then by label.
func sortUnits(units *Group) {
	sort.SliceStable(units.Terms, func(i, j int) bool {
		a, b := units.Terms[i], units.Terms[j]
		if len(a.Items) != len(b.Items) {
			return len(a.Items) > len(b.Items)
		}
		if len(a.CoItems) != len(b.CoItems) {
			return len(a.CoItems) > len(b.CoItems)
		}
		return a.Label < b.Label
	})
}

func (g *Group) add(t *Term) {
	g.byKey[t.Key] = t
	g.Terms = append(g.Terms, t)
}

// latest keeps the replied suggestions, latest reply first.
func (x *Index) latest() {
	for _, sg := range x.All {
		if sg.IsReplied() {
			x.Latest = append(x.Latest, sg)
		}
	}
	sort.SliceStable(x.Latest, func(i, j int) bool { return x.Latest[i].Replied.After(x.Latest[j].Replied) })
}

// Suggestion returns the published suggestion numbered number, or nil.
func (x *Index) Suggestion(number string) *content.Suggestion { return x.byNumber[number] }

// Report returns the published report of year, or nil.
func (x *Index) Report(year int) *report.Report { return x.reportByYear[year] }

// Year is the statistics of year: empty when nothing of it is published.
func (x *Index) Year(year int) *stats.Year {
	if y := x.Stats.Years[year]; y != nil {
		return y
	}
	return &stats.Year{}
}

// YearItems are the published suggestions of year, in number order.
func (x *Index) YearItems(year int) []*content.Suggestion {
	if t := x.Years.Term(strconv.Itoa(year)); t != nil {
		return t.Items
	}
	return nil
}

// Solved is the outcome counted as solved in the 解决率: the first of
// site.toml's. Satisfied is the answer counted in the 满意率, the first
// satisfaction level.
func (x *Index) Solved() config.Term    { return x.Config.Outcomes.Terms[0] }
func (x *Index) Satisfied() config.Term { return x.Config.Satisfaction.Terms[0] }
