package preview

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"sort"
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
	files map[string]*memFile
	pages []render.File // the names of the files but the static ones, which a change to static/ keeps
}

// memFile is one file of a Memory.
type memFile struct {
	sg     *content.Suggestion       // what the page is made from alone, if anything
	render func(*bytes.Buffer) error // makes the file, in this Memory's site; nil once made unless remake
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

func newFile(f render.File) *memFile {
	return &memFile{sg: f.Suggestion, render: f.Make, remake: f.Static == "" && path.Ext(f.Name) == ".html", made: &made{}}
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
		if f.err = f.render(buf); f.err == nil {
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
		err := f.render(&buf)
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
	f := m.files[name]
	if f == nil {
		return nil, false, nil
	}
	data, err = f.content(true)
	if err != nil {
		err = fmt.Errorf("%s: %w", name, err)
	}
	return data, true, err
}

// Names lists the files of the site, sorted.
func (m *Memory) Names() []string {
	names := make([]string, 0, len(m.files))
	for name := range m.files {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Warm makes the files not made yet, one at a time so that a request is
// never kept waiting long, until all are made or ctx is done. It returns the
// first error.
func (m *Memory) Warm(ctx context.Context) error {
	for _, name := range m.Names() {
		if ctx.Err() != nil {
			return nil
		}
		// make, not File: a page made already is not made again.
		if err := m.files[name].make(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// makeAll makes the files in parallel, stopping at the first error.
func makeAll(ctx context.Context, names []string, files map[string]*memFile) error {
	return parallel.Each(ctx, names, func(_ *bytes.Buffer, name string) error {
		if err := files[name].make(); err != nil {
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
	files, err := build.List(pages, static, site.Needs()...)
	if err != nil {
		return nil, err
	}
	m := &Memory{Site: site, files: make(map[string]*memFile, len(files)), pages: pages}
	var now []string
	for _, f := range files {
		n := newFile(f)
		unchanged := false
		if old != nil && f.Suggestion != nil {
			o := old.files[f.Name]
			unchanged = o != nil && o.sg == f.Suggestion
			if unchanged && keep && o.done.Load() {
				// A page is made again in the new site (the old one is
				// dropped), which makes the same bytes.
				n.made = o.made
				if !n.remake {
					n.render = nil
				}
			}
		}
		m.files[f.Name] = n
		if n.done.Load() {
			continue
		}
		if eager || (f.Suggestion != nil && !unchanged) {
			now = append(now, f.Name)
		}
	}
	addManifest(m)
	forget(pages)
	if err := makeAll(ctx, now, m.files); err != nil {
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
	n := &Memory{Site: m.Site, files: make(map[string]*memFile, len(files)), pages: m.pages}
	for _, f := range files {
		if f.Static == "" {
			n.files[f.Name] = m.files[f.Name]
		} else {
			n.files[f.Name] = newFile(f)
		}
	}
	addManifest(n)
	return n, nil
}

// addManifest adds manifest.sha256 to a site in memory, made from every
// other file when first asked for, so that the preview holds what a build
// writes.
func addManifest(m *Memory) {
	m.files[manifest.Name] = &memFile{made: &made{}, render: func(buf *bytes.Buffer) error {
		var sums manifest.Builder
		for name, f := range m.files {
			if name == manifest.Name {
				continue
			}
			if err := f.make(); err != nil {
				return err
			}
			sums.AddSum(name, f.size, f.sum)
		}
		list, err := sums.Manifest()
		if err != nil {
			return err
		}
		buf.Write(list.Format())
		return nil
	}}
}
