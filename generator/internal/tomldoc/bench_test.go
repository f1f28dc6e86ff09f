package tomldoc

import (
	"testing"

	"rdjy.local/portal/generator/internal/diag"
)

// BenchmarkParse reads the front matter of a replied suggestion with two
// follow-ups, as every build does for each of its files.
func BenchmarkParse(b *testing.B) {
	text := []byte(`number = "2019-017"
title = "关于加强下岗失业人员职业技能培训的建议"
year = 2019
session = "区十五届人大四次会议"
deputies = ["范振华", "郭宇清"]
category = "群众生活"
key = false
lead_unit = "区人社局"
co_units = ["区财政局", "区工信局"]
assigned = 2019-03-27
replied = 2019-10-24
published = 2019-11-07
met = true
outcome = "A"
satisfaction = "满意"

[[progress]]
date = 2019-11-20
text = "已完成11个小区的改造"

[[progress]]
date = 2020-03-15
text = "其余小区纳入明年计划"
`)
	b.ReportAllocs()
	for b.Loop() {
		var errs diag.List
		if Parse("a.md", text, 2, &errs) == nil {
			b.Fatal(errs)
		}
	}
}
