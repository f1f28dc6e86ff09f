package build

import (
	"context"
	"fmt"
	"io/fs"
	"sync"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/pages"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/source"
)

// The live preview (package preview) runs the phases itself, so that a
// rebuild reads again only what changed. This file and List, StaticSources
// and StaticFile in files.go are what it uses of build: the load phase's
// result (Sources), the phases after it (Assemble), and the one list of
// files where collisions are found. Build and Check use the same functions.

// Sources is a site as the load phase leaves it: every file read and
// parsed, drafts included, with the problems of each.
type Sources struct {
	Config      *config.Site
	Suggestions []*content.Suggestion // drafts included
	Reports     []*report.Report      // drafts included
	Pages       []*pages.Page         // the site's own pages, drafts included
	Static      []source.File         // the files of static/; the preview keeps its own
	Layouts     *render.Layouts
	Problems    diag.List // every problem found while loading

	// Read reads a file of the site by its path in it, for the files a
	// build publishes as they are (a suggestion's attachments): see ReadFrom.
	Read func(name string) ([]byte, error)

	// Previous is a site assembled before from the same site.toml, whose
	// parts made from the same suggestions Assemble may take over (each
	// year's statistics and ways in, the Traditional edition's names):
	// the preview's last good site; nil in a build.
	Previous *Site

	// NoWarnings leaves the warnings out (Site.Warnings stays empty): the
	// preview shows none, and would find them again at every edit.
	NoWarnings bool
}

// ReadFrom reads the files of fsys, for Sources.Read.
func ReadFrom(fsys fs.FS) func(name string) ([]byte, error) {
	return func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
}

// LoadConfig reads site.toml from fsys and applies opts.BaseURL.
func LoadConfig(fsys fs.FS, opts Options) (*config.Site, error) {
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		return nil, errs
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			return nil, fmt.Errorf("-base-url: %w", err)
		}
	}
	return cfg, nil
}

// Assemble runs the phases after load: check, then index and the editions
// of render. It returns every problem of the site at once, sorted, and no
// site when there is any.
func Assemble(src *Sources, opts Options) (*Site, error) {
	site := &Site{Config: src.Config, static: src.Static}
	for _, s := range src.Suggestions {
		if s.Draft && !opts.Drafts {
			site.Drafts++
			continue
		}
		site.Suggestions = append(site.Suggestions, s)
	}
	for _, r := range src.Reports {
		if !r.Draft || opts.Drafts {
			site.Reports = append(site.Reports, r)
		}
	}
	if errs := check(src, site); len(errs) > 0 {
		return nil, errs
	}
	// The warnings read what the index reads: they are found meanwhile.
	var wg sync.WaitGroup
	defer wg.Wait()
	if !src.NoWarnings {
		wg.Go(func() { site.Warnings = warnings(src.Config, src.Suggestions, site.Suggestions) })
	}
	var prev *index.Index
	var prevRender *render.Site
	if src.Previous != nil {
		prev, prevRender = src.Previous.Index, src.Previous.render
	}
	site.Index = index.Update(prev, src.Config, site.Suggestions, site.Reports)
	for _, p := range src.Pages {
		if !p.Draft || opts.Drafts {
			site.Index.Pages = append(site.Index.Pages, p)
		}
	}
	r, err := render.New(site.Index, src.Layouts, src.Read, prevRender)
	if err != nil {
		return nil, err
	}
	site.render = r
	wg.Wait()
	return site, nil
}

// Pages lists the pages and data files of the site, not yet made: every
// file of the output but the static files and the manifest. The work they
// share stops once ctx is done.
func (s *Site) Pages(ctx context.Context) []render.File { return s.render.Files(ctx) }

// SetScratch gives the site's search index a folder, which must exist,
// for what it gathers while its files are made (render.Site.SetScratch):
// the preview's, which a build keeps in its new output instead.
func (s *Site) SetScratch(dir string) { s.render.SetScratch(dir) }

// SameLinks reports whether the page of a suggestion renders the same in s
// as in old, for two sites made from the same site.toml and layouts: a
// preview may then keep the pages of the suggestions that did not change.
func (s *Site) SameLinks(old *Site) bool { return s.render.SameLinks(old.render) }
