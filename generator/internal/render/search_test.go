package render

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/index"
	"rdjy.local/portal/generator/internal/search"
)

// testSite is a small site with minimal layouts.
func testSite(t *testing.T, all []*content.Suggestion) *Site {
	t.Helper()
	cfg, errs := config.Parse("site.toml", []byte(`title = "t"
base_url = "https://example.gov.cn/rddbjy/"
owner = "o"
[[categories]]
key = "城建交通"
label = "城建交通类"
slug = "chengjian"
[[categories]]
key = "群众生活"
label = "群众生活类"
[[outcomes]]
key = "A"
label = "已经解决"
[[satisfaction]]
key = "满意"
label = "满意"
slug = "satisfied"
`))
	if errs != nil {
		t.Fatal(errs)
	}
	layouts := blankLayouts()
	s := newSite(t, index.New(cfg, all, nil), layouts)
	return s
}

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<h2>建议内容</h2>\n<p><strong>一是</strong>强化<a href=\"/x/\">领导</a>。</p>", "建议内容 一是强化领导。"},
		{"<table><tr><td>健身器材</td><td>11个小区</td></tr></table>", "健身器材 11个小区"},
		{"<p>a &amp; b &lt;script&gt;</p>\n\n<p>c\nd</p>", "a & b <script> c d"},
	} {
		if got := plainText(c.in); got != c.want {
			t.Errorf("plainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestSearchIndex checks what the index holds for each suggestion, and that
// the Traditional index converts text and labels but keeps the IDs that
// the URL query uses, so a shared search works in both scripts.
func TestSearchIndex(t *testing.T) {
	day := time.Date(2019, 6, 20, 0, 0, 0, 0, time.UTC)
	s := testSite(t, []*content.Suggestion{
		{Number: "2019-001", Title: "关于解决停车难的建议", Year: 2019, Deputies: []string{"魏莹", "张三"}, Category: "城建交通",
			LeadUnit: "区城管局", CoUnits: []string{"区住建局"}, Key: true, Replied: day, Outcome: "A", Satisfaction: "满意",
			Body:     []byte("## 建议内容\n\n老旧小区**停车**难。\n\n## 办理答复\n\n| 项目 | 完成 |\n| --- | --- |\n| 车位 | 168处 |\n"),
			Progress: []content.Progress{{Date: day.AddDate(0, 3, 0), Text: "已加装电梯。"}}},
		{Number: "2020-001", Title: "关于社区养老的建议", Year: 2020, Deputies: []string{"李四"}, Category: "群众生活", LeadUnit: "区民政局"},
	})
	x, err := s.hans.searchIndex(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var idx searchManifest
	data, err := s.hans.searchManifest(x)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &idx); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if n := len(s.hans.facets()); n != facetCount {
		t.Fatalf("%d facets, and an entry has room for facetCount = %d", n, facetCount)
	}
	if idx.N != 2 || len(x.docs) != 2 || x.docs[0].sg.Number != "2020-001" || x.docs[1].sg.Number != "2019-001" {
		t.Fatalf("docs not in list order: %+v", x.docs)
	}
	result := func(e *Edition, doc searchDoc) searchResult {
		t.Helper()
		var r searchResult
		data, err := e.searchRecord(doc)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	d, d0 := result(s.hans, x.docs[1]), result(s.hans, x.docs[0])
	if d.T != "关于解决停车难的建议" || d.D != "魏莹、张三" || d.U != "区住建局" ||
		d.X != "建议内容 老旧小区停车难。 办理答复 项目 完成 车位 168处 已加装电梯。" {
		t.Errorf("doc: %+v", d)
	}
	// Each deputy's name links to the deputy's page (search.js: <pages>deputies/<p>/).
	if len(d.P) != 2 {
		t.Errorf("deputy pages %q for deputies %q", d.P, d.D)
	}
	for i, name := range strings.Split(d.D, "、")[:min(2, len(d.P))] {
		if got, want := s.hans.url("deputies")+d.P[i]+"/", s.hans.deputyLink(name).URL; got != want {
			t.Errorf("deputy %s: the result links %s, the deputy's page is %s", name, got, want)
		}
	}
	// The facet table gives each suggestion's values, as the records do.
	data, err = s.hans.facetTable(x.docs)
	if err != nil {
		t.Fatal(err)
	}
	var table string
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	at := 0
	for i, doc := range x.docs {
		for j, w := range idx.Widths {
			v := 0
			for _, c := range table[at : at+w] {
				v = v*64 + strings.IndexRune(idx.Alphabet, c)
			}
			at += w
			if v != int(doc.f[j]) {
				t.Errorf("table: suggestion %d, facet %d: %d, want %d", i, j, v, doc.f[j])
			}
		}
	}
	facet := func(name string, doc searchResult) string {
		for i, f := range idx.Facets {
			if f.Name == name {
				return f.Values[doc.F[i]].ID + "=" + f.Values[doc.F[i]].Label
			}
		}
		return "no facet " + name
	}
	for _, c := range []struct {
		doc        searchResult
		name, want string
	}{
		{d, "year", "2019=2019年"}, {d, "category", "chengjian=城建交通类"}, {d, "outcome", "A=已经解决"},
		{d, "unit", "区城管局=区城管局"}, {d, "key", "yes=重点建议"}, {d, "satisfaction", "satisfied=满意"},
		{d, "replied", "yes=已答复"},
		{d0, "category", "群众生活=群众生活类"}, {d0, "outcome", "pending=办理中"},
		{d0, "satisfaction", "none=暂无反馈"}, {d0, "replied", "no=尚未答复"}, {d0, "key", "no=非重点建议"},
	} {
		if got := facet(c.name, c.doc); got != c.want {
			t.Errorf("%s %s: %s, want %s", c.doc.N, c.name, got, c.want)
		}
	}

	var tw searchManifest
	if data, err = s.hant.searchManifest(x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &tw); err != nil {
		t.Fatal(err)
	}
	if idx.Shared != "./" || tw.Shared != "../../../data/search/" {
		t.Errorf("the shared folder is %q and %q", idx.Shared, tw.Shared)
	}
	// Both pages fold a query and the texts to one form: 車 and 车 alike.
	fold := tw.Fold
	if fold["車"] != "车" || fold["舊"] != "旧" || fold["停"] != "" || fold["车"] != "" || fold["區"] != "区" || len(idx.Fold) != len(fold) {
		t.Errorf("fold 車 → %q, 舊 → %q, 停 → %q, 车 → %q, 區 → %q", fold["車"], fold["舊"], fold["停"], fold["车"], fold["區"])
	}
	got := result(s.hant, x.docs[1])
	if got.T != "關於解決停車難的建議" || !strings.Contains(got.X, "老舊小區停車難") || got.D != "魏瑩、張三" {
		t.Errorf("Traditional doc: %+v", got)
	}
	for i, f := range tw.Facets {
		for j, v := range f.Values {
			if v.ID != idx.Facets[i].Values[j].ID {
				t.Errorf("facet %s: ID %q became %q", f.Name, idx.Facets[i].Values[j].ID, v.ID)
			}
		}
	}
	if tw.Facets[1].Values[1].Label != "群眾生活類" || tw.Facets[3].Values[0].Label != "區城管局" {
		t.Errorf("Traditional labels: %+v %+v", tw.Facets[1].Values, tw.Facets[3].Values)
	}
}

// TestScriptSwitch checks the links between the two scripts, and that the
// Traditional pages link to their own pages but to the shared files.
func TestScriptSwitch(t *testing.T) {
	s := testSite(t, nil)
	for _, c := range []struct {
		site      *Edition
		url, want string
	}{
		{s.hans, "/rddbjy/", "/rddbjy/hant/"},
		{s.hans, "/rddbjy/suggestions/2019-001/", "/rddbjy/hant/suggestions/2019-001/"},
		{s.hant, "/rddbjy/hant/units/%E5%8C%BA/", "/rddbjy/units/%E5%8C%BA/"},
		{s.hant, "/rddbjy/hant/404.html", "/rddbjy/404.html"},
	} {
		if got := c.site.switchTo(c.url); got.URL != c.want {
			t.Errorf("switch from %s: %s, want %s", c.url, got.URL, c.want)
		}
	}
	if l := s.hans.switchTo("/rddbjy/"); l.Label != "繁體" || l.Lang != "zh-Hant" {
		t.Errorf("switch to Traditional: %+v", l)
	}
	if l := s.hant.switchTo("/rddbjy/hant/"); l.Label != "简体" || l.Lang != "zh-Hans" {
		t.Errorf("switch to Simplified: %+v", l)
	}
	for p, want := range map[string]string{
		"": "/rddbjy/hant/", "suggestions/": "/rddbjy/hant/suggestions/", "search/?q=停车": "/rddbjy/hant/search/?q=停车",
		"css/site.css": "/rddbjy/css/site.css", "data/stats.json": "/rddbjy/data/stats.json",
	} {
		if got := s.hant.link(p); got != want {
			t.Errorf("hant link(%q) = %s, want %s", p, got, want)
		}
	}
	if s.hant.view.Language != "zh-Hant" || s.hant.view.Feed != "/rddbjy/feed.xml" || s.hant.view.Home != "/rddbjy/hant/" {
		t.Errorf("Traditional site view: %+v", s.hant.view)
	}
}

// TestSearchFoldsBothScripts checks, over the demo's suggestions, that every
// text the Traditional search page searches folds to what the Simplified
// page's text folds to: then any query finds the same suggestions on both.
func TestSearchFoldsBothScripts(t *testing.T) {
	fsys := os.DirFS("../../..")
	cfg, errs := config.Load(fsys)
	if errs != nil {
		t.Fatal(errs)
	}
	all, errs := content.Load(fsys, cfg)
	if errs != nil {
		t.Fatal(errs)
	}
	var published []*content.Suggestion
	for _, sg := range all {
		if !sg.Draft {
			published = append(published, sg)
		}
	}
	s := newSite(t, index.New(cfg, published, nil), blankLayouts())
	docs, err := s.hans.searchDocs(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	fold, err := s.hans.foldTable(docs)
	if err != nil {
		t.Fatal(err)
	}
	// folded folds as the script does: by rule to ASCII, else by the table.
	folded := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if f, ok := fold[string(r)]; ok {
				b.WriteString(f)
			} else if f := search.Fold(r); f < 0x80 {
				b.WriteRune(f)
			} else {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	differ := 0
	for _, d := range docs {
		text, err := d.text()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{d.sg.Title, d.deputies(), d.units(), text} {
			tw, err := s.hant.names.Text(f)
			if err != nil {
				t.Fatal(err)
			}
			if tw != f {
				differ++
			}
			if got, want := folded(tw), search.Canonical(f); got != want {
				t.Errorf("%s: the Traditional text folds to\n%s\nthe Simplified one to\n%s", d.sg.Number, got, want)
			}
		}
	}
	if len(docs) < 100 || differ < len(docs) {
		t.Errorf("%d suggestions, %d texts differ in Traditional", len(docs), differ)
	}
}
