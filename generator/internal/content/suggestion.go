// Package content reads the suggestions under content/suggestions/: one
// Markdown file each, with TOML front matter (see "A suggestion" in README.md).
// It is most of the load phase of a build (load → check → index → render →
// write; see package build). Parse is pure and checks one file; Load reads
// the folder on the worker pool and adds the checks that need every file,
// such as unique numbers; a Set keeps the files parsed so that the preview
// reads again only those that changed.
package content

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Suggestion is one deputy's suggestion (建议) with its handling.
type Suggestion struct {
	File         string // path from the site root, with forward slashes
	Number       string // 建议编号, unique; the page URL
	Title        string
	Year         int    // 办理年度
	Session      string // 届次会议
	Deputies     []string
	Category     string // key of a site.toml category
	Key          bool   // 重点建议
	LeadUnit     string // 主办单位
	CoUnits      []string
	Assigned     time.Time // 交办日期; zero when absent
	Replied      time.Time // 答复日期; zero until replied
	Met          bool      // 见面沟通
	Outcome      string    // key of a site.toml outcome, set once replied
	Satisfaction string    // key of a site.toml satisfaction entry
	Draft        bool
	Progress     []Progress   // in date order
	Attachments  []Attachment // files beside a folder's index.md; see attachments.go

	// Disclosure is how much is published (公开方式): Full unless the
	// front matter says otherwise. Body, Summary and the follow-ups' text
	// hold only what it allows to be published (see disclosure.go).
	Disclosure       Disclosure
	DisclosureReason string     // why the reply is published as a summary or not at all; published
	DeputyView       Disclosure // the deputy's recorded view on publication; "" when not recorded. Never published.
	Published        time.Time  // 公开日期; zero when not given

	Body        []byte // Markdown after the front matter, as far as it may be published; nil when loaded without it (see ReadBody)
	BodyLine    int    // the file's line number where Body starts
	Summary     []byte // 答复摘要 (Markdown): front matter's summary or the body's section; nil when none
	SummaryLine int    // the file's line number where Summary starts

	body                        *bodySource // where Body is read again, when it was left out (body.go)
	numberPos                   at          // where number is written, for duplicate reports
	listed                      []listed    // the front matter's [[attachments]]
	deputyPos, unitPos          []at        // where each deputy, and lead_unit then each co-unit, is written
	publishedPos, disclosurePos at          // where published and disclosure are written, for warnings
}

// at is a place in the suggestion's file, kept in 8 bytes instead of a
// diag.Pos's 32 since a build holds every suggestion's: line is the
// line plus one, 0 for no place at all (the zero diag.Pos).
type at struct{ line, col int32 }

func atPos(p diag.Pos) at {
	return at{line: int32(p.Line) + 1, col: int32(p.Col)}
}

// pos is the place a in the suggestion's file.
func (s *Suggestion) pos(a at) diag.Pos {
	if a.line == 0 {
		return diag.Pos{}
	}
	return diag.Pos{File: s.File, Line: int(a.line) - 1, Col: int(a.col)}
}

// Progress is a dated follow-up report after the reply (二次办理, 回头看).
type Progress struct {
	Date time.Time
	Text string
}

// IsReplied reports whether the handling unit has replied.
func (s *Suggestion) IsReplied() bool { return !s.Replied.IsZero() }

// LeadDeputy is the 领衔代表.
func (s *Suggestion) LeadDeputy() string {
	if len(s.Deputies) == 0 {
		return ""
	}
	return s.Deputies[0]
}

// SameNames reports whether s and o name the same deputies and units, in
// the same order: what the pages of deputies and units, and the names the
// Traditional pages convert as names, are made from.
func (s *Suggestion) SameNames(o *Suggestion) bool {
	return s.LeadUnit == o.LeadUnit && slices.Equal(s.Deputies, o.Deputies) && slices.Equal(s.CoUnits, o.CoUnits)
}

var numberPattern = regexp.MustCompile(`^[0-9A-Za-z-]+$`)

// reservedNumbers would collide with the list's own pages under /suggestions/.
var reservedNumbers = map[string]bool{"page": true}

// Parse reads one suggestion file. It returns every problem found in it; the
// suggestion is nil only when the front matter could not be read at all.
func Parse(file string, data []byte, site *config.Site) (s *Suggestion, errs diag.List) {
	defer func() {
		if v := recover(); v != nil {
			s, errs = nil, diag.List{diag.Panicked(file, v)}
		}
	}()
	if e := TooLarge(file, int64(len(data)), site); e != nil {
		return nil, diag.List{e}
	}
	// The encoding is checked before anything else: nothing in a file
	// that is not UTF-8 can be read as meant.
	data, errs = source.Text(file, data)
	if data == nil && len(errs) > 0 {
		return nil, errs
	}
	s, more := parse(file, data, site)
	errs = append(errs, more...)
	errs.Sort()
	errs.AttachSource(file, data)
	return s, errs
}

