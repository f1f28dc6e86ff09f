package content

import (
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/source"
)

// ParseFile reads one content file other than a suggestion (a report, a
// page) as every content file is read: refused when larger than the site
// allows, checked as UTF-8 text before anything else, then parsed by parse;
// the problems come back sorted, with the source lines attached, and a
// panic in parse is a problem naming the file.
func ParseFile[T any](file string, data []byte, site *config.Site, parse func(file string, data []byte, site *config.Site) (*T, diag.List)) (v *T, errs diag.List) {
	defer func() {
		if r := recover(); r != nil {
			v, errs = nil, diag.List{diag.Panicked(file, r)}
		}
	}()
	if e := TooLarge(file, int64(len(data)), site); e != nil {
		return nil, diag.List{e}
	}
	data, errs = source.Text(file, data)
	if data == nil && len(errs) > 0 {
		return nil, errs
	}
	v, more := parse(file, data, site)
	errs = append(errs, more...)
	errs.AttachSource(file, data)
	errs.Sort()
	return v, errs
}
