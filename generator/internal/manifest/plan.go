package manifest

import (
	"cmp"
	"slices"
	"strings"
)

// Changes are what turns one build into another.
type Changes struct {
	Added     []Entry // in the new manifest only
	Changed   []Entry // in both, with other bytes (the new entry)
	Removed   []Entry // in the old manifest only
	Unchanged int
}

// Diff compares the manifest old (nil: nothing published yet) with new.
// Each list is in publishing order (see Order).
func Diff(old, new *Manifest) Changes {
	var c Changes
	for _, e := range new.entries {
		o, ok := old.lookup(e.Name)
		switch {
		case !ok:
			c.Added = append(c.Added, e)
		case o.Sum != e.Sum:
			c.Changed = append(c.Changed, e)
		default:
			c.Unchanged++
		}
	}
	if old != nil {
		for _, e := range old.entries {
			if _, ok := new.index[e.Name]; !ok {
				c.Removed = append(c.Removed, e)
			}
		}
	}
	Order(c.Added)
	Order(c.Changed)
	Order(c.Removed)
	return c
}

func (m *Manifest) lookup(name string) (Entry, bool) {
	if m == nil {
		return Entry{}, false
	}
	return m.Lookup(name)
}

// Rank says when a file is put in place during publishing, so that no
// published page links to a file that is not there yet: static files and
// data first, then each suggestion's page, then the pages made from many
// suggestions (lists, statistics, reports, the feed and the sitemap), and
// the home pages last.
type Rank int

const (
	Assets          Rank = iota // static files, open data, the search index
	SuggestionPages             // /suggestions/<number>/ in both scripts
	Pages                       // every other page, the feed and the sitemap
	Home                        // / and /hant/
)

// RankOf returns the rank of the file name.
func RankOf(name string) Rank {
	rest := strings.TrimPrefix(name, "hant/")
	switch {
	case rest == "index.html":
		return Home
	case strings.HasPrefix(rest, "suggestions/") && strings.HasSuffix(rest, "/index.html") &&
		strings.Count(rest, "/") == 2 && rest != "suggestions/page/index.html":
		return SuggestionPages
	case strings.HasSuffix(name, ".html"), strings.HasSuffix(name, ".xml"):
		return Pages
	}
	return Assets
}

// Order sorts entries into publishing order: by rank, then by name.
func Order(entries []Entry) {
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(RankOf(a.Name), RankOf(b.Name)), strings.Compare(a.Name, b.Name))
	})
}
