package tomldoc

import (
	"bytes"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"
)

// position is where a key is written and where its value starts. For a
// table header both are the header's "["; for an entry of a list both are
// the entry.
type position struct{ line, col, valueLine, valueCol int }

// locate maps every key path of a TOML text to where it is written. The
// decoder reports no positions for values it read without trouble, yet a
// webmaster needs to be told where a valid-looking but wrong value stands,
// so the text is read a second time by go-toml's parser, which gives the
// byte range of every key and value.
//
// Paths join keys with dots: "year", "footer.phone", "site.owner" for a
// dotted key. The entries of a list, of an [[array of tables]] and the
// tables of a list of inline tables are numbered from 0: "co_units.2",
// "progress.1.date", "nested.1.0". A text the parser refuses (the decoder
// has reported why) keeps the positions found before the fault.
func locate(text []byte, firstLine int) map[string]position {
	l := &locator{data: text, firstLine: firstLine, found: map[string]position{}, arrays: map[string]int{}}
	for i, c := range text {
		if c == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	p := parsers.Get().(*unstable.Parser)
	defer parsers.Put(p)
	defer p.Reset(nil) // keep no reference to text
	p.Reset(text)
	prefix := ""
	for p.NextExpression() {
		switch e := p.Expression(); e.Kind {
		case unstable.Table, unstable.ArrayTable:
			prefix = l.header(e)
		case unstable.KeyValue:
			l.keyValue(prefix, e)
		}
	}
	return l.found
}

// parsers keeps go-toml's parsers for reuse: each holds an arena of
// nodes that a build of 10,000 files would otherwise allocate anew for each.
var parsers = sync.Pool{New: func() any { return new(unstable.Parser) }}

type locator struct {
	data      []byte
	firstLine int
	lines     []int // offsets where the second and later lines start
	found     map[string]position
	arrays    map[string]int // path of an [[array of tables]] → entries so far
}

// header follows a [table] or [[array of tables]] header and returns the
// path its keys go under. A key of a header that names an array of tables
// means its latest entry: [[a]] … [[a.b]] puts b in the last a.
func (l *locator) header(e *unstable.Node) string {
	path, at := "", -1
	it := e.Key()
	for it.Next() {
		k := it.Node()
		if at < 0 {
			at = l.bracket(int(k.Raw.Offset))
		}
		path = join(path, string(k.Data))
		last := it.IsLast()
		if last && e.Kind == unstable.ArrayTable {
			n := l.arrays[path]
			l.arrays[path] = n + 1
			l.record(path, at, at)
			path += "." + strconv.Itoa(n)
		} else if n, ok := l.arrays[path]; ok {
			path += "." + strconv.Itoa(n-1)
		}
		l.record(path, at, at)
	}
	return path
}

// bracket is the offset of the "[" that opens the header whose first key
// starts at off.
func (l *locator) bracket(off int) int {
	i := off - 1
	for i >= 0 && (l.data[i] == ' ' || l.data[i] == '\t') {
		i--
	}
	for i > 0 && l.data[i-1] == '[' {
		i--
	}
	return max(i, 0)
}

// keyValue follows key = value under prefix and returns the offset after it.
func (l *locator) keyValue(prefix string, e *unstable.Node) int {
	path, keyAt, keyEnd := prefix, -1, 0
	it := e.Key()
	for it.Next() {
		k := it.Node()
		if keyAt < 0 {
			keyAt = int(k.Raw.Offset)
		}
		path = join(path, string(k.Data))
		keyEnd = int(k.Raw.Offset + k.Raw.Length)
		if !it.IsLast() {
			l.record(path, keyAt, keyAt) // a.b = 1 makes the table a
		}
	}
	// Only blanks and "=" stand between a key and its value.
	at := keyEnd + bytes.IndexByte(l.data[keyEnd:], '=') + 1
	for at < len(l.data) && (l.data[at] == ' ' || l.data[at] == '\t') {
		at++
	}
	l.value(path, keyAt, at, e.Value())
	return int(e.Raw.Offset + e.Raw.Length)
}

// value records value v of path, whose key starts at keyAt and which starts
// at offset at, and returns the offset after it. Lists carry no range of
// their own in the parser's tree: each entry starts after the blanks,
// commas and comments that follow the one before.
func (l *locator) value(path string, keyAt, at int, v *unstable.Node) int {
	switch v.Kind {
	case unstable.Array:
		l.record(path, keyAt, at)
		i, n := at+1, 0
		for it := v.Children(); it.Next(); {
			i = l.skip(i)
			i = l.value(path+"."+strconv.Itoa(n), i, i, it.Node())
			n++
		}
		return l.skip(i) + 1 // the "]"
	case unstable.InlineTable:
		at = int(v.Raw.Offset)
		l.record(path, keyAt, at)
		i := at + 1
		for it := v.Children(); it.Next(); {
			i = l.keyValue(path, it.Node())
		}
		return l.skip(i) + 1 // the "}"
	}
	l.record(path, keyAt, int(v.Raw.Offset))
	return int(v.Raw.Offset + v.Raw.Length)
}

// skip returns the offset of the first byte at or after i that is not a
// blank, a line end, a comma or part of a comment.
func (l *locator) skip(i int) int {
	for i < len(l.data) {
		switch l.data[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		case '#':
			end := bytes.IndexByte(l.data[i:], '\n')
			if end < 0 {
				return len(l.data)
			}
			i += end
		default:
			return i
		}
	}
	return i
}

// record remembers the first place path is written.
func (l *locator) record(path string, keyAt, valueAt int) {
	if _, ok := l.found[path]; ok {
		return
	}
	line, col := l.lineCol(keyAt)
	vline, vcol := l.lineCol(valueAt)
	l.found[path] = position{line, col, vline, vcol}
}

// lineCol gives the line and column (in characters) of byte offset off.
func (l *locator) lineCol(off int) (line, col int) {
	off = min(off, len(l.data))          // a list's end, were it misread, stays in the text
	n := sort.SearchInts(l.lines, off+1) // lines that start at or before off
	start := 0
	if n > 0 {
		start = l.lines[n-1]
	}
	return l.firstLine + n, utf8.RuneCount(l.data[start:off]) + 1
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
