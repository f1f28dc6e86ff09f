package render

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/index"
)

// File is one output file of the site, not yet made.
type File struct {
	Name string // path in the output, with forward slashes: "suggestions/2019-001/index.html"

	// Suggestion is the one suggestion the file is made from alone (its
	// page), or nil for files made from many (lists, home, data, feed,
	// sitemap). A preview that kept the file of an unchanged suggestion may
	// serve it again while SameLinks holds.
	Suggestion *content.Suggestion

	// Static is the file of static/ that the file copies as it is, such as
	// "static/css/site.css"; empty for the files the generator makes.
	Static string

	// Render writes the file's content into buf. It may run on several
	// files at once.
	Render func(buf *bytes.Buffer) error

	// Stream, set for the files too large to hold whole (the open data,
	// the sitemap, the search indexes), writes the same content as Render
	// to w piece by piece, so that a writer to disk never holds the whole
	// file. w's errors are the caller's: it checks them when it flushes w.
	Stream func(w Writer) error
}

// Writer is what a streamed file is written to: a bytes.Buffer, or a
// bufio.Writer into the output file.
type Writer interface {
	io.Writer
	io.StringWriter
	io.ByteWriter
}

// Make renders the file into buf, like Render, but turns a panic into an
// error that names the file and the suggestion it is made from, so that one
// page that trips a bug never stops a build or the preview.
func (f File) Make(buf *bytes.Buffer) error {
	return f.guard(func() error { return f.Render(buf) })
}

// MakeStream writes the file to w piece by piece, like Stream, guarded as
// Make is. The file must have Stream.
func (f File) MakeStream(w Writer) error {
	return f.guard(func() error { return f.Stream(w) })
}

// guard runs make, turning a panic into an error.
func (f File) guard(make func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error while rendering: %v", v)
			if f.Suggestion != nil {
				err = fmt.Errorf("%w (the page of %s)", err, f.Suggestion.File)
			}
		}
	}()
	return make()
}

// Files lists every page and data file of the site. ctx stops the work
// shared by many files (the search index) once it is done; the files keep
// it to make themselves later.
func (s *Site) Files(ctx context.Context) []File {
	// Listing the pages of a large site takes a while; the two editions
	// are listed at once.
	var hant []*task
	done := make(chan struct{})
	go func() {
		defer close(done)
		hant = s.hant.pageTasks()
	}()
	tasks := s.hans.pageTasks()
	<-done
	hans := len(tasks)
	tasks = append(tasks, hant...)
	pages := len(tasks)
	tasks = append(tasks, s.attachmentTasks()...)
	search := s.searchTasks(ctx)
	tasks = append(tasks, search...)
	data := s.dataTasks(tasks) // the sitemap, in the pages' order
	if s.hans.rows.once {
		rowsFirst(tasks[:hans])
		rowsFirst(tasks[hans:pages])
	}
	if len(search) > 0 {
		startIndexEarly(tasks, pages, slices.Index(tasks, search[0]))
	}
	tasks = append(tasks, data...)
	files := make([]File, len(tasks))
	for i, t := range tasks {
		files[i] = File{Name: t.file, Suggestion: t.sg, Render: t.make}
		if stream := t.stream; stream != nil {
			files[i].Render = func(buf *bytes.Buffer) error { return stream(buf) }
			files[i].Stream = stream
		}
	}
	return files
}

// rowsFirst moves an edition's pages with rows of lists ahead of its
// other pages, keeping the order of each, when each page is made once:
// its rows are let go once the last of them is made (rowCache.counts), and
// the search index, made among the last pages (startIndexEarly), then has
// their room. Only the order of the work changes: the sitemap is made from
// the pages' own order.
func rowsFirst(pages []*task) {
	ordered := make([]*task, 0, len(pages))
	for _, rows := range []bool{true, false} {
		for _, t := range pages {
			if t.rows == rows {
				ordered = append(ordered, t)
			}
		}
	}
	copy(pages, ordered)
}

// startIndexEarly moves the search file at first, the first to need the
// search index, among the last quarter of the pages (the first pages of
// tasks). The index is made once, by the first file that needs it, and
// mostly in one thread (search.Index.Add): were every search file after the
// pages, the other workers would take the next search files and wait for
// it, and a core would stay idle for seconds. Made while the last pages
// are, it keeps every core busy. Only the order of the work changes: the
// pages keep their order, and the sitemap, made from it, too.
func startIndexEarly(tasks []*task, pages, first int) {
	at := pages - pages/4
	if first <= at {
		return
	}
	t := tasks[first]
	copy(tasks[at+1:first+1], tasks[at:first])
	tasks[at] = t
}

// SameLinks reports whether the page of a suggestion renders the same in s
// as in old, for two sites made with the same site.toml and layouts: besides
// its own suggestion, such a page depends on the navigation (which links
// the reports and the deputies' index only when there are some); its
// deputies and units link to pages named by site.toml or by their names,
// which every unit and deputy has. The units are compared too, as before
// every unit had a page, which costs a full render only when a unit comes
// or goes.
func (s *Site) SameLinks(old *Site) bool {
	return s.idx.Config == old.idx.Config && s.hans.base == old.hans.base && slices.Equal(s.hans.nav, old.hans.nav) &&
		slices.Equal(s.hans.view.Pages, old.hans.view.Pages) &&
		sameTerms(s.idx.Units, old.idx.Units)
}

// sameTerms reports whether two groups have the same terms.
func sameTerms(a, b *index.Group) bool {
	if len(a.Terms) != len(b.Terms) {
		return false
	}
	for _, t := range a.Terms {
		if b.Term(t.Key) == nil {
			return false
		}
	}
	return true
}
