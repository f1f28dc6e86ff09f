package preview

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"sync"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/parallel"
	"rdjy.local/portal/generator/internal/render"
)

// Memory is a site built into memory, for previewing: every file of the
// output of build.Build, by name. A page is made the first time it is asked for,
// or before when Preview must know that it renders; once made, it is kept.
// A Memory never changes: a rebuild makes a new one, which takes over the
// pages that cannot have changed.
type Memory struct {
	Site  *build.Site
	files map[string]*memFile
	pages []render.File // the list of files but the static ones, which a change to static/ keeps
}

// memFile is one file of a Memory, made once.
type memFile struct {
	sg     *content.Suggestion // what the page is made from alone, if anything
	once   sync.Once
	render func(*bytes.Buffer) error // nil once made
	data   []byte
	err    error
}

func (f *memFile) make() ([]byte, error) {
	f.once.Do(func() {
		var buf bytes.Buffer
		f.err = f.render(&buf)
		f.data, f.render = buf.Bytes(), nil
	})
	return f.data, f.err
}

// File returns the content of the output file name, such as
// "suggestions/2019-001/index.html". ok is false when the site has no such
// file; err is set when the file could not be made.
func (m *Memory) File(name string) (data []byte, ok bool, err error) {
	f := m.files[name]
	if f == nil {
		return nil, false, nil
	}
	data, err = f.make()
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
		if _, _, err := m.File(name); err != nil {
			return err
		}
	}
	return nil
}

// makeAll makes the files in parallel, stopping at the first error.
func makeAll(ctx context.Context, names []string, files map[string]*memFile) error {
	return parallel.Each(ctx, names, func(_ *bytes.Buffer, name string) error {
		if _, err := files[name].make(); err != nil {
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
		unchanged := false
		if old != nil && f.Suggestion != nil {
			o := old.files[f.Name]
			unchanged = o != nil && o.sg == f.Suggestion
			if unchanged && keep {
				m.files[f.Name] = o
				continue
			}
		}
		m.files[f.Name] = &memFile{sg: f.Suggestion, render: f.Make}
		if eager || (f.Suggestion != nil && !unchanged) {
			now = append(now, f.Name)
		}
	}
	addManifest(m)
	if err := makeAll(ctx, now, m.files); err != nil {
		return nil, err
	}
	return m, nil
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
			n.files[f.Name] = &memFile{render: f.Render}
		}
	}
	addManifest(n)
	return n, nil
}

// addManifest adds manifest.sha256 to a site in memory, made from every
// other file when first asked for, so that the preview holds what a build
// writes.
func addManifest(m *Memory) {
	m.files[manifest.Name] = &memFile{render: func(buf *bytes.Buffer) error {
		var sums manifest.Builder
		for name, f := range m.files {
			if name == manifest.Name {
				continue
			}
			data, err := f.make()
			if err != nil {
				return err
			}
			sums.Add(name, data)
		}
		list, err := sums.Manifest()
		if err != nil {
			return err
		}
		buf.Write(list.Format())
		return nil
	}}
}
