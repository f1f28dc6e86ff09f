package hant

import (
	"bytes"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/liuzl/da"
)

// Names are the names of people and units that a site publishes. Wherever
// one occurs in a page, it is converted character by character with a
// table for names instead of as words: OpenCC's phrases read 于海涛 as
// 於海濤, 范伟 as 範偉, 郭台铭 as 郭臺銘, 沈阳 as 瀋陽 (the city), 谷雨 as
// 穀雨 (the solar term) and 蔡斗 as 蔡鬥, while a surname or given name
// must stay itself: 于海濤, 范偉, 郭台銘, 沈陽, 谷雨, 蔡斗.
//
// The table is OpenCC's table of single characters (the first, most
// common Traditional form of each), then Taiwan's standard forms, except
// for the characters in nameKeep, which are written as they are in names
// (and which OpenCC would turn into another word: 于 → 於, 范 → 範).
// A nil *Names converts like Text and HTML.
type Names struct {
	byFirst map[rune][]string // names by their first character, longest first
	first   runeSet           // the first characters of the Basic Multilingual Plane, to skip the others fast
	memo    sync.Map          // name → its conversion
}

// nameKeep are characters that are their own Traditional form in names:
// surnames (于 范 谷 沈 岳 余 朴 卜 曲 仇 郁 咸 党 游 种) and characters of
// given names (斗 台 干 后 杰 舍 里) whose other Traditional forms are other
// words.
const nameKeep = "于范谷沈岳余朴卜曲仇郁咸党游种斗台干后杰舍里"

// NewNames makes the set of names. Names shorter than two characters are
// left out: one character alone is no name to look for.
func NewNames(names []string) *Names {
	n := &Names{byFirst: map[rune][]string{}}
	seen := map[string]bool{}
	for _, name := range names {
		if utf8.RuneCountInString(name) < 2 || seen[name] {
			continue
		}
		seen[name] = true
		r, _ := utf8.DecodeRuneInString(name)
		n.byFirst[r] = append(n.byFirst[r], name)
		if r < 0x10000 {
			n.first[r>>6] |= 1 << (r & 63)
		}
	}
	for _, list := range n.byFirst {
		sort.Slice(list, func(i, j int) bool {
			if len(list[i]) != len(list[j]) {
				return len(list[i]) > len(list[j])
			}
			return list[i] < list[j]
		})
	}
	return n
}

// Text converts s, the names in it by the table for names.
func (n *Names) Text(s string) (string, error) {
	var b strings.Builder
	if err := n.writeText(&b, s); err != nil {
		return "", err
	}
	return b.String(), nil
}

// writeText writes s converted to b, the names in it by the table for
// names.
func (n *Names) writeText(b stringWriter, s string) error {
	if n == nil || len(n.byFirst) == 0 {
		return writeText(b, s)
	}
	cc, err := converter()
	if err != nil {
		return err
	}
	from := 0 // start of the text not yet converted
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		name := n.at(s[i:], r)
		if name == "" {
			i += size
			continue
		}
		if err := writeText(b, s[from:i]); err != nil {
			return err
		}
		b.WriteString(n.convert(cc, name))
		i += len(name)
		from = i
	}
	return writeText(b, s[from:])
}

// at returns the longest name s starts with, whose first character is r.
func (n *Names) at(s string, r rune) string {
	if r < 0x10000 && !n.first.has(r) {
		return "" // most characters start no name: no map lookup
	}
	for _, name := range n.byFirst[r] {
		if strings.HasPrefix(s, name) {
			return name
		}
	}
	return ""
}

// convert converts one name character by character.
func (n *Names) convert(cc *matcher, name string) string {
	if out, ok := n.memo.Load(name); ok {
		return out.(string)
	}
	out := cc.name(name)
	n.memo.Store(name, out)
	return out
}

// name converts s character by character: each character by the
// character dictionary of the first group (OpenCC's phrases are left out),
// then by the later groups (Taiwan's forms), unless it is in nameKeep.
func (m *matcher) name(s string) string {
	var b strings.Builder
	for _, r := range s {
		c := string(r)
		if strings.ContainsRune(nameKeep, r) {
			b.WriteString(c)
			continue
		}
		for gi, group := range m.chain {
			dicts := group
			if gi == 0 {
				dicts = characterDicts(group)
			}
			for _, d := range dicts {
				if n, v := longest(d, []byte(c)); n == len(c) {
					c = v
					break
				}
			}
		}
		b.WriteString(c)
	}
	return b.String()
}

// characterDicts are the dictionaries of a group that hold single
// characters only (STCharacters), not phrases.
func characterDicts(group []*da.Dict) []*da.Dict {
	if len(group) > 1 {
		return group[len(group)-1:]
	}
	return group
}

// WriteHTML converts a page into out like the package's WriteHTML, the
// names in it by the table for names; a caller converting page after page
// reuses one buffer. The page is read in place, without a copy (a whole
// page each time): it must not change until WriteHTML returns, and nothing
// of it is kept after (the memo of runs keeps copies).
func (n *Names) WriteHTML(out *bytes.Buffer, page []byte) error {
	if err := Load(); err != nil {
		return err
	}
	c := htmlConverter{src: unsafe.String(unsafe.SliceData(page), len(page)), out: out, names: n}
	out.Grow(len(page) + len(page)/8)
	return c.run()
}
