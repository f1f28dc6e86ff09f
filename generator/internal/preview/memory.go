package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"sync"
	"sync/atomic"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/parallel"
	"rdjy.local/portal/generator/internal/render"
)

// Memory is a site built into memory, for previewing: every file of the
// output of build.Build, by name. A file is made the first time it is asked
// for, or before when Preview must know that it renders. Once made, a file
// is kept compressed (see packed), except the pages (HTML), which are made
// again each time they are asked for: they are most of a site's bytes (over
// 400 MB at 10,000 suggestions) and take about a millisecond to make, and
// all a Memory keeps of them is their size and hash, for the manifest. A
// Memory never changes: a rebuild makes a new one, which takes over what
// it knows of the pages that cannot have changed.
type Memory struct {
	Site  *build.Site
	names *fileNames
	files []memFile     // by position in names.list
	pages []render.File // the names of the files but the static ones, which a change to static/ keeps

	// warmPages is set when Warm makes the pages too: on a site laid out
	// afresh (at start, or after a change to a layout or site.toml), to
	// know that every page renders and for the manifest. After an edit the
	// pages it is about are made at once, and every page is made anyway
	// when asked for.
	warmPages bool

	// shared is done once a newer site replaced this one, which stops the
	// work its files share (and removes its search index's scratch
	// folder): a file that fails then is not a problem of the site.
	shared context.Context
}

// replaced turns the error of a file made after a newer site replaced m
// into context.Canceled.
func (m *Memory) replaced(err error) error {
	if err != nil && m.shared != nil && m.shared.Err() != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w (%v)", context.Canceled, err)
	}
	return err
}

// fileNames are the names of a Memory's files and where each is in its
// list: a rebuild that lists the same files (an edit that adds or removes
// no page) shares them with the Memory before it.
type fileNames struct {
	list   []string // in the order of the file list, manifest.sha256 last
	pos    map[string]int
	sorted func() []string // list, sorted, made once when first asked for
}

func newFileNames(list []string) *fileNames {
	n := &fileNames{list: list, pos: make(map[string]int, len(list))}
	for i, name := range list {
		n.pos[name] = i
	}
	n.sorted = sync.OnceValue(func() []string { return slices.Sorted(slices.Values(n.list)) })
	return n
}

// sameNames reports whether the files are those of names, in its order
// (the manifest aside).
func (n *fileNames) sameNames(files []render.File) bool {
	if n == nil || len(files) != len(n.list)-1 {
		return false
	}
	for i, f := range files {
		if f.Name != n.list[i] {
			return false
		}
	}
	return true
}

// file is the file name, or nil.
func (m *Memory) file(name string) *memFile {
	i, ok := m.names.pos[name]
	if !ok {
		return nil
	}
	return &m.files[i]
}

// memFile is one file of a Memory.
type memFile struct {
	sg     *content.Suggestion       // what the page is made from alone, if anything
	render func(*bytes.Buffer) error // makes the file, in this Memory's site (render.File.Render); nil once made unless remake
	remake bool                      // a page: made again when asked for, not kept
	*made                            // shared with the Memories that took the file over
}

// made is what a Memory knows of a file once it has made it.
type made struct {
	once   sync.Once
	done   atomic.Bool
	packed packed // the content, unless the file is made again when asked for
	size   int64
	sum    manifest.Sum // of the content, for the manifest
	err    error
}

// newFile is a file of the list, not made yet, with what the Memory
// knows of it once made.
func newFile(f render.File, m *made) memFile {
	return memFile{sg: f.Suggestion, render: f.Render, remake: f.Static == "" && path.Ext(f.Name) == ".html", made: m}
}

// run makes the file into buf, turning a panic into an error that names
// the file's suggestion (render.File.Make).
func (f *memFile) run(buf *bytes.Buffer) error {
	return render.File{Suggestion: f.sg, Render: f.render}.Make(buf)
}

