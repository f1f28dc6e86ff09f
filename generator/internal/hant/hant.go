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

	"github.com/longbridgeapp/opencc"
)

// Lang is the language tag of converted pages.
const Lang = "zh-Hant"

// Conversion is the OpenCC configuration used.
const Conversion = "s2tw"

// converter loads the dictionaries once, on first use (about a tenth of a
// second), and is safe for concurrent use: conversion only reads them.
var converter = sync.OnceValues(func() (*opencc.OpenCC, error) { return opencc.New(Conversion) })

// memoMax is the longest run (in bytes) whose conversion is remembered.
// Short runs are the layouts' own words and the labels, repeated on every
// page; long runs are suggestion text, seen once.
const memoMax = 64

var memo sync.Map // string → string

// Text converts s. It fails only if the dictionaries cannot be loaded.
func Text(s string) (string, error) {
	cc, err := converter()
	if err != nil {
		return "", err
	}
	var b strings.Builder
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
				return "", err
			}
			b.WriteString(out)
			i = j
		}
	}
	return b.String(), nil
}

// run converts one run of non-ASCII text.
func run(cc *opencc.OpenCC, r string) (string, error) {
	if len(r) <= memoMax {
		if out, ok := memo.Load(r); ok {
			return out.(string), nil
		}
	}
	out, err := cc.Convert(r)
	if err != nil {
		return "", err
	}
	if len(r) <= memoMax {
		memo.Store(r, out)
	}
	return out, nil
}

// Load loads the dictionaries now, so that a failure is reported before
// any page is written.
func Load() error {
	_, err := converter()
	return err
}
