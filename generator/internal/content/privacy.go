package content

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/diag"
)

// Deputies' contact details must not be published with their suggestions
// (the national rule on disclosing replies requires them to be removed). These
// patterns find text that looks like such details. A match next to another
// digit is part of a longer number and is not reported.
var personalData = []struct {
	what    string
	pattern *regexp.Regexp
	valid   func([]byte) bool
	email   bool // needs an @ in the line, rather than at least 7 digits
}{
	{"a mobile phone number", regexp.MustCompile(`(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}`), nil, false},
	{"a landline phone number", regexp.MustCompile(`(?:[(（]0\d{2,3}[)）][- ]?|0\d{2,3}[- ]?)[2-9]\d{6,7}`), nil, false},
	{"a resident ID number", regexp.MustCompile(`\d{17}[\dXx]`), validIDChecksum, false},
	{"an e-mail address", regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`), nil, true},
}

// ScanPersonalData reports every piece of text in data that looks like a
// personal phone number, resident ID number or e-mail address, except the
// exact strings site.toml lists as public.
func ScanPersonalData(file string, data []byte, public []string, errs *diag.List) {
	allowed := make(map[string]bool, len(public))
	for _, p := range public {
		allowed[p] = true
	}
	line := 0
	for len(data) > 0 {
		var text []byte
		text, data, _ = bytes.Cut(data, []byte("\n"))
		line++
		// Full-width digits and signs (１３８…, ＠) are read as their ASCII
		// twins, so that typing in a Chinese input mode hides nothing.
		// Folding keeps one character for one, so columns stay right.
		original := text
		text = foldWidth(text)
		// Most lines hold neither an @ nor the seven digits every pattern
		// needs; skip the regular expressions for them.
		hasAt, enoughDigits := bytes.IndexByte(text, '@') >= 0, countDigits(text) >= 7
		for _, pd := range personalData {
			if (pd.email && !hasAt) || (!pd.email && !enoughDigits) {
				continue
			}
			for _, m := range pd.pattern.FindAllIndex(text, -1) {
				found := text[m[0]:m[1]]
				if isDigitAt(text, m[0]-1) || isDigitAt(text, m[1]) || allowed[string(found)] {
					continue
				}
				if pd.valid != nil && !pd.valid(found) {
					continue
				}
				col := utf8.RuneCount(text[:m[0]])
				shown := string([]rune(string(original))[col : col+utf8.RuneCount(found)])
				errs.Add(diag.Pos{File: file, Line: line, Col: col + 1}, "",
					"\""+shown+"\" looks like "+pd.what+": deputies' personal contact details must not be published",
					"remove it; if it is a public service number, list it in site.toml under public_contacts")
			}
		}
	}
}

// foldWidth returns line with the full-width forms of ASCII (U+FF01 to
// U+FF5E) replaced by ASCII, when it has a full-width digit or ＠; other
// lines, which are nearly all (，and ： are full-width too), are returned as
// they are.
func foldWidth(line []byte) []byte {
	if !hasWideDigitOrAt(line) {
		return line
	}
	out := make([]byte, 0, len(line))
	for _, r := range string(line) {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFF01 - 0x21
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// hasWideDigitOrAt looks for ０–９ (EF BC 90–99) or ＠ (EF BC A0).
func hasWideDigitOrAt(b []byte) bool {
	for {
		i := bytes.Index(b, []byte{0xEF, 0xBC})
		if i < 0 || i+2 >= len(b) {
			return false
		}
		if c := b[i+2]; (c >= 0x90 && c <= 0x99) || c == 0xA0 {
			return true
		}
		b = b[i+2:]
	}
}

func countDigits(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

func isDigitAt(b []byte, i int) bool {
	return i >= 0 && i < len(b) && b[i] >= '0' && b[i] <= '9'
}

// validIDChecksum checks the ISO 7064 MOD 11-2 check digit of an 18-digit
// resident ID number (GB 11643), so that other long numbers are not reported.
func validIDChecksum(id []byte) bool {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(id[i]-'0') * w
	}
	check := "10X98765432"[sum%11]
	last := id[17]
	if last == 'x' {
		last = 'X'
	}
	return last == check
}
