package config

import (
	"net/url"
	"path"
	"strings"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Furniture is what a Chinese government site carries on every page besides
// its content (政府网站发展指引): the emblem in the header and the link to
// the national platform where residents report the site's errors.
type Furniture struct {
	// Emblem is a file of static/ shown in the header beside the site's
	// name, such as the 国徽 or the 党政机关 mark the district supplies
	// ("images/emblem.png"); empty for none. None is shipped.
	Emblem string
	// ErrorReportURL is the address of 我为政府网站找错, linked in the
	// footer; empty for no link.
	ErrorReportURL string

	emblemAt   diag.Pos
	emblemLine string
}

// emblemTypes are the image files a browser shows.
var emblemTypes = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true}

func readFurniture(t *tomldoc.Table, data []byte) Furniture {
	f := Furniture{
		Emblem:         t.String("emblem", false, `"images/emblem.png"`),
		ErrorReportURL: t.String("error_report_url", false, `"https://zfwzzc.www.gov.cn/…"`),
	}
	if f.Emblem != "" {
		f.emblemAt = t.ValuePos("emblem")
		f.emblemLine = sourceLine(data, f.emblemAt.Line)
		clean := path.Clean(f.Emblem)
		switch {
		case strings.HasPrefix(f.Emblem, "/") || strings.HasPrefix(clean, "static/") || clean != f.Emblem || strings.HasPrefix(clean, ".."):
			t.Errorf("emblem", `write the file's path inside static/, such as "images/emblem.png" for static/images/emblem.png`, "%q is not a plain path inside static/", f.Emblem)
		case !emblemTypes[strings.ToLower(path.Ext(f.Emblem))]:
			t.Errorf("emblem", "use a PNG, JPEG, GIF, SVG or WebP image", "%q is not an image a browser shows", f.Emblem)
		}
	}
	if f.ErrorReportURL != "" {
		if u, err := url.Parse(f.ErrorReportURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			t.Errorf("error_report_url", "copy the full address the platform gives the site, starting with https://", "%q is not a full web address", f.ErrorReportURL)
		}
	}
	return f
}

// EmblemError is a problem with the emblem that only the static files
// show, at the place site.toml names it.
func (f Furniture) EmblemError(msg, hint string) *diag.Error {
	return &diag.Error{Pos: f.emblemAt, Field: "emblem", Msg: msg, Hint: hint, Text: f.emblemLine}
}

// PoliceRecordCode is the number of a 公安备案 record such as
// "豫公网安备 41030502000000号": its digits, which the registry's
// verification page looks up. Empty when there are none.
func PoliceRecordCode(record string) string {
	var b strings.Builder
	for _, r := range record {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if r >= '０' && r <= '９' {
			b.WriteRune('0' + r - '０')
		}
	}
	return b.String()
}
