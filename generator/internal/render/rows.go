package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"sync"
	"sync/atomic"

	"rdjy.local/portal/generator/internal/content"
)

// A suggestion is a row of many lists: the list of every suggestion, its
// year's, its category's, its outcome's and its units' lists, and its
// year's ways in. Its row is the same in each of them, so an edition
// renders it once (layouts/partials/row.html), when a list first shows it,
// and every list inserts that HTML (Row.HTML): a list page executes one
// template call per row instead of the row's every field.
//
// The Traditional edition converts each row once too. Its list pages hold
// a marker where each row goes ("\x00" id "\x00": no page has a NUL
// otherwise, since source.Text refuses control characters in every file
// and html/template escapes them in values); the page is converted without
// its rows, which the markers leave as they are (the converter copies
// ASCII), and splice puts the converted rows in their place. Converting a
// row alone gives what converting it in its page gave: the converter works
// text by text between tags, and a row starts and ends with a tag.

// rowCache keeps the rows of an edition's suggestions once made.
type rowCache struct {
	tmpl *template.Template // a set of the edition's layouts, with the partial "row"
	all  []*content.Suggestion

	// made and list are made when a list first asks for a row (of): a
	// preview lays out a new site after every edit, and the edit's own
	// page shows none.
	init sync.Once
	made map[*content.Suggestion]*madeRow
	list []*madeRow // by id

	// convert, set in the Traditional edition, converts a row; the pages
	// then hold markers, which splice replaces.
	convert converter

	// once is set when each page is made once (Site.MakeEachOnce); left
	// then counts the pages showing rows not yet made (see counts).
	once bool
	left atomic.Int64
}

// MakeEachOnce tells the site that each of its files will be made once,
// as a build and check make them (a preview makes pages again after an
// edit), so that what only some files need is let go once they are made:
// each edition makes its pages with rows of lists first (rowsFirst) and
// lets the rows go once the last of them is made. Call it before the
// files are listed (Files).
func (s *Site) MakeEachOnce() {
	s.hans.rows.once = true
	s.hant.rows.once = true
}

// counts counts t, a page that shows rows, among those to be made, when
// each page is made once: the rows are let go once the last of them is
// made. They are the largest part of what the edition keeps for its pages
// (14 of the 78 MB live at most in the 10,000-suggestion build), and the
// search index, made among the last pages and after them, needs the room.
func (c *rowCache) counts(t *task) {
	if !c.once {
		return // a preview keeps its rows
	}
	c.left.Add(1)
	page := t.make
	t.make = func(buf *bytes.Buffer) error {
		err := page(buf)
		if c.left.Add(-1) == 0 {
			// The rows' places go too (at 100,000 suggestions a map and
			// a list of 100,000 places per edition, 18 MB in all, that
			// the search index would find still held at its peak). No
			// page asks for a row after the last list; one that did
			// would make its row with it, as a row outside the list.
			c.init.Do(func() {}) // (not made again)
			c.made, c.list = nil, nil
		}
		return err
	}
}

// madeRow is one suggestion's row, made when first asked for.
type madeRow struct {
	once sync.Once
	html template.HTML // converted in the Traditional edition
	err  error
	id   int // its place in rowCache.list; -1 for a row outside it
}

func newRowCache(tmpl *template.Template, all []*content.Suggestion) *rowCache {
	return &rowCache{tmpl: tmpl, all: all}
}

// rows makes the rows' places the first time a list asks for one.
func (c *rowCache) rows() map[*content.Suggestion]*madeRow {
	c.init.Do(func() {
		c.made, c.list = make(map[*content.Suggestion]*madeRow, len(c.all)), make([]*madeRow, len(c.all))
		for i, sg := range c.all {
			c.list[i] = &madeRow{id: i}
			c.made[sg] = c.list[i]
		}
	})
	return c.made
}

// of is where the row of sg is kept; a suggestion outside the index's
// list (none today) gets a row of its own, made for its one list and
// converted with its page.
func (c *rowCache) of(sg *content.Suggestion) *madeRow {
	if m := c.rows()[sg]; m != nil {
		return m
	}
	return &madeRow{id: -1}
}

// errRowInRow is the error of {{.HTML}} inside the partial "row": the row
// being made cannot contain itself.
var errRowInRow = errors.New(`{{.HTML}} inside the partial "row", which makes it: write the row's cells there`)

// HTML is the row as the partial "row" (layouts/partials/row.html) makes
// it, made once per suggestion and script however many lists show it.
func (r Row) HTML() (template.HTML, error) {
	m, c := r.made, r.rows
	if m == nil {
		return "", errRowInRow
	}
	converted := c.convert != nil && m.id >= 0
	m.once.Do(func() {
		r.made = nil
		var b bytes.Buffer
		if m.err = c.tmpl.ExecuteTemplate(&b, "row", r); m.err != nil {
			return
		}
		if !converted {
			m.html = template.HTML(b.String())
			return
		}
		var out bytes.Buffer
		m.err = c.convert(&out, b.Bytes())
		m.html = template.HTML(out.String())
	})
	if m.err != nil || !converted {
		return m.html, m.err
	}
	return template.HTML("\x00" + strconv.Itoa(m.id) + "\x00"), nil
}

// splice writes page, a converted page of the Traditional edition, into
// buf with each row's marker replaced by the row.
func (c *rowCache) splice(buf *bytes.Buffer, page []byte) error {
	for {
		i := bytes.IndexByte(page, 0)
		if i < 0 {
			buf.Write(page)
			return nil
		}
		buf.Write(page[:i])
		page = page[i+1:]
		j := bytes.IndexByte(page, 0)
		id, err := strconv.Atoi(string(page[:max(j, 0)]))
		if j < 0 || err != nil || id < 0 || id >= len(c.list) {
			return fmt.Errorf("internal error: a NUL in a page that is not a row's marker")
		}
		buf.WriteString(string(c.list[id].html))
		page = page[j+1:]
	}
}
