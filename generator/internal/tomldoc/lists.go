package tomldoc

import (
	"fmt"
	"time"
)

// inlineTables gives a list whose every entry is an inline table ({…}) as
// tables; ok is false for any other value.
func inlineTables(v any) (tables []map[string]any, ok bool) {
	list, isList := v.([]any)
	if !isList {
		return nil, false
	}
	tables = make([]map[string]any, len(list))
	for i, item := range list {
		m, isMap := item.(map[string]any)
		if !isMap {
			return nil, false
		}
		tables[i] = m
	}
	return tables, true
}

// Dates reads a list of TOML local dates ([2019-06-20, 2019-06-21],
// unquoted). Entries that are not dates are reported and left out.
func (t *Table) Dates(k string, required bool) []time.Time {
	const example = "[2019-06-20, 2019-06-21]"
	v, ok := t.get(k, required, example)
	if !ok {
		return nil
	}
	list, isList := v.([]any)
	if !isList {
		t.wrongType(k, v, "a list of dates in [ ]", example)
		return nil
	}
	out := make([]time.Time, 0, len(list))
	kept := make([]int, 0, len(list))
	for i, item := range list {
		d, isTime := item.(time.Time)
		if !isTime || d.Location().String() != "date-local" {
			t.doc.errs.Add(t.entryPos(k, i), t.Field(k), fmt.Sprintf("entry %d is %s, not a date", i+1, describe(item)), "write each entry as a date without quotes, such as 2019-06-20")
			continue
		}
		out = append(out, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC))
		kept = append(kept, i)
	}
	t.keep(k, kept)
	return out
}