// make makes the file once, and returns its error.
func (f *memFile) make() error {
	_, err := f.content(false)
	return err
}

// content makes the file if it was not made yet, and returns its content
// when want is set.
func (f *memFile) content(want bool) ([]byte, error) {
	var fresh []byte
	f.once.Do(func() {
		buf := bufs.Get().(*bytes.Buffer)
		buf.Reset()
		if f.err = f.run(buf); f.err == nil {
			data := buf.Bytes()
			f.size, f.sum = int64(len(data)), manifest.Of(data)
			if !f.remake {
				f.packed = pack(data)
			} else if want {
				fresh = bytes.Clone(data)
			}
		}
		if !f.remake {
			f.render = nil // and what it holds, such as the search index
		}
		if buf.Cap() <= maxPooled {
			bufs.Put(buf)
		}
		f.done.Store(true)
	})
	switch {
	case f.err != nil:
		return nil, f.err
	case !want || fresh != nil:
		return fresh, nil
	case f.remake:
		var buf bytes.Buffer
		buf.Grow(int(f.size))
		err := f.run(&buf)
		return buf.Bytes(), err
	}
	return f.packed.unpack()
}

// bufs are the buffers files are made in before they are packed; one
// grown for a file larger than maxPooled is left to the collector.
var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooled = 1 << 20

// File returns the content of the output file name, such as
// "suggestions/2019-001/index.html". ok is false when the site has no such
// file; err is set when the file could not be made.
func (m *Memory) File(name string) (data []byte, ok bool, err error) {
	f := m.file(name)
	if f == nil {
		return nil, false, nil
	}
	data, err = f.content(true)
	if err = m.replaced(err); err != nil {
		err = fmt.Errorf("%s: %w", name, err)
	}
	return data, true, err
}

// Names lists the files of the site, sorted. The list is shared: it must
// not be changed.
func (m *Memory) Names() []string { return m.names.sorted() }

