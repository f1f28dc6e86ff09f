package render

import (
	"bytes"
	"strings"
	"sync"

	"rdjy.local/portal/generator/internal/hant"
	"rdjy.local/portal/generator/internal/index"
)

// script is one of the two scripts the portal is published in. The pages
// in Traditional characters are the Simplified ones rendered under the
// hant/ folder and converted (see package hant); static files, the open
// data, the feed and the sitemap are shared and stay Simplified.
type script struct {
	lang    string    // <html lang>; empty: site.toml's language
	langTag string    // for hreflang and the switch's lang
	prefix  string    // folder of the pages under the base path
	convert converter // turns a page rendered in Simplified into the script; nil: none
}

// converter writes page, rendered in Simplified, into out in another
// script.
type converter func(out *bytes.Buffer, page []byte) error

// converted holds the buffers pages are converted into, one per worker
// at a time, so that converting a page allocates no buffer of its size.
var converted = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// keepConverted is the largest of those buffers kept for the next page,
// as the workers keep theirs (parallel's keepBuffer).
const keepConverted = 1 << 20

var (
	hansScript = &script{langTag: "zh-Hans"}
	hantScript = &script{lang: hant.Lang, langTag: hant.Lang, prefix: "hant/", convert: hant.WriteHTML}
)

// nameList is every name of a deputy or a unit that the site's pages
// show, as front matter writes it and as site.toml labels it: the
// Traditional edition converts them as names, not words (hant.Names).
// Each is listed once, as the suggestions first name it: most are named
// by many.
func nameList(idx *index.Index) []string {
	cfg := idx.Config
	var names []string
	deputies, units := map[string]bool{}, map[string]bool{}
	for _, sg := range idx.All {
		for _, d := range sg.Deputies {
			if !deputies[d] {
				deputies[d] = true
				dep, _ := cfg.Deputies.Resolve(d)
				names = append(names, d, dep.Name)
			}
		}
		for i := range 1 + len(sg.CoUnits) {
			u := sg.LeadUnit
			if i > 0 {
				u = sg.CoUnits[i-1]
			}
			if units[u] {
				continue
			}
			units[u] = true
			names = append(names, u)
			if unit, ok := cfg.Units.Lookup(u); ok {
				names = append(names, unit.Label)
			}
		}
	}
	return names
}

// sameNames reports whether nameList gives the same names for b as for a:
// the same site.toml, and suggestions in the same order naming the same
// deputies and units. A preview edit replaces one suggestion and keeps the
// others, so only the ones replaced are compared field by field.
func sameNames(a, b *index.Index) bool {
	if a.Config != b.Config || len(a.All) != len(b.All) {
		return false
	}
	for i, x := range a.All {
		y := b.All[i]
		if x != y && !x.SameNames(y) {
			return false
		}
	}
	return true
}

// switchTo links the page at url to the same page in the other script,
// named in that script (words.toml's switch_hans and switch_hant).
func (e *Edition) switchTo(url string) *ScriptLink {
	label := e.w.Site.SwitchHant
	if e.other.script == hansScript {
		label = e.w.Site.SwitchHans
	}
	return &ScriptLink{
		Label: label.String(),
		URL:   e.other.base + strings.TrimPrefix(url, e.base),
		Lang:  e.other.script.langTag,
	}
}

// alternates is the page at url in both scripts, Simplified first, with
// full addresses as search engines require; x-default is the Simplified
// page. base_url is required and always has a host, so the addresses are
// always full, also when -base-url gives only a path.
func (e *Edition) alternates(url string) []Alternate {
	hans, hant := e, e.other
	if e.script != hansScript {
		hans, hant = e.other, e
	}
	rest := strings.TrimPrefix(url, e.base)
	simplified := e.cfg.AbsURL(hans.base + rest)
	return []Alternate{
		{Lang: hans.script.langTag, URL: simplified},
		{Lang: hant.script.langTag, URL: e.cfg.AbsURL(hant.base + rest)},
		{Lang: "x-default", URL: simplified},
	}
}
