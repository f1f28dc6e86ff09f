// Package words reads the words of the pages from a TOML file in the
// layouts (layouts/words.toml): every word the generator writes into a page
// (titles, the navigation, status words, the sentences above lists, chart
// captions, the search filters, the feed) is the designer's to change, with
// no Go in the way.
//
// The words a program needs are the fields of a struct of its own, of type
// Text, grouped in nested structs that are the file's tables:
//
//	type pageWords struct {
//		Nav struct {
//			Home Text `toml:"home"`
//		} `toml:"nav"`
//		Lists struct {
//			Intro Text `toml:"intro" words:"count"`
//		} `toml:"lists"`
//	}
//
// matches
//
//	[nav]
//	home = "首页"
//
//	[lists]
//	intro = "共 {count} 件建议。"
//
// A word may use the values its tag names, written {name}; Format fills
// them in, in the order of the tag. Parse reports, at the file's line and
// column like every other file of the site, each word that is missing, each
// key that is not a word (with the closest word's name), and each {name}
// the word may not use.
package words

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Text is one word or sentence of the pages, with the places of its values.
type Text struct {
	key   string
	parts []part
	args  int // how many values Format takes
}

// part is a run of text, or the place of a value.
type part struct {
	text string
	arg  int // the value's position in the tag; -1 for text
}

// String is the text of a word without values.
func (t Text) String() string { return t.Format() }

// Format is the text with each {name} replaced by the value in its place
// of the tag's list. A word asked for with other values than its tag names
// is a mistake in the program, not in the file: Format panics.
func (t Text) Format(values ...any) string {
	if len(values) != t.args {
		panic(fmt.Sprintf("words: %s takes %d values, given %d", t.key, t.args, len(values)))
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.arg < 0 {
			b.WriteString(p.text)
		} else {
			fmt.Fprint(&b, values[p.arg])
		}
	}
	return b.String()
}

var textType = reflect.TypeFor[Text]()

// placeholder is a {name} in a word.
var placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// Load reads the words of the file named file in fsys into v, a pointer to
// a struct of Text fields and nested structs.
func Load(fsys fs.FS, file string, v any) diag.List {
	data, err := source.ReadFile(fsys, file)
	if err != nil {
		msg := "cannot read: " + source.Cause(err)
		if errors.Is(err, fs.ErrNotExist) {
			msg = "missing: the layouts hold the words of the pages"
		}
		return diag.List{{Pos: diag.Pos{File: file}, Msg: msg, Hint: "put the words file of the demo site's layouts there and change the words you want"}}
	}
	return Parse(file, data, v)
}

// Parse reads the words of data, the text of file, into v.
func Parse(file string, data []byte, v any) diag.List {
	data, errs := source.Text(file, data)
	if data == nil && len(errs) > 0 {
		return errs
	}
	if t := tomldoc.Parse(file, data, 1, &errs); t != nil {
		fill(t, "", reflect.ValueOf(v).Elem(), &errs)
	}
	errs.AttachSource(file, data)
	errs.Sort()
	return errs
}

// fill reads table t, whose key path is path, into the struct sv.
func fill(t *tomldoc.Table, path string, sv reflect.Value, errs *diag.List) {
	st := sv.Type()
	for i := range st.NumField() {
		f := st.Field(i)
		key := f.Tag.Get("toml")
		if key == "" || !f.IsExported() {
			continue
		}
		switch {
		case f.Type == textType:
			sv.Field(i).Set(reflect.ValueOf(read(t, path+key, key, f.Tag.Get("words"), errs)))
		case f.Type.Kind() == reflect.Struct:
			missing := !t.Has(key)
			sub := t.Table(key, "its words, as in the demo site's layouts/words.toml")
			if !missing { // else reported once, not word by word
				fill(sub, path+key+".", sv.Field(i), errs)
			}
		default:
			panic("words: field " + f.Name + " is neither a Text nor a struct of them")
		}
	}
	t.CheckUnknown()
}

// read reads the word key of t, which may use the values named in tag
// (comma-separated).
func read(t *tomldoc.Table, full, key, tag string, errs *diag.List) Text {
	var names []string
	if tag != "" {
		names = strings.Split(tag, ",")
	}
	example := `"…"`
	if len(names) > 0 {
		example = `"… {` + strings.Join(names, "} … {") + `} …"`
	}
	s := t.String(key, true, example)
	w := Text{key: full, args: len(names)}
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		arg := slices.Index(names, name)
		if arg < 0 {
			hint := "this word uses no values; remove {" + name + "}"
			if len(names) > 0 {
				hint = "this word may use {" + strings.Join(names, "}, {") + "}"
			}
			t.Errorf(key, hint, "unknown value {%s}", name)
			continue
		}
		if m[0] > last {
			w.parts = append(w.parts, part{text: s[last:m[0]], arg: -1})
		}
		w.parts = append(w.parts, part{arg: arg})
		last = m[1]
	}
	if last < len(s) {
		w.parts = append(w.parts, part{text: s[last:], arg: -1})
	}
	return w
}
