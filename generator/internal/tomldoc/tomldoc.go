// Package tomldoc decodes TOML documents (site.toml and front matter) into
// typed values while keeping the position of every key and value (each
// entry of a list and each key of an inline table included), so that each
// problem is reported at the file's own line and column, with the field's
// name, what was expected and how to fix it. BurntSushi/toml decodes;
// go-toml's parser gives the positions (locate.go). Decoding never stops at the first problem:
// every getter records what is wrong in a diag.List and returns a zero value.
package tomldoc

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"rdjy.local/portal/generator/internal/diag"
)

// Table is one TOML table being read: the document root, a [table] or one
// entry of an [[array of tables]].
type Table struct {
	doc  *document
	path string // key path: "" for the root, "progress.0" for an entry
	name string // the same for people: "progress[1]"
	m    map[string]any
	used map[string]bool
	kept map[string][]int // for a list read by Strings or Dates: the entries it returned
}

type document struct {
	file      string
	firstLine int
	keys      map[string]position
	errs      *diag.List
}

// Parse decodes text, which starts on line firstLine of file. On a syntax
// error it records the error in errs and returns nil.
func Parse(file string, text []byte, firstLine int, errs *diag.List) *Table {
	if e := checkDepth(file, text, firstLine); e != nil {
		errs.Append(e)
		return nil
	}
	var m map[string]any
	if _, err := toml.Decode(string(text), &m); err != nil {
		errs.Append(syntaxError(file, text, firstLine, err))
		return nil
	}
	doc := &document{file: file, firstLine: firstLine, keys: locate(text, firstLine), errs: errs}
	return &Table{doc: doc, m: m, used: map[string]bool{}}
}

func syntaxError(file string, text []byte, firstLine int, err error) *diag.Error {
	var perr toml.ParseError
	if !errors.As(err, &perr) {
		return &diag.Error{Pos: diag.Pos{File: file, Line: firstLine}, Msg: "TOML: " + err.Error()}
	}
	pos := diag.Pos{File: file, Line: firstLine + perr.Position.Line - 1, Col: perr.Position.Col}
	if s := perr.Position.Start; s > 0 && s <= len(text) {
		lineStart := strings.LastIndexByte(string(text[:s]), '\n') + 1
		pos.Col = utf8.RuneCount(text[lineStart:s]) + 1
	}
	msg, hint := perr.Message, "check the TOML syntax: strings in double quotes, dates as 2019-06-20 without quotes, lists in [ ]"
	switch {
	case strings.Contains(msg, "out of range") || strings.Contains(msg, "invalid datetime") || strings.Contains(msg, "Invalid TOML Datetime") || strings.Contains(msg, "parsing time"):
		msg = "impossible date: " + msg
		hint = "write a real calendar date as YYYY-MM-DD, such as 2019-06-20"
	case strings.Contains(msg, "has already been defined"):
		hint = "each key may appear once; delete the repeated line"
	}
	return &diag.Error{Pos: pos, Field: perr.LastKey, Msg: "TOML syntax error: " + msg, Hint: hint}
}

func (t *Table) key(k string) string {
	if t.path == "" {
		return k
	}
	return t.path + "." + k
}

// Field names key k of this table the way messages show it.
func (t *Table) Field(k string) string {
	if t.name == "" {
		return k
	}
	return t.name + "." + k
}

// Pos is where key k is written, or where its table starts when k is absent.
func (t *Table) Pos(k string) diag.Pos { return t.pos(k, false) }

// ValuePos is where the value of key k starts, or Pos(k) if that is unknown.
func (t *Table) ValuePos(k string) diag.Pos { return t.pos(k, true) }

