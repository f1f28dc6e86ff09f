package render

import (
	"bytes"
	"errors"
	"html/template"
	"sync"

	"rdjy.local/portal/generator/internal/content"
)

// A suggestion is a row of many lists: the list of every suggestion, its
// year's, its category's, its outcome's and its units' lists, and its
// year's ways in. Its row is the same in each of them, so an edition
// renders it once (layouts/partials/row.html), when a list first shows it,
// and every list inserts that HTML (Row.HTML): a list page executes one
// template call per row instead of the row's every field.

// rowCache keeps the rows of an edition's suggestions once made.
type rowCache struct {
	tmpl *template.Template // a set of the edition's layouts, with the partial "row"
	made map[*content.Suggestion]*madeRow
}

// madeRow is one suggestion's row, made when first asked for.
type madeRow struct {
	once sync.Once
	html template.HTML
	err  error
}

func newRowCache(tmpl *template.Template, all []*content.Suggestion) *rowCache {
	c := &rowCache{tmpl: tmpl, made: make(map[*content.Suggestion]*madeRow, len(all))}
	for _, sg := range all {
		c.made[sg] = &madeRow{}
	}
	return c
}

// of is where the row of sg is kept; a suggestion outside the index's
// list (none today) gets a row of its own, made for its one list.
func (c *rowCache) of(sg *content.Suggestion) *madeRow {
	if m := c.made[sg]; m != nil {
		return m
	}
	return &madeRow{}
}

// errRowInRow is the error of {{.HTML}} inside the partial "row": the row
// being made cannot contain itself.
var errRowInRow = errors.New(`{{.HTML}} inside the partial "row", which makes it: write the row's cells there`)

// HTML is the row as the partial "row" (layouts/partials/row.html) makes
// it, made once per suggestion and script however many lists show it.
func (r Row) HTML() (template.HTML, error) {
	m := r.made
	if m == nil {
		return "", errRowInRow
	}
	m.once.Do(func() {
		r.made = nil
		var b bytes.Buffer
		m.err = r.rows.tmpl.ExecuteTemplate(&b, "row", r)
		m.html = template.HTML(b.String())
	})
	return m.html, m.err
}
