package build

import (
	"bytes"
	"strings"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/inspect"
	"rdjy.local/portal/generator/internal/render"
)

// With -strict (Options.Strict), check and build also refuse what a
// government website inspection marks down (package inspect) and every
// warning: a site that passes is one an inspection finds nothing in.

// inspecting is a sink that shows every file to the inspection before
// handing it on.
type inspecting struct {
	sink
	pages *inspect.Pages
}

func (i inspecting) WriteFile(name string, data []byte) error {
	i.pages.Check(name, data)
	return i.sink.WriteFile(name, data)
}

// Stream hands a large file on piece by piece when the sink takes it so;
// the inspection reads only HTML pages, which are never streamed.
func (i inspecting) Stream(name string, write func(render.Writer) error) error {
	if s, ok := i.sink.(streamer); ok && !strings.HasSuffix(name, ".html") {
		return s.Stream(name, write)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return i.WriteFile(name, buf.Bytes())
}

// strictSink wraps out with the inspection when opts asks for -strict; the
// pages are nil otherwise.
func strictSink(opts Options, site *Site, out sink) (sink, *inspect.Pages) {
	if !opts.Strict {
		return out, nil
	}
	pages := inspect.NewPages(site.Config)
	return inspecting{out, pages}, pages
}

// strictProblems are -strict's problems: the inspection's findings in the
// site and in the pages written, and the warnings.
func strictProblems(site *Site, pages *inspect.Pages) diag.List {
	if pages == nil {
		return nil
	}
	errs := inspect.Site(site.Config, site.Suggestions)
	errs = append(errs, pages.Problems()...)
	errs = append(errs, site.Warnings...)
	errs.Sort()
	return errs
}
