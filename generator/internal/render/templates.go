package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/words"
)

// LayoutDir is the folder of the layouts, relative to the site root.
const LayoutDir = source.LayoutDir

// Kinds are the page kinds; each has its layout file layouts/<kind>.html.
// Each shape of page is a kind of its own, so that no layout asks which
// shape it is in.
var Kinds = []string{"home", "suggestions", "suggestion", "terms", "term", "units", "unit", "deputies", "deputy", "reports", "report",
	"stats", "stats-year", "stats-units", "search", "404", "page", "sitemap"}

// Layouts are the designer's templates, parsed, for every page kind, and
// the words the generator writes into pages (layouts/words.toml).
type Layouts struct {
	set   templates
	words *pageWords

	// linked are the copies of set whose url function leads to an
	// edition's pages and files, by the two paths (see withURL): a preview
	// that keeps its Layouts until a layout changes clones the templates
	// once, not at every edit.
	mu     sync.Mutex
	linked map[[2]string]templates
}

// LoadLayouts reads and parses the layouts and the words, each file once,
// and reports every problem in them. Problems that show only when a page
// is made are found by making it (a build, check or the preview).
func LoadLayouts(fsys fs.FS) (*Layouts, diag.List) {
	set, errs := loadTemplates(fsys)
	w := &pageWords{}
	errs = append(errs, words.Load(fsys, source.Words, w)...)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return &Layouts{set: set, words: w}, nil
}

// templates holds one template set per page kind: layouts/base.html, then
// every layouts/partials/*.html, then layouts/<kind>.html. Executing "base"
// renders a page.
type templates map[string]*template.Template

// loadTemplates parses the layouts. Every file is parsed once; each kind's set
// is a clone of the shared base and partials. The url function is set by
// withURL, once per script.
func loadTemplates(fsys fs.FS) (templates, diag.List) {
	var errs diag.List
	funcs := template.FuncMap{"url": func(p string) string { return p }}
	shared := template.New("").Funcs(funcs)
	files := []string{path.Join(LayoutDir, "base.html")}
	partials, _ := fs.Glob(fsys, path.Join(LayoutDir, "partials", "*.html"))
	sort.Strings(partials)
	files = append(files, partials...)
	for i, f := range files {
		data, err := parseFile(shared, fsys, f)
		if err != nil {
			errs.Append(err)
		} else if i > 0 {
			errs = append(errs, checkPartial(f, data)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	set := templates{}
	for _, kind := range Kinds {
		t, err := shared.Clone()
		if err != nil {
			errs.Add(diag.Pos{File: LayoutDir}, "", err.Error(), "")
			continue
		}
		if _, err := parseFile(t, fsys, path.Join(LayoutDir, kind+".html")); err != nil {
			errs.Append(err)
			continue
		}
		if t.Lookup("base") == nil {
			errs.Add(diag.Pos{File: path.Join(LayoutDir, "base.html")}, "", `no template named "base"`,
				`wrap the page skeleton in {{define "base"}} … {{end}}`)
			return nil, errs
		}
		set[kind] = t
	}
	return set, errs
}

// withURL gives a copy of the templates whose url function leads to
// pages under base and to files under files (see link): {{url
// "css/site.css"}} is the address of a file under static/, and {{url
// "suggestions/"}} that of a page, in the script of the page. The copy is
// made once for each pair and shared by every site made with l: templates
// hold nothing of a site, and html/template escapes each copy once, when
// first executed.
func (l *Layouts) withURL(base, files string) (templates, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := [2]string{base, files}
	if t, ok := l.linked[key]; ok {
		return t, nil
	}
	t, err := l.set.withURL(func(p string) string { return link(base, files, p) })
	if err != nil {
		return nil, err
	}
	if l.linked == nil {
		l.linked = map[[2]string]templates{}
	}
	l.linked[key] = t
	return t, nil
}

// withURL gives a copy of the templates whose url function is link.
func (set templates) withURL(link func(string) string) (templates, error) {
	funcs := template.FuncMap{"url": func(p string) string { return link(strings.TrimPrefix(p, "/")) }}
	out := templates{}
	for kind, t := range set {
		c, err := t.Clone()
		if err != nil {
			return nil, err
		}
		out[kind] = c.Funcs(funcs)
	}
	return out, nil
}

// parseFile reads the layout name and parses it into t.
func parseFile(t *template.Template, fsys fs.FS, name string) ([]byte, *diag.Error) {
	data, err := source.ReadFile(fsys, name)
	if err != nil {
		msg := "cannot read: " + source.Cause(err)
		if errors.Is(err, fs.ErrNotExist) {
			msg = "missing layout"
		}
		return nil, &diag.Error{Pos: diag.Pos{File: name}, Msg: msg, Hint: "every page kind needs its layout: " + strings.Join(Kinds, ".html, ") + ".html"}
	}
	data, errs := source.Text(name, data)
	if len(errs) > 0 {
		errs.AttachSource(name, data)
		return nil, errs[0]
	}
	if _, err := t.New(name).Parse(string(data)); err != nil {
		return nil, templateError(name, err)
	}
	return data, nil
}

// defineAction finds the {{define "name"}} actions of a layout.
var defineAction = regexp.MustCompile(`\{\{-?\s*define\s+"([^"]*)"`)

// checkPartial holds a partial to one {{define}}, named after its file,
// so that {{template "x" .}} tells the designer which file to open:
// layouts/partials/x.html.
func checkPartial(name string, data []byte) diag.List {
	want := strings.TrimSuffix(path.Base(name), ".html")
	var errs diag.List
	found := false
	text := string(data)
	for _, m := range defineAction.FindAllStringSubmatchIndex(text, -1) {
		got := text[m[2]:m[3]]
		if got == want {
			found = true
			continue
		}
		line := strings.Count(text[:m[0]], "\n") + 1
		col := utf8.RuneCountInString(text[strings.LastIndexByte(text[:m[0]], '\n')+1:m[0]]) + 1
		errs.Append(&diag.Error{Pos: diag.Pos{File: name, Line: line, Col: col},
			Msg:  fmt.Sprintf("defines %q: a partial defines one template, named after its file", got),
			Hint: fmt.Sprintf("move {{define %q}} … {{end}} into %s", got, path.Join(path.Dir(name), got+".html"))})
	}
	if !found {
		errs.Append(&diag.Error{Pos: diag.Pos{File: name}, Msg: fmt.Sprintf("defines no template %q", want),
			Hint: fmt.Sprintf("wrap the partial in {{define %q}} … {{end}}, the name of its file", want)})
	}
	errs.AttachSource(name, data)
	return errs
}

var templatePos = regexp.MustCompile(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns an html/template error into one that names the file,
// line and column of the layout.
func templateError(file string, err error) *diag.Error {
	msg := err.Error()
	pos := diag.Pos{File: file}
	if m := templatePos.FindStringSubmatch(msg); m != nil {
		pos.File = m[1]
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	return &diag.Error{Pos: pos, Msg: "layout error: " + msg, Hint: "see the layout documentation in README.md for the data each page receives"}
}
