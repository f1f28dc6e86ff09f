package render

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/source"
)

func TestCSVCellsAreNotFormulas(t *testing.T) {
	recs := []record{{Number: "2019-001", Title: "=HYPERLINK(\"http://x\")", Session: "+1", Deputies: []string{"@代表"},
		LeadUnit: "-区住建局", Progress: []progressRecord{}}}
	var data bytes.Buffer
	if err := suggestionsCSV(&data, slices.Values(recs)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	row := rows[1]
	for col, want := range map[int]string{1: "'=HYPERLINK(\"http://x\")", 3: "'+1", 4: "'@代表", 7: "'-区住建局", 0: "2019-001"} {
		if row[col] != want {
			t.Errorf("column %s = %q, want %q", rows[0][col], row[col], want)
		}
	}
}

func TestFeedCarriesTheLatestReplies(t *testing.T) {
	cfg, errs := config.Parse("site.toml", []byte(`title = "t"
base_url = "https://example.gov.cn/"
owner = "o"
[[categories]]
key = "c"
label = "c"
[[outcomes]]
key = "A"
label = "a"
[[satisfaction]]
key = "s"
label = "s"
`))
	if errs != nil {
		t.Fatal(errs)
	}
	layouts := blankLayouts()
	var all []*content.Suggestion
	day := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range feedSize + 10 {
		all = append(all, &content.Suggestion{Number: fmt.Sprintf("2019-%03d", i), Title: "t", Year: 2019,
			Deputies: []string{"d"}, Category: "c", LeadUnit: "u", Replied: day.AddDate(0, 0, i), Outcome: "A"})
	}
	all = append(all, &content.Suggestion{Number: "2019-999", Title: "t", Year: 2019, Deputies: []string{"d"}, Category: "c", LeadUnit: "u"})
	s := newSite(t, index.New(cfg, all, nil), layouts)
	feed, err := s.hans.feed()
	if err != nil {
		t.Fatal(err)
	}
	text := string(feed)
	if n := strings.Count(text, "<entry>"); n != feedSize {
		t.Errorf("%d entries, want %d", n, feedSize)
	}
	if !strings.Contains(text, "2019-059/") || strings.Contains(text, "2019-009/") || strings.Contains(text, "2019-999/") {
		t.Error("the feed does not hold exactly the latest replies")
	}
	if !strings.Contains(text, "<updated>2019-03-01T00:00:00+08:00</updated>") {
		t.Error("the feed's updated time is not the latest reply")
	}
}

// TestFeedCarriesFollowUps: a follow-up published after the reply updates
// its suggestion's entry (updated date, summary) and moves it up the feed;
// it is one entry still. A withheld suggestion's follow-ups are not
// published, so they change nothing.
func TestFeedCarriesFollowUps(t *testing.T) {
	cfg, errs := config.Parse("site.toml", []byte(`title = "t"
base_url = "https://example.gov.cn/"
owner = "o"
[[categories]]
key = "c"
label = "c"
[[outcomes]]
key = "A"
label = "已解决"
[[satisfaction]]
key = "s"
label = "s"
`))
	if errs != nil {
		t.Fatal(errs)
	}
	day := func(m, d int) time.Time { return time.Date(2019, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	sg := func(number string, replied, published time.Time, mode content.Disclosure, progress ...content.Progress) *content.Suggestion {
		return &content.Suggestion{Number: number, Title: "t" + number, Year: 2019, Deputies: []string{"郭宇清"}, Category: "c",
			LeadUnit: "区住建局", Replied: replied, Published: published, Outcome: "A", Disclosure: mode, Progress: progress}
	}
	all := []*content.Suggestion{
		sg("2019-001", day(1, 1), day(1, 5), content.Full, content.Progress{Date: day(1, 3), Text: "早于公开"}, content.Progress{Date: day(3, 1), Text: "已完成11个小区。"}),
		sg("2019-002", day(2, 1), day(2, 3), content.Full),
		sg("2019-003", day(1, 10), day(1, 12), content.Withheld, content.Progress{Date: day(4, 1), Text: "不公开的进展"}),
	}
	s := newSite(t, index.New(cfg, all, nil), blankLayouts())
	feed, err := s.hans.feed()
	if err != nil {
		t.Fatal(err)
	}
	text := string(feed)
	if n := strings.Count(text, "<entry>"); n != 3 {
		t.Fatalf("%d entries, want 3:\n%s", n, text)
	}
	first := text[strings.Index(text, "<entry>"):]
	first = first[:strings.Index(first, "</entry>")]
	for _, want := range []string{
		"/suggestions/2019-001/", "<published>2019-01-05T00:00:00+08:00</published>", "<updated>2019-03-01T00:00:00+08:00</updated>",
		"<summary>2019年3月1日办理进展：已完成11个小区。区住建局已于2019年1月1日答复郭宇清代表，办理结果：已解决。</summary>",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("the first entry lacks %s:\n%s", want, first)
		}
	}
	if i, j := strings.Index(text, "2019-002/"), strings.Index(text, "2019-003/"); i < 0 || j < i {
		t.Error("after the follow-up, the replies are not in the order they went online")
	}
	if strings.Contains(text, "不公开的进展") || strings.Contains(text, "2019-04-01") || strings.Contains(text, "早于公开") {
		t.Error("a withheld follow-up, or one before the reply went online, is in the feed")
	}
	if !strings.Contains(text, "<updated>2019-03-01T00:00:00+08:00</updated>\n <author>") {
		t.Errorf("the feed's updated time is not the latest follow-up:\n%.600s", text)
	}
}

// newSite makes the site of idx with the layouts of fsys.
func newSite(t *testing.T, idx *index.Index, fsys fs.FS) *Site {
	t.Helper()
	layouts, errs := LoadLayouts(fsys)
	if errs != nil {
		t.Fatal(errs)
	}
	s, err := New(idx, layouts, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// blankLayouts are layouts that render every page kind as nothing, for
// tests of what the site computes rather than of its pages.
func blankLayouts() fstest.MapFS {
	words, err := os.ReadFile("../../../" + source.Words) // the demo site's
	if err != nil {
		panic(err)
	}
	layouts := fstest.MapFS{"layouts/base.html": {Data: []byte(`{{define "base"}}{{end}}`)}, source.Words: {Data: words}}
	for _, k := range Kinds {
		layouts["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	return layouts
}

// TestYearData checks that each year's open data holds exactly that year's
// suggestions, as the whole files hold them, and its own figures.
func TestYearData(t *testing.T) {
	s := testSites(t)(nil)
	made := map[string][]byte{}
	for _, f := range s.Files(context.Background()) {
		if strings.HasPrefix(f.Name, "data/") && !strings.HasPrefix(f.Name, "data/search/") {
			var buf bytes.Buffer
			if err := f.Make(&buf); err != nil {
				t.Fatal(err)
			}
			made[f.Name] = buf.Bytes()
		}
	}
	type file struct {
		Suggestions []map[string]any
	}
	var whole file
	if err := json.Unmarshal(made["data/suggestions.json"], &whole); err != nil {
		t.Fatal(err)
	}
	csvLines := strings.Split(string(made["data/suggestions.csv"]), "\r\n")
	seen := 0
	for _, t0 := range s.idx.Years.Terms {
		dir := "data/" + strconv.Itoa(t0.Year) + "/"
		var year file
		if err := json.Unmarshal(made[dir+"suggestions.json"], &year); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		var want []map[string]any
		for _, r := range whole.Suggestions {
			if r["year"] == float64(t0.Year) {
				want = append(want, r)
			}
		}
		if len(year.Suggestions) == 0 || !reflect.DeepEqual(year.Suggestions, want) {
			t.Errorf("%ssuggestions.json holds %d suggestions, want %d", dir, len(year.Suggestions), len(want))
		}
		seen += len(year.Suggestions)
		lines := strings.Split(string(made[dir+"suggestions.csv"]), "\r\n")
		if lines[0] != csvLines[0] {
			t.Errorf("%ssuggestions.csv has the header %q", dir, lines[0])
		}
		for _, l := range lines[1:] {
			if l != "" && !slices.Contains(csvLines, l) {
				t.Errorf("%ssuggestions.csv has a line the whole file lacks: %s", dir, l)
			}
		}
		var st struct {
			Years map[string]struct{ Total int }
		}
		if err := json.Unmarshal(made[dir+"stats.json"], &st); err != nil {
			t.Fatal(err)
		}
		if len(st.Years) != 1 || st.Years[strconv.Itoa(t0.Year)].Total != len(want) {
			t.Errorf("%sstats.json: %+v", dir, st.Years)
		}
	}
	if seen != len(whole.Suggestions) {
		t.Errorf("the years hold %d suggestions, the whole file %d", seen, len(whole.Suggestions))
	}
}

// TestSuggestionsJSONIsMarshalIndent checks that the file written a record
// at a time is the one json.MarshalIndent makes of all the records, for no
// record, one and several, with characters JSON escapes.
func TestSuggestionsJSONIsMarshalIndent(t *testing.T) {
	outcome := "A"
	all := []record{
		{Number: "2019-001", Title: "<b>&\"引号\"</b>", Deputies: []string{"甲", "乙"}, CoUnits: []string{}, Progress: []progressRecord{{Date: "2019-09-01", Text: "已完成\n下一步"}}},
		{Number: "2019-002", Title: "t", Deputies: []string{}, CoUnits: []string{"u"}, Progress: []progressRecord{}, Outcome: &outcome},
		{Number: "2019-003", Progress: []progressRecord{}},
	}
	for n := range len(all) + 1 {
		recs := all[:n:n]
		want, err := marshal(struct {
			Suggestions []record `json:"suggestions"`
		}{recs})
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := suggestionsJSON(&got, slices.Values(recs)); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Errorf("%d records:\n%s\nwant\n%s", n, got.String(), want)
		}
	}
}

// TestSitemapIsMarshalIndent checks that the sitemap written a page at a
// time is the one xml.MarshalIndent makes of every page, for no page, one
// and several, with characters XML escapes.
func TestSitemapIsMarshalIndent(t *testing.T) {
	type u struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []u      `xml:"url"`
	}
	cfg := &config.Site{}
	if err := cfg.SetBaseURL("https://example.gov.cn/"); err != nil {
		t.Fatal(err)
	}
	e := &Edition{cfg: cfg, files: cfg.BasePath()}
	all := []*task{
		{file: "index.html", listed: true},
		{file: "404.html"}, // not in the sitemap
		{file: "units/区<住>&建局/index.html", listed: true, mod: dayOf(time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC))},
		{file: "hant/search/index.html", listed: true},
	}
	// Where each page is, and when it last changed, as the sitemap says it.
	where := map[*task]u{
		all[0]: {Loc: "https://example.gov.cn/"},
		all[2]: {Loc: "https://example.gov.cn/units/" + url.PathEscape("区<住>&建局") + "/", LastMod: "2019-06-01"},
		all[3]: {Loc: "https://example.gov.cn/hant/search/"},
	}
	for n := range len(all) + 1 {
		var set urlset
		for _, p := range all[:n] {
			if entry, ok := where[p]; ok {
				set.URLs = append(set.URLs, entry)
			}
		}
		want, err := xmlDoc(set)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := e.sitemap(&got, listedPages(all[:n])); err != nil {
			t.Fatal(err)
		}
		if got.String() != string(want) {
			t.Errorf("%d pages:\n%s\nwant\n%s", n, got.String(), want)
		}
	}
}
