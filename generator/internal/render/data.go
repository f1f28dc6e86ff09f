package render

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"iter"
	"strconv"
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/stats"
)

// feedSize is how many of the latest replies the feed carries, latest
// reply or follow-up first.
const feedSize = 50

// dataTasks lists the open data, the feed and the sitemap of pages. They
// are shared by the two editions and made by the Simplified one.
func (s *Site) dataTasks(tasks []*task) []*task {
	e := s.hans
	pages := listedPages(tasks) // not the tasks, which the files no longer need
	return append([]*task{
		{file: "data/suggestions.json", stream: func(w Writer) error { return suggestionsJSON(w, e.records()) }},
		{file: "data/suggestions.csv", stream: func(w Writer) error { return suggestionsCSV(w, e.records()) }},
		{file: "data/suggestions-zh.csv", stream: func(w Writer) error {
			return suggestionsZhCSV(w, e.cfg, e.w.Status.Pending.String(), e.w.Status.Replied.String(), e.records())
		}},
		{file: "data/stats.json", make: fromBytes(func() ([]byte, error) { return marshal(s.idx.Stats) })},
		{file: "data/deputies.json", make: fromBytes(e.deputiesJSON)},
		{file: "feed.xml", make: fromBytes(e.feed)},
		{file: "sitemap.xml", stream: func(w Writer) error { return e.sitemap(w, pages) }},
	}, s.yearDataTasks()...)
}

// yearDataTasks lists the open data of each year, beside the whole files:
// data/<year>/suggestions.json, .csv and stats.json, in the same formats,
// so that a user or a publish after an edit touches only the year
// concerned.
func (s *Site) yearDataTasks() []*task {
	e := s.hans
	var tasks []*task
	for _, t := range s.idx.Years.Terms {
		year, dir := t.Year, "data/"+strconv.Itoa(t.Year)+"/"
		ofYear := func(yield func(record) bool) {
			for _, sg := range e.idx.All {
				if sg.Year == year && !yield(e.record(sg)) {
					return
				}
			}
		}
		tasks = append(tasks,
			&task{file: dir + "suggestions.json", stream: func(w Writer) error { return suggestionsJSON(w, ofYear) }},
			&task{file: dir + "suggestions.csv", stream: func(w Writer) error { return suggestionsCSV(w, ofYear) }},
			&task{file: dir + "stats.json", make: fromBytes(func() ([]byte, error) {
				st := *s.idx.Stats
				st.Years = map[int]*stats.Year{year: s.idx.Stats.Years[year]}
				return marshal(st)
			})})
	}
	return tasks
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

	// Added with attachments: the files published with the suggestion.
	Attachments []attachmentRecord `json:"attachments"`
}

// attachmentRecord is a file published with a suggestion, with its
// SHA-256 so that a copy can be checked.
type attachmentRecord struct {
	Name   string `json:"name"`  // the published file name
	Title  string `json:"title"` // what the page calls it
	URL    string `json:"url"`
	Type   string `json:"type"` // PDF, OFD, JPEG or PNG
	Size   int64  `json:"size"` // bytes
	SHA256 string `json:"sha256"`
}

// deputyRecord is a deputy in the open data: the name and the public
// description, the page, and how many published suggestions they led and
// co-signed.
type deputyRecord struct {
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	URL         string `json:"url"`
	Led         int    `json:"led"`
	CoSigned    int    `json:"co_signed"`
}

// deputiesJSON is /data/deputies.json: every deputy of the published
// suggestions, in the order of the deputies' index.
func (e *Edition) deputiesJSON() ([]byte, error) {
	recs := make([]deputyRecord, len(e.idx.Deputies.Deputies))
	for i, d := range e.idx.Deputies.Deputies {
		recs[i] = deputyRecord{Name: d.Name, Slug: d.Slug, Description: d.Description,
			URL: e.cfg.AbsURL(e.url("deputies", d.Slug)), Led: len(d.Led), CoSigned: len(d.CoSigned)}
	}
	return marshal(struct {
		Deputies []deputyRecord `json:"deputies"`
	}{recs})
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
	r.Attachments = []attachmentRecord{}
	for i := range sg.Attachments {
		a := &sg.Attachments[i]
		r.Attachments = append(r.Attachments, attachmentRecord{Name: a.Name, Title: a.Title,
			URL: e.cfg.AbsURL(e.attachmentURL(sg, a)), Type: a.Type.Name, Size: a.Size, SHA256: a.SHA256})
	}
	for _, p := range sg.Progress {
		if sg.Disclosure != content.Withheld { // whose follow-ups' text was dropped
			r.Progress = append(r.Progress, progressRecord{Date: p.Date.Format("2006-01-02"), Text: p.Text})
		}
	}
	return r
}

