package render

import (
	"strings"

	"rdjy.local/portal/generator/internal/hant"
)

// script is one of the two scripts the portal is published in. The pages
// in Traditional characters are the Simplified ones rendered under the
// hant/ folder and converted (see package hant); static files, the open
// data, the feed and the sitemap are shared and stay Simplified.
type script struct {
	lang    string                       // <html lang>; empty: site.toml's language
	langTag string                       // for hreflang and the switch's lang
	prefix  string                       // folder of the pages under the base path
	label   string                       // the script's name in itself, on the switch
	convert func([]byte) ([]byte, error) // turns a page rendered in Simplified into the script; nil: none
}

var (
	hansScript = &script{langTag: "zh-Hans", label: "简体"}
	hantScript = &script{lang: hant.Lang, langTag: hant.Lang, prefix: "hant/", label: "繁體", convert: hant.HTML}
)

// switchTo links the page at url to the same page in the other script.
func (e *Edition) switchTo(url string) *ScriptLink {
	return &ScriptLink{
		Label: e.other.script.label,
		URL:   e.other.base + strings.TrimPrefix(url, e.base),
		Lang:  e.other.script.langTag,
	}
}
