package render

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"sync"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/parallel"
	"rdjy.local/portal/generator/internal/search"
)

// The search page (/search/) runs in the browser (static/js/search.js) over
// an index the build writes, data/search-index.json, loaded only by that
// page. The index holds, for each suggestion in list order, its number,
// title, deputies, co-units and plain text (the suggestion, the reply and
// the follow-ups), and the position of its value in each facet. The script
// finds a query by looking up candidates through the character bigrams of
// the text and then checking each candidate for the exact query, so every
// suggestion containing a query of two or more characters is found
// without word segmentation. The Traditional pages have their own,
// converted index under hant/.

// searchIndexFile is the index, relative to the pages' folder.
const searchIndexFile = "data/search-index.json"

// searchPage is the /search/ page: the browser fills it in.
func (e *Edition) searchPage(buf *bytes.Buffer) error {
	v := &SearchView{
		Index:  e.files + e.script.prefix + searchIndexFile,
		Script: e.files + "js/search.js",
		Pages:  e.base,
	}
	for _, g := range e.idx.Groups {
		v.Browse = append(v.Browse, Link{Label: e.w.group(g.Name).Title.String(), URL: e.url(g.Name), Count: len(g.Terms)})
	}
	return e.page(buf, &Page{
		Kind:        "search",
		Title:       e.w.Pages.Search.String(),
		Description: e.w.Pages.SearchDescription.String(),
		URL:         e.url("search"),
		Breadcrumbs: e.home(),
		Search:      v,
	})
}

// searchIndex is the file the search script loads, as searchIndexJSON
// writes it (one suggestion a line).
type searchIndex struct {
	Facets []searchFacet     `json:"facets"`
	Fold   map[string]string `json:"fold"` // characters and what they fold to: see foldTable
	Docs   []searchDoc       `json:"docs"`
}

// searchFacet is one filter. A value's ID is what the URL query holds; it
// is the same in both scripts.
type searchFacet struct {
	Name   string         `json:"name"` // the URL query parameter
	Label  string         `json:"label"`
	Values []facetValue   `json:"values"`
	index  map[string]int // ID → position
}

type facetValue struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// searchDoc is one suggestion. Its page is <pages>suggestions/<N>/.
type searchDoc struct {
	N string `json:"n"` // number
	T string `json:"t"` // title
	D string `json:"d"` // deputies, lead first, joined with 、
	U string `json:"u"` // co-units, joined with 、
	X string `json:"x"` // plain text of the body and the follow-ups
	F []int  `json:"f"` // position of the suggestion's value in each facet
}

// searchTasks lists the index of each edition. The plain text of the
// suggestions is made once, for both.
func (s *Site) searchTasks(ctx context.Context) []*task {
	docs := sync.OnceValues(func() ([]searchDoc, error) { return s.hans.searchDocs(ctx) })
	return []*task{{file: searchIndexFile, stream: func(buf Writer) error {
		d, err := docs()
		if err != nil {
			return err
		}
		return s.hans.searchIndexJSON(ctx, buf, d, nil, s.hans.foldTable(d))
	}}, {file: hantScript.prefix + searchIndexFile, stream: func(buf Writer) error {
		d, err := docs()
		if err != nil {
			return err
		}
		return s.hant.searchIndexJSON(ctx, buf, d, s.hant.names.Text, s.hans.foldTable(d))
	}}}
}

// foldTable is the table both search pages fold queries and texts
// through (see search.FoldTable): Simplified and Traditional forms fold to
// one character, so a query finds the same suggestions on either page,
// whatever forms it and the text use.
func (e *Edition) foldTable(docs []searchDoc) map[string]string {
	return search.FoldTable(func(yield func(string) bool) {
		for _, f := range e.facets() {
			for _, v := range f.Values {
				if !yield(v.Label) {
					return
				}
			}
		}
		for _, d := range docs {
			for _, f := range []string{d.T, d.D, d.U, d.X} {
				if !yield(f) {
					return
				}
			}
		}
	})
}

// facets gives the filters, their values in the order the site shows them.
func (e *Edition) facets() []*searchFacet {
	w := &e.w.Search
	year := &searchFacet{Name: "year", Label: w.Year.String()}
	for _, t := range e.idx.Years.Terms {
		year.add(t.Key, e.termLabel(t))
	}
	cat := &searchFacet{Name: "category", Label: w.Category.String()}
	for _, t := range e.cfg.Categories.Terms {
		cat.add(t.Slug, t.Label)
	}
	out := &searchFacet{Name: "outcome", Label: w.Outcome.String()}
	for _, t := range e.cfg.Outcomes.Terms {
		out.add(t.Slug, t.Label)
	}
	out.add("pending", w.Pending.String())
	unit := &searchFacet{Name: "unit", Label: w.Unit.String()}
	for _, t := range e.idx.Units.Terms {
		if len(t.Items) > 0 { // the filter is by lead unit
			unit.add(t.Key, t.Key) // the name front matter writes, which the search matches
		}
	}
	key := &searchFacet{Name: "key", Label: w.Key.String()}
	key.add("yes", w.KeyYes.String())
	key.add("no", w.KeyNo.String())
	sat := &searchFacet{Name: "satisfaction", Label: w.Satisfaction.String()}
	for _, t := range e.cfg.Satisfaction.Terms {
		sat.add(t.Slug, t.Label)
	}
	sat.add("none", w.NoFeedback.String())
	replied := &searchFacet{Name: "replied", Label: w.Replied.String()}
	replied.add("yes", w.RepliedYes.String())
	replied.add("no", w.RepliedNo.String())
	return []*searchFacet{year, cat, out, unit, key, sat, replied}
}

