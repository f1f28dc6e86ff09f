package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"sync"
	"time"

	"rdjy.local/portal/generator/internal/content"
)

// feedSize is how many of the latest replies the feed carries, latest
// reply or follow-up first.
const feedSize = 50

// dataTasks lists the open data, the feed and the sitemap of pages. They
// are shared by the two editions and made by the Simplified one.
func (s *Site) dataTasks(pages []*task) []*task {
	e := s.hans
	// The JSON and the CSV share the records, made once by whichever
	// worker gets there first.
	records := sync.OnceValue(e.records)
	return []*task{
		{file: "data/suggestions.json", make: fromBytes(func() ([]byte, error) { return suggestionsJSON(records()) })},
		{file: "data/suggestions.csv", make: fromBytes(func() ([]byte, error) { return suggestionsCSV(records()) })},
		{file: "data/suggestions-zh.csv", make: fromBytes(func() ([]byte, error) {
			return suggestionsZhCSV(e.cfg, e.w.Status.Pending.String(), e.w.Status.Replied.String(), records())
		})},
		{file: "data/stats.json", make: fromBytes(func() ([]byte, error) { return marshal(s.idx.Stats) })},
		{file: "feed.xml", make: fromBytes(e.feed)},
		{file: "sitemap.xml", make: fromBytes(func() ([]byte, error) { return e.sitemap(pages) })},
	}
}

// record is a suggestion in the open data: every front-matter field under
// its own name, plus the page's address.
type record struct {
	Number       string           `json:"number"`
	Title        string           `json:"title"`
	Year         int              `json:"year"`
	Session      string           `json:"session"`
	Deputies     []string         `json:"deputies"`
	Category     string           `json:"category"`
	Key          bool             `json:"key"`
	LeadUnit     string           `json:"lead_unit"`
	CoUnits      []string         `json:"co_units"`
	Assigned     *string          `json:"assigned"`
	Replied      *string          `json:"replied"`
	Met          bool             `json:"met"`
	Outcome      *string          `json:"outcome"`
	Satisfaction *string          `json:"satisfaction"`
	Draft        bool             `json:"draft"`
	Progress     []progressRecord `json:"progress"`
	URL          string           `json:"url"`

	// Added with the disclosure modes: the publication date, how much is
	// published (see disclosure.go), why not in full, and the reply's
	// summary. What a mode leaves out is in no field.
	Published        *string `json:"published"`
	Disclosure       string  `json:"disclosure"`
	DisclosureReason *string `json:"disclosure_reason"`
	Summary          *string `json:"summary"`
}

type progressRecord struct {
	Date string `json:"date"`
	Text string `json:"text"`
}

func (e *Edition) record(sg *content.Suggestion) record {
	r := record{
		Number: sg.Number, Title: sg.Title, Year: sg.Year, Session: sg.Session,
		Deputies: sg.Deputies, Category: sg.Category, Key: sg.Key, LeadUnit: sg.LeadUnit,
		CoUnits: sg.CoUnits, Assigned: isoDate(sg.Assigned), Replied: isoDate(sg.Replied), Met: sg.Met,
		Outcome: optional(sg.Outcome), Satisfaction: optional(sg.Satisfaction),
		Draft: sg.Draft, Progress: []progressRecord{}, URL: e.cfg.AbsURL(e.url("suggestions", sg.Number)),
		Published: isoDate(sg.Published), Disclosure: e.disclosure(sg).Mode,
		DisclosureReason: optional(sg.DisclosureReason), Summary: optional(string(sg.Summary)),
	}
	if r.CoUnits == nil {
		r.CoUnits = []string{}
	}
	for _, p := range sg.Progress {
		if sg.Disclosure != content.Withheld { // whose follow-ups' text was dropped
			r.Progress = append(r.Progress, progressRecord{Date: p.Date.Format("2006-01-02"), Text: p.Text})
		}
	}
	return r
}

// records gives every published suggestion as open data, in list order.
func (e *Edition) records() []record {
	recs := make([]record, len(e.idx.All))
	for i, sg := range e.idx.All {
		recs[i] = e.record(sg)
	}
	return recs
}

func suggestionsJSON(recs []record) ([]byte, error) {
	return marshal(struct {
		Suggestions []record `json:"suggestions"`
	}{recs})
}

