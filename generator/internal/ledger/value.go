package ledger

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"rdjy.local/portal/generator/internal/config"
)

// fold reads full-width forms as ASCII (１ → 1, Ａ → A, the ideographic
// space → space), as typed in a Chinese input mode, and trims spaces.
func fold(s string) string {
	s = strings.TrimFunc(s, isSpace)
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFF01 - 0x21
		case r == '\u3000' || r == '\u00a0':
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// text is a one-line value (a title, a unit): surrounding spaces trimmed,
// line breaks typed inside the cell joined — without a space between
// Chinese characters, with one between Latin words.
func text(s string) string {
	s = strings.TrimFunc(s, isSpace)
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var b strings.Builder
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		part = strings.TrimFunc(part, isSpace)
		if part == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(part)
			if last < utf8.RuneSelf && first < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(part)
	}
	return b.String()
}

// names splits a list cell at 、，,;； and line breaks.
func names(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,;；\n\r", r)
	}) {
		if n = strings.TrimFunc(n, isSpace); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// dashes are the hyphens people type in numbers: full-width, en and em
// dashes, the minus sign.
var dashes = strings.NewReplacer("－", "-", "–", "-", "—", "-", "‐", "-", "‑", "-", "‒", "-", "−", "-", "﹣", "-")

// number reads a suggestion number as written, with full-width characters
// and dashes made ASCII. A whole number that Excel stored as 17.0 is 17.
func number(s string) string {
	s = dashes.Replace(fold(s))
	return strings.TrimSuffix(s, ".0")
}

var yearPattern = regexp.MustCompile(`^(\d{4})(?:\.0)?年?$`)

// year reads 2019, 2019年 or 2019.0.
func year(s string) (int, bool) {
	m := yearPattern.FindStringSubmatch(fold(s))
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

var (
	datePattern = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$`)
	compactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	serialDate  = regexp.MustCompile(`^\d{1,7}(?:\.\d+)?$`)
)

// date reads a date as people type it, or an Excel date (a serial day
// number) when the cell comes from a workbook. It returns the reason when
// the text is no date.
func date(s string, workbook, date1904 bool) (time.Time, string) {
	s = fold(s)
	if workbook && serialDate.MatchString(s) && !compactDate.MatchString(s) {
		f, _ := strconv.ParseFloat(s, 64)
		// Day 10,000 is 1927: a smaller number is no date a ledger holds.
		if f >= 10000 && f < 2958466 {
			t, err := excelize.ExcelDateToTime(math.Floor(f), date1904)
			if err == nil {
				return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), ""
			}
		}
	}
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		m = compactDate.FindStringSubmatch(s)
	}
	if m == nil {
		return time.Time{}, "not a date"
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 {
		return time.Time{}, fmt.Sprintf("no month %d", mo)
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || t.Month() != time.Month(mo) {
		last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		return time.Time{}, fmt.Sprintf("not a calendar date: %d年%d月 has %d days", y, mo, last)
	}
	return t, ""
}

// yesNo reads a yes-no cell; an empty cell is no. Besides 是 and 否, a
// ledger may write what the column asks: 重点 or 一般, 已见面 or 未见面.
func yesNo(s string) (yes, ok bool) {
	switch strings.ToLower(fold(s)) {
	case "是", "√", "✓", "✔", "☑", "y", "yes", "true", "1", "有", "重点", "已见面", "见面":
		return true, true
	case "否", "×", "✗", "✘", "n", "no", "false", "0", "无", "", "一般", "非重点", "未见面":
		return false, true
	}
	return false, false
}

// disclosure reads a 公开方式 cell: the three modes of front matter's
// disclosure field, as ledgers write them (全文公开, 摘要公开, 不予公开).
func disclosure(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, fold(s))
	switch s {
	case "全文", "全文公开", "公开", "主动公开", "依申请公开":
		return "全文", true
	case "摘要", "摘要公开", "公开摘要":
		return "摘要", true
	case "不公开", "不予公开", "暂不公开":
		return "不公开", true
	}
	return "", false
}

// term finds the key a cell stands for: the key itself, its label, a word
// site.toml's [ledger] gives for it, the same with full-width letters or in
// another case (ａ, a for A), or any of these followed by 类 (A类).
func term(s string, e *config.Enum, aliases []config.Alias) (string, bool) {
	s = strings.TrimFunc(s, isSpace)
	for _, try := range []string{s, fold(s)} {
		if k, ok := lookupTerm(try, e, aliases); ok {
			return k, true
		}
		if base, ok := strings.CutSuffix(try, "类"); ok && base != "" {
			if k, ok := lookupTerm(strings.TrimFunc(base, isSpace), e, aliases); ok {
				return k, true
			}
		}
	}
	return "", false
}

func lookupTerm(s string, e *config.Enum, aliases []config.Alias) (string, bool) {
	for _, a := range aliases {
		if a.Text == s {
			return a.Key, true
		}
	}
	var folded string
	for _, t := range e.Terms {
		if t.Key == s || t.Label == s {
			return t.Key, true
		}
		if folded == "" && strings.EqualFold(t.Key, s) && isASCII(s) {
			folded = t.Key
		}
	}
	return folded, folded != ""
}

// termList says what a term column accepts, for messages: A (已经解决或基本解决), ….
func termList(e *config.Enum) string {
	parts := make([]string, len(e.Terms))
	for i, t := range e.Terms {
		parts[i] = t.Key
		if t.Label != t.Key {
			parts[i] += " (" + t.Label + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// width is how many columns s takes in a spreadsheet: two for Chinese
// characters and other wide forms.
func width(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && (unicode.Is(unicode.Han, r) || r >= 0x2E80) {
			w += 2
		} else {
			w++
		}
	}
	return w
}
