package ledger

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/sitetest"
	"rdjy.local/portal/generator/internal/stats"
)

// repoRoot holds the demo site: site.toml and content/.
const repoRoot = "../../.."

// demo copies the demo site's settings and content into a temporary folder.
func demo(t testing.TB) (dir string, root *os.Root, site *config.Site) {
	t.Helper()
	dir = t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(repoRoot, "content"))); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "site.toml"), data, 0o644)
	root, err = os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	site, errs := config.Load(root.FS())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return dir, root, site
}

func loadAll(t testing.TB, root *os.Root, site *config.Site) []*content.Suggestion {
	t.Helper()
	all, errs := content.Load(root.FS(), site)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return all
}

// export writes the demo's ledger as .xlsx or .csv.
func export(t testing.TB, root *os.Root, site *config.Site, csv, drafts bool) []byte {
	t.Helper()
	all := loadAll(t, root, site)
	var b bytes.Buffer
	var err error
	if csv {
		err = WriteCSV(&b, site, Rows(all, drafts, 0))
	} else {
		err = WriteXLSX(&b, site, Rows(all, drafts, 0), stats.Compute(site, Rows(all, false, 0)))
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// importLedger prepares and writes an import.
func importLedger(t testing.TB, root *os.Root, site *config.Site, file string, data []byte) *Import {
	t.Helper()
	im, errs := prepare(t, root.FS(), site, file, data, "")
	if errs != nil {
		t.Fatal(lines(errs))
	}
	if err := im.Write(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	return im
}

// TestRoundTripDemo: export, then import of the same file, changes nothing
// in the demo's 135 published suggestions (136 with the draft).
func TestRoundTripDemo(t *testing.T) {
	for _, c := range []struct {
		file   string
		drafts bool
		rows   int
	}{{"台账.xlsx", false, 135}, {"台账.csv", false, 135}, {"台账.xlsx", true, 136}, {"台账.csv", true, 136}} {
		t.Run(c.file+" drafts="+strconv.FormatBool(c.drafts), func(t *testing.T) {
			dir, root, site := demo(t)
			before := sitetest.ReadTree(t, dir)
			data := export(t, root, site, strings.HasSuffix(c.file, ".csv"), c.drafts)
			im := importLedger(t, root, site, c.file, data)
			if im.Rows != c.rows || im.Unchanged != c.rows || len(im.New)+len(im.Updated) != 0 || im.Untouched != 136-c.rows {
				t.Errorf("rows %d, unchanged %d, new %d, updated %d, untouched %d", im.Rows, im.Unchanged, len(im.New), len(im.Updated), im.Untouched)
			}
			if !reflect.DeepEqual(sitetest.ReadTree(t, dir), before) {
				t.Error("the round trip changed files")
			}
		})
	}
}

// TestEditOneCell: editing one cell of the exported workbook changes exactly
// that field in exactly that file, for every column.
func TestEditOneCell(t *testing.T) {
	cases := []struct {
		column, value string
		field         func(*content.Suggestion) any
		want          any
	}{
		{"建议题目", "关于加强职业技能培训的建议", func(s *content.Suggestion) any { return s.Title }, "关于加强职业技能培训的建议"},
		{"领衔代表", "张建国", func(s *content.Suggestion) any { return s.Deputies }, []string{"张建国"}},
		{"附议代表", "李红梅、王芳", func(s *content.Suggestion) any { return s.Deputies }, []string{"范振华", "李红梅", "王芳"}},
		{"类别", "社区工作类", func(s *content.Suggestion) any { return s.Category }, "社区工作"},
		{"是否重点", "是", func(s *content.Suggestion) any { return s.Key }, true},
		{"主办单位", "区民政局", func(s *content.Suggestion) any { return s.LeadUnit }, "区民政局"},
		{"协办单位", "区财政局", func(s *content.Suggestion) any { return s.CoUnits }, []string{"区财政局"}},
		{"交办日期", "2019-04-01", func(s *content.Suggestion) any { return s.Assigned.Format("2006-01-02") }, "2019-04-01"},
		{"答复日期", "2019年10月30日", func(s *content.Suggestion) any { return s.Replied.Format("2006-01-02") }, "2019-10-30"},
		{"是否见面沟通", "否", func(s *content.Suggestion) any { return s.Met }, false},
		{"办理结果", "B", func(s *content.Suggestion) any { return s.Outcome }, "B"},
		{"代表满意度", "基本满意", func(s *content.Suggestion) any { return s.Satisfaction }, "基本满意"},
		{"届次", "区十五届人大五次会议", func(s *content.Suggestion) any { return s.Session }, "区十五届人大五次会议"},
	}
	_, root0, site0 := demo(t)
	exported := export(t, root0, site0, false, false)
	for _, c := range cases {
		t.Run(c.column, func(t *testing.T) {
			dir, root, site := demo(t)
			before := sitetest.ReadTree(t, dir)
			orig := bySuggestion(loadAll(t, root, site))["2019-017"]
			f, err := excelize.OpenReader(bytes.NewReader(exported))
			if err != nil {
				t.Fatal(err)
			}
			col := columnOf(t, f, c.column)
			rowOf := 0
			rows, _ := f.GetRows(LedgerSheet)
			for i, r := range rows {
				if r[0] == "2019-017" {
					rowOf = i + 1
				}
			}
			ref, _ := excelize.CoordinatesToCellName(col, rowOf)
			f.SetCellValue(LedgerSheet, ref, c.value)
			var b bytes.Buffer
			f.WriteTo(&b)
			im := importLedger(t, root, site, "台账.xlsx", b.Bytes())
			if len(im.Updated) != 1 || len(im.Updated[0].Fields) != 1 {
				t.Fatalf("updated %+v", im.Updated)
			}
			after := sitetest.ReadTree(t, dir)
			for name := range before {
				if name != orig.File && after[name] != before[name] {
					t.Errorf("%s changed too", name)
				}
			}
			changed := diffLines(before[orig.File], after[orig.File])
			if len(changed) != 1 {
				t.Errorf("%d lines changed: %q", len(changed), changed)
			}
			now := bySuggestion(loadAll(t, root, site))["2019-017"]
			if got := c.field(now); !reflect.DeepEqual(got, c.want) {
				t.Errorf("field is %v, want %v", got, c.want)
			}
			// Every other field is as it was: set the edited one back.
			restore := *now
			reflect.ValueOf(&restore).Elem().FieldByName(fieldName(t, c.column)).Set(reflect.ValueOf(orig).Elem().FieldByName(fieldName(t, c.column)))
			restore.Body, orig.Body = nil, nil
			// Positions are left out: a longer list moves its entries.
			if f, ok := differentField(restore, *orig); ok {
				t.Errorf("another field changed: %s", f)
			}
		})
	}
}

// differentField names an exported field in which a and b differ.
func differentField(a, b content.Suggestion) (string, bool) {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		f := va.Type().Field(i)
		if f.IsExported() && !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return fmt.Sprintf("%s: %v, was %v", f.Name, va.Field(i).Interface(), vb.Field(i).Interface()), true
		}
	}
	return "", false
}

func fieldName(t testing.TB, column string) string {
	names := map[string]string{
		"建议题目": "Title", "领衔代表": "Deputies", "附议代表": "Deputies", "类别": "Category", "是否重点": "Key",
		"主办单位": "LeadUnit", "协办单位": "CoUnits", "交办日期": "Assigned", "答复日期": "Replied", "是否见面沟通": "Met",
		"办理结果": "Outcome", "代表满意度": "Satisfaction", "届次": "Session",
	}
	if names[column] == "" {
		t.Fatalf("no field for %s", column)
	}
	return names[column]
}

func columnOf(t testing.TB, f *excelize.File, header string) int {
	rows, err := f.GetRows(LedgerSheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range rows[0] {
		if h == header {
			return i + 1
		}
	}
	t.Fatalf("no column %s", header)
	return 0
}

func bySuggestion(all []*content.Suggestion) map[string]*content.Suggestion {
	m := map[string]*content.Suggestion{}
	for _, s := range all {
		m[s.Number] = s
	}
	return m
}

// diffLines lists the lines of b that a does not have at the same place,
// for files of the same length in lines.
func diffLines(a, b string) []string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(la) != len(lb) {
		return append(la, lb...)
	}
	var out []string
	for i := range la {
		if la[i] != lb[i] {
			out = append(out, la[i]+" → "+lb[i])
		}
	}
	return out
}

// TestBodiesKept: after importing the exported ledger, and after importing
// it with a cell changed in every row, the body of every demo file, its
// [[progress]] tables and its comments are byte for byte as they were, and
// the site passes check.
func TestBodiesKept(t *testing.T) {
	dir, root, site := demo(t)
	before := sitetest.ReadTree(t, dir)
	importLedger(t, root, site, "台账.xlsx", export(t, root, site, false, true))
	if after := sitetest.ReadTree(t, dir); !reflect.DeepEqual(after, before) {
		t.Fatal("importing the exported ledger changed files")
	}
	f, err := excelize.OpenReader(bytes.NewReader(export(t, root, site, false, true)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(LedgerSheet)
	title, units := columnOf(t, f, "建议题目"), columnOf(t, f, "协办单位")
	for r := 2; r <= len(rows); r++ {
		ref, _ := excelize.CoordinatesToCellName(title, r)
		v, _ := f.GetCellValue(LedgerSheet, ref)
		f.SetCellValue(LedgerSheet, ref, v+"（台账）")
		ref, _ = excelize.CoordinatesToCellName(units, r)
		f.SetCellValue(LedgerSheet, ref, "")
	}
	var b bytes.Buffer
	f.WriteTo(&b)
	im := importLedger(t, root, site, "台账.xlsx", b.Bytes())
	if len(im.Updated) != 136 {
		t.Errorf("%d updated, want 136", len(im.Updated))
	}
	after := sitetest.ReadTree(t, dir)
	for name, old := range before {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		if body(after[name]) != body(old) {
			t.Errorf("%s: the body changed", name)
		}
		if tail(after[name]) != tail(old) {
			t.Errorf("%s: the follow-ups changed", name)
		}
		if strings.Count(after[name], "#") != strings.Count(old, "#") {
			t.Errorf("%s: comments or headings changed", name)
		}
	}
	loadAll(t, root, site) // check's rules hold
	again, errs := prepare(t, root.FS(), site, "台账.xlsx", b.Bytes(), "")
	if errs != nil || len(again.Updated) != 0 || again.Unchanged != 136 {
		t.Errorf("a second import: %v, %+v", errs, again)
	}
}

// body is what follows the front matter.
func body(file string) string {
	_, after, _ := strings.Cut(strings.SplitN(file, "+++\n", 2)[1], "+++\n")
	return after
}

// tail is the front matter from its first table on: the follow-ups.
func tail(file string) string {
	front := strings.SplitN(file, "+++\n", 3)[1]
	if i := strings.Index(front, "[["); i >= 0 {
		return front[i:]
	}
	return ""
}

// TestExportWorkbook: the exported workbook has the default headers, the
// header row frozen, wide enough columns, Excel dates, and on its second
// sheet the figures of stats.json.
func TestExportWorkbook(t *testing.T) {
	_, root, site := demo(t)
	f, err := excelize.OpenReader(bytes.NewReader(export(t, root, site, false, false)))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{LedgerSheet, StatsSheet}) || f.GetActiveSheetIndex() != 0 {
		t.Errorf("sheets %q, active %d", got, f.GetActiveSheetIndex())
	}
	rows, _ := f.GetRows(LedgerSheet)
	wantHeader := []string{"建议编号", "建议题目", "领衔代表", "附议代表", "类别", "是否重点", "主办单位", "协办单位", "交办日期", "答复日期", "是否见面沟通", "办理结果", "代表满意度", "办理年度", "届次", "公开日期", "公开方式", "不公开理由"}
	if !reflect.DeepEqual(rows[0], wantHeader) || len(rows) != 136 {
		t.Errorf("header %q, %d rows", rows[0], len(rows))
	}
	if got := rows[1][:4]; !reflect.DeepEqual(got, []string{"2019-001", "支持涧西企业打造企业品牌", "王建伟", "李红梅"}) {
		t.Errorf("first row %q", got)
	}
	for _, sheet := range []string{LedgerSheet, StatsSheet} {
		panes, _ := f.GetPanes(sheet)
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: header not frozen: %+v", sheet, panes)
		}
	}
	for col, want := range map[string][2]float64{"A": {10, 12}, "B": {50, 60}, "C": {8, 12}, "I": {12, 12}} {
		if w, _ := f.GetColWidth(LedgerSheet, col); w < want[0] || w > want[1] {
			t.Errorf("column %s is %.0f wide, want %.0f to %.0f", col, w, want[0], want[1])
		}
	}
	// 交办日期 is a real Excel date: a day number shown as a date.
	raw, _ := f.GetCellValue(LedgerSheet, "I2", excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(LedgerSheet, "I2")
	if raw != "43551" || shown != "2019-03-27" {
		t.Errorf("交办日期: raw %q, shown %q", raw, shown)
	}
	// The figures sheet: every figure of stats.json, for 2019 and 2020.
	st := stats.Compute(site, Rows(loadAll(t, root, site), false, 0))
	figures, _ := f.GetRows(StatsSheet)
	if !reflect.DeepEqual(figures[0], []string{"分组", "项目", "2019年", "2020年"}) {
		t.Errorf("figures header %q", figures[0])
	}
	got := map[string][2]string{}
	for _, r := range figures[1:] {
		got[r[0]+"|"+r[1]] = [2]string{r[2], r[3]}
	}
	want := map[string]func(*stats.Year) int{
		"合计|建议总数 (total)":            func(y *stats.Year) int { return y.Total },
		"合计|已答复 (replied)":           func(y *stats.Year) int { return y.Replied },
		"合计|见面沟通 (met)":              func(y *stats.Year) int { return y.Met },
		"合计|重点建议 (key)":              func(y *stats.Year) int { return y.Key },
		"类别 (category)|城建交通 城建交通类":   func(y *stats.Year) int { return y.Category["城建交通"] },
		"办理结果 (outcome)|A 已经解决或基本解决": func(y *stats.Year) int { return y.Outcome["A"] },
		"办理结果 (outcome)|C 受政策和客观条件限制暂时不能解决或留作参考": func(y *stats.Year) int { return y.Outcome["C"] },
		"代表满意度 (satisfaction)|满意":                func(y *stats.Year) int { return y.Satisfaction["满意"] },
		"代表满意度 (satisfaction)|基本满意":              func(y *stats.Year) int { return y.Satisfaction["基本满意"] },
		"主办单位 (lead_unit)|区住建局":                  func(y *stats.Year) int { return y.LeadUnit["区住建局"] },
	}
	for k, get := range want {
		w := [2]string{strconv.Itoa(get(st.Years[2019])), strconv.Itoa(get(st.Years[2020]))}
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
	// The seed report's figures, as the portal shows them.
	for k, w := range map[string]string{"合计|建议总数 (total)": "133", "办理结果 (outcome)|A 已经解决或基本解决": "82", "代表满意度 (satisfaction)|满意": "129", "类别 (category)|城建交通 城建交通类": "46", "合计|重点建议 (key)": "12"} {
		if got[k][0] != w {
			t.Errorf("2019 %s: %s, want %s", k, got[k][0], w)
		}
	}
	units := 0
	for k := range got {
		if strings.HasPrefix(k, "主办单位") {
			units++
		}
	}
	all := map[string]bool{}
	for _, y := range st.Years {
		for u := range y.LeadUnit {
			all[u] = true
		}
	}
	if units != len(all) {
		t.Errorf("%d unit rows, want %d", units, len(all))
	}
}

// TestExportCSV: UTF-8 with a byte order mark, CRLF, and a ' before a cell
// that a spreadsheet would run as a formula, which import takes off again.
func TestExportCSV(t *testing.T) {
	_, root, site := demo(t)
	all := loadAll(t, root, site)
	all[0].Title = "=HYPERLINK(\"http://example.com\")"
	var b bytes.Buffer
	if err := WriteCSV(&b, site, Rows(all, false, 2019)); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "\ufeff建议编号,建议题目,领衔代表,附议代表,类别,是否重点,主办单位,协办单位,交办日期,答复日期,是否见面沟通,办理结果,代表满意度,办理年度,届次,公开日期,公开方式,不公开理由\r\n") {
		t.Errorf("start: %q", out[:200])
	}
	if !strings.Contains(out, "\r\n2019-001,\"'=HYPERLINK(\"\"http://example.com\"\")\",王建伟,李红梅,财政经济,是,区商务局,区发改委、区市场监管局,2019-03-27,2019-06-18,是,A,满意,2019,区十五届人大四次会议,2019-07-04,全文,\r\n") {
		t.Errorf("first row: %q", strings.SplitN(out, "\r\n", 3)[1])
	}
	if n := strings.Count(out, "\r\n"); n != 134 {
		t.Errorf("%d lines, want 134 (2019 only)", n)
	}
	book, _ := Open("台账.csv", b.Bytes())
	s, _ := book.Sheet("")
	if s.get(1, 1) != all[0].Title {
		t.Errorf("import reads %q", s.get(1, 1))
	}
}

// TestExportWords: with site.toml's words for outcomes, export writes the
// district's word (甲) and import reads it back.
func TestExportWords(t *testing.T) {
	fsys, site := testSite(t)
	all, errs := content.Load(fsys, site)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var b bytes.Buffer
	WriteCSV(&b, site, Rows(all, false, 0))
	if !strings.Contains(b.String(), ",2019-06-20,是,甲,满意,") {
		t.Errorf("outcome A is not written 甲:\n%s", b.String())
	}
	im, errs := prepare(t, fsys, site, "台账.csv", b.Bytes(), "")
	if errs != nil || im.Unchanged != 2 {
		t.Errorf("round trip: %v %+v", errs, im)
	}
}
