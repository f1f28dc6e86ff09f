package render

import (
	"bytes"
	"strings"

	"rdjy.local/portal/generator/internal/hant"
)

// script is one of the two scripts the portal is published in. The pages
// in Traditional characters are the Simplified ones rendered under the
// hant/ folder and converted (see package hant); static files, the open
// data, the feed and the sitemap are shared and stay Simplified.
type script struct {
	lang    string // <html lang>; empty: site.toml's language
	langTag string // for hreflang and the switch's lang
	prefix  string // folder of the pages under the base path
	label   string // the script's name in itself, on the switch
	convert func([]byte) ([]byte, error)
}

var (
	hansScript = &script{langTag: "zh-Hans", label: "简体"}
	hantScript = &script{lang: hant.Lang, langTag: hant.Lang, prefix: "hant/", label: "繁體", convert: hant.HTML}
)

// addHant makes the Traditional copy of the site, sharing everything but
// the base path of its pages and what depends on it.
func (s *Site) addHant(parsed templates) error {
	if err := hant.Load(); err != nil {
		return err
	}
	h := *s
	h.base = s.files + hantScript.prefix
	h.script = hantScript
	h.names = hant.NewNames(s.nameList())
	h.bodies = newBodies(s.all)
	if err := h.init(parsed); err != nil {
		return err
	}
	h.other, s.other, s.hant = s, &h, &h
	return nil
}

// hantTasks lists every page of the Traditional copy, converted after
// rendering, in the same pool of workers as the rest.
func (s *Site) hantTasks() []*task {
	if s.hant == nil {
		return nil
	}
	tasks := s.hant.pageTasks()
	for _, t := range tasks {
		t.file = hantScript.prefix + t.file
		render := t.make
		t.make = func(buf *bytes.Buffer) error {
			if err := render(buf); err != nil {
				return err
			}
			out, err := s.hant.names.HTML(buf.Bytes())
			buf.Reset()
			buf.Write(out)
			return err
		}
	}
	return tasks
}

// nameList is the deputies and units the site names, which the
// Traditional pages convert as names, not words (see hant.Names).
func (s *Site) nameList() []string {
	var names []string
	for _, sg := range s.all {
		names = append(names, sg.Deputies...)
		names = append(names, sg.LeadUnit)
		names = append(names, sg.CoUnits...)
	}
	return names
}

// switchTo links the page at url to the same page in the other script.
func (s *Site) switchTo(url string) *ScriptLink {
	if s.other == nil {
		return nil
	}
	return &ScriptLink{
		Label: s.other.script.label,
		URL:   s.other.base + strings.TrimPrefix(url, s.base),
		Lang:  s.other.script.langTag,
	}
}
