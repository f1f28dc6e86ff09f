package tomldoc

import (
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/diag"
)

// TestEntryPositions: a problem with one entry of a list, or with a key of
// an inline table, is reported where that entry or key is written, not at
// the list's "[" or the table's "{".
func TestEntryPositions(t *testing.T) {
	text := `number = "2019-001"
title = "x"
year = 2019
deputies = ["张三"]
lead_unit = "区住建局"
session = "一次会议"
category = "城建"
assigned = 2019-03-01
replied = 2019-06-20
co_units = [
  "区财政局",
  42,
    "区教育局", 2019-01-01,
]
footer = { phone = 5, name = "x" }
nested = [[1, 2], [3, "x"]]
`
	var errs diag.List
	doc := Parse("a.md", []byte(text), 1, &errs)
	units := doc.Strings("co_units", false, `["区财政局"]`)
	footer := doc.Table("footer", `phone = "1"`)
	footer.String("phone", false, `"1"`)
	footer.Int("name", false, "1")
	if len(units) != 2 {
		t.Errorf("units = %q", units)
	}
	got := errs.Error()
	for _, want := range []string{
		"a.md:12:3: co_units: entry 2 is the number 42",
		"a.md:13:13: co_units: entry 4 is the date 2019-01-01",
		"a.md:15:20: footer.phone: expected text in double quotes, found the number 5",
		`a.md:15:30: footer.name: expected a whole number without quotes, found "x"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	// Entries the getter kept are numbered as it returned them.
	for i, want := range []diag.Pos{{File: "a.md", Line: 11, Col: 3}, {File: "a.md", Line: 13, Col: 5}} {
		if p := doc.EntryPos("co_units", i); p != want {
			t.Errorf("EntryPos(co_units, %d) = %v, want %v", i, p, want)
		}
	}
}
