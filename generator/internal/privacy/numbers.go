package privacy

import "strings"

// group is a run of digits in the folded text, [start, end); an ID's
// final x counts as a digit.
type group struct {
	start, end int
	digits     string
	bound      bool // joined to the group before by a single - or . (one code)
}

// maxGroups is how many groups one number may be written in: +86 138 1234
// 5678 has four, an ID spaced 6-4-4-4 four, 3-3-4-4-4 five.
const maxGroups = 6

// numbers finds phone and ID numbers, QQ numbers and local numbers that a
// label says are telephones.
func (f *folded) numbers(add func(start, end int, what, key string)) {
	for i := 0; i < len(f.r); {
		c := f.r[i]
		if !isDigit(c) || isDigit(f.rune(i-1)) {
			i++
			continue
		}
		groups, end := f.groups(i)
		f.candidates(groups, add)
		i = max(end, i+1)
	}
}

// groups reads the digit groups starting at i: digits, separated by a
// single - or . (bound: one code, as in 0379-6234-5678), or by spaces,
// parentheses or a spaced dash (as in (0379) 6234 5678 or 138 - 1234).
// It returns them and the index after the last.
func (f *folded) groups(i int) ([]group, int) {
	var gs []group
	bound, total := false, 0
	for {
		start := i
		for i < len(f.r) && isDigit(f.r[i]) && i-start < 40 {
			i++
			f.steps++
		}
		if i-start >= 40 { // a long digit string: no contact detail
			for i < len(f.r) && isDigit(f.r[i]) {
				i++
				f.steps++
			}
			return nil, i
		}
		if f.rune(i) == 'x' && total+i-start == 17 && !isLetter(f.rune(i+1)) && !isDigit(f.rune(i+1)) {
			i++ // an ID's check digit X, also when the ID is spaced 6-8-4
		}
		total += i - start
		gs = append(gs, group{start: start, end: i, digits: digitsOf(f.r[start:i]), bound: bound})
		if len(gs) > 4*maxGroups {
			return gs, i
		}
		// What joins this group to the next, if anything does?
		j := i
		switch c := f.rune(j); {
		case (c == '-' || c == '.') && isDigit(f.rune(j+1)):
			i, bound = j+1, true
			continue
		case c == ')' && isDigit(f.rune(j+1)):
			i, bound = j+1, false
			continue
		}
		if f.rune(j) == ')' {
			j++
		}
		spaces := 0
		for f.rune(j) == ' ' && spaces < 3 {
			j, spaces = j+1, spaces+1
		}
		if c := f.rune(j); (c == '-' || c == '.') && spaces > 0 {
			j++
			for f.rune(j) == ' ' && spaces < 5 {
				j, spaces = j+1, spaces+1
			}
		}
		if f.rune(j) == '(' {
			j++
		}
		if j > i && isDigit(f.rune(j)) && spaces <= 3 || j > i && f.rune(i) == ')' && isDigit(f.rune(j)) {
			i, bound = j, false
			continue
		}
		return gs, i
	}
}

func digitsOf(r []rune) string {
	var b strings.Builder
	b.Grow(len(r))
	for _, c := range r {
		b.WriteRune(c)
	}
	return b.String()
}

// candidates tries every way of reading consecutive groups as one number,
// longest first, never splitting groups that are bound into one code.
func (f *folded) candidates(gs []group, add func(start, end int, what, key string)) {
	for a := 0; a < len(gs); {
		if gs[a].bound {
			a++
			continue
		}
		found := false
		for b := min(len(gs), a+maxGroups); b > a; b-- {
			if b < len(gs) && gs[b].bound && !extension(gs, b) {
				continue // b would cut a code in two
			}
			var d strings.Builder
			for _, g := range gs[a:b] {
				d.WriteString(g.digits)
				f.steps += len(g.digits)
			}
			start, end := gs[a].start, gs[b-1].end
			if b < len(gs) && gs[b].bound {
				end = gs[b].end // the extension belongs to the number
			}
			if what, key := f.classify(d.String(), start, end, b-a); what != "" {
				add(f.extend(start), end, what, key)
				a, found = b, true
				if b < len(gs) && gs[b].bound {
					a++
				}
				break
			}
		}
		if !found {
			a++
		}
	}
}

// extension reports whether group b is a telephone extension: the last of
// a code, of at most four digits (0379-6482-3456-801).
func extension(gs []group, b int) bool {
	return len(gs[b].digits) <= 4 && (b == len(gs)-1 || !gs[b+1].bound)
}

