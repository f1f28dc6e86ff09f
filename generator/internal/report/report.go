// Package report reads the annual reports (办理情况汇报): one Markdown file
// per year, content/reports/<year>.md, whose figures are computed from that
// year's published suggestions instead of typed. The reports are read in
// the load phase (load → check → index → render → write; see package
// build); their links are checked in the check phase, and their figures are
// answered by the index (package index), from the same statistics as every
// other figure of the portal.
//
// # Front matter
//
// TOML between +++ lines: title (required), year (optional; when given it
// must match the file name), date (optional, the report's date), source
// (optional, the issuing body; default the site's owner) and draft.
//
// # Figures
//
// A figure is written between double braces and replaced when the site is
// built. It never spans lines; words are separated by spaces.
//
//	{{year}}                       the report's year: 2019
//	{{total}}                      published suggestions of the year: 133
//	{{count FILTER}}               how many match the filter: {{count category 城建交通}} → 46
//	{{share FILTER}}               their share, one decimal: {{share category 城建交通}} → 34.6%
//	{{link NUMBER}}                the suggestion's title, linked to its page
//	{{chart category}}             a chart with its table, alone on its line;
//	{{chart outcome}}              also outcome and satisfaction
//	{{chart satisfaction}}
//
// A FILTER is one or more conditions, all of which must hold:
//
//	category KEY   outcome KEY   satisfaction KEY   unit NAME (lead unit)
//	key (重点建议)   replied   met
//
// KEY is a key of site.toml's [[categories]], [[outcomes]] or
// [[satisfaction]]. A share measures the last condition among the
// suggestions the conditions before it select (all of the year when there
// are none), counting only replied suggestions for an outcome and only those
// with feedback for a satisfaction: {{share category 城建交通}} is 城建交通 of
// all, {{share outcome A}} is A of the replied, {{share met}} is the 见面率,
// {{share key satisfaction 满意}} is 满意 of the key suggestions with
// feedback, {{share category 城建交通 outcome A}} is A of the replied 城建交通
// suggestions. Shares are rounded half up to one decimal (16 of 133 is
// 12.0%); exactly all is 100% and none 0% (see stats.Percent).
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/privacy"
	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/stats"
	"rdjy.local/portal/generator/internal/tomldoc"
)

// Dir is where the reports live, one file per year.
const Dir = source.Reports

// Report is one year's report, parsed and checked against site.toml.
type Report struct {
	File  string
	Year  int
	Title string
	Date  time.Time // zero when not given
	// Source is the body that issued the report (来源), shown under its
	// title; empty when not given: the site's owner.
	Source string
	Draft  bool

	parts []part // the body: text and figures in order
}

// part is a run of Markdown text or one figure.
type part struct {
	text string
	fig  *Figure
}

// Figure is one {{…}} in a report.
type Figure struct {
	Pos    diag.Pos
	Name   string // year, total, count, share, link, chart
	Number string // link: the suggestion's number
	Chart  string // chart: category, outcome or satisfaction
	Line   string // the source line, for error messages
	filter []stats.Cond
}

var (
	fileName  = regexp.MustCompile(`^([0-9]{4})\.md$`)
	charts    = []string{"category", "outcome", "satisfaction"}
	names     = []string{"year", "total", "count", "share", "link", "chart"}
	keyed     = []string{"category", "outcome", "satisfaction", "unit"}
	flags     = []string{"key", "replied", "met"}
	allFields = append(append([]string(nil), keyed...), flags...)
)

