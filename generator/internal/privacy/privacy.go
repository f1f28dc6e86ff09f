// Package privacy finds deputies' personal contact details in text as it
// will be published: mainland mobile and landline numbers, resident ID
// numbers (18 digits with a valid check digit, and the old 15-digit ones),
// e-mail addresses, and QQ numbers and WeChat IDs where a label says so.
// The national rule on disclosing replies requires such details to be
// removed before a suggestion is published.
//
// The scanner reads what a reader sees, not how it was typed: callers pass
// the text after TOML decoding and Markdown rendering (markdown.Visible),
// so bold in the middle of a number, escapes, entities and wrapped lines
// hide nothing. Inside that text it reads
//
//   - full-width digits and signs as ASCII ones (１３８, ＠, （0379）, －);
//   - every dash (‐ ‑ ‒ – — ― − ﹣ －), dot and space (U+3000, no-break)
//     between digit groups as a separator, and zero-width characters as
//     nothing;
//   - 。 ． (at) （at） [at] " at " # 艾特 as @, and 。 ． (dot) " dot " 点
//     as the dots of an address.
//
// It stays quiet about numbers that are not contact details: an amount or
// ordinal (13812345678元, 第13812345678次), digits inside a URL or an
// identifier (art_13812345678), a document, case or order number (the
// label before it says so, or letters and hyphens bind it into one code:
// JX2019-0379-62345678), and 400/800 service numbers.
//
// Scan takes time linear in the text: every position is looked at a
// bounded number of times.
package privacy

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Finding is one piece of text that looks like a contact detail.
type Finding struct {
	Start, End int    // byte offsets in the text scanned
	What       string // "a mobile phone number", …
	key        string // the detail written canonically, for Allowed
}

// Kinds of findings, as messages name them.
const (
	Mobile   = "a mobile phone number"
	Landline = "a landline phone number"
	ID       = "a resident ID number"
	OldID    = "a 15-digit resident ID number"
	Email    = "an e-mail address"
	QQ       = "a QQ number"
	WeChat   = "a WeChat ID"
)

// Allowed are the public contact details that may be published (site.toml's
// public_contacts), each matched in any of the forms it may be written in:
// the hotline 0379-64823389 allows （0379）6482 3389 and +86 379 6482 3389.
type Allowed struct {
	keys    map[string]bool
	literal map[string]bool
}

// Allow makes the set of public details from their texts. An entry that
// does not read as a contact detail at all is allowed as that exact text.
func Allow(entries ...string) *Allowed {
	a := &Allowed{keys: map[string]bool{}, literal: map[string]bool{}}
	for _, e := range entries {
		a.literal[e] = true
		for _, f := range Scan(e, nil) {
			a.keys[f.key] = true
			if local, ok := strings.CutPrefix(f.key, "tel:"); ok && len(local) > 8 {
				// The hotline's own number, written without its area code.
				a.keys["tel:"+local[len(local)-8:]] = true
				a.keys["tel:"+local[len(local)-7:]] = true
			}
		}
	}
	return a
}

func (a *Allowed) allows(f Finding, text string) bool {
	return a != nil && (a.keys[f.key] || a.literal[text[f.Start:f.End]])
}

// Scan finds the contact details in text that allowed does not list, in
// the order they occur.
func Scan(text string, allowed *Allowed) []Finding {
	out, _ := scan(text, allowed)
	return out
}

// scan is Scan, also returning how many steps it took: the fuzz test
// checks that they grow linearly with the text.
func scan(text string, allowed *Allowed) ([]Finding, int) {
	if !worthScanning(text) {
		return nil, len(text)
	}
	f := folds.Get().(*folded)
	defer folds.Put(f)
	f.fold(text)
	var out []Finding
	add := func(start, end int, what, key string) {
		fd := Finding{Start: int(f.at[start]), End: int(f.at[end]), What: what, key: key}
		if !allowed.allows(fd, text) {
			out = append(out, fd)
		}
	}
	f.numbers(add)
	f.emails(add)
	if len(out) > 1 {
		sortFindings(out)
	}
	return out, f.steps + len(text)
}

// worthScanning is false for text with neither 5 digits nor anything that
// can stand for @: most short fields.
func worthScanning(text string) bool {
	digits := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case strings.IndexByte("@#([{< ", c) >= 0:
			return true // an address may be disguised: (at), " at "
		case c >= utf8.RuneSelf:
			return true // full-width digits, ＠, 艾特: fold decides
		}
	}
	return digits >= 5
}

func sortFindings(fs []Finding) {
	// Insertion sort: findings are few and nearly in order.
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Start < fs[j-1].Start; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// folded is the text with every character replaced by the one it stands
// for (１ → 1, － → -, U+3000 → space), invisible ones left out, and
// Latin letters in lower case.
type folded struct {
	r     []rune
	at    []int32 // the byte offset in the text of each of r, and of its end
	steps int     // characters looked at, counted in the loops that look back or ahead
}

// folds keeps the buffers of folded texts for the next scan: a site scans
// every suggestion.
var folds = sync.Pool{New: func() any { return new(folded) }}

// fold makes f the folded form of text.
func (f *folded) fold(text string) {
	f.r, f.at, f.steps = f.r[:0], f.at[:0], 0
	for i, c := range text {
		switch {
		case c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD:
			continue // zero-width: the reader sees nothing there
		case c >= 0xFF01 && c <= 0xFF5E:
			c -= 0xFF01 - 0x21
		case c == 0x3000 || c == 0xA0 || c >= 0x2000 && c <= 0x200A || c == 0x202F || c == 0x205F || c == '\t':
			c = ' '
		case c >= 0x2010 && c <= 0x2015 || c == 0x2212 || c == 0xFE58 || c == 0xFE63 || c == 0x30FC || c == 0x2E3A:
			c = '-'
		case c == 0xFF61:
			c = '。'
		case c == 0x3010:
			c = '['
		case c == 0x3011:
			c = ']'
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		f.r = append(f.r, c)
		f.at = append(f.at, int32(i))
	}
	f.at = append(f.at, int32(len(text)))
}

func (f *folded) rune(i int) rune {
	f.steps++
	if i < 0 || i >= len(f.r) {
		return 0
	}
	return f.r[i]
}

func isDigit(c rune) bool  { return c >= '0' && c <= '9' }
func isLetter(c rune) bool { return c >= 'a' && c <= 'z' }
