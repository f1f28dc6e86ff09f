package render

import (
	"bytes"
	"cmp"
	"compress/flate"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/parallel"
	"rdjy.local/portal/generator/internal/search"
)

// The search page (/search/) runs in the browser (static/js/search.js)
// over an index the build writes under data/search/, in parts, so that a
// query loads only what it needs (see package search for the keys):
//
//	<script>data/search/index.json   the manifest: facets with the page's labels,
//	                                 the fold table, where each key is
//	data/search/p/<n>.json           the keys' lists, shared by both scripts
//	data/search/d/<block>.json       each suggestion's value in each facet, by block
//	<script>data/search/r/<block>/<g>.json
//	                                 suggestions 2g and 2g+1 in list order, as a result shows them
//
// where <script> is "" or "hant/". The lists are made from the folded
// Simplified text, which the Traditional text folds to as well, so one set
// serves both pages; records and labels are in the page's script.

// searchDir is the index's folder, relative to the pages' folder.
const searchDir = "data/search/"

// recordsPerFile is the number of suggestions in a file of records: two
// halve the files a build writes and publishes, for about 0.9 KB more
// (gzipped) per result shown whose neighbour is not shown too.
const recordsPerFile = 2

// searchPage is the /search/ page: the browser fills it in.
func (e *Edition) searchPage(buf *bytes.Buffer) error {
	v := &SearchView{
		Index:  e.files + e.script.prefix + searchDir + "index.json",
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

// searchManifest is data/search/index.json.
type searchManifest struct {
	N        int               `json:"n"`     // suggestions
	Block    int               `json:"block"` // suggestions in a block (see search.Block)
	Span     int               `json:"span"`  // where a hay's fields after the title start
	Alphabet string            `json:"alphabet"`
	Facets   []searchFacet     `json:"facets"`
	Widths   []int             `json:"widths"`  // characters of a value of each facet in a block's table
	Fold     map[string]string `json:"fold"`    // characters and what they fold to: see foldTable
	Shared   string            `json:"shared"`  // the folder of p/ and d/, relative to the manifest
	Shards   int               `json:"shards"`  // files of p/: a list's file is search.ShardOf
	Records  int               `json:"records"` // suggestions in a file of r/
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

// searchDoc is the index's entry of one suggestion: its value in each
// facet and where its plain text is (see text). What else its result
// shows (searchResult) is read from the suggestion when the record is
// written, rather than kept for the whole build.
type searchDoc struct {
	sg *content.Suggestion
	f  [facetCount]int32 // position of the suggestion's value in each facet
	z  []byte            // the text compressed, in memory while the index is made and its files written
	// or the text compressed in texts' file, at at, n bytes long
	at    int64
	n     int32
	texts *texts
}

// searchResult is what a result shows of a suggestion: data/search/r/
// holds them. Its page is <pages>suggestions/<N>/.
type searchResult struct {
	N string   `json:"n"` // number
	T string   `json:"t"` // title
	D string   `json:"d"` // deputies, lead first, joined with 、
	P []string `json:"p"` // the slug of each deputy's page, <pages>deputies/<slug>/, path-escaped
	U string   `json:"u"` // co-units, joined with 、
	X string   `json:"x"` // plain text of the body and the follow-ups: see text
	F []int32  `json:"f"` // position of the suggestion's value in each facet
}

// deputies are the suggestion's deputies as its result and keys have
// them.
func (d *searchDoc) deputies() string { return strings.Join(d.sg.Deputies, "、") }

// units are the co-units as its result and keys have them.
func (d *searchDoc) units() string { return strings.Join(d.sg.CoUnits, "、") }

// The plain texts are held compressed while the index is made and its
// files are written (about a third of their size), in a file of the
// scratch folder when there is one, and each is unpacked when the index or
// a record needs it: together they are the largest part of a suggestion
// that the search keeps (about 1 KB each).
var (
	packers   = sync.Pool{New: func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }}
	unpackers = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}
)

// texts is the file of compressed texts.
type texts struct {
	name string
	mu   sync.Mutex
	f    *os.File // open while texts are added to it and the index is made
	size int64
	err  error // the first error adding a text
}

// openTexts creates the file of texts in the folder dir; nil when dir is
// empty: the texts are then kept in memory.
func openTexts(dir string) (*texts, error) {
	if dir == "" {
		return nil, nil
	}
	t := &texts{name: filepath.Join(dir, "search-texts")}
	var err error
	t.f, err = os.OpenFile(t.name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	return t, err
}

// close closes the file: a text is then read by opening it.
func (t *texts) close() error {
	if t == nil {
		return nil
	}
	err := t.f.Close()
	t.f = nil
	return cmp.Or(t.err, err)
}

// pack compresses the text into d.z, or to t's file when t is not nil.
func (d *searchDoc) pack(x string, t *texts) {
	var b bytes.Buffer
	w := packers.Get().(*flate.Writer)
	w.Reset(&b)
	w.Write([]byte(x))
	w.Close()
	packers.Put(w)
	if t == nil {
		d.z = bytes.Clone(b.Bytes())
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := t.f.WriteAt(b.Bytes(), t.size); err != nil {
		t.err = cmp.Or(t.err, err)
	}
	d.texts, d.at, d.n = t, t.size, int32(b.Len())
	t.size += int64(b.Len())
}

// text gives the plain text.
func (d *searchDoc) text() (string, error) {
	z := d.z
	if d.texts != nil {
		z = make([]byte, d.n)
		f := d.texts.f
		if f == nil {
			var err error
			if f, err = os.Open(d.texts.name); err != nil {
				return "", err
			}
			defer f.Close()
		}
		if _, err := f.ReadAt(z, d.at); err != nil {
			return "", err
		}
	}
	r := unpackers.Get().(io.ReadCloser)
	r.(flate.Resetter).Reset(bytes.NewReader(z), nil)
	x, err := io.ReadAll(r)
	unpackers.Put(r)
	if err != nil {
		return "", fmt.Errorf("the search index's texts, packed while the site is built, do not unpack: %w", err)
	}
	return string(x), nil
}

// searchIndex is what every file of the index is made from, made once
// when the first of them is asked for.
type searchIndex struct {
	docs   []searchDoc
	fold   map[string]string
	shards *search.Shards // the files of p/
}

// searchTasks lists the files of the index. Their names depend only on the
// number of suggestions, so they are listed before the index is made.
func (s *Site) searchTasks(ctx context.Context) []*task {
	index := sync.OnceValues(func() (*searchIndex, error) { return s.hans.searchIndex(ctx, s.scratch) })
	n := len(s.hans.idx.All)
	var tasks []*task
	for i, name := range search.FileNames(n) {
		tasks = append(tasks, &task{file: searchDir + name, make: func(buf *bytes.Buffer) error {
			x, err := index()
			if err != nil {
				return err
			}
			data, err := x.shards.File(i)
			buf.Write(data)
			return err
		}})
	}
	for b := 0; b*search.Block < n; b++ {
		tasks = append(tasks, &task{file: searchDir + "d/" + strconv.Itoa(b) + ".json", make: fromBytes(func() ([]byte, error) {
			x, err := index()
			if err != nil {
				return nil, err
			}
			return s.hans.facetTable(x.docs[b*search.Block : min(n, (b+1)*search.Block)])
		})})
	}
	for _, e := range []*Edition{s.hans, s.hant} {
		dir := e.script.prefix + searchDir
		tasks = append(tasks, &task{file: dir + "index.json", make: fromBytes(func() ([]byte, error) {
			x, err := index()
			if err != nil {
				return nil, err
			}
			return e.searchManifest(x)
		})})
		for g := 0; g*recordsPerFile < n; g++ {
			tasks = append(tasks, &task{file: dir + "r/" + strconv.Itoa(g*recordsPerFile/search.Block) + "/" + strconv.Itoa(g) + ".json", make: func(buf *bytes.Buffer) error {
				x, err := index()
				if err != nil {
					return err
				}
				buf.WriteByte('[')
				for i := g * recordsPerFile; i < min(n, (g+1)*recordsPerFile); i++ {
					data, err := e.searchRecord(x.docs[i])
					if err != nil {
						return err
					}
					if i > g*recordsPerFile {
						buf.WriteByte(',')
					}
					buf.Write(bytes.TrimSuffix(data, []byte{'\n'}))
				}
				buf.WriteString("]\n")
				return nil
			}})
		}
	}
	return tasks
}

// SetScratch gives the search index a folder, which must exist, for what
// it gathers while its files are made (the records of its lists, about
// 6 KB a suggestion), so that the lists are held a group of files at a
// time. Without it they are held in memory. Set it before the files are
// made; the folder is the caller's to remove.
func (s *Site) SetScratch(dir string) { s.scratch = dir }

// searchIndex makes the index: the records, and the keys of every
// suggestion's hay, its title first, then its number, deputies, category,
// outcome, lead unit, co-units and text. The lists' records are spilled to
// the folder scratch, or kept in memory when it is empty.
func (e *Edition) searchIndex(ctx context.Context, scratch string) (*searchIndex, error) {
	t, err := openTexts(scratch)
	if err != nil {
		return nil, err
	}
	docs, err := e.searchDocs(ctx, t)
	if err == nil && t != nil {
		err = t.err
	}
	if err != nil {
		t.close()
		return nil, err
	}
	x := search.NewIndex(len(docs), scratch)
	if err := e.addKeys(ctx, x, docs); err != nil {
		t.close()
		return nil, err
	}
	shards, err := x.Shards()
	if err != nil {
		t.close()
		return nil, err
	}
	fold, err := e.foldTable(docs)
	if err := cmp.Or(err, t.close()); err != nil {
		return nil, err
	}
	return &searchIndex{docs: docs, fold: fold, shards: shards}, nil
}

// keysBatch is the number of suggestions whose keys are made at once.
const keysBatch = 16

// addKeys adds the suggestions to the index in list order, their keys
// made in parallel a batch at a time while the batch before is added.
func (e *Edition) addKeys(ctx context.Context, x *search.Index, docs []searchDoc) error {
	facets := e.facets()
	batches := make(chan []*search.Keys, 1)
	var err error // set before batches is closed
	go func() {
		defer close(batches)
		for from := 0; from < len(docs); from += keysBatch {
			keys := make([]*search.Keys, min(keysBatch, len(docs)-from))
			err = parallel.For(ctx, len(keys), func(i int) error {
				d := docs[from+i]
				text, err := d.text()
				if err != nil {
					return err
				}
				keys[i] = search.MakeKeys(d.sg.Title, d.sg.Number, d.deputies(), facets[1].Values[d.f[1]].Label, facets[2].Values[d.f[2]].Label,
					facets[3].Values[d.f[3]].Label, d.units(), text)
				return nil
			})
			if err != nil {
				return
			}
			batches <- keys
		}
	}()
	for keys := range batches {
		for _, k := range keys {
			x.AddKeys(k)
		}
	}
	return err
}

// searchManifest writes the edition's index.json.
func (e *Edition) searchManifest(x *searchIndex) ([]byte, error) {
	facets := e.facets()
	m := searchManifest{N: len(x.docs), Block: search.Block, Span: search.Span, Alphabet: search.Alphabet,
		Fold: x.fold, Shared: "./", Shards: search.ShardCount(len(x.docs)), Records: recordsPerFile}
	if e.script.prefix != "" {
		m.Shared = strings.Repeat("../", strings.Count(e.script.prefix+searchDir, "/")) + searchDir
	}
	for _, f := range facets {
		if f.Values == nil {
			f.Values = []facetValue{} // no years on a site of no suggestions
		}
		if e.names != nil {
			var err error
			if f.Label, err = e.names.Text(f.Label); err != nil {
				return nil, err
			}
			for i := range f.Values {
				if f.Values[i].Label, err = e.names.Text(f.Values[i].Label); err != nil {
					return nil, err
				}
			}
		}
		m.Facets = append(m.Facets, *f)
		m.Widths = append(m.Widths, search.Width(len(f.Values)))
	}
	data, err := json.Marshal(m)
	return append(data, '\n'), err
}

// facetTable writes a block's table: for each suggestion, its value in
// each facet, in Widths characters each.
func (e *Edition) facetTable(docs []searchDoc) ([]byte, error) {
	facets := e.facets()
	var b []byte
	for _, d := range docs {
		for j, v := range d.f {
			b = search.AppendFixed(b, int(v), search.Width(len(facets[j].Values)))
		}
	}
	data, err := json.Marshal(string(b))
	return append(data, '\n'), err
}

// searchRecord writes what a result shows of a suggestion, in the
// edition's script.
func (e *Edition) searchRecord(d searchDoc) ([]byte, error) {
	sg := d.sg
	r := searchResult{N: sg.Number, T: sg.Title, D: d.deputies(), P: make([]string, len(sg.Deputies)), U: d.units(), F: d.f[:]}
	for i, name := range sg.Deputies {
		dep, _ := e.cfg.Deputies.Resolve(name)
		r.P[i] = url.PathEscape(dep.Slug)
	}
	var err error
	if r.X, err = d.text(); err != nil {
		return nil, err
	}
	if e.names != nil {
		for _, f := range []*string{&r.T, &r.D, &r.U, &r.X} {
			if *f, err = e.names.Text(*f); err != nil {
				return nil, err
			}
		}
	}
	data, err := json.Marshal(r)
	return append(data, '\n'), err
}

// foldTable is the table both search pages fold queries and texts
// through (see search.FoldTable): Simplified and Traditional forms fold to
// one character, so a query finds the same suggestions on either page,
// whatever forms it and the text use.
func (e *Edition) foldTable(docs []searchDoc) (map[string]string, error) {
	var err error
	fold := search.FoldTable(func(yield func(string) bool) {
		for _, f := range e.facets() {
			for _, v := range f.Values {
				if !yield(v.Label) {
					return
				}
			}
		}
		for _, d := range docs {
			var text string
			if text, err = d.text(); err != nil {
				return
			}
			for _, f := range []string{d.sg.Title, d.deputies(), d.units(), text} {
				if !yield(f) {
					return
				}
			}
		}
	})
	return fold, err
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

// facetCount is the number of facets (facets).
const facetCount = 7

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

// searchDocs makes the index entry of every suggestion, in parallel, its
// text packed into t (in memory when t is nil).
func (e *Edition) searchDocs(ctx context.Context, t *texts) ([]searchDoc, error) {
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
		d := searchDoc{sg: sg}
		d.pack(x.String(), t)
		for j, id := range e.facetIDs(sg) {
			d.f[j] = int32(facets[j].index[id])
		}
		docs[i] = d
		return nil
	})
	return docs, err
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