func (t *Table) pos(k string, value bool) diag.Pos {
	path := t.key(k)
	for path != "" {
		if p, ok := t.doc.keys[path]; ok {
			if value && path == t.key(k) {
				return diag.Pos{File: t.doc.file, Line: p.valueLine, Col: p.valueCol}
			}
			return diag.Pos{File: t.doc.file, Line: p.line, Col: p.col}
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return diag.Pos{File: t.doc.file, Line: t.doc.firstLine}
}

// EntryPos is where entry i of the list k is written, counting the entries
// that Strings or Dates returned (entries they refused are skipped), or
// ValuePos(k) when there is no such entry.
func (t *Table) EntryPos(k string, i int) diag.Pos {
	if kept, ok := t.kept[k]; ok {
		if i < 0 || i >= len(kept) {
			return t.ValuePos(k)
		}
		i = kept[i]
	}
	return t.entryPos(k, i)
}

// entryPos is where entry i of the list k is written, counting every entry.
func (t *Table) entryPos(k string, i int) diag.Pos {
	if p, ok := t.doc.keys[t.key(k)+"."+strconv.Itoa(i)]; ok {
		return diag.Pos{File: t.doc.file, Line: p.valueLine, Col: p.valueCol}
	}
	return t.ValuePos(k)
}

// EntryErrorf records a problem with entry i of the list k, numbered as
// EntryPos numbers them.
func (t *Table) EntryErrorf(k string, i int, hint, format string, args ...any) {
	t.doc.errs.Add(t.EntryPos(k, i), t.Field(k), fmt.Sprintf(format, args...), hint)
}

// keep notes that the list k as returned holds the entries of indexes.
func (t *Table) keep(k string, indexes []int) {
	if t.kept == nil {
		t.kept = map[string][]int{}
	}
	t.kept[k] = indexes
}

// Has reports whether key k is present.
func (t *Table) Has(k string) bool {
	_, ok := t.m[k]
	return ok
}

// Errorf records a problem with the value of key k.
func (t *Table) Errorf(k, hint, format string, args ...any) {
	t.doc.errs.Add(t.ValuePos(k), t.Field(k), fmt.Sprintf(format, args...), hint)
}

func (t *Table) get(k string, required bool, example string) (any, bool) {
	t.used[k] = true
	v, ok := t.m[k]
	if !ok && required {
		t.doc.errs.Add(t.Pos(""), t.Field(k), "missing required field", "add a line such as "+k+" = "+example)
	}
	return v, ok
}

func (t *Table) wrongType(k string, v any, want, example string) {
	t.Errorf(k, "write it as "+k+" = "+example, "expected %s, found %s", want, describe(v))
}

// String reads a string. A required string must also not be blank.
func (t *Table) String(k string, required bool, example string) string {
	v, ok := t.get(k, required, example)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		t.wrongType(k, v, "text in double quotes", example)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		t.Errorf(k, "fill in the text between the quotes", "must not be empty")
	}
	return text(s)
}

// text is a string value as a field keeps it: trimmed, and a copy, since
// the decoder's strings are parts of the whole document's text, which a
// kept title or name would otherwise keep alive (a large site holds every
// suggestion's front matter).
func text(s string) string {
	return strings.Clone(strings.TrimSpace(s))
}

// Int reads an integer; ok is false when it is absent or not an integer.
func (t *Table) Int(k string, required bool, example string) (n int, ok bool) {
	v, ok := t.get(k, required, example)
	if !ok {
		return 0, false
	}
	i, isInt := v.(int64)
	if !isInt {
		t.wrongType(k, v, "a whole number without quotes", example)
		return 0, false
	}
	return int(i), true
}

// Bool reads true or false; absent is false.
func (t *Table) Bool(k string) bool {
	v, ok := t.get(k, false, "true")
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.wrongType(k, v, "true or false without quotes", "true")
	}
	return b
}

// Date reads a TOML local date (2019-06-20, unquoted). The time is midnight UTC.
func (t *Table) Date(k string, required bool) (time.Time, bool) {
	const example = "2019-06-20"
	v, ok := t.get(k, required, example)
	if !ok {
		return time.Time{}, false
	}
	d, isTime := v.(time.Time)
	if !isTime {
		if s, isStr := v.(string); isStr {
			if _, err := time.Parse("2006-01-02", s); err == nil {
				t.Errorf(k, "remove the quotes: "+k+" = "+s, "a date must not be in quotes")
				return time.Time{}, false
			}
		}
		t.wrongType(k, v, "a date", example)
		return time.Time{}, false
	}
	if d.Location().String() != "date-local" {
		t.Errorf(k, "write only the day, as "+k+" = "+d.Format("2006-01-02"), "expected a date without a time of day, found %s", describe(v))
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC), true
}

