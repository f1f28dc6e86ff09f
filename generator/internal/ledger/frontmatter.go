package ledger

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2/unstable"
)

// How a front-matter field is written.
type fieldKind int

const (
	fkString fieldKind = iota
	fkInt
	fkList
	fkDate
	fkBool
)

// fmFields are the front matter's fields in the order of the content model.
// A line import adds goes after the field before it in this order.
var fmFields = []struct {
	name string
	kind fieldKind
}{
	{"number", fkString}, {"title", fkString}, {"year", fkInt}, {"session", fkString},
	{"deputies", fkList}, {"category", fkString}, {"key", fkBool}, {"lead_unit", fkString},
	{"co_units", fkList}, {"assigned", fkDate}, {"replied", fkDate}, {"published", fkDate}, {"met", fkBool},
	{"outcome", fkString}, {"satisfaction", fkString}, {"draft", fkBool},
	{"disclosure", fkString}, {"disclosure_reason", fkString},
}

func fieldIndex(name string) int {
	for i, f := range fmFields {
		if f.name == name {
			return i
		}
	}
	return -1
}

// value is one front-matter value of a known kind. Its zero value is an
// absent field: no text, no list, no date, false.
type value struct {
	str  string
	num  int
	list []string
	date time.Time
	yes  bool
}

func (v value) absent(k fieldKind) bool {
	switch k {
	case fkInt:
		return v.num == 0
	case fkList:
		return len(v.list) == 0
	case fkDate:
		return v.date.IsZero()
	case fkBool:
		return !v.yes
	}
	return v.str == ""
}

func (v value) equal(k fieldKind, w value) bool {
	switch k {
	case fkInt:
		return v.num == w.num
	case fkList:
		if len(v.list) != len(w.list) {
			return false
		}
		for i := range v.list {
			if v.list[i] != w.list[i] {
				return false
			}
		}
		return true
	case fkDate:
		return v.date.Equal(w.date)
	case fkBool:
		return v.yes == w.yes
	}
	return v.str == w.str
}

