// Package pages reads the site's own pages under content/pages/: one
// Markdown file each, such as contact.md (联系我们) and statement.md
// (网站声明), published at /<slug>/ where the slug is the file's name. The
// front matter is TOML between +++ lines: title (required) and draft.
// The body is Markdown, checked as a suggestion's is (size and shape,
// contact details other than the public ones, images from other sites).
package pages

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"sort"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/privacy"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Dir is where the pages live.
const Dir = source.Pages

// Page is one of the site's own pages.
type Page struct {
	File     string
	Slug     string // the file name without .md: the page is /<slug>/
	Title    string
	Draft    bool
	Body     []byte // Markdown after the front matter
	BodyLine int    // the file's line number where Body starts
}

// slugName is what a page's file may be called: it names a folder of the
// site, so lower-case letters, digits and hyphens, as site.toml's slugs.
var slugName = regexp.MustCompile(`^[0-9a-z][0-9a-z-]*\.md$`)

// Load reads every page under content/pages, in slug order. A site
// without pages has none; that is not an error.
func Load(fsys fs.FS, site *config.Site) ([]*Page, diag.List) {
	files, err := source.WalkFolder(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var errs diag.List
	if err != nil && !errors.As(err, &errs) {
		errs.Append(&diag.Error{Pos: diag.Pos{File: Dir}, Msg: "cannot read the folder: " + source.Cause(err)})
		return nil, errs
	}
	var pages []*Page
	for _, f := range files {
		if path.Ext(f.Path) != ".md" {
			continue
		}
		data, err := fs.ReadFile(fsys, f.Real)
		if err != nil {
			errs.Append(&diag.Error{Pos: diag.Pos{File: f.Path}, Msg: "cannot read: " + source.Cause(err)})
			continue
		}
		p, perrs := Parse(f.Path, data, site)
		errs = append(errs, perrs...)
		if p != nil && len(perrs) == 0 {
			pages = append(pages, p)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Slug < pages[j].Slug })
	errs.Sort()
	return pages, errs
}

// Parse reads one page. Problems are returned together, with the source
// lines attached.
func Parse(file string, data []byte, site *config.Site) (*Page, diag.List) {
	return content.ParseFile(file, data, site, parse)
}

func parse(file string, data []byte, site *config.Site) (*Page, diag.List) {
	var errs diag.List
	if path.Dir(file) != Dir || !slugName.MatchString(path.Base(file)) {
		errs.Append(&diag.Error{Pos: diag.Pos{File: file}, Msg: "a page's file name is its address: lower-case letters, digits and -, directly in " + Dir,
			Hint: "name it such as " + Dir + "/contact.md (published at /contact/)"})
		return nil, errs
	}
	p := &Page{File: file, Slug: path.Base(file[:len(file)-len(".md")])}
	front, frontLine, body, bodyLine, err := content.Split(file, data)
	if err != nil {
		errs.Append(err)
		return nil, errs
	}
	t := tomldoc.Parse(file, front, frontLine, &errs)
	if t == nil {
		return nil, errs
	}
	p.Title = t.String("title", true, `"联系我们"`)
	p.Draft = t.Bool("draft")
	t.CheckUnknown()
	p.Body, p.BodyLine = body, bodyLine
	privacy.CheckField(data, t.ValuePos("title"), "title", p.Title, site.Public(), &errs)
	content.CheckBody(file, body, bodyLine, site, &errs)
	return p, errs
}
