// Package build runs the phases of a build, each named after what it does:
//
//	load    read site.toml, every suggestion, report and static file and the
//	        layouts, each parsed and checked on its own (packages config,
//	        content, report, source, render.LoadLayouts); the result is
//	        Sources
//	check   the checks across files: report links to missing or draft
//	        suggestions, units no suggestion names, an as_of earlier than
//	        the content (duplicate numbers are found as the suggestions
//	        load); every problem of the two phases is reported at once
//	index   the site's facts, worked out once (package index)
//	render  the list of the site's files: every page and data file of both
//	        editions (package render) and the static files; a name given
//	        twice is a problem here (List, in files.go)
//	write   make every file of the list, in parallel, into a sink
//
// Build writes into a temporary folder and swaps it in whole (output.go);
// Check writes into a sink that keeps nothing, so it finds every problem a
// build would. The live preview (package preview) runs the same phases
// through a small exported part of this package (sources.go): it loads
// again only what changed, and keeps the list in memory, making a file when
// it is first asked for.
package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/pages"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/report"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Options are the settings every command shares.
type Options struct {
	Source  string // site root
	Dest    string // output folder
	BaseURL string // overrides site.toml's base_url when set
	Drafts  bool   // publish drafts too
	Strict  bool   // refuse what an inspection marks down, and warnings (strict.go)

	// LimitMemory bounds the process's heap while the files are written
	// by what the loaded site holds (memlimit.go). For commands that build
	// once and exit: the limit is the process's.
	LimitMemory bool
}

// Site is a loaded, checked site.
type Site struct {
	Config      *config.Site
	Suggestions []*content.Suggestion // published ones
	Drafts      int                   // drafts left out
	Reports     []*report.Report      // published annual reports, newest first
	Index       *index.Index
	Warnings    diag.List // what check reports without failing; see warnings.go
	render      *render.Site
	static      []source.File // the files of static/
}

// Load reads and checks the whole site. It returns every problem found; the
// site is nil when there is any.
func Load(opts Options) (*Site, error) {
	return LoadFS(source.Open(opts.Source), opts)
}

// LoadContext is Load stopping soon after ctx is done, with its error.
func LoadContext(ctx context.Context, opts Options) (*Site, error) {
	return loadFS(ctx, source.Open(opts.Source), opts, true)
}

// LoadFS is Load reading the site from fsys instead of opts.Source: the
// phases load, check, index and the editions of render.
func LoadFS(fsys fs.FS, opts Options) (*Site, error) {
	return loadFS(context.Background(), fsys, opts, true)
}

// loadFS is LoadFS stopping soon after ctx is done. The site's warnings
// are looked for when warnings is set.
func loadFS(ctx context.Context, fsys fs.FS, opts Options, warnings bool) (*Site, error) {
	src, err := load(ctx, fsys, opts)
	if err != nil {
		return nil, err
	}
	src.NoWarnings = !warnings
	return Assemble(src, opts)
}

// load reads every file of the site. Only a site.toml that cannot be used
// stops it early; every other problem is kept in Problems.
func load(ctx context.Context, fsys fs.FS, opts Options) (*Sources, error) {
	cfg, err := LoadConfig(fsys, opts)
	if err != nil {
		return nil, err
	}
	src := &Sources{Config: cfg, Read: ReadFrom(fsys)}
	var errs [5]diag.List
	src.Suggestions, errs[0] = content.LoadContext(ctx, fsys, cfg)
	if err := ctx.Err(); err != nil {
		return nil, err // interrupted: not every file was read
	}
	src.Reports, errs[1] = report.Load(fsys, cfg)
	src.Static, errs[2] = StaticSources(fsys, source.StaticDir)
	src.Layouts, errs[3] = render.LoadLayouts(fsys)
	src.Pages, errs[4] = pages.Load(fsys, cfg)
	for _, e := range errs {
		src.Problems = append(src.Problems, e...)
	}
	return src, nil
}

