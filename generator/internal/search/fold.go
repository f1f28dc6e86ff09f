package search

import (
	"iter"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:generate go run mkfold.go

// Fold gives the form of r that search compares: a full-width letter,
// digit or punctuation mark (Ａ，１) its ASCII form, the ideographic space
// a space, an ASCII capital its small letter, and a Chinese character the
// one character its whole group of Simplified and Traditional forms folds
// to (裡, 裏 and 里 to 里; 於 and 于 to 于; 幹, 乾 and 干 to 干). The groups
// come from OpenCC's tables (see mkfold.go). Folding never changes the
// length of a string in UTF-16, so offsets found in folded text hold in
// the text as shown.
func Fold(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r == 0x3000:
		return ' '
	case 0xFF01 <= r && r <= 0xFF5E:
		return Fold(r - 0xFF01 + '!')
	}
	if i, ok := slices.BinarySearch(variantFrom, r); ok {
		return variantTo[i]
	}
	return r
}

// Canonical folds every character of s (see Fold).
func Canonical(s string) string {
	for i, r := range s {
		if Fold(r) != r {
			var b strings.Builder
			b.Grow(len(s))
			b.WriteString(s[:i])
			for _, r := range s[i:] {
				b.WriteRune(Fold(r))
			}
			return b.String()
		}
	}
	return s
}

// variants lists, for each folded character, the characters that fold to
// it, in order.
var variants = sync.OnceValue(func() map[rune][]rune {
	m := map[rune][]rune{}
	for i, r := range variantFrom {
		m[variantTo[i]] = append(m[variantTo[i]], r)
	}
	return m
})

// Variants gives the characters other than r that fold to what r folds to.
func Variants(r rune) []rune {
	f := Fold(r)
	var out []rune
	if f != r {
		out = append(out, f)
	}
	for _, v := range variants()[f] {
		if v != r {
			out = append(out, v)
		}
	}
	return out
}

// FoldTable gives the Chinese characters a page's script needs to fold a
// query the way its index was folded: every character other than its
// folded form that folds to a character of the texts, so that a query in
// any form of a word the texts hold finds it. The letters, digits and
// punctuation fold by rule, in the script, and are not listed.
func FoldTable(texts iter.Seq[string]) map[string]string {
	seen := map[rune]bool{}
	for s := range texts {
		for _, r := range s {
			if r >= utf8.RuneSelf {
				seen[Fold(r)] = true
			}
		}
	}
	table := map[string]string{}
	for f := range seen {
		for _, v := range variants()[f] {
			table[string(v)] = string(f)
		}
	}
	return table
}