// records gives every published suggestion as open data, in list order,
// one at a time: the open data files are written record by record, so that
// no file holds every record at once.
func (e *Edition) records() iter.Seq[record] {
	return func(yield func(record) bool) {
		for _, sg := range e.idx.All {
			if !yield(e.record(sg)) {
				return
			}
		}
	}
}

// suggestionsJSON writes {"suggestions": [...]} as json.MarshalIndent
// with an indent of one space would, a record at a time.
func suggestionsJSON(buf Writer, recs iter.Seq[record]) error {
	buf.WriteString("{\n \"suggestions\": [")
	n := 0
	for r := range recs {
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		buf.WriteString("\n  ")
		data, err := json.MarshalIndent(r, "  ", " ")
		if err != nil {
			return err
		}
		buf.Write(data)
	}
	if n > 0 {
		buf.WriteString("\n ")
	}
	buf.WriteString("]\n}\n")
	return nil
}

// csvColumns are the columns of suggestions.csv: the front-matter names.
// Columns added later come last, so that a column keeps its place.
var csvColumns = []string{"number", "title", "year", "session", "deputies", "category", "key", "lead_unit",
	"co_units", "assigned", "replied", "met", "outcome", "satisfaction", "draft", "progress", "url",
	"published", "disclosure", "disclosure_reason", "summary", "attachments"}

// suggestionsCSV writes UTF-8 with a byte order mark, so that Excel opens
// Chinese text correctly. Lists are joined with "、"; follow-ups are one
// "date text" line each, attachments one address each.
func suggestionsCSV(buf Writer, recs iter.Seq[record]) error {
	buf.WriteString("\ufeff")
	w := csv.NewWriter(buf)
	w.UseCRLF = true
	_ = w.Write(csvColumns)
	for r := range recs {
		progress := make([]string, len(r.Progress))
		for i, p := range r.Progress {
			progress[i] = p.Date + " " + p.Text
		}
		files := make([]string, len(r.Attachments))
		for i, a := range r.Attachments {
			files[i] = a.URL
		}
		_ = w.Write([]string{
			r.Number, cell(r.Title), strconv.Itoa(r.Year), cell(r.Session), cell(strings.Join(r.Deputies, "、")),
			r.Category, strconv.FormatBool(r.Key), cell(r.LeadUnit), cell(strings.Join(r.CoUnits, "、")),
			deref(r.Assigned), deref(r.Replied), strconv.FormatBool(r.Met), deref(r.Outcome), deref(r.Satisfaction),
			strconv.FormatBool(r.Draft), cell(strings.Join(progress, "\n")), r.URL,
			deref(r.Published), r.Disclosure, cell(deref(r.DisclosureReason)), cell(deref(r.Summary)),
			strings.Join(files, "\n"),
		})
	}
	w.Flush()
	return w.Error()
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

// sitemap writes the sitemap of the pages, as xml.MarshalIndent with an
// indent of one space would write the whole set, a page at a time.
func (e *Edition) sitemap(w Writer, pages []sitemapPage) error {
	type u struct {
		XMLName xml.Name `xml:"url"`
		Loc     string   `xml:"loc"`
		LastMod string   `xml:"lastmod,omitempty"`
	}
	w.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	n := 0
	for _, p := range pages {
		entry := u{Loc: e.cfg.AbsURL(e.pageURL(p.file))}
		if mod := p.day(); mod != 0 {
			entry.LastMod = mod.String()
		}
		data, err := xml.MarshalIndent(entry, " ", " ")
		if err != nil {
			return err
		}
		w.WriteByte('\n') // xml's indent, unlike json's, starts with the prefix
		w.Write(data)
		n++
	}
	if n > 0 {
		w.WriteByte('\n')
	}
	w.WriteString("</urlset>\n")
	return nil
}

// sitemapPage is what the sitemap says of a page: where it is (its file,
// whose address is pageURL) and when it last changed.
type sitemapPage struct {
	file string
	mod  day
	sg   *content.Suggestion // a suggestion's page, whose day is found from it when the sitemap is written
}

// day is when the page last changed; 0: not said. A suggestion's page
// finds it only when the sitemap is written: the preview lists the pages
// after every edit, and the sitemap is rarely asked for.
func (p sitemapPage) day() day {
	if p.sg != nil {
		return dayOf(lastModified(p.sg))
	}
	return p.mod
}

// listedPages are the pages of tasks that the sitemap lists.
func listedPages(tasks []*task) []sitemapPage {
	n := 0
	for _, t := range tasks {
		if t.listed {
			n++
		}
	}
	pages := make([]sitemapPage, 0, n) // one allocation: the preview lists them after each edit
	for _, t := range tasks {
		if t.listed {
			pages = append(pages, sitemapPage{t.file, t.mod, t.sg})
		}
	}
	return pages
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
