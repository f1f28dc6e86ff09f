package build

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"rdjy.local/portal/generator/internal/benchsite"
	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/sitetest"
)

// Every row of a year's share tables (the home page's and the year's
// summary, the charts of /stats/<year>/ and of the annual report, the
// feedback on key suggestions) and every unit of a year's scorecard links
// to a page that lists exactly the suggestions the row counts: the count on
// the link equals the rows of the page it opens, over all its pages, and
// they are the suggestions the row means, recounted here from the front
// matter. A row counting none links nowhere.
//
// TestDemoSite checks it on the demo site, with its build; this test on a
// generated site of a few hundred suggestions across 15 years, with
// co-handling units and every kind of feedback, whose lists run over
// several pages.
func TestWaysInCountWhatTheyLinkGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site")
	}
	dir := benchsite.Write(t, repoRoot, 300)
	// Short pages, so that the lists run over several, and every kind of
	// feedback (the generated deputies all answer 满意).
	replaceIn(t, dir, "site.toml", "per_page = 50", "per_page = 4")
	varyFeedback(t, dir)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: dir, Dest: dest})
	site, err := Load(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	n := checkWays(t, dest, site.Config.BasePath(), site)
	if n < 600 {
		t.Errorf("only %d links checked on the generated site", n)
	}
	t.Logf("%d links checked", n)
}

// varyFeedback gives the generated suggestions of dir every feedback in
// turn: 满意, 基本满意, 不满意 and none yet.
func varyFeedback(t *testing.T, dir string) {
	t.Helper()
	i := 0
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		answer := []string{`satisfaction = "满意"` + "\n", `satisfaction = "基本满意"` + "\n", `satisfaction = "不满意"` + "\n", ""}[i%4]
		i++
		return os.WriteFile(p, []byte(strings.Replace(string(data), `satisfaction = "满意"`+"\n", answer, 1)), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkWays checks every share table and scorecard of the Simplified pages
// of the site built into dest under the base path, and returns how many
// links it followed.
func checkWays(t *testing.T, dest, base string, site *Site) int {
	t.Helper()
	files := sitetest.ReadTree(t, dest)
	checked := 0
	for name, text := range files {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "hant/") {
			continue
		}
		doc, err := html.Parse(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		for _, table := range findAll(doc, func(n *html.Node) bool { return n.Data == "table" }) {
			class := attr(table, "class")
			switch {
			case strings.Contains(class, "share"):
				checked += checkShareTable(t, files, base, site, name, table)
			case strings.Contains(class, "scorecard"):
				checked += checkScorecard(t, files, base, site, name, table)
			}
		}
	}
	return checked
}

// checkShareTable follows the link of each row of a share table.
func checkShareTable(t *testing.T, files map[string]string, base string, site *Site, page string, table *html.Node) int {
	checked := 0
	for _, tr := range rowsOf(table) {
		label, href := rowHead(tr)
		cells := findAll(tr, func(n *html.Node) bool { return n.Data == "td" })
		if len(cells) == 0 {
			continue
		}
		count := leadingInt(text(cells[0]))
		switch {
		case count == 0 && href != "":
			t.Errorf("%s: %s counts none but links to %s", page, label, href)
		case count > 0 && href == "":
			t.Errorf("%s: %s counts %d and links nowhere", page, label, count)
		case href != "":
			listed := listedAt(t, files, base, href, "")
			want := expected(t, site, base, href, "led")
			if len(listed) != count || !slices.Equal(sorted(listed), sorted(want)) {
				t.Errorf("%s: %s counts %d; %s lists %d: %v, want %v", page, label, count, href, len(listed), listed, want)
			}
			checked++
		}
	}
	return checked
}

// checkScorecard follows the link of each unit of a scorecard to the
// unit's page of the year, whose two lists hold what the row counts as led
// and co-handled.
func checkScorecard(t *testing.T, files map[string]string, base string, site *Site, page string, table *html.Node) int {
	checked := 0
	for _, tr := range rowsOf(table) {
		label, href := rowHead(tr)
		cells := findAll(tr, func(n *html.Node) bool { return n.Data == "td" })
		if href == "" || len(cells) < 2 {
			t.Errorf("%s: the scorecard's row %s has no link to the unit's page", page, label)
			continue
		}
		for i, list := range []string{"led", "co-handled"} {
			count := leadingInt(text(cells[i]))
			listed := listedAt(t, files, base, href, list)
			want := expected(t, site, base, href, list)
			if len(listed) != count || !slices.Equal(sorted(listed), sorted(want)) {
				t.Errorf("%s: %s counts %d %s; %s lists %d: %v, want %v", page, label, count, list, href, len(listed), listed, want)
			}
		}
		checked++
	}
	return checked
}

// listedAt gives the suggestions listed by the page at href and the pages
// after it: every row of its tables of suggestions, or, with section set,
// of the tables in the section of that id.
func listedAt(t *testing.T, files map[string]string, base, href, section string) []string {
	var numbers []string
	seen := map[string]bool{}
	for href != "" && !seen[href] {
		seen[href] = true
		text, ok := files[fileOf(base, href)]
		if !ok {
			t.Errorf("%s: no such page", href)
			return nil
		}
		doc, _ := html.Parse(strings.NewReader(text))
		root := doc
		if section != "" {
			found := findAll(doc, func(n *html.Node) bool { return n.Data == "section" && attr(n, "id") == section })
			if len(found) != 1 {
				t.Errorf("%s: %d sections with id %q", href, len(found), section)
				return nil
			}
			root = found[0]
		}
		for _, table := range findAll(root, func(n *html.Node) bool { return n.Data == "table" && strings.Contains(attr(n, "class"), "rows") }) {
			for _, tr := range rowsOf(table) {
				if _, link := rowHead(tr); strings.Contains(link, "/suggestions/") {
					numbers = append(numbers, strings.Trim(link[strings.Index(link, "/suggestions/")+len("/suggestions/"):], "/"))
				}
			}
		}
		href = ""
		for _, a := range findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "rel") == "next" }) {
			href = attr(a, "href")
		}
	}
	return numbers
}

