// Package build is the orchestrator: it loads a site (site.toml, content,
// layouts), checks it, and writes the portal. Build reads as its phases:
// load → check destination → render into a temporary folder → copy static
// files → swap the new output in.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/source"
)

// Options are the settings every command shares.
type Options struct {
	Source  string // site root
	Dest    string // output folder
	BaseURL string // overrides site.toml's base_url when set
	Drafts  bool   // publish drafts too
}

// Site is a loaded, checked site.
type Site struct {
	Config      *config.Site
	Suggestions []*content.Suggestion // published ones
	Drafts      int                   // drafts left out
	Reports     []*report.Report      // published annual reports, newest first
	render      *render.Site
	fsys        fs.FS
	static      []source.File
}

// Load reads and checks the whole site. It returns every problem found; the
// site is nil when there is any.
func Load(opts Options) (*Site, error) {
	return LoadFS(siteFS(opts.Source), opts)
}

// siteFS is the site's folder. Every read goes through an os.Root, so
// that no path or link, even one changed after source.Walk checked it,
// reads a file outside the folder. A folder that cannot be opened gives
// os.DirFS, whose reads fail with the cause.
func siteFS(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir)
	}
	return root.FS()
}

// LoadFS is Load reading the site from fsys instead of opts.Source.
func LoadFS(fsys fs.FS, opts Options) (*Site, error) {
	cfg, err := loadConfig(fsys, opts)
	if err != nil {
		return nil, err
	}
	all, errs := content.Load(fsys, cfg)
	reports, reportErrs := report.Load(fsys, cfg)
	static, staticErrs := staticFiles(fsys)
	errs = append(append(errs, reportErrs...), staticErrs...)
	site, err := assemble(fsys, opts, cfg, all, reports, errs)
	if err != nil {
		return nil, err
	}
	site.static = static
	return site, nil
}

// loadConfig reads site.toml and applies -base-url.
func loadConfig(fsys fs.FS, opts Options) (*config.Site, error) {
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

// assemble makes the site of the loaded suggestions and reports (drafts
// included) and the layouts, or reports every problem: errs, broken links
// in reports and the layouts' own.
func assemble(fsys fs.FS, opts Options, cfg *config.Site, all []*content.Suggestion, reports []*report.Report, errs diag.List) (*Site, error) {
	site := &Site{Config: cfg, fsys: fsys}
	for _, s := range all {
		if s.Draft && !opts.Drafts {
			site.Drafts++
			continue
		}
		site.Suggestions = append(site.Suggestions, s)
	}
	for _, r := range reports {
		if !r.Draft || opts.Drafts {
			site.Reports = append(site.Reports, r)
		}
	}
	// A suggestion that failed to load would show up again as a broken
	// link in every report that names it: check links only when all loaded.
	if !slices.ContainsFunc(errs, func(e *diag.Error) bool { return strings.HasPrefix(e.Pos.File, content.Dir+"/") }) {
		errs = append(errs, checkLinks(site.Reports, all, site.Suggestions)...)
	}
	if len(errs) > 0 {
		// The site cannot be rendered; still report layout problems.
		_, layoutErrs := render.New(cfg, fsys, nil, nil)
		errs = append(errs, layoutErrs...)
		errs.Sort()
		return nil, errs
	}
	r, errs := render.New(cfg, fsys, site.Suggestions, site.Reports)
	if len(errs) > 0 {
		return nil, errs
	}
	site.render = r
	return site, nil
}

// checkLinks finds report links to suggestions that are not published.
func checkLinks(reports []*report.Report, all, published []*content.Suggestion) diag.List {
	var errs diag.List
	if len(reports) == 0 {
		return nil
	}
	known := make(map[string]bool, len(all)) // number → published
	for _, s := range all {
		known[s.Number] = false
	}
	for _, s := range published {
		known[s.Number] = true
	}
	for _, r := range reports {
		for _, f := range r.Links() {
			pub, ok := known[f.Number]
			switch {
			case !ok:
				errs.Append(&diag.Error{Pos: f.Pos, Msg: fmt.Sprintf("no suggestion numbered %q", f.Number), Hint: "use the number field of the suggestion's front matter", Text: f.Line})
			case !pub:
				errs.Append(&diag.Error{Pos: f.Pos, Msg: fmt.Sprintf("suggestion %q is a draft", f.Number), Hint: "publish it (remove draft = true) or link another", Text: f.Line})
			}
		}
	}
	return errs
}

// Result describes a finished build.
type Result struct {
	Suggestions int
	Drafts      int
	Files       int
	Elapsed     time.Duration
	BasePath    string // the path the site is published under
}

// Check loads the site and renders it without writing anything, so that
// layout errors are found too.
func Check(ctx context.Context, opts Options) (*Site, error) {
	site, err := Load(opts)
	if err != nil {
		return nil, err
	}
	if err := site.render.Render(ctx, discard{}); err != nil {
		return nil, err
	}
	return site, nil
}

// Build writes the site to opts.Dest. On any error the previous output is
// left untouched.
func Build(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	site, err := Load(opts)
	if err != nil {
		return nil, err
	}
	if err := checkDest(opts.Source, opts.Dest); err != nil {
		return nil, err
	}
	out, err := newOutput(opts.Dest)
	if err != nil {
		return nil, err
	}
	defer out.abort()
	if err := copyStatic(site.fsys, site.static, out); err != nil {
		return nil, err
	}
	if err := site.render.Render(ctx, out); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := out.commit(); err != nil {
		return nil, fmt.Errorf("replacing %s: %w", opts.Dest, err)
	}
	return &Result{
		Suggestions: len(site.Suggestions),
		Drafts:      site.Drafts,
		Files:       len(out.written),
		Elapsed:     time.Since(start),
		BasePath:    site.Config.BasePath(),
	}, nil
}

// StaticDir holds files copied to the output as they are.
const StaticDir = source.StaticDir

// staticFiles lists the files of static/ (source.Walk's rule), and the
// entries it refuses, so that check reports them as build would.
func staticFiles(fsys fs.FS) ([]source.File, diag.List) {
	files, err := source.WalkFolder(fsys, StaticDir)
	var problems diag.List
	switch {
	case err == nil, errors.Is(err, fs.ErrNotExist):
		return files, nil
	case errors.As(err, &problems):
		return files, problems
	}
	problems.Add(diag.Pos{File: StaticDir}, "", "cannot read the folder: "+err.Error(), "")
	return nil, problems
}

func copyStatic(fsys fs.FS, files []source.File, out *output) error {
	for _, f := range files {
		rel := f.Path[len(StaticDir)+1:]
		if path.Base(rel) == marker {
			continue
		}
		data, err := fs.ReadFile(fsys, f.Real)
		if err != nil {
			return fmt.Errorf("copying static files: %w", err)
		}
		if err := out.WriteFile(rel, data); err != nil {
			return err
		}
	}
	return nil
}

type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
