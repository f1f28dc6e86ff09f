package tomldoc

import "sort"

// Sub reads the plain table [k] inside t (not an array of tables). It is
// nil when k is absent; a value that is not a table is recorded as a
// problem and gives nil too.
func (t *Table) Sub(k string) *Table {
	v, ok := t.get(k, false, "")
	if !ok {
		return nil
	}
	m, isTable := v.(map[string]any)
	if !isTable {
		t.Errorf(k, "write it as a table: a line ["+t.key(k)+"] followed by its keys", "expected a table, found %s", describe(v))
		return nil
	}
	return &Table{doc: t.doc, path: t.key(k), name: t.Field(k), m: m, used: map[string]bool{}}
}

// Keys lists the keys of the table in the order they are written, for
// tables whose keys are the webmaster's own words rather than field names.
func (t *Table) Keys() []string {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := t.Pos(keys[i]), t.Pos(keys[j])
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return keys[i] < keys[j]
	})
	return keys
}
