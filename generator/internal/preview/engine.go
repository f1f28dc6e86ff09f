package preview

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/pages"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/source"
)

// Engine builds the site into memory, for the server, and builds it again
// when its files change. It never writes anything. A rebuild reads again only
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
type Engine struct {
	// Scratch, when set, is a folder outside the site where each site's
	// search index spills what it gathers, in a folder of its own removed
	// once a newer site replaces it (the caller removes Scratch); empty:
	// the index gathers in memory.
	Scratch string

	opts       build.Options
	fsys       *sourceCache
	cfg        *config.Site       // nil until site.toml loads
	set        *content.Set       // the suggestion files as they are now
	report     reports            // the annual reports as they are now
	static     map[string][]byte  // the static files as they are now, by path in the site
	staticErrs diag.List          // the entries of static/ that source.Walk refused
	layouts    *render.Layouts    // parsed, until a layout changes; nil: read them again
	layoutErrs diag.List          // the problems of the layouts, with layouts nil
	layoutsOK  bool               // layouts and layoutErrs are those of the files now
	good       *Memory            // the last build without problems
	stopGood   context.CancelFunc // stops the work good's files share (the search index) once a new site replaces it
	redo       bool               // site.toml or a layout changed since good
	failed     bool               // the last update failed
}

// NewEngine prepares a preview of the site of opts (Dest is not used).
func NewEngine(opts build.Options) *Engine {
	return &Engine{opts: opts, fsys: &sourceCache{FS: source.Open(opts.Source)}, redo: true}
}

// Update builds the site again after the files or folders at the paths
// changed (relative to the site root, with forward slashes); nil or "."
// means everything. On error the last good Memory stays as it was, and the
// next Update still knows what changed.
func (p *Engine) Update(ctx context.Context, changed []string) (m *Memory, err error) {
	defer func() {
		// A bug must not take the preview down: the last good site stays,
		// and the next change reads everything again.
		if v := recover(); v != nil {
			m, err = nil, fmt.Errorf("internal error while rebuilding: %v", v)
			p.cfg, p.static, p.redo, p.failed, p.layoutsOK = nil, nil, true, true, false
		}
	}()
	m, err = p.update(ctx, changed)
	p.failed = err != nil
	return m, err
}

func (p *Engine) update(ctx context.Context, changed []string) (*Memory, error) {
	what := classify(changed)
	if what.config || what.layouts {
		p.redo = true
		p.fsys.forget()
	}
	if what.layouts {
		p.layoutsOK = false
	}
	if what.config || p.cfg == nil {
		p.cfg, p.set = nil, nil
		cfg, err := build.LoadConfig(p.fsys, p.opts)
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
		p.set = p.set.Update(ctx, p.fsys, changed)
		if err := ctx.Err(); err != nil {
			p.cfg, p.set = nil, nil // not all read: read it all next time
			return nil, err
		}
		if what.reports {
			p.report.load(p.fsys, p.cfg)
		}
	}
	// Static files source.Walk refuses are problems of the site, reported
	// with the others; while there are any, a change to static/ reads it
	// all again.
	if p.static == nil || what.all || what.static && p.staticErrs != nil {
		p.static, p.staticErrs = map[string][]byte{}, nil
		if err := readStatic(p.fsys, source.StaticDir, p.static); err != nil && !errors.As(err, &p.staticErrs) {
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
		var site *build.Site
		if site, err = build.Assemble(p.sources(), p.opts); err != nil {
			return nil, err
		}
		keep := !p.redo && site.SameLinks(p.good.Site)
		// The work the files of the site share stops once a newer site
		// replaces it: the background making of the last site's search
		// index does not compete with the next edit.
		shared, cancel := context.WithCancel(ctx)
		stop := cancel
		if p.Scratch != "" {
			if dir, err := os.MkdirTemp(p.Scratch, "site-"); err == nil {
				site.SetScratch(dir)
				stop = func() { cancel(); os.RemoveAll(dir) }
			}
		}
		if m, err = newMemory(shared, site, staticList(p.static), p.good, keep, p.redo); err != nil {
			stop()
			return nil, err
		}
		if p.stopGood != nil {
			p.stopGood()
		}
		p.stopGood = stop
	}
	if err != nil {
		return nil, err
	}
	p.good, p.redo = m, false
	return m, nil
}

// sources is the site as it is now, from what the preview keeps (its own
// static files aside: see staticList). The layouts are parsed once after
// each change to them, and kept with the copies of their templates that
// the site's addresses need.
func (p *Engine) sources() *build.Sources {
	all, errs := p.set.Suggestions()
	if !p.layoutsOK {
		p.layouts, p.layoutErrs = render.LoadLayouts(p.fsys)
		p.layoutsOK = true
	}
	src := &build.Sources{Config: p.cfg, Suggestions: all, Reports: p.report.all, Pages: p.report.pages, Layouts: p.layouts, Read: build.ReadFrom(p.fsys),
		Problems: append(append(append(errs, p.report.errs...), p.staticErrs...), p.layoutErrs...), NoWarnings: true}
	if p.good != nil && !p.redo {
		src.Previous = p.good.Site
	}
	return src
}

// BasePath is the path the site is published under, once site.toml has
// been read without problems, even if the site has others.
func (p *Engine) BasePath() (string, bool) {
	if p.cfg == nil {
		return "", false
	}
	return p.cfg.BasePath(), true
}

// reports are the annual reports of a site, read again only when one
// changed: there are few, and they are read whole.
type reports struct {
	all   []*report.Report
	pages []*pages.Page // the site's own pages (content/pages), read with them
	errs  diag.List
}

func (r *reports) load(fsys fs.FS, cfg *config.Site) {
	var pageErrs diag.List
	r.all, r.errs = report.Load(fsys, cfg)
	r.pages, pageErrs = pages.Load(fsys, cfg)
	r.errs = append(r.errs, pageErrs...)
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
		case p == source.Config:
			c.config = true
		case under(p, source.LayoutDir):
			c.layouts = true
		case under(p, source.StaticDir):
			c.static = true
		case under(p, source.ContentDir):
			c.content = true
			// Anything in content/ but the suggestions may hold reports.
			c.reports = c.reports || !under(p, source.Suggestions)
		}
	}
	return c
}

// readStatic reads the static files at or under root (a path in fsys
// within source.StaticDir) into files, by path in the site.
func readStatic(fsys fs.FS, root string, files map[string][]byte) error {
	found, problems := build.StaticSources(fsys, root)
	for _, f := range found {
		data, err := fs.ReadFile(fsys, f.Real)
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed while we look: the next change says so
		}
		if err != nil {
			return fmt.Errorf("reading static files: %w", err)
		}
		files[f.Path] = data
	}
	if problems != nil {
		return problems
	}
	return nil
}

// staticList is the static files of the preview as entries of the file
// list, by name.
func staticList(files map[string][]byte) []render.File {
	paths := slices.Sorted(maps.Keys(files))
	list := make([]render.File, len(paths))
	for i, p := range paths {
		data := files[p]
		list[i] = build.StaticFile(p, func() ([]byte, error) { return data, nil })
	}
	return list
}

// updateStatic reads again the static files or folders at the changed paths.
func (p *Engine) updateStatic(changed []string) error {
	files := maps.Clone(p.static)
	for _, c := range changed {
		if c == source.StaticDir {
			clear(files)
		} else if strings.HasPrefix(c, source.StaticDir+"/") {
			delete(files, c)
			for f := range files {
				if strings.HasPrefix(f, c+"/") {
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
