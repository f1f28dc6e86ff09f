package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/source"
)

// Preview builds the site into memory, for serve, and builds it again when
// its files change. It never writes anything. A rebuild reads again only
// the files that changed: an edited suggestion is parsed again and every
// other one is kept; the layouts and site.toml are kept in memory until they
// change, and so are the static files.
//
// A rebuild renders at once the pages that could fail and that the change
// is about: the pages of the suggestions that changed, or every file after
// a change to site.toml or a layout. It takes over the pages of unchanged
// suggestions from the last good build, and leaves the pages made from
// many suggestions (lists, home, data, feed, sitemap) to be made when first
// asked for, or by Memory.Warm.
type Preview struct {
	opts       Options
	fsys       *sourceCache
	cfg        *config.Site      // nil until site.toml loads
	set        *content.Set      // the suggestion files as they are now
	report     reports           // the annual reports as they are now
	static     map[string][]byte // the static files as they are now, by output name
	staticErrs diag.List         // the entries of static/ that source.Walk refused
	good       *Memory           // the last build without problems
	redo       bool              // site.toml or a layout changed since good
	failed     bool              // the last update failed
}

// NewPreview prepares a preview of the site of opts (Dest is not used).
func NewPreview(opts Options) *Preview {
	return &Preview{opts: opts, fsys: &sourceCache{FS: siteFS(opts.Source)}, redo: true}
}

// Update builds the site again after the files or folders at the paths
// changed (relative to the site root, with forward slashes); nil or "."
// means everything. On error the last good Memory stays as it was, and the
// next Update still knows what changed.
func (p *Preview) Update(ctx context.Context, changed []string) (m *Memory, err error) {
	defer func() {
		// A bug must not take the preview down: the last good site stays,
		// and the next change reads everything again.
		if v := recover(); v != nil {
			m, err = nil, fmt.Errorf("internal error while rebuilding: %v", v)
			p.cfg, p.static, p.redo, p.failed = nil, nil, true, true
		}
	}()
	m, err = p.update(ctx, changed)
	p.failed = err != nil
	return m, err
}

func (p *Preview) update(ctx context.Context, changed []string) (*Memory, error) {
	what := classify(changed)
	if what.config || what.layouts {
		p.redo = true
		p.fsys.forget()
	}
	if what.config || p.cfg == nil {
		p.cfg, p.set = nil, nil
		cfg, err := loadConfig(p.fsys, p.opts)
		if err != nil {
			return nil, err
		}
		p.cfg, p.set = cfg, content.LoadSetContext(ctx, p.fsys, cfg)
		if err := ctx.Err(); err != nil {
			p.cfg, p.set = nil, nil // not all read: read it all next time
			return nil, err
		}
		p.report.load(p.fsys, cfg)
	} else if what.content {
		p.set = p.set.Update(p.fsys, changed)
		if what.reports {
			p.report.load(p.fsys, p.cfg)
		}
	}
	// Static files source.Walk refuses are problems of the site, reported
	// with the others; while there are any, a change to static/ reads it
	// all again.
	if p.static == nil || what.all || what.static && p.staticErrs != nil {
		p.static, p.staticErrs = map[string][]byte{}, nil
		if err := readStatic(p.fsys, StaticDir, p.static); err != nil && !errors.As(err, &p.staticErrs) {
			p.static = nil
			return nil, err
		}
	} else if what.static {
		if err := p.updateStatic(changed); err != nil {
			p.static = nil // read them all once the problem is fixed
			if !errors.As(err, &p.staticErrs) {
				return nil, err
			}
		}
	}

	var m *Memory
	var err error
	if !p.redo && !p.failed && !what.content && p.staticErrs == nil {
		m, err = p.good.withStatic(staticList(p.static))
	} else {
		var site *Site
		if site, err = assemble(p.loaded(), p.opts); err != nil {
			return nil, err
		}
		keep := !p.redo && site.render.SameLinks(p.good.Site.render)
		m, err = newMemory(ctx, site, staticList(p.static), p.good, keep, p.redo)
	}
	if err != nil {
		return nil, err
	}
	p.good, p.redo = m, false
	return m, nil
}

// loaded is the site as it is now, from what the preview keeps (its own
// static files aside: see staticList). The layouts are parsed again from
// the source cache.
func (p *Preview) loaded() *loaded {
	all, errs := p.set.Suggestions()
	layouts, layoutErrs := render.LoadLayouts(p.fsys)
	return &loaded{cfg: p.cfg, all: all, reports: p.report.all, layouts: layouts, read: readFrom(p.fsys),
		errs: append(append(append(errs, p.report.errs...), p.staticErrs...), layoutErrs...)}
}