// toml writes the value as TOML.
func (v value) toml(k fieldKind) string {
	switch k {
	case fkInt:
		return strconv.Itoa(v.num)
	case fkList:
		q := make([]string, len(v.list))
		for i, s := range v.list {
			q[i] = tomlString(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case fkDate:
		return v.date.Format(time.DateOnly)
	case fkBool:
		return strconv.FormatBool(v.yes)
	}
	return tomlString(v.str)
}

// show writes the value for the summary: 基本满意, 区财政局、区住建局, —.
func (v value) show(k fieldKind) string {
	switch {
	case k == fkBool && v.yes:
		return "是"
	case k == fkBool:
		return "否"
	case v.absent(k):
		return "—"
	case k == fkList:
		return strings.Join(v.list, "、")
	case k == fkString:
		return v.str
	}
	return v.toml(k)
}

// tomlString quotes s as a TOML basic string, escaping only what TOML requires.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\u00`)
				b.WriteString(strconv.FormatInt(int64(r)>>4, 16))
				b.WriteString(strconv.FormatInt(int64(r)&15, 16))
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// frontDoc is a suggestion file with the place of every top-level
// front-matter key, so that a value can be replaced, a line added or
// removed, and every other byte kept.
type frontDoc struct {
	data    []byte
	eol     string // the file's line ending: "\n" or "\r\n"
	keys    map[string]keySpan
	rootEnd int // where the first [table] or [[array]] line starts
}

// keySpan locates one key = value line by byte offsets into the file.
type keySpan struct {
	line  int // the start of the key's line
	value int // the start of the value
	end   int // the end of the value
	next  int // the start of the next line (after a comment, if any)
}

// parseFront finds the front matter between its +++ lines (after a byte
// order mark, with LF or CRLF line endings) and the top-level keys in it,
// using go-toml's parser, which gives the exact range of every value.
func parseFront(data []byte) (*frontDoc, error) {
	start := 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	nl := bytes.IndexByte(data[start:], '\n')
	if nl < 0 || strings.TrimSpace(string(data[start:start+nl])) != "+++" {
		return nil, errors.New("the file does not begin with a line of +++")
	}
	d := &frontDoc{data: data, eol: "\n", keys: map[string]keySpan{}}
	if nl > 0 && data[start+nl-1] == '\r' {
		d.eol = "\r\n"
	}
	from, to := start+nl+1, -1
	for pos := from; pos < len(data); {
		end := bytes.IndexByte(data[pos:], '\n')
		if end < 0 {
			end = len(data) - pos
		}
		if strings.TrimSpace(string(data[pos:pos+end])) == "+++" {
			to = pos
			break
		}
		pos += end + 1
	}
	if to < 0 {
		return nil, errors.New("the front matter is not closed by a line of +++")
	}
	d.rootEnd = to
	front := data[from:to]
	var p unstable.Parser
	p.Reset(front)
	inTable := false
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			if !inTable {
				it := e.Key()
				if it.Next() {
					d.rootEnd = from + lineStart(front, int(it.Node().Raw.Offset))
				}
				inTable = true
			}
		case unstable.KeyValue:
			if inTable {
				continue
			}
			name, first, last, ok := simpleKey(e)
			if !ok {
				continue
			}
			v := skipBlank(front, int(last.Raw.Offset+last.Raw.Length))
			if v >= len(front) || front[v] != '=' {
				continue
			}
			v = skipBlank(front, v+1)
			end := int(e.Raw.Offset + e.Raw.Length)
			next := len(front)
			if i := bytes.IndexByte(front[end:], '\n'); i >= 0 {
				next = end + i + 1
			}
			d.keys[name] = keySpan{
				line:  from + lineStart(front, int(first.Raw.Offset)),
				value: from + v, end: from + end, next: from + next,
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, errors.New("TOML syntax error: " + err.Error())
	}
	return d, nil
}

// simpleKey is the name of a key = value with an undotted key.
func simpleKey(e *unstable.Node) (name string, first, last *unstable.Node, ok bool) {
	it := e.Key()
	for it.Next() {
		if first != nil {
			return "", nil, nil, false
		}
		first = it.Node()
	}
	if first == nil {
		return "", nil, nil, false
	}
	return string(first.Data), first, first, true
}

func skipBlank(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

func lineStart(b []byte, i int) int {
	return bytes.LastIndexByte(b[:i], '\n') + 1
}

// lineOf is the file's line number (from 1) of a byte offset.
func (d *frontDoc) lineOf(offset int) int {
	return bytes.Count(d.data[:offset], []byte("\n")) + 1
}

// fieldAt is the top-level field whose line or lines hold line n.
func (d *frontDoc) fieldAt(n int) string {
	for name, k := range d.keys {
		if d.lineOf(k.line) <= n && n <= d.lineOf(max(k.next-1, k.line)) {
			return name
		}
	}
	return ""
}

// edit sets a field to a value; an absent value removes the field's line,
// except for true/false fields, which keep their line and say false.
type edit struct {
	field string
	kind  fieldKind
	to    value
}

// apply makes the edits and returns the new file. A field that is there
// has its value replaced in place; a new one gets a line of its own after
// the field before it in the content model's order; nothing else moves.
func (d *frontDoc) apply(edits []edit) []byte {
	type op struct {
		at, end int
		text    string
		order   int
	}
	var ops []op
	for _, e := range edits {
		span, there := d.keys[e.field]
		switch {
		case there && e.to.absent(e.kind) && e.kind != fkBool:
			ops = append(ops, op{span.line, span.next, "", 0})
		case there:
			ops = append(ops, op{span.value, span.end, e.to.toml(e.kind), 0})
		case !e.to.absent(e.kind):
			at := d.anchor(e.field)
			ops = append(ops, op{at, at, e.field + " = " + e.to.toml(e.kind) + d.eol, -len(fmFields) + fieldIndex(e.field)})
		}
	}
	// At one offset, added lines come first, in the content model's order.
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].at != ops[j].at {
			return ops[i].at < ops[j].at
		}
		return ops[i].order < ops[j].order
	})
	var b bytes.Buffer
	b.Grow(len(d.data) + 64)
	pos := 0
	for _, o := range ops {
		b.Write(d.data[pos:o.at])
		b.WriteString(o.text)
		pos = o.end
	}
	b.Write(d.data[pos:])
	return b.Bytes()
}

// anchor is where a new line for field goes: after the nearest field before
// it in the content model's order that the file has, or else before the
// nearest one after it, or else at the end of the top-level fields.
func (d *frontDoc) anchor(field string) int {
	i := fieldIndex(field)
	for j := i - 1; j >= 0; j-- {
		if k, ok := d.keys[fmFields[j].name]; ok {
			return k.next
		}
	}
	for j := i + 1; j < len(fmFields); j++ {
		if k, ok := d.keys[fmFields[j].name]; ok {
			return k.line
		}
	}
	return d.rootEnd
}