// Load reads every report under content/reports. A site without reports
// has none; that is not an error.
func Load(fsys fs.FS, site *config.Site) ([]*Report, diag.List) {
	// source.Walk leaves out editors' files (emacs locks .#2019.md, which
	// may not even be readable) and refuses links out of the site and FIFOs.
	files, err := source.WalkFolder(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var errs diag.List
	if err != nil && !errors.As(err, &errs) {
		errs.Append(&diag.Error{Pos: diag.Pos{File: Dir}, Msg: "cannot read the folder: " + source.Cause(err)})
		return nil, errs
	}
	var reports []*Report
	for _, f := range files {
		if path.Dir(f.Path) != Dir || path.Ext(f.Path) != ".md" {
			continue
		}
		data, err := fs.ReadFile(fsys, f.Real)
		if err != nil {
			errs.Append(&diag.Error{Pos: diag.Pos{File: f.Path}, Msg: "cannot read: " + source.Cause(err)})
			continue
		}
		r, perrs := Parse(f.Path, data, site)
		errs = append(errs, perrs...)
		if r != nil && len(perrs) == 0 {
			reports = append(reports, r)
		}
	}
	sort.Slice(reports, func(i, j int) bool { return reports[i].Year > reports[j].Year })
	errs.Sort()
	return reports, errs
}

// Parse reads one report. The file name gives the year. Problems are
// returned together, with the source lines attached.
func Parse(file string, data []byte, site *config.Site) (*Report, diag.List) {
	return content.ParseFile(file, data, site, parse)
}

func parse(file string, data []byte, site *config.Site) (*Report, diag.List) {
	var errs diag.List
	m := fileName.FindStringSubmatch(path.Base(file))
	if m == nil {
		errs.Append(&diag.Error{Pos: diag.Pos{File: file}, Msg: "a report is named after its year", Hint: "rename the file to the year it reports on, such as 2019.md"})
		return nil, errs
	}
	r := &Report{File: file}
	r.Year, _ = strconv.Atoi(m[1])
	front, frontLine, body, bodyLine, err := content.Split(file, data)
	if err != nil {
		errs.Append(err)
		return nil, errs
	}
	t := tomldoc.Parse(file, front, frontLine, &errs)
	if t == nil {
		return nil, errs
	}
	r.Title = t.String("title", true, `"某某区人民政府关于代表建议办理情况的汇报"`)
	r.Draft = t.Bool("draft")
	r.Source = t.String("source", false, `"某某区人民政府"`)
	var dated bool
	r.Date, dated = t.Date("date", false)
	if dated && (r.Date.Year() < r.Year || r.Date.Year() > r.Year+5) {
		t.Errorf("date", "a report is dated in its year or within five years after it; check the year", "%s is implausible for the report on %d", r.Date.Format("2006-01-02"), r.Year)
	}
	if y, ok := t.Int("year", false, m[1]); ok && y != r.Year {
		t.Errorf("year", "the file name gives the year: make them agree", "year %d does not match the file name %s", y, path.Base(file))
	}
	t.CheckUnknown()
	r.parts = scan(file, body, bodyLine, site, &errs)
	// A report names deputies too: the same rule on their contact details,
	// in the text as published. Figures give counts and titles, checked
	// where they come from; they are masked so as not to join with the
	// text around them.
	privacy.CheckField(data, t.ValuePos("title"), "title", r.Title, site.Public(), &errs)
	privacy.CheckField(data, t.ValuePos("source"), "source", r.Source, site.Public(), &errs)
	content.CheckBody(file, maskFigures(body), bodyLine, site, &errs)
	return r, errs
}

// scan splits the body into text and figures, line by line.
func scan(file string, body []byte, firstLine int, site *config.Site, errs *diag.List) []part {
	var parts []part
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			parts = append(parts, part{text: text.String()})
			text.Reset()
		}
	}
	for n, line := range strings.SplitAfter(string(body), "\n") {
		rest := line
		for {
			open := strings.Index(rest, "{{")
			if open < 0 {
				text.WriteString(rest)
				break
			}
			text.WriteString(rest[:open])
			pos := diag.Pos{File: file, Line: firstLine + n, Col: utf8.RuneCountInString(line[:len(line)-len(rest)+open]) + 1}
			end := strings.Index(rest[open:], "}}")
			if end < 0 {
				errs.Append(&diag.Error{Pos: pos, Msg: "figure is not closed", Hint: "end it with }} on the same line, such as {{total}}"})
				text.WriteString(rest[open:])
				break
			}
			f := parseFigure(pos, rest[open+2:open+end], site, errs)
			if f != nil {
				f.Line = strings.TrimRight(line, "\n")
			}
			if f != nil && f.Name == "chart" && strings.TrimSpace(rest[:open]) != "" || f != nil && f.Name == "chart" && strings.TrimSpace(line[len(line)-len(rest)+open+end+2:]) != "" {
				errs.Append(&diag.Error{Pos: pos, Msg: "a chart stands alone on its line", Hint: "put {{chart …}} on a line of its own, with blank lines around it"})
			}
			if f != nil {
				flush()
				parts = append(parts, part{fig: f})
			}
			rest = rest[open+end+2:]
		}
	}
	flush()
	return parts
}