func parse(file string, data []byte, site *config.Site) (*Suggestion, diag.List) {
	var errs diag.List
	front, frontLine, body, bodyLine, err := Split(file, data)
	if err != nil {
		errs.Append(err)
		return nil, errs
	}
	t := tomldoc.Parse(file, front, frontLine, &errs)
	if t == nil {
		return nil, errs
	}
	s := &Suggestion{
		File:         file,
		Number:       t.String("number", true, `"2019-001"`),
		Title:        t.String("title", true, `"关于……的建议"`),
		Session:      t.String("session", false, `"区十五届人大四次会议"`),
		Deputies:     t.Strings("deputies", true, `["领衔代表", "附议代表"]`),
		Category:     t.String("category", true, `"`+firstKey(site.Categories)+`"`),
		Key:          t.Bool("key"),
		LeadUnit:     t.String("lead_unit", true, `"区住建局"`),
		CoUnits:      t.Strings("co_units", false, `["区财政局"]`),
		Met:          t.Bool("met"),
		Outcome:      t.String("outcome", false, `"`+firstKey(site.Outcomes)+`"`),
		Satisfaction: t.String("satisfaction", false, `"`+firstKey(site.Satisfaction)+`"`),
		Draft:        t.Bool("draft"),
		Body:         body,
		BodyLine:     bodyLine,
	}
	var yearOK bool
	s.Year, yearOK = t.Int("year", true, "2019")
	s.numberPos = atPos(t.Pos("number"))
	s.Assigned, _ = t.Date("assigned", false)
	s.Replied, _ = t.Date("replied", false)
	for _, pt := range t.Tables("progress") {
		d, ok := pt.Date("date", true)
		p := Progress{Date: d, Text: pt.String("text", true, `"已完成……"`)}
		pt.CheckUnknown()
		if ok && yearOK {
			checkDateInYear(pt, "date", d, s.Year)
		}
		if ok && s.IsReplied() && d.Before(s.Replied) {
			pt.Errorf("date", "a follow-up comes after the reply; check both dates", "follow-up dated %s is before the reply of %s", day(d), day(s.Replied))
		}
		s.Progress = append(s.Progress, p)
	}
	checkPersonalData(file, data, t, s, site, &errs)
	sort.SliceStable(s.Progress, func(i, j int) bool { return s.Progress[i].Date.Before(s.Progress[j].Date) })
	s.listed = readListed(t)
	s.readDisclosure(t)
	s.checkDisclosurePersonalData(data, t, site, &errs)
	t.CheckUnknown()
	s.check(t, site, yearOK)
	s.disclose(t, site, &errs)
	errs.Sort()
	return s, errs
}

// check applies the rules that relate fields to each other and to site.toml.
// yearOK says whether year was read; dates are checked against it only then.
func (s *Suggestion) check(t *tomldoc.Table, site *config.Site, yearOK bool) {
	switch {
	case s.Number != "" && !numberPattern.MatchString(s.Number):
		t.Errorf("number", "use only digits, Latin letters and -, such as \"2019-001\"", "%q is not a valid number: it becomes the page address", s.Number)
	case reservedNumbers[strings.ToLower(s.Number)]:
		// Compared without case, like numbers: Page and page are one
		// folder on Windows and macOS.
		t.Errorf("number", "choose another number", "%q is reserved for the list's own pages", s.Number)
	case len(s.Number) > MaxNumber:
		t.Errorf("number", fmt.Sprintf("numbers such as \"2019-001\" are short; use at most %d characters", MaxNumber), "a number of %d characters is too long for a page address", len(s.Number))
	}
	if yearOK && (s.Year < 1949 || s.Year > 2100) {
		t.Errorf("year", "write the four-digit year, such as year = 2019", "%d is not a plausible year", s.Year)
	}
	s.checkPeople(t, site)
	if msg, hint := unitNameProblem(s.LeadUnit); msg != "" {
		t.Errorf("lead_unit", hint, "%s", msg)
	}
	for i, u := range s.CoUnits {
		if msg, hint := unitNameProblem(u); msg != "" {
			t.EntryErrorf("co_units", i, hint, "%s", msg)
		}
	}
	checkTerm(t, "category", s.Category, site.Categories)
	checkTerm(t, "outcome", s.Outcome, site.Outcomes)
	checkTerm(t, "satisfaction", s.Satisfaction, site.Satisfaction)
	if yearOK {
		checkDateInYear(t, "assigned", s.Assigned, s.Year)
		checkDateInYear(t, "replied", s.Replied, s.Year)
		checkDateInYear(t, "published", s.Published, s.Year)
	}
	if !s.Assigned.IsZero() && s.IsReplied() && s.Replied.Before(s.Assigned) {
		t.Errorf("replied", "a reply cannot come before the suggestion was assigned; check both dates",
			"replied %s is before assigned %s", day(s.Replied), day(s.Assigned))
	}
	switch {
	case s.IsReplied() && !t.Has("outcome"):
		t.Errorf("replied", "add outcome = one of "+site.Outcomes.KeyList(), "a replied suggestion needs its outcome")
	case s.IsReplied() && s.Outcome == "":
		t.Errorf("outcome", "write one of "+site.Outcomes.KeyList(), "a replied suggestion needs its outcome; it is empty")
	}
	if !s.IsReplied() {
		if s.Outcome != "" {
			t.Errorf("outcome", "add the reply date (replied = 2019-06-20) or remove outcome", "an outcome without a reply date")
		}
		if s.Satisfaction != "" {
			t.Errorf("satisfaction", "add the reply date (replied = 2019-06-20) or remove satisfaction", "deputies' feedback without a reply date")
		}
		if len(s.Progress) > 0 {
			t.Errorf("progress", "add the reply date (replied = 2019-06-20) or remove the follow-ups", "follow-ups without a reply date")
		}
	}
}