// check adds to the problems of the files those across files, and sorts
// them.
func check(src *Sources, site *Site) diag.List {
	errs := src.Problems
	// A suggestions folder that cannot be read is the cause of everything
	// else that would be reported (every link of a report broken): it is
	// reported first and alone.
	if i := slices.IndexFunc(errs, func(e *diag.Error) bool { return e.Pos.File == content.Dir }); i >= 0 {
		return diag.List{errs[i]}
	}
	// A suggestion that failed to load would show up again as a broken
	// link in every report that names it: check links only when all loaded.
	if !slices.ContainsFunc(errs, func(e *diag.Error) bool { return strings.HasPrefix(e.Pos.File, content.Dir+"/") }) {
		errs = append(errs, checkLinks(site.Reports, src.Suggestions, site.Suggestions)...)
		errs = append(errs, checkUnits(site.Reports, src.Suggestions)...)
		errs = append(errs, checkAsOf(src.Config, site.Suggestions)...)
	}
	errs.Sort()
	return errs
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

// checkUnits finds report figures whose unit handles no suggestion at all,
// which would count 0 however the suggestions change: a misspelling.
func checkUnits(reports []*report.Report, all []*content.Suggestion) diag.List {
	var refs []report.UnitRef
	for _, r := range reports {
		refs = append(refs, r.Units()...)
	}
	if len(refs) == 0 {
		return nil // the units of every suggestion are gathered only when a figure names one
	}
	var errs diag.List
	units := map[string]bool{}
	var names []string
	for _, s := range all {
		for _, u := range append([]string{s.LeadUnit}, s.CoUnits...) {
			if !units[u] {
				units[u] = true
				names = append(names, u)
			}
		}
	}
	slices.Sort(names)
	for _, u := range refs {
		if units[u.Name] {
			continue
		}
		hint := "write the unit's name as the suggestions' lead_unit does"
		if near := tomldoc.Closest(u.Name, names); near != "" {
			hint = "did you mean " + near + "?"
		}
		errs.Append(&diag.Error{Pos: u.Pos, Msg: fmt.Sprintf("unknown unit %q: no suggestion names it as its lead or co-handling unit", u.Name), Hint: hint, Text: u.Line})
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
	Dest        string // the folder written: -dest, or the folder it links to
}

// Check loads the site in the folder opts.Source and makes every file of
// it without writing anything, so that every problem a build would meet is
// found: in the content, the layouts and the list of files.
func Check(ctx context.Context, opts Options) (*Site, error) {
	fsys, done := source.OpenOnce(opts.Source)
	defer done()
	return CheckFS(ctx, fsys, opts)
}

// CheckFS is Check reading the site from fsys.
func CheckFS(ctx context.Context, fsys fs.FS, opts Options) (*Site, error) {
	site, files, err := list(ctx, fsys, opts, true)
	if err != nil {
		return nil, err
	}
	out, pages := strictSink(opts, site, discard{})
	if err := write(ctx, files, out); err != nil {
		return nil, err
	}
	if errs := strictProblems(site, pages); len(errs) > 0 {
		return nil, errs
	}
	return site, nil
}

// Build writes the site in the folder opts.Source to opts.Dest. On any
// error the previous output is left untouched.
func Build(ctx context.Context, opts Options) (*Result, error) {
	fsys, done := source.OpenOnce(opts.Source)
	defer done()
	return BuildFS(ctx, fsys, opts)
}

// BuildFS is Build reading the site from fsys. opts.Source, when set, is
// the folder fsys reads, which opts.Dest must not hold or lie in.
func BuildFS(ctx context.Context, fsys fs.FS, opts Options) (*Result, error) {
	start := time.Now()
	// A build shows no warnings (check does) and needs them only with
	// -strict, where they are problems: without, they are not looked for
	// (at 100,000 suggestions the messages of late publications alone held
	// 15 MB to the end of the build).
	site, files, err := list(ctx, fsys, opts, opts.Strict)
	if err != nil {
		return nil, err
	}
	if opts.LimitMemory {
		defer limitMemory()()
	}
	dest, err := resolveDest(opts.Dest)
	if err != nil {
		return nil, err
	}
	if err := checkDest(opts.Source, dest); err != nil {
		return nil, err
	}
	out, err := newOutput(dest)
	if err != nil {
		return nil, err
	}
	defer out.abort()
	// The search index spills what it gathers into the new output, whose
	// removal takes it along if the build fails; it goes before the swap.
	scratch := filepath.Join(out.tmp, searchScratch)
	if err := os.Mkdir(scratch, 0o700); err != nil {
		return nil, err
	}
	site.render.SetScratch(scratch)
	into, pages := strictSink(opts, site, out)
	if err := write(ctx, files, into); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(scratch); err != nil {
		return nil, err
	}
	if errs := strictProblems(site, pages); len(errs) > 0 {
		return nil, errs
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := out.commit(); err != nil {
		if errors.Is(err, syscall.EBUSY) {
			return nil, fmt.Errorf("replacing %s: %w: it is probably a mount point, which cannot be replaced in one step; build into a folder inside it, such as -dest %s, and serve that folder", opts.Dest, err, filepath.Join(opts.Dest, "portal"))
		}
		return nil, fmt.Errorf("replacing %s: %w", opts.Dest, err)
	}
	return &Result{
		Suggestions: len(site.Suggestions),
		Drafts:      site.Drafts,
		Files:       len(files),
		Elapsed:     time.Since(start),
		BasePath:    site.Config.BasePath(),
		Dest:        dest,
	}, nil
}

// searchScratch is the folder of the new output where the search index
// spills what it gathers (see render.Site.SetScratch); no file of a site
// has a name that starts with a dot.
const searchScratch = ".search-scratch"

// list runs the phases load, check, index and render on the site of fsys:
// what is left to do is to write the files, each once (as build and check
// do: render.Site.MakeEachOnce). The site's warnings are looked for when
// warnings is set.
func list(ctx context.Context, fsys fs.FS, opts Options, warnings bool) (*Site, []render.File, error) {
	site, err := loadFS(ctx, fsys, opts, warnings)
	if err != nil {
		return nil, nil, err
	}
	site.render.MakeEachOnce()
	files, err := List(site.Pages(ctx), staticFiles(fsys, site.static), site.Needs()...)
	if err != nil {
		return nil, nil, err
	}
	return site, files, nil
}