// expected recounts from the front matter what the page at href lists:
// /years/<year>/<group>/<slug>/, and for a unit the list named list, or
// /years/<year>/.
func expected(t *testing.T, site *Site, base, href, list string) []string {
	segs := strings.Split(strings.Trim(strings.TrimPrefix(unescape(t, href), base), "/"), "/")
	if len(segs) == 2 && segs[0] == "years" { // a year's suggestions, from the chart of years
		segs = append(segs, "all", "")
	}
	if len(segs) != 4 || segs[0] != "years" {
		t.Errorf("%s is not a page of one year's ways in", href)
		return nil
	}
	year, _ := strconv.Atoi(segs[1])
	group, slug := segs[2], segs[3]
	cfg := site.Config
	enumSlug := func(e *config.Enum, key string) string {
		term, _ := e.Lookup(key)
		return term.Slug
	}
	var out []string
	for _, sg := range site.Suggestions {
		if sg.Year != year {
			continue
		}
		var in bool
		switch group {
		case "all":
			in = true
		case "categories":
			in = enumSlug(cfg.Categories, sg.Category) == slug
		case "outcomes":
			in = sg.IsReplied() && enumSlug(cfg.Outcomes, sg.Outcome) == slug
		case "satisfaction":
			in = sg.Satisfaction != "" && enumSlug(cfg.Satisfaction, sg.Satisfaction) == slug
		case "key-satisfaction":
			in = sg.Key && sg.Satisfaction != "" && enumSlug(cfg.Satisfaction, sg.Satisfaction) == slug
		case "units":
			in = unitIn(cfg, sg, slug, list)
		default:
			t.Errorf("%s: unknown group %s", href, group)
		}
		if in {
			out = append(out, sg.Number)
		}
	}
	return out
}

