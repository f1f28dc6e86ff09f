package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A partial defines one template, named after its file, so that
// {{template "x" .}} says which file to open.
func TestOnePartialOneDefine(t *testing.T) {
	layouts := blankLayouts()
	layouts["layouts/partials/rows.html"] = &fstest.MapFile{Data: []byte("{{define \"rows\"}}…{{end}}\n\n{{define \"rowshead\"}}…{{end}}\n")}
	layouts["layouts/partials/pager.html"] = &fstest.MapFile{Data: []byte("{{define \"pages\"}}…{{end}}\n")}
	_, errs := LoadLayouts(layouts)
	want := []string{
		`layouts/partials/pager.html: defines no template "pager" (wrap the partial in {{define "pager"}} … {{end}}, the name of its file)`,
		`layouts/partials/pager.html:1:1: defines "pages": a partial defines one template, named after its file (move {{define "pages"}} … {{end}} into layouts/partials/pages.html)`,
		`layouts/partials/rows.html:3:1: defines "rowshead": a partial defines one template, named after its file (move {{define "rowshead"}} … {{end}} into layouts/partials/rowshead.html)`,
	}
	if got := errs.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// Every layout the generator needs, and the words, are reported missing
// together.
func TestMissingLayoutsAndWords(t *testing.T) {
	_, errs := LoadLayouts(fstest.MapFS{"layouts/base.html": {Data: []byte(`{{define "base"}}{{end}}`)}})
	got := errs.Error()
	for _, want := range []string{"layouts/stats-year.html: missing layout", "layouts/reports.html: missing layout",
		"layouts/words.toml: missing: the layouts hold the words of the pages"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
}