// BasePath is the path the site is published under, once site.toml has
// been read without problems, even if the site has others.
func (p *Preview) BasePath() (string, bool) {
	if p.cfg == nil {
		return "", false
	}
	return p.cfg.BasePath(), true
}

// reports are the annual reports of a site, read again only when one
// changed: there are few, and they are read whole.
type reports struct {
	all  []*report.Report
	errs diag.List
}

func (r *reports) load(fsys fs.FS, cfg *config.Site) {
	r.all, r.errs = report.Load(fsys, cfg)
}

// changes says which parts of the site a change touches.
type changes struct {
	all, config, layouts, content, reports, static bool
}

func classify(paths []string) changes {
	if len(paths) == 0 {
		return changes{all: true, config: true, layouts: true, content: true, reports: true, static: true}
	}
	under := func(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
	var c changes
	for _, p := range paths {
		switch {
		case p == "." || p == "":
			return classify(nil)
		case p == config.File:
			c.config = true
		case under(p, render.LayoutDir):
			c.layouts = true
		case under(p, StaticDir):
			c.static = true
		case under(p, source.ContentDir):
			c.content = true
			// Anything in content/ but the suggestions may hold reports.
			c.reports = c.reports || !under(p, content.Dir)
		}
	}
	return c
}

// readStatic reads the static files at or under root (a path in fsys
// within StaticDir) into files, by output name.
func readStatic(fsys fs.FS, root string, files map[string][]byte) error {
	found, problems := staticSources(fsys, root)
	for _, f := range found {
		data, err := fs.ReadFile(fsys, f.Real)
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed while we look: the next change says so
		}
		if err != nil {
			return fmt.Errorf("reading static files: %w", err)
		}
		files[outputName(f.Path)] = data
	}
	if problems != nil {
		return problems
	}
	return nil
}

// staticList is the static files of the preview as entries of the file
// list, by name.
func staticList(files map[string][]byte) []render.File {
	names := slices.Sorted(maps.Keys(files))
	list := make([]render.File, len(names))
	for i, name := range names {
		data := files[name]
		list[i] = staticFile(StaticDir+"/"+name, func() ([]byte, error) { return data, nil })
	}
	return list
}

// updateStatic reads again the static files or folders at the changed paths.
func (p *Preview) updateStatic(changed []string) error {
	files := maps.Clone(p.static)
	for _, c := range changed {
		if c == StaticDir {
			clear(files)
		} else if name, ok := strings.CutPrefix(c, StaticDir+"/"); ok {
			delete(files, name)
			for f := range files {
				if strings.HasPrefix(f, name+"/") {
					delete(files, f)
				}
			}
		} else {
			continue
		}
		if err := readStatic(p.fsys, c, files); err != nil {
			return err
		}
	}
	p.static = files
	return nil
}

// sourceCache is the site's folder with the layouts and site.toml kept in
// memory once read, until forget: a preview reads them again only after
// they changed.
type sourceCache struct {
	fs.FS
	mu    sync.Mutex
	files map[string][]byte
	dirs  map[string][]fs.DirEntry
	infos map[string]fs.FileInfo
}

func cached(name string) bool {
	return name == config.File || name == render.LayoutDir || strings.HasPrefix(name, render.LayoutDir+"/")
}

func (c *sourceCache) ReadFile(name string) ([]byte, error) {
	if !cached(name) {
		return fs.ReadFile(c.FS, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if data, ok := c.files[name]; ok {
		return data, nil
	}
	data, err := fs.ReadFile(c.FS, name)
	if err == nil {
		if c.files == nil {
			c.files = map[string][]byte{}
		}
		c.files[name] = data
	}
	return data, err
}

func (c *sourceCache) ReadDir(name string) ([]fs.DirEntry, error) {
	if !cached(name) {
		return fs.ReadDir(c.FS, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if entries, ok := c.dirs[name]; ok {
		return entries, nil
	}
	entries, err := fs.ReadDir(c.FS, name)
	if err == nil {
		if c.dirs == nil {
			c.dirs = map[string][]fs.DirEntry{}
		}
		c.dirs[name] = entries
	}
	return entries, err
}

// ReadLink and Lstat let source.Walk see the links of the site and follow
// them only inside it.
func (c *sourceCache) ReadLink(name string) (string, error) { return fs.ReadLink(c.FS, name) }
func (c *sourceCache) Lstat(name string) (fs.FileInfo, error) {
	if !cached(name) {
		return fs.Lstat(c.FS, name)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if fi, ok := c.infos[name]; ok {
		return fi, nil
	}
	fi, err := fs.Lstat(c.FS, name)
	if err == nil {
		if c.infos == nil {
			c.infos = map[string]fs.FileInfo{}
		}
		c.infos[name] = fi
	}
	return fi, err
}

// forget drops what was kept.
func (c *sourceCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files, c.dirs, c.infos = nil, nil, nil
}