func (f *searchFacet) add(id, label string) {
	if f.index == nil {
		f.index = map[string]int{}
	}
	f.index[id] = len(f.Values)
	f.Values = append(f.Values, facetValue{ID: id, Label: label})
}

// facetIDs gives the ID of each facet's value for sg, in the order of facets.
func (e *Edition) facetIDs(sg *content.Suggestion) []string {
	cat, _ := e.cfg.Categories.Lookup(sg.Category)
	out, key, sat, replied := "pending", "no", "none", "no"
	if sg.IsReplied() {
		o, _ := e.cfg.Outcomes.Lookup(sg.Outcome)
		out, replied = o.Slug, "yes"
	}
	if sg.Key {
		key = "yes"
	}
	if t, ok := e.cfg.Satisfaction.Lookup(sg.Satisfaction); ok {
		sat = t.Slug
	}
	return []string{strconv.Itoa(sg.Year), cat.Slug, out, sg.LeadUnit, key, sat, replied}
}

// searchDocs makes the index entry of every suggestion, in parallel.
func (e *Edition) searchDocs(ctx context.Context) ([]searchDoc, error) {
	facets := e.facets()
	all := e.idx.All
	docs := make([]searchDoc, len(all))
	err := parallel.For(ctx, len(all), func(i int) error {
		sg := all[i]
		body, err := e.html(sg)
		if err != nil {
			return err
		}
		summary, err := e.summary(sg)
		if err != nil {
			return err
		}
		var x strings.Builder
		x.WriteString(plainText(string(body)))
		if summary != "" {
			x.WriteString(" " + plainText(string(summary)))
		}
		for _, p := range sg.Progress {
			x.WriteString(" " + p.Text)
		}
		d := searchDoc{N: sg.Number, T: sg.Title, D: strings.Join(sg.Deputies, "、"), U: strings.Join(sg.CoUnits, "、"), X: x.String()}
		for j, id := range e.facetIDs(sg) {
			d.F = append(d.F, facets[j].index[id])
		}
		docs[i] = d
		return nil
	})
	return docs, err
}

// searchIndexJSON writes the index, one suggestion a line, with the text
// and labels passed through conv (nil: as they are), and the characters
// the page folds queries and texts through (fold; see foldTable), into
// buf.
func (e *Edition) searchIndexJSON(ctx context.Context, buf Writer, docs []searchDoc, conv func(string) (string, error), fold map[string]string) error {
	facets := e.facets()
	if conv != nil {
		converted := make([]searchDoc, len(docs))
		err := parallel.For(ctx, len(docs), func(i int) error {
			d := docs[i]
			for _, f := range []*string{&d.T, &d.D, &d.U, &d.X} {
				var err error
				if *f, err = conv(*f); err != nil {
					return err
				}
			}
			converted[i] = d
			return nil
		})
		if err != nil {
			return err
		}
		docs = converted
		for _, f := range facets {
			var err error
			if f.Label, err = conv(f.Label); err != nil {
				return err
			}
			for i := range f.Values {
				if f.Values[i].Label, err = conv(f.Values[i].Label); err != nil {
					return err
				}
			}
		}
	}
	// Written as a json.Encoder would write each part, and the docs
	// without its newline, one at a time.
	encode := func(v any) error {
		data, err := json.Marshal(v)
		buf.Write(data)
		return err
	}
	buf.WriteString(`{"facets":`)
	if err := encode(facets); err != nil {
		return err
	}
	if fold == nil {
		fold = map[string]string{}
	}
	buf.WriteString("\n,\"fold\":")
	if err := encode(fold); err != nil {
		return err
	}
	buf.WriteString("\n,\"docs\":[")
	for i := range docs {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		if err := encode(&docs[i]); err != nil {
			return err
		}
	}
	buf.WriteString("\n]}\n")
	return nil
}

// inlineTags join the text around them; every other tag separates it.
var inlineTags = map[string]bool{"a": true, "strong": true, "em": true, "b": true, "i": true, "code": true, "del": true, "span": true, "mark": true, "sub": true, "sup": true}

// plainText is the text of rendered Markdown, with the spaces collapsed.
func plainText(h string) string {
	var b strings.Builder
	for h != "" {
		lt := strings.IndexByte(h, '<')
		gt := strings.IndexByte(h[max(lt, 0):], '>')
		if lt < 0 || gt < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:lt])
		name := strings.TrimPrefix(h[lt+1:lt+gt], "/")
		if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
			name = name[:i]
		}
		if !inlineTags[strings.ToLower(name)] {
			b.WriteByte(' ')
		}
		h = h[lt+gt+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