// Strings reads a list of strings. A required list must have an entry.
func (t *Table) Strings(k string, required bool, example string) []string {
	v, ok := t.get(k, required, example)
	if !ok {
		return nil
	}
	if s, isStr := v.(string); isStr {
		t.Errorf(k, "write it as "+k+" = [\""+s+"\"]", "expected a list of texts in [ ], found a single text")
		return []string{text(s)}
	}
	list, isList := v.([]any)
	if !isList {
		t.wrongType(k, v, "a list of texts in [ ]", example)
		return nil
	}
	out := make([]string, 0, len(list))
	kept := make([]int, 0, len(list))
	for i, item := range list {
		s, isStr := item.(string)
		if !isStr || strings.TrimSpace(s) == "" {
			t.doc.errs.Add(t.entryPos(k, i), t.Field(k), fmt.Sprintf("entry %d is %s", i+1, describe(item)), "each entry is a non-empty text in double quotes")
			continue
		}
		out = append(out, text(s))
		kept = append(kept, i)
	}
	t.keep(k, kept)
	if required && len(out) == 0 {
		t.Errorf(k, "write it as "+k+" = "+example, "must list at least one name")
	}
	return out
}

// Table reads the table [k] (or k = { … }); a missing one is reported, with
// example as the line to add, and read as empty.
func (t *Table) Table(k, example string) *Table {
	sub := &Table{doc: t.doc, path: t.key(k), name: t.Field(k), m: map[string]any{}, used: map[string]bool{}}
	v, ok := t.get(k, false, "")
	if !ok {
		t.doc.errs.Add(t.Pos(""), t.Field(k), "missing table", "add a table such as ["+t.key(k)+"] with "+example)
		return sub
	}
	m, isTable := v.(map[string]any)
	if !isTable {
		t.Errorf(k, "write it as a table: ["+t.key(k)+"] on a line of its own, then its keys", "expected a table, found %s", describe(v))
		return sub
	}
	sub.m = m
	return sub
}

// Tables reads an array of tables: [[k]] entries, or k = [{…}, {…}], a
// list of inline tables.
func (t *Table) Tables(k string) []*Table {
	v, ok := t.get(k, false, "")
	if !ok {
		return nil
	}
	list, isList := v.([]map[string]any)
	if !isList {
		list, isList = inlineTables(v)
	}
	if !isList {
		t.Errorf(k, "write each entry under its own [["+k+"]] line", "expected [[%s]] entries, found %s", k, describe(v))
		return nil
	}
	out := make([]*Table, len(list))
	for i, m := range list {
		out[i] = &Table{
			doc:  t.doc,
			path: t.key(k) + "." + strconv.Itoa(i),
			name: fmt.Sprintf("%s[%d]", t.Field(k), i+1),
			m:    m,
			used: map[string]bool{},
		}
	}
	return out
}

// CheckUnknown reports every key of the table that no getter asked for, with
// the closest known key as a suggestion: a misspelt key is an error, not
// silently dropped.
func (t *Table) CheckUnknown() {
	known := make([]string, 0, len(t.used))
	for k := range t.used {
		known = append(known, k)
	}
	sort.Strings(known)
	var unknown []string
	for k := range t.m {
		if !t.used[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		hint := "known fields: " + strings.Join(known, ", ")
		if near := Closest(k, known); near != "" {
			hint = "did you mean " + near + "?"
		}
		t.doc.errs.Add(t.Pos(k), t.Field(k), "unknown field", hint)
	}
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int64:
		return "the number " + strconv.FormatInt(v, 10)
	case float64:
		return "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "the date " + v.Format("2006-01-02")
		case "time-local":
			return "the time " + v.Format("15:04:05")
		}
		return "the date and time " + v.Format(time.RFC3339)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "a list of tables"
	}
	return fmt.Sprintf("%T", v)
}

// Closest returns the known word within edit distance 2 of k, if any: the
// "did you mean" of error messages.
func Closest(k string, known []string) string {
	best, bestD := "", 3
	for _, c := range known {
		if d := distance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Normalize makes a file saved by any editor look like one saved on Linux:
// it drops a UTF-8 byte order mark and turns CRLF and lone CR line endings
// into LF. Line numbers are unchanged.
func Normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
}