// csvColumns are the columns of suggestions.csv: the front-matter names.
// Columns added later come last, so that a column keeps its place.
var csvColumns = []string{"number", "title", "year", "session", "deputies", "category", "key", "lead_unit",
	"co_units", "assigned", "replied", "met", "outcome", "satisfaction", "draft", "progress", "url",
	"published", "disclosure", "disclosure_reason", "summary"}

// suggestionsCSV writes UTF-8 with a byte order mark, so that Excel opens
// Chinese text correctly. Lists are joined with "、"; follow-ups are one
// "date text" line each.
func suggestionsCSV(recs []record) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(csvColumns)
	for _, r := range recs {
		progress := make([]string, len(r.Progress))
		for i, p := range r.Progress {
			progress[i] = p.Date + " " + p.Text
		}
		_ = w.Write([]string{
			r.Number, cell(r.Title), strconv.Itoa(r.Year), cell(r.Session), cell(strings.Join(r.Deputies, "、")),
			r.Category, strconv.FormatBool(r.Key), cell(r.LeadUnit), cell(strings.Join(r.CoUnits, "、")),
			deref(r.Assigned), deref(r.Replied), strconv.FormatBool(r.Met), deref(r.Outcome), deref(r.Satisfaction),
			strconv.FormatBool(r.Draft), cell(strings.Join(progress, "\n")), r.URL,
			deref(r.Published), r.Disclosure, cell(deref(r.DisclosureReason)), cell(deref(r.Summary)),
		})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// cell keeps spreadsheet programs from running text as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// feed is the Atom feed of the latest replies. A suggestion is one entry,
// published the day its reply went online; a follow-up (二次办理, 回头看)
// published later updates that entry (its updated date and summary), so
// that a reader sees the suggestion again rather than a second item.
func (e *Edition) feed() ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title     string `xml:"title"`
		Link      link   `xml:"link"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Updated   string `xml:"updated"`
		Summary   string `xml:"summary"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		Links   []link   `xml:"link"`
		ID      string   `xml:"id"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Entries []entry  `xml:"entry"`
	}
	home := e.cfg.AbsURL(e.base)
	f := feed{
		Title:   e.w.Feed.Title.Format(e.cfg.Title),
		Links:   []link{{Href: e.cfg.AbsURL(e.base + "feed.xml"), Rel: "self"}, {Href: home}},
		ID:      home,
		Updated: atomTime(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)),
		Author:  e.cfg.Owner,
	}
	latest := latestPublished(e.idx.Latest)
	for i, sg := range latest[:min(feedSize, len(latest))] {
		if i == 0 {
			f.Updated = atomTime(feedDay(sg))
		}
		u := e.cfg.AbsURL(e.url("suggestions", sg.Number))
		summary := e.w.Feed.Summary.Format(sg.LeadUnit, e.date(sg.Replied).Text, sg.LeadDeputy(), e.outcomeLabel(sg))
		if p := followUp(sg); p != nil {
			summary = e.w.Feed.Progress.Format(e.date(p.Date).Text, p.Text) + summary
		}
		f.Entries = append(f.Entries, entry{
			Title: sg.Title, Link: link{Href: u}, ID: u,
			Published: atomTime(publicationDay(sg)), Updated: atomTime(feedDay(sg)), Summary: summary,
		})
	}
	return xmlDoc(f)
}

func (e *Edition) sitemap(pages []*task) ([]byte, error) {
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []u      `xml:"url"`
	}
	set := urlset{}
	for _, p := range pages {
		if p.url == "" {
			continue
		}
		entry := u{Loc: e.cfg.AbsURL(p.url)}
		if !p.mod.IsZero() {
			entry.LastMod = p.mod.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, entry)
	}
	return xmlDoc(set)
}

func xmlDoc(v any) ([]byte, error) {
	data, err := xml.MarshalIndent(v, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(data, '\n')...), nil
}

func marshal(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", " ")
	return append(data, '\n'), err
}

// atomTime is midnight of the day in China Standard Time.
func atomTime(d time.Time) string { return d.Format("2006-01-02") + "T00:00:00+08:00" }

func isoDate(d time.Time) *string {
	if d.IsZero() {
		return nil
	}
	s := d.Format("2006-01-02")
	return &s
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
