// Package hant converts the portal from Simplified to Traditional
// characters at build time, with OpenCC's phrase dictionaries (through
// github.com/longbridgeapp/opencc), so that words convert as words
// (关于 → 關於, 干净 → 乾淨, 答复 → 答覆) rather than character by
// character.
//
// The conversion is OpenCC's s2tw: Simplified to Traditional with Taiwan's
// standard character forms (為, 眾, 群) but no change of vocabulary. It
// reads like the district's own 繁體 rendering of its 2019 report; see
// README.md for the comparison with s2t, s2hk and s2twp.
//
// Text converts only in runs of non-ASCII characters: OpenCC's dictionaries
// hold no ASCII, so markup, numbers and escaped URLs are left exactly as
// they are, and converting a run is the same as converting the whole text.
package hant

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/liuzl/da"
	"github.com/longbridgeapp/opencc"
)

// Lang is the language tag of converted pages.
const Lang = "zh-Hant"

// Conversion is the OpenCC configuration used.
const Conversion = "s2tw"

// converter loads the dictionaries once, on first use (about a tenth of a
// second), and is safe for concurrent use: conversion only reads them.
var converter = sync.OnceValues(func() (*matcher, error) {
	cc, err := opencc.New(Conversion)
	if err != nil {
		return nil, err
	}
	m := &matcher{}
	for _, g := range cc.DictChains {
		m.chain = append(m.chain, g.Dicts)
		m.starts = append(m.starts, startSet(g.Dicts))
	}
	return m, nil
})

// Text converts s. It fails only if the dictionaries cannot be loaded.
func Text(s string) (string, error) {
	var b strings.Builder
	if err := writeText(&b, s); err != nil {
		return "", err
	}
	return b.String(), nil
}

// stringWriter is where a conversion is written: a strings.Builder for
// Text, the page being converted for HTML.
type stringWriter interface {
	WriteString(s string) (int, error)
}

// writeText writes s converted to b.
func writeText(b stringWriter, s string) error {
	cc, err := converter()
	if err != nil {
		return err
	}
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf {
			j++
		}
		b.WriteString(s[i:j])
		i = j
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		if j > i {
			out, err := run(cc, s[i:j])
			if err != nil {
				return err
			}
			b.WriteString(out)
			i = j
		}
	}
	return nil
}

// run converts one run of non-ASCII text.
func run(cc *matcher, r string) (string, error) {
	if len(r) > memoMax {
		return cc.convert(r), nil
	}
	if out, ok := runs.load(r); ok {
		return out, nil
	}
	out := cc.convert(r)
	// r is a slice of the page being converted: the memo keeps a copy, or
	// each remembered run would keep its whole page alive (37 MB of pages
	// at the end of the 10,000-suggestion build).
	key := strings.Clone(r)
	if out == r {
		out = key
	}
	runs.store(key, out)
	return out, nil
}

// Load loads the dictionaries now, so that a failure is reported before
// any page is written.
func Load() error {
	_, err := converter()
	return err
}

// matcher applies OpenCC's conversion chain the way opencc.Convert does —
// at each position the longest entry of the first dictionary of a group
// that has one, looking at most maxMatch characters ahead — but walks the
// dictionaries' tries directly instead of building a map of every prefix
// at every character, which made converting the 10,000-suggestion
// benchmark site take four times longer. TestMatchesOpenCC checks that the
// two agree.
type matcher struct {
	chain  [][]*da.Dict // groups of dictionaries, applied one after another
	starts []*runeSet   // for each group, the characters an entry of it starts with
}

// runeSet is a set of the characters of Unicode's Basic Multilingual
// Plane (those of three bytes or fewer in UTF-8).
type runeSet [0x10000 / 64]uint64

func (s *runeSet) has(r rune) bool { return s[r>>6]&(1<<(r&63)) != 0 }

// startSet is the set of characters of the Basic Multilingual Plane that an
// entry of one of dicts starts with. Most characters start none (no
// Traditional form, no phrase): convert copies those without walking the
// dictionaries, which is most of the text for the later groups (Taiwan's
// forms, a few dozen entries).
func startSet(dicts []*da.Dict) *runeSet {
	set := new(runeSet)
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue // surrogates are not characters
		}
		b := buf[:utf8.EncodeRune(buf[:], r)]
		for _, d := range dicts {
			if _, err := d.Trie.Jump(b, 0); err == nil {
				set[r>>6] |= 1 << (r & 63)
				break
			}
		}
	}
	return set
}

// maxMatch is opencc.Convert's look-ahead, in characters.
const maxMatch = 10

func (m *matcher) convert(s string) string {
	for gi, group := range m.chain {
		start := m.firstStart(gi, s)
		if start < 0 {
			continue // nothing in s for this group: most text for Taiwan's forms
		}
		b := []byte(s)
		var out strings.Builder
		out.Grow(len(b))
		out.Write(b[:start])
		for i := start; i < len(b); {
			n, value := 0, ""
			if b[i] < 0xF0 && !m.starts[gi].has(firstRune(b[i:])) {
				// No entry starts with the character: n stays 0.
			} else {
				for _, d := range group {
					if n, value = longest(d, b[i:]); n > 0 {
						break
					}
				}
			}
			if n == 0 {
				_, n = utf8.DecodeRune(b[i:])
				out.Write(b[i : i+n])
			} else {
				out.WriteString(value)
			}
			i += n
		}
		s = out.String()
	}
	return s
}

// firstStart is where the first character of s that an entry of the
// group gi may start with is; -1 if none.
func (m *matcher) firstStart(gi int, s string) int {
	for i := 0; i < len(s); {
		if s[i] >= 0xF0 {
			return i // outside the Basic Multilingual Plane: the dictionaries tell
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if m.starts[gi].has(r) {
			return i
		}
		i += n
	}
	return -1
}

// firstRune decodes the character b starts with, which is of the Basic
// Multilingual Plane (b[0] < 0xF0); an invalid one is utf8.RuneError,
// which no entry starts with either.
func firstRune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}

// longest finds the longest entry of d that b starts with: its length in
// bytes and its first value; 0 if none.
func longest(d *da.Dict, b []byte) (int, string) {
	from, best, value, chars := 0, 0, -1, 0
	for i := 0; i < len(b); i++ {
		if utf8.RuneStart(b[i]) {
			if chars++; chars > maxMatch {
				break
			}
		}
		to, err := d.Trie.Jump(b[i:i+1], from)
		if err != nil {
			break
		}
		from = to
		if i+1 < len(b) && !utf8.RuneStart(b[i+1]) {
			continue // inside a character: no entry ends here
		}
		if v, err := d.Trie.Value(to); err == nil && len(d.Values[v]) > 0 {
			best, value = i+1, v
		}
	}
	if value < 0 {
		return 0, ""
	}
	return best, d.Values[value][0]
}