// Warm makes the files not made yet, one at a time so that a request is
// never kept waiting long, until all are made or ctx is done. It returns the
// first error, unless ctx is done (a newer site stops the work of this
// one). After an edit it leaves the pages, made when asked for.
func (m *Memory) Warm(ctx context.Context) error {
	for _, name := range m.Names() {
		if ctx.Err() != nil {
			return nil
		}
		f := m.file(name)
		if !m.warmPages && (f.remake || name == manifest.Name) { // the manifest makes every page
			continue
		}
		// make, not File: a page made already is not made again.
		if err := m.replaced(f.make()); err != nil {
			if ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return nil // this site was replaced: not a problem of the site
			}
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// makeAll makes the files of m in parallel, stopping at the first error.
func makeAll(ctx context.Context, names []string, m *Memory) error {
	return parallel.Each(ctx, names, func(_ *bytes.Buffer, name string) error {
		if err := m.file(name).make(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
}

// newMemory lays out the files of site and its static files. With old,
// the pages of suggestions unchanged since old are taken from it when keep
// is set. Pages made from one suggestion that old did not have are made at
// once, as is everything when eager is set; the rest is made when first
// asked for.
func newMemory(ctx context.Context, site *build.Site, static []render.File, old *Memory, keep, eager bool) (*Memory, error) {
	pages := site.Pages(ctx)
	// A list with the names of the last, in its order, has no two files
	// of one name either: only the static files the pages need are checked.
	var names *fileNames
	files := append(pages[:len(pages):len(pages)], static...)
	if old != nil && old.names.sameNames(files) {
		names = old.names
		if err := build.CheckNeeds(static, site.Needs()...); err != nil {
			return nil, err
		}
	} else {
		var err error
		if files, err = build.List(pages, static, site.Needs()...); err != nil {
			return nil, err
		}
	}
	m := &Memory{Site: site, files: make([]memFile, len(files)+1), pages: pages, warmPages: old == nil || eager, shared: ctx}
	var list []string
	if names == nil {
		list = make([]string, 0, len(files)+1)
	}
	// Where what is known of each file comes from: the old Memory, one of
	// two blocks of this one (each one allocation), or an allocation of
	// its own. Later Memories take over the pages of unchanged suggestions,
	// which keeps their block, and never the other files, whose block goes
	// with m; the page of a suggestion that changed has its own.
	const (
		fromOld = iota
		inOthers
		inPages
		alone
	)
	from := make([]uint8, len(files))
	var pagesN, othersN int
	for i, f := range files {
		switch {
		case f.Suggestion == nil:
			from[i] = inOthers
			othersN++
		case old == nil || eager:
			from[i] = inPages
			pagesN++
		default:
			var o *memFile
			if names != nil {
				o = &old.files[i]
			} else {
				o = old.file(f.Name)
			}
			switch {
			case o == nil || o.sg != f.Suggestion:
				from[i] = alone
			case keep && o.done.Load():
				from[i] = fromOld
			default:
				from[i] = inPages
				pagesN++
			}
		}
	}
	pageBlock, otherBlock := make([]made, pagesN), make([]made, othersN)
	var now []string
	for i, f := range files {
		var n memFile
		switch from[i] {
		case fromOld:
			// A page is made again in the new site (the old one is
			// dropped), which makes the same bytes.
			if names != nil {
				n = newFile(f, old.files[i].made)
			} else {
				n = newFile(f, old.file(f.Name).made)
			}
			if !n.remake {
				n.render = nil
			}
		case inOthers:
			n = newFile(f, &otherBlock[0])
			otherBlock = otherBlock[1:]
		case inPages:
			n = newFile(f, &pageBlock[0])
			pageBlock = pageBlock[1:]
		case alone:
			n = newFile(f, &made{})
		}
		m.files[i] = n
		if list != nil {
			list = append(list, f.Name)
		}
		switch {
		case n.done.Load():
		case eager || from[i] == alone || old == nil && f.Suggestion != nil:
			now = append(now, f.Name)
		}
	}
	if names == nil {
		names = newFileNames(append(list, manifest.Name))
	}
	m.names = names
	addManifest(m)
	forget(pages)
	if err := makeAll(ctx, now, m); err != nil {
		return nil, err
	}
	return m, nil
}

// forget drops the functions that make the pages from a list that only
// names them: the files of a Memory have them while they need them, and
// what they share (the search index) can go once they are made.
func forget(pages []render.File) {
	for i := range pages {
		pages[i].Render, pages[i].Stream = nil, nil
	}
}

// withStatic is m with other static files: its pages are kept.
func (m *Memory) withStatic(static []render.File) (*Memory, error) {
	files, err := build.List(m.pages, static, m.Site.Needs()...)
	if err != nil {
		return nil, err
	}
	n := &Memory{Site: m.Site, files: make([]memFile, len(files)+1), pages: m.pages, warmPages: m.warmPages, shared: m.shared}
	list := make([]string, 0, len(files)+1)
	for i, f := range files {
		if f.Static == "" {
			n.files[i] = *m.file(f.Name)
		} else {
			n.files[i] = newFile(f, &made{})
		}
		list = append(list, f.Name)
	}
	n.names = newFileNames(append(list, manifest.Name))
	addManifest(n)
	return n, nil
}

// addManifest adds manifest.sha256, the last file of the list, to a site
// in memory, made from every other file when first asked for, so that the
// preview holds what a build writes.
func addManifest(m *Memory) {
	last := len(m.files) - 1
	m.files[last] = memFile{made: &made{}, render: func(buf *bytes.Buffer) error {
		var sums manifest.Builder
		for i := range m.files[:last] {
			f := &m.files[i]
			if err := f.make(); err != nil {
				return err
			}
			sums.AddSum(m.names.list[i], f.size, f.sum)
		}
		list, err := sums.Manifest()
		if err != nil {
			return err
		}
		buf.Write(list.Format())
		return nil
	}}
}
