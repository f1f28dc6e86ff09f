package tomldoc

import (
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/diag"
)

func TestInlineTablesAndDates(t *testing.T) {
	text := `off = [
  { name = "元旦", from = 2019-01-01 },
  { name = "春节", from = 2019-02-04, to = 2019-02-10 },
]
work = [2019-02-02, 2019-02-03]
bad = [2019-02-02, "2019-02-03", 2019-02-04T10:00:00]
`
	var errs diag.List
	doc := Parse("h.toml", []byte(text), 1, &errs)
	off := doc.Tables("off")
	if len(off) != 2 {
		t.Fatalf("got %d inline tables, want 2", len(off))
	}
	if to, ok := off[1].Date("to", true); !ok || to.Format("2006-01-02") != "2019-02-10" || off[1].Field("to") != "off[2].to" {
		t.Errorf("second entry: to = %v, field %s", to, off[1].Field("to"))
	}
	off[0].Date("to", true) // missing: reported under its entry's name
	work := doc.Dates("work", true)
	if len(work) != 2 || work[1].Format("01-02") != "02-03" {
		t.Errorf("work = %v", work)
	}
	if bad := doc.Dates("bad", false); len(bad) != 1 {
		t.Errorf("bad = %v, want only the first date", bad)
	}
	got := errs.Error()
	for _, want := range []string{
		"off[1].to: missing required field",
		`bad: entry 2 is "2019-02-03", not a date`,
		"bad: entry 3 is the date and time",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