// extend moves the start of a finding back over a + or ( written before it.
func (f *folded) extend(start int) int {
	for start > 0 && (f.r[start-1] == '+' || f.r[start-1] == '(') {
		start--
	}
	return start
}

// classify says what the digits d, written from start to end in groups,
// are: "" when nothing personal, or in a context that says they are not.
func (f *folded) classify(d string, start, end, groups int) (what, key string) {
	label := f.label(start)
	if label == notContact || f.quantity(start, end) {
		return "", ""
	}
	if !f.free(start, end) && label == noLabel {
		return "", ""
	}
	switch {
	case label == qqLabel:
		if len(d) >= 5 && len(d) <= 11 && d[0] != '0' && groups == 1 {
			return QQ, "qq:" + d
		}
		return "", ""
	case len(d) == 18 && validID(d):
		return ID, "id:" + d
	case len(d) == 15 && validOldID(d):
		return OldID, "id:" + d
	}
	if n := national(d, f.rune(start-1) == '+'); n != "" {
		switch {
		case isMobile(n):
			return Mobile, "tel:" + n
		case isLandline(n):
			return Landline, "tel:" + n
		}
		if len(n)%11 == 0 && len(n) <= 33 && len(n) > 11 && groups == 1 {
			// Mobiles run together: 1381234567813912345678.
			all := true
			for i := 0; i < len(n); i += 11 {
				all = all && isMobile(n[i:i+11])
			}
			if all {
				return Mobile, "tel:" + n[:11]
			}
		}
	}
	if label == phoneLabel && (len(d) == 7 || len(d) == 8) && d[0] >= '2' && d[0] <= '9' {
		return Landline, "tel:" + d // a local number, without its area code
	}
	return "", ""
}

// national is the number d as dialled inside China: without 86 or 0086
// before it, and with the 0 of its area code. "" when d cannot be one.
func national(d string, plus bool) string {
	for _, cc := range []string{"0086", "86"} {
		if rest, ok := strings.CutPrefix(d, cc); ok && (plus || cc == "0086" || len(rest) >= 10) {
			if isMobile(rest) {
				return rest
			}
			if len(rest) >= 9 && rest[0] != '0' && rest[0] != '1' || strings.HasPrefix(rest, "10") {
				return "0" + rest
			}
		}
	}
	if plus {
		return ""
	}
	return d
}

// isMobile: 11 digits, 13x to 19x.
func isMobile(n string) bool {
	return len(n) == 11 && n[0] == '1' && n[1] >= '3' && n[1] <= '9' && allDigits(n)
}

// isLandline: an area code (010, 02x, or four digits 03xx–09xx) and a
// local number of 7 or 8 digits that does not start with 0 or 1.
func isLandline(n string) bool {
	if len(n) < 10 || len(n) > 12 || n[0] != '0' || !allDigits(n) {
		return false
	}
	area := 4
	if n[1] == '1' || n[1] == '2' {
		area = 3
		if n[1] == '1' && n[2] != '0' {
			return false
		}
	}
	local := n[area:]
	return (len(local) == 7 || len(local) == 8) && local[0] >= '2'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// provinces are the first two digits of resident ID numbers (GB/T 2260).
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true, "41": true,
	"42": true, "43": true, "44": true, "45": true, "46": true, "50": true, "51": true, "52": true,
	"53": true, "54": true, "61": true, "62": true, "63": true, "64": true, "65": true, "71": true,
	"81": true, "82": true, "83": true,
}

// validID checks an 18-digit resident ID number (GB 11643): a province, a
// birth date, and the ISO 7064 MOD 11-2 check digit.
func validID(id string) bool {
	if !provinces[id[:2]] || !allDigits(id[:17]) || !validDate(id[6:14]) {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(id[i]-'0') * w
	}
	return "10x98765432"[sum%11] == id[17]
}

// validOldID checks a 15-digit resident ID number (issued until 1999): a
// province and a birth date in the 1900s, 19YYMMDD.
func validOldID(id string) bool {
	return allDigits(id) && provinces[id[:2]] && validDate("19"+id[6:12])
}

var monthDays = [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func validDate(s string) bool {
	if !allDigits(s) {
		return false
	}
	y := atoi(s[:4])
	m, d := atoi(s[4:6]), atoi(s[6:8])
	return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= monthDays[m]
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
