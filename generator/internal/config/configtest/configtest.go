// Package configtest gives tests a small valid site: two categories, two
// outcomes, three satisfaction levels and one public contact number.
package configtest

import (
	"testing"

	"rdjy.local/portal/generator/internal/config"
)

// TOML is the site.toml of Site.
const TOML = `title = "测试区人大代表建议办理公开"
base_url = "https://example.gov.cn/"
owner = "测试区人民政府"
public_contacts = ["0379-64823389"]
[[categories]]
key = "城建交通"
label = "城建交通类"
[[categories]]
key = "财政经济"
label = "财政经济类"
[[outcomes]]
key = "A"
label = "已经解决或基本解决"
[[outcomes]]
key = "B"
label = "正在解决或列入规划解决"
[[satisfaction]]
key = "满意"
label = "满意"
[[satisfaction]]
key = "基本满意"
label = "基本满意"
[[satisfaction]]
key = "不满意"
label = "不满意"
`

// Site parses TOML.
func Site(tb testing.TB) *config.Site {
	tb.Helper()
	s, errs := config.Parse(config.File, []byte(TOML))
	if errs != nil {
		tb.Fatal(errs)
	}
	return s
}