// unitIn reports whether the unit of slug leads sg (list "led") or
// co-handles it without leading it.
func unitIn(cfg *config.Site, sg *content.Suggestion, slug, list string) bool {
	lead := cfg.Units.Resolve(sg.LeadUnit).Slug == slug
	if list == "led" {
		return lead
	}
	if lead {
		return false
	}
	for _, co := range sg.CoUnits {
		if cfg.Units.Resolve(co).Slug == slug {
			return true
		}
	}
	return false
}

func fileOf(base, href string) string {
	p, err := url.PathUnescape(strings.TrimPrefix(href, base))
	if err != nil {
		return href
	}
	return p + "index.html"
}

func unescape(t *testing.T, s string) string {
	u, err := url.PathUnescape(s)
	if err != nil {
		t.Errorf("%s: %v", s, err)
	}
	return u
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// rowsOf gives the rows of a table's body.
func rowsOf(table *html.Node) []*html.Node {
	var rows []*html.Node
	for _, body := range findAll(table, func(n *html.Node) bool { return n.Data == "tbody" }) {
		for c := body.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "tr" {
				rows = append(rows, c)
			}
		}
	}
	return rows
}

// rowHead gives the text of a row's header cell and the address its link
// leads to (empty without a link).
func rowHead(tr *html.Node) (label, href string) {
	ths := findAll(tr, func(n *html.Node) bool { return n.Data == "th" })
	if len(ths) == 0 {
		return "", ""
	}
	for _, a := range findAll(ths[0], func(n *html.Node) bool { return n.Data == "a" }) {
		return text(ths[0]), attr(a, "href")
	}
	return text(ths[0]), ""
}

func leadingInt(s string) int {
	s = strings.TrimSpace(s)
	end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(s)
	}
	n, _ := strconv.Atoi(s[:end])
	return n
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// The bad input of deputies' pages and attachments is reported by check
// all at once, each at its file: an attachment of a type no site
// publishes, one over the limit, one with ".." in its name, a symbolic
// link, a suggestion folder with another .md beside index.md, and two
// deputies whose pages would be one (names that differ only in case).
func TestPeopleAndAttachmentProblemsAtOnce(t *testing.T) {
	dir := "content/suggestions/2019/008/"
	fsys := sitetest.With(t, os.DirFS(testSite), `
-- content/suggestions/2019/008/reply.docx --
PK
-- content/suggestions/2019/008/a..pdf --
%PDF-1.4
-- content/suggestions/2019/008/notes.md --
notes
-- content/suggestions/2020/003.md --
+++
number = "2020-003"
title = "关于增设公交站点的建议"
year = 2020
deputies = ["Alim"]
category = "城建交通"
lead_unit = "区住建局"
+++
-- content/suggestions/2020/004.md --
+++
number = "2020-004"
title = "关于增设路灯的建议"
year = 2020
deputies = ["ALIM"]
category = "城建交通"
lead_unit = "区住建局"
+++
`)
	cfg := fsys["site.toml"]
	cfg.Data = append([]byte("attachment_max_mb = 1\n"), cfg.Data...)
	fsys[dir+"big.pdf"] = &fstest.MapFile{Data: append([]byte("%PDF-1.4\n"), make([]byte, 1<<20)...)}
	fsys[dir+"link.pdf"] = &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte("../../../../site.toml")}
	_, err := CheckFS(context.Background(), fsys, Options{})
	if err == nil {
		t.Fatal("check passed")
	}
	for _, want := range []string{
		dir + "reply.docx: not a type of file a suggestion may carry",
		dir + `a..pdf: a file name with ".." is not published`,
		dir + "big.pdf: 1.1 MB is larger than the limit of 1 MB",
		dir + "link.pdf: a symbolic link",
		dir + "notes.md",
		`deputies: "ALIM" and "Alim" would share one page (ALIM)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("check lacks %q in\n%v", want, err)
		}
	}
}