// TooLarge is the problem of a suggestion or report file of size bytes
// that is larger than site.toml allows, or nil.
func TooLarge(file string, size int64, site *config.Site) *diag.Error {
	limit := int64(site.MaxSuggestionKB) << 10
	if limit <= 0 || size <= limit {
		return nil
	}
	return &diag.Error{
		Pos:  diag.Pos{File: file},
		Msg:  fmt.Sprintf("the file is %d KB: a suggestion or report may have at most %d KB (max_suggestion_kb in site.toml)", (size+1023)>>10, site.MaxSuggestionKB),
		Hint: "is this the right file? Real texts are far smaller; put attachments in static/ and link to them",
	}
}

// Lengths of what becomes part of a file name: a file name has at most
// 255 bytes, and a Chinese character takes three.
const (
	MaxNumber   = 40 // characters of a number
	MaxUnitName = 40 // characters of a unit's name
)

// unitNameProblem says why a unit's name cannot name the unit's page, and
// how to fix it, or gives "".
func unitNameProblem(name string) (msg, hint string) {
	switch {
	case name == "." || name == ".." || strings.ContainsAny(name, "/\\?#%"):
		return fmt.Sprintf("%q cannot be part of a web address", name), "write the unit's name without / \\ ? # %"
	case strings.HasPrefix(name, "."):
		return fmt.Sprintf("%q starts with a dot: its page would be a hidden folder", name), "write the unit's name without the dot in front"
	case utf8.RuneCountInString(name) > MaxUnitName:
		return fmt.Sprintf("a unit name of %d characters is too long for its page's address", utf8.RuneCountInString(name)),
			fmt.Sprintf("use the unit's usual short name, at most %d characters", MaxUnitName)
	}
	return "", ""
}

func checkTerm(t *tomldoc.Table, field, key string, e *config.Enum) {
	if key == "" {
		return
	}
	if _, ok := e.Lookup(key); !ok {
		t.Errorf(field, "use one of the keys site.toml lists: "+e.KeyList(), "%q is not a key of [[%s]] in site.toml", key, e.Section)
	}
}

// checkDateInYear catches mistyped years (2091 for 2019): a suggestion is
// assigned in its 办理年度 and replied within a few years of it.
func checkDateInYear(t *tomldoc.Table, field string, d time.Time, year int) {
	if d.IsZero() {
		return
	}
	switch {
	case field == "assigned" && d.Year() != year:
		t.Errorf(field, "check the year: suggestions are assigned in their 办理年度", "%s is not in year %d", day(d), year)
	case d.Year() < year || d.Year() > year+5:
		t.Errorf(field, "check the year", "%s is implausible for a suggestion of %d", day(d), year)
	}
}

func firstKey(e *config.Enum) string {
	if e == nil || len(e.Terms) == 0 {
		return "…"
	}
	return e.Terms[0].Key
}

func day(d time.Time) string { return d.Format("2006-01-02") }

// NumberLess orders suggestion numbers: "2019-9" before "2019-10", as digit
// runs compare as numbers.
func NumberLess(a, b string) bool {
	// Numbers of one shape, as a site's mostly are ("2019-007" and
	// "2019-012"), compare as strings: their digit runs are as long, and
	// runs as long compare as numbers do.
	if len(a) == len(b) && sameShape(a, b) {
		return a < b
	}
	return lessByRuns(a, b)
}

// lessByRuns is NumberLess, a run of digits at a time.
func lessByRuns(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

// sameShape reports whether a and b, of one length, have digits in the
// same places.
func sameShape(a, b string) bool {
	for i := range len(a) {
		if isDigit(a[i]) != isDigit(b[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