// maskFigures returns body with every {{…}} on a line replaced by as many
// x, which keeps every offset and breaks any number next to it.
func maskFigures(body []byte) []byte {
	out := bytes.Clone(body)
	for i := 0; i < len(out); {
		open := bytes.Index(out[i:], []byte("{{"))
		if open < 0 {
			break
		}
		open += i
		end := bytes.Index(out[open:], []byte("}}"))
		nl := bytes.IndexByte(out[open:], '\n')
		if end < 0 || nl >= 0 && nl < end {
			i = open + 2
			continue
		}
		for j := open; j < open+end+2; j++ {
			out[j] = 'x'
		}
		i = open + end + 2
	}
	return out
}

// parseFigure reads the words between {{ and }}.
func parseFigure(pos diag.Pos, inner string, site *config.Site, errs *diag.List) *Figure {
	words := strings.Fields(inner)
	fail := func(hint, format string, args ...any) *Figure {
		errs.Append(&diag.Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
		return nil
	}
	if len(words) == 0 {
		return fail("write a figure such as {{total}} or {{count category "+firstKey(site.Categories)+"}}", "empty figure {{}}")
	}
	f := &Figure{Pos: pos, Name: words[0]}
	args := words[1:]
	switch f.Name {
	case "year", "total":
		if len(args) > 0 {
			return fail("write {{"+f.Name+"}} alone", "{{%s}} takes nothing after it, found %q", f.Name, strings.Join(args, " "))
		}
	case "link":
		if len(args) != 1 {
			return fail("write the suggestion's number, such as {{link 2019-006}}", "{{link}} takes one suggestion number")
		}
		f.Number = args[0]
	case "chart":
		if len(args) != 1 || !slices.Contains(charts, args[0]) {
			return fail("write {{chart category}}, {{chart outcome}} or {{chart satisfaction}}", "{{chart}} draws category, outcome or satisfaction, found %q", strings.Join(args, " "))
		}
		f.Chart = args[0]
	case "count", "share":
		filter, ok := parseFilter(pos, f.Name, args, site, errs)
		if !ok {
			return nil
		}
		f.filter = filter
	default:
		hint := "figures are " + strings.Join(names, ", ")
		if c := tomldoc.Closest(f.Name, names); c != "" {
			hint = "did you mean {{" + c + "}}?"
		}
		return fail(hint, "unknown figure {{%s}}", f.Name)
	}
	return f
}

func parseFilter(pos diag.Pos, name string, args []string, site *config.Site, errs *diag.List) ([]stats.Cond, bool) {
	fail := func(hint, format string, a ...any) ([]stats.Cond, bool) {
		errs.Append(&diag.Error{Pos: pos, Msg: fmt.Sprintf(format, a...), Hint: hint})
		return nil, false
	}
	if len(args) == 0 {
		return fail("say what to count, such as {{"+name+" category "+firstKey(site.Categories)+"}} or {{"+name+" replied}}", "{{%s}} needs a condition", name)
	}
	var filter []stats.Cond
	for i := 0; i < len(args); i++ {
		field := args[i]
		switch {
		case slices.Contains(flags, field):
			filter = append(filter, stats.Cond{Field: field})
		case slices.Contains(keyed, field):
			if i+1 == len(args) {
				return fail("write the key after it, such as {{"+name+" "+field+" …}}", "%s needs a key after it", field)
			}
			i++
			key := args[i]
			if e := enum(site, field); e != nil {
				if _, ok := e.Lookup(key); !ok {
					hint := "use one of " + e.KeyList() + " (site.toml [[" + e.Section + "]])"
					if near := tomldoc.Closest(key, e.Keys()); near != "" {
						hint = "did you mean " + near + "? The keys are " + e.KeyList() + " (site.toml [[" + e.Section + "]])"
					}
					return fail(hint, "unknown %s %q", field, key)
				}
			}
			filter = append(filter, stats.Cond{Field: field, Key: key})
		default:
			hint := "conditions are " + strings.Join(allFields, ", ")
			if c := tomldoc.Closest(field, allFields); c != "" {
				hint = "did you mean " + c + "?"
			}
			return fail(hint, "unknown condition %q in {{%s}}", field, name)
		}
	}
	return filter, true
}

func enum(site *config.Site, field string) *config.Enum {
	switch field {
	case "category":
		return site.Categories
	case "outcome":
		return site.Outcomes
	case "satisfaction":
		return site.Satisfaction
	}
	return nil
}

// Links lists the link figures, for checking that each suggestion exists.
func (r *Report) Links() []*Figure {
	var links []*Figure
	for _, p := range r.parts {
		if p.fig != nil && p.fig.Name == "link" {
			links = append(links, p.fig)
		}
	}
	return links
}

// Units lists the unit figures' conditions, for checking that each unit
// leads or handles a published suggestion: a misspelt unit would count 0.
func (r *Report) Units() []UnitRef {
	var refs []UnitRef
	for _, p := range r.parts {
		if p.fig == nil {
			continue
		}
		for _, c := range p.fig.filter {
			if c.Field == "unit" {
				refs = append(refs, UnitRef{Figure: p.fig, Name: c.Key})
			}
		}
	}
	return refs
}

// UnitRef is a unit a figure names.
type UnitRef struct {
	*Figure
	Name string
}

// Env is what expanding a report needs from the site.
type Env struct {
	Figures Figures                                 // the counts of the report's year
	Link    func(number string) (title, url string) // a published suggestion's title and page
	Chart   func(kind string) string                // a placeholder for a chart, alone in a paragraph
}

// Figures answers a report's {{total}}, {{count}} and {{share}}: the
// statistics of its year (*stats.Year, through the site's index).
type Figures interface {
	Count(filter ...stats.Cond) int
	Share(filter ...stats.Cond) stats.Ratio
}

// Expand returns the report's Markdown with every figure replaced.
func (r *Report) Expand(env Env) []byte {
	var b bytes.Buffer
	for _, p := range r.parts {
		f := p.fig
		switch {
		case f == nil:
			b.WriteString(p.text)
		case f.Name == "year":
			b.WriteString(strconv.Itoa(r.Year))
		case f.Name == "total":
			b.WriteString(strconv.Itoa(env.Figures.Count()))
		case f.Name == "count":
			b.WriteString(strconv.Itoa(env.Figures.Count(f.filter...)))
		case f.Name == "share":
			b.WriteString(env.Figures.Share(f.filter...).Percent())
		case f.Name == "link":
			title, url := env.Link(f.Number)
			b.WriteString("[" + escapeMarkdown(title) + "](" + url + ")")
		case f.Name == "chart":
			b.WriteString(env.Chart(f.Chart))
		}
	}
	return b.Bytes()
}

// escapeMarkdown makes a title literal text inside a Markdown link.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune("\\`*_{}[]()<>#+-.!|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func firstKey(e *config.Enum) string {
	if len(e.Terms) == 0 {
		return "…"
	}
	return e.Terms[0].Key
}
