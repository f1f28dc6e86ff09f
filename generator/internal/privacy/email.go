package privacy

import "strings"

// The ways people write @ and the dots of an address to keep it from
// robots, or as a Chinese input mode types them. The folded text is in
// lower case and has ASCII for full-width forms: （at） is (at), ＠ is @.
var (
	ats  = []string{"@", "(at)", "[at]", "{at}", "<at>", " at ", "#", "艾特", " @ "}
	dots = []string{".", "。", "(dot)", "[dot]", "{dot}", "<dot>", " dot ", "点", " . "}
)

// commonTLDs are the endings an address written with a stand-in for @ or
// for its dots must have, so that "issue #12.md" is no address.
var commonTLDs = map[string]bool{
	"com": true, "cn": true, "net": true, "org": true, "edu": true, "gov": true, "info": true, "biz": true,
	"io": true, "me": true, "cc": true, "tv": true, "vip": true, "top": true, "xyz": true, "co": true,
	"hk": true, "tw": true, "mo": true, "name": true, "mobi": true, "site": true, "club": true, "ltd": true,
	"uk": true, "us": true, "jp": true, "de": true, "fr": true, "ru": true, "sg": true, "mil": true,
}

const (
	maxLocal  = 64  // characters before the @
	maxDomain = 255 // characters after it
)

// emails finds e-mail addresses, written plainly or disguised.
func (f *folded) emails(add func(start, end int, what, key string)) {
	for i := 0; i < len(f.r); {
		at, n := f.atSign(i)
		if n == 0 {
			i++
			continue
		}
		start := f.localStart(i)
		end, domain, plain := f.domain(i + n)
		if start < i && end > 0 && (plain && at == "@" || commonTLDs[lastLabel(domain)]) {
			local := string(f.r[start:i])
			add(start, end, Email, "mail:"+local+"@"+domain)
			i = end
			continue
		}
		i += n
	}
}

// atSign returns the stand-in for @ at i and its length in runes.
func (f *folded) atSign(i int) (string, int) {
	for _, a := range ats {
		if f.hasAt(i, a) {
			return strings.TrimSpace(a), len([]rune(a))
		}
	}
	return "", 0
}

// hasAt reports whether the folded text has s at i.
func (f *folded) hasAt(i int, s string) bool {
	for _, c := range s {
		f.steps++
		if i >= len(f.r) || f.r[i] != c {
			return false
		}
		i++
	}
	return true
}

func isLocal(c rune) bool {
	return isLetter(c) || isDigit(c) || strings.ContainsRune("._%+-", c)
}

func isLabel(c rune) bool { return isLetter(c) || isDigit(c) || c == '-' }

// localStart finds where the part before the @ at i begins: at most
// maxLocal characters, starting with a letter or digit. It returns i when
// there is none.
func (f *folded) localStart(i int) int {
	j := i
	for j > 0 && i-j < maxLocal && isLocal(f.r[j-1]) {
		j--
		f.steps++
	}
	for j < i && !isLetter(f.r[j]) && !isDigit(f.r[j]) {
		j++
	}
	return j
}

// domain reads the address's domain from i: labels of letters, digits and
// -, separated by dots or their stand-ins, at least two, the last of
// letters only. It returns the end (0 if there is no domain), the domain
// with plain dots, and whether every dot was written as . or 。.
func (f *folded) domain(i int) (end int, domain string, plain bool) {
	var b strings.Builder
	labels, last, plain := 0, i, true
	for j := i; j < len(f.r) && j-i < maxDomain; {
		k := j
		for k < len(f.r) && isLabel(f.r[k]) && k-j < 63 {
			k++
			f.steps++
		}
		if k == j {
			break
		}
		b.WriteString(string(f.r[j:k]))
		labels++
		last = k
		dot, n := f.dotSign(k)
		if n == 0 || !isLabel(f.rune(k+n)) {
			break
		}
		plain = plain && (dot == "." || dot == "。")
		b.WriteByte('.')
		j = k + n
	}
	domain = strings.TrimSuffix(b.String(), ".")
	tld := lastLabel(domain)
	if labels < 2 || len(tld) < 2 || !allLetters(tld) {
		return 0, "", false
	}
	return last, domain, plain
}

func (f *folded) dotSign(i int) (string, int) {
	for _, d := range dots {
		if f.hasAt(i, d) {
			return strings.TrimSpace(d), len([]rune(d))
		}
	}
	return "", 0
}

func lastLabel(domain string) string {
	return domain[strings.LastIndexByte(domain, '.')+1:]
}

func allLetters(s string) bool {
	for _, c := range s {
		if !isLetter(c) {
			return false
		}
	}
	return true
}
