package ledger

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/sitetest"
)

// xlsxFromCSV writes CSV-like text (no quotes; commas between cells) as a
// workbook whose sheet 台账 holds the same text cells.
func xlsxFromCSV(t testing.TB, text string) []byte {
	t.Helper()
	var rows [][]any
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		var row []any
		for _, c := range strings.Split(line, ",") {
			if c == "" {
				row = append(row, nil)
			} else {
				row = append(row, c)
			}
		}
		rows = append(rows, row)
	}
	return workbook(t, "台账", rows, nil)
}

// change replaces one cell of a CSV row: the col-th cell (from 0).
func change(row string, col int, v string) string {
	cells := strings.Split(strings.TrimSuffix(row, "\n"), ",")
	cells[col] = v
	return strings.Join(cells, ",") + "\n"
}

// Columns of the default header, for change.
const (
	cNumber = iota
	cTitle
	cLead
	cCo
	cCategory
	cKey
	cUnit
	cCoUnits
	cAssigned
	cReplied
	cMet
	cOutcome
	cSatisfaction
)

// TestImportErrors: every problem a ledger can have is reported at its
// cell, with the column's header, what was found, what was expected and
// how to fix it; and nothing is prepared.
func TestImportErrors(t *testing.T) {
	cases := []struct {
		name   string
		ledger string            // CSV-like text, read as a workbook (or CSV when csv is set)
		csv    bool              // read the ledger as 台账.csv
		files  map[string]string // more files in the site
		want   string            // a problem, as printed
	}{
		{"impossible date", header + change(row001, cReplied, "2019-02-30") + row002, false, nil,
			`台账.xlsx 台账!J2: 答复日期: found "2019-02-30": not a calendar date: 2019年2月 has 28 days (write a date such as 2019-03-27, 2019/3/27 or 2019年3月27日)`},
		{"a number but no title", header + row001 + change(row002, cTitle, ""), false, nil,
			`台账.xlsx 台账!B3: 建议题目: empty: every suggestion needs its 建议题目 (fill in the cell)`},
		{"unknown outcome", header + change(row001, cOutcome, "D") + row002, false, nil,
			`台账.xlsx 台账!L2: 办理结果: found "D", expected one of A (已经解决或基本解决), B (正在解决或列入规划解决) (write a key or a label of site.toml's [[outcomes]], or add the word to site.toml under [ledger.outcomes])`},
		{"unknown outcome in CSV", header + change(row001, cOutcome, "D") + row002, true, nil,
			`台账.csv:2:72: 办理结果: found "D", expected one of A`},
		{"unknown satisfaction", header + change(row001, cSatisfaction, "很满意") + row002, false, nil,
			`台账.xlsx 台账!M2: 代表满意度: found "很满意", expected one of 满意, 基本满意, 不满意`},
		{"yes or no", header + change(row001, cKey, "也许") + row002, false, nil,
			`台账.xlsx 台账!F2: 是否重点: found "也许", expected 是 or 否 (write 是 (or √) for yes; 否 or nothing for no)`},
		{"twice in the ledger", header + row001 + row002 + change(row001, cTitle, "另一个题目"), false, nil,
			`台账.xlsx 台账!A4: 建议编号: number "2019-001" is already in row 2 (every suggestion has one row; delete or renumber one of the two)`},
		{"twice in the CSV ledger", header + row001 + row002 + row001, true, nil,
			`台账.csv:4:1: 建议编号: number "2019-001" is already in line 2`},
		{"number in another case", header + row001 + change(change(row002, cNumber, "2019-a1"), cTitle, "关于另一件事的建议"), false,
			map[string]string{"content/suggestions/2019/a1.md": strings.Replace(suggestion002, `"2019-002"`, `"2019-A1"`, 1)},
			`台账.xlsx 台账!A3: 建议编号: found "2019-a1", but content/suggestions/2019/a1.md is numbered "2019-A1": numbers are compared without case (write the number as "2019-A1")`},
		{"number of two files", header + row001 + row002, false,
			map[string]string{"content/suggestions/2019/copy.md": suggestion002},
			`台账.xlsx 台账!A3: 建议编号: number "2019-002" is used by two files: content/suggestions/2019/002.md and content/suggestions/2019/copy.md (renumber or remove one of the files first (check reports it too))`},
		{"an outcome without a reply", header + row001 + change(row002, cOutcome, "B"), false, nil,
			`台账.xlsx 台账!L3: 办理结果: an outcome without a reply date (fill in 答复日期, or clear 办理结果)`},
		{"feedback without a reply", header + row001 + change(row002, cSatisfaction, "满意"), false, nil,
			`台账.xlsx 台账!M3: 代表满意度: deputies' feedback without a reply date (fill in 答复日期, or clear 代表满意度)`},
		{"a reply without an outcome", header + row001 + change(row002, cReplied, "2019-06-01"), false, nil,
			`台账.xlsx 台账!L3: 办理结果: a replied suggestion needs its outcome (fill in 办理结果)`},
		{"personal data", header + change(row001, cTitle, "关于加强老旧小区管理的建议（联系电话13812345678）") + row002, false, nil,
			`台账.xlsx 台账!B2: 建议题目: "13812345678" looks like a mobile phone number: deputies' personal contact details must not be published (remove it; if it is a public service number or address, list it in site.toml under public_contacts)`},
		{"personal data in a list", header + change(row001, cCo, "魏莹、0379-62345678") + row002, false, nil,
			`台账.xlsx 台账!C2: 领衔代表: "0379-62345678" looks like a landline phone number`},
		{"no category", header + row001 + change(row002, cCategory, ""), false, nil,
			`台账.xlsx 台账!E3: 类别: empty: every suggestion needs its 类别 (write one of 城建交通 (城建交通类), 财政经济 (财政经济类))`},
		{"no lead deputy", header + change(row001, cLead, "") + row002, false, nil,
			`台账.xlsx 台账!C2: 领衔代表: empty: every suggestion needs its lead deputy (领衔代表) (write the deputy's name)`},
		{"a reply before the assignment", header + change(row001, cReplied, "2019-03-01") + row002, false, nil,
			`台账.xlsx 台账!J2: 答复日期: replied 2019-03-01 is before assigned 2019-03-27 (a reply cannot come before the suggestion was assigned; check both dates)`},
		{"assigned in another year", header + change(row001, cAssigned, "2018-12-01") + row002, false, nil,
			`台账.xlsx 台账!I2: 交办日期: 2018-12-01 is not in year 2019 (check the year: suggestions are assigned in their 办理年度)`},
		{"a reply after the follow-up", header + change(row001, cReplied, "2019-10-01") + row002, false, nil,
			`content/suggestions/2019/001.md:17:8: progress[1].date: follow-up dated 2019-09-15 is before the reply of 2019-10-01 — the suggestion of row 2 of 台账.xlsx 台账 (a follow-up comes after the reply; check both dates)`},
		{"clearing a reply that has follow-ups", header + change(change(change(row001, cReplied, ""), cOutcome, ""), cSatisfaction, "") + row002, false, nil,
			`content/suggestions/2019/001.md:13:1: progress: follow-ups without a reply date — the suggestion of row 2 of 台账.xlsx 台账`},
		{"a row without a number", header + row001 + change(row002, cNumber, ""), false, nil,
			`台账.xlsx 台账!A3: 建议编号: a row without a number (give it its number (such as 2019-001), or delete the row if it is not a suggestion)`},
		{"a unit that cannot name a page", header + change(row001, cUnit, "区住建局/区财政局") + row002, false, nil,
			`台账.xlsx 台账!G2: 主办单位: "区住建局/区财政局" cannot be part of a web address (write the unit's name without / \ ? # %)`},
		{"a number that cannot name a page", header + row001 + row002 + change(row002, cNumber, "2019 003"), false, nil,
			`台账.xlsx 台账!A4: 建议编号: "2019 003" is not a suggestion number: numbers have only digits, Latin letters and - (2019-001), and become page addresses (correct the number, or delete the row if it is not a suggestion (a total, a note))`},
		{"a total at the bottom", header + row001 + row002 + "合计,2件\n", false, nil,
			`台账.xlsx 台账!A4: 建议编号: "合计" is not a suggestion number`},
		{"a new number without a year", header + row001 + row002 + change(change(row002, cNumber, "A-1"), cAssigned, ""), false, nil,
			`台账.xlsx 台账!A4: 建议编号: no year for new suggestion "A-1" (add a 办理年度 column, or write the number with its year (2019-017))`},
		{"a year that is no year", "建议编号,办理年度\n2019-001,二〇一九\n", false, nil,
			`台账.xlsx 台账!B2: 办理年度: found "二〇一九", expected a year such as 2019 (write the year in four digits)`},
		{"new suggestions without their columns", "建议编号,办理结果\n2019-001,A\n2020-001,\n", false, nil,
			`台账.xlsx 台账!1: new suggestions (1 row) need the columns 建议题目, 领衔代表, 类别, 主办单位, which the ledger does not have (add the columns, or remove the rows of numbers the site does not have)`},
		{"a new file where a file is", header + row001 + row002 + change(row002, cNumber, "2019-003"), false,
			map[string]string{"content/suggestions/2019/2019-003.md": strings.Replace(suggestion002, `"2019-002"`, `"2019-300"`, 1)},
			`台账.xlsx 台账!A4: 建议编号: new suggestion "2019-003" would be written to content/suggestions/2019/2019-003.md, which exists and holds another number (rename that file, or correct the number in the ledger)`},
		{"a file that cannot be read, with new numbers", header + row001 + row002 + change(row002, cNumber, "2019-003"), false,
			map[string]string{"content/suggestions/2019/x.md": "没有前言\n"},
			`content/suggestions/2019/x.md:1:1: missing front matter: the file must begin with a line of +++; import cannot tell whether the ledger's new numbers are this file's`},
		{"a problem elsewhere in a file the ledger lists", header + row001 + row002, false,
			map[string]string{"content/suggestions/2019/001.md": strings.Replace(suggestion001, "老旧小区配套设施不足。", "联系电话13812345678。", 1)},
			`content/suggestions/2019/001.md:23:5: "13812345678" looks like a mobile phone number: deputies' personal contact details must not be published — the suggestion of row 2 of 台账.xlsx 台账`},
		{"two columns for one field", strings.TrimSuffix(header, "\n") + ",办理类别\n" + row001, false, nil,
			`台账.xlsx 台账!N1: 办理类别: "办理类别" and "办理结果" (column L) are both read as 办理结果 (delete one of the two columns, or list one under ignore in site.toml's [ledger])`},
		{"no header row", "序号,名称\n1,甲\n", false, nil,
			`台账.xlsx 台账: no header row found in the first 30 rows: looked for a row naming 建议编号 and other columns: 建议编号/编号/建议号/案号/建议案号; 建议题目/标题/`},
		{"no number column", "建议题目,领衔代表,类别\n关于,郭宇清,城建交通\n", false, nil,
			`台账.xlsx 台账!1: the header row (row 1: 建议题目, 领衔代表, 类别) has no 建议编号 column (add a 建议编号 column with each suggestion's number (2019-001), or name its header in site.toml: [ledger.headers] number = ["…"])`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys, site := testSite(t)
			for name, text := range c.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			file, data := "台账.xlsx", []byte(nil)
			if c.csv {
				file, data = "台账.csv", []byte(c.ledger)
			} else {
				data = xlsxFromCSV(t, c.ledger)
			}
			im, errs := prepare(t, fsys, site, file, data, "")
			if im != nil {
				t.Fatalf("prepared, want the problem\n%s", c.want)
			}
			for _, e := range errs {
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("want a problem starting with\n  %s\ngot\n%s", c.want, lines(errs))
		})
	}
}

// TestWorkbookFormulas: a formula's last value is read, and counted; an
// error value and a formula never calculated are problems at their cells.
func TestWorkbookFormulas(t *testing.T) {
	fsys, site := testSite(t)
	data := xlsxFromCSV(t, header+row001+row002)
	ok := rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		return setCellXML(x, "L2", `<c r="L2" t="str"><f>IF(TRUE,&quot;A&quot;,&quot;B&quot;)</f><v>A</v></c>`)
	})
	im, errs := prepare(t, fsys, site, "台账.xlsx", ok, "")
	if errs != nil {
		t.Fatal(errs)
	}
	if im.Formulas != 1 || im.Unchanged != 2 {
		t.Errorf("formulas %d, unchanged %d", im.Formulas, im.Unchanged)
	}
	bad := rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		x = setCellXML(x, "L2", `<c r="L2" t="e"><f>VLOOKUP(A2,结果!A:B,2,0)</f><v>#REF!</v></c>`)
		return setCellXML(x, "G3", `<c r="G3"><f>单位!B7</f></c>`)
	})
	_, errs = prepare(t, fsys, site, "台账.xlsx", bad, "")
	want := "台账.xlsx 台账!L2: 办理结果: the cell's formula gives the error #REF! (correct the formula, or type the value)\n" +
		"台账.xlsx 台账!G3: 主办单位: the cell holds a formula that was never calculated, so it has no value to read (open the workbook in Excel or WPS and save it, so that the formula is calculated, or type the value)\n"
	if got := lines(errs); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}

// TestWorkbookLayout: a ledger as a district keeps it: a title row merged
// above, the header over two rows with merged cells, columns in another
// order with other names, a unit merged over two suggestions, Excel dates,
// the district's words for outcomes, notes in an unknown column.
func TestWorkbookLayout(t *testing.T) {
	fsys, site := testSite(t)
	data := workbook(t, "2019年度", [][]any{
		{"2019年度人大代表建议办理台账"},
		{"序号", "编号", "标题", "提出人", "附议人", "类型", "承办单位", "办理情况", nil, nil, "备注"},
		{nil, nil, nil, nil, nil, nil, nil, "答复时间", "办理类别", "代表意见"},
		{1, "2019-001", "关于加强老旧小区\n管理的建议", "郭宇清", "魏莹", "城建交通类", "区住建局", day("2019-06-20"), "甲", "满意", "已回访"},
		{2, "２０１９－００２", "关于完善社区养老服务的建议", "尚顺玲", nil, "财政经济", nil, day("2019-07-01"), "乙", "基本满意"},
	}, func(f *excelize.File) {
		f.MergeCell("2019年度", "A1", "K1")
		for _, col := range []string{"A", "B", "C", "D", "E", "F", "G", "K"} {
			f.MergeCell("2019年度", col+"2", col+"3")
		}
		f.MergeCell("2019年度", "H2", "J2")
		f.SetCellValue("2019年度", "G5", "区民政局")
	})
	im, errs := prepare(t, fsys, site, "台账.xlsx", data, "")
	if errs != nil {
		t.Fatal(errs)
	}
	if im.HeaderRow != 3 || im.Rows != 2 || strings.Join(im.Ignored, ", ") != "备注 (K)" {
		t.Errorf("header row %d, rows %d, ignored %q", im.HeaderRow, im.Rows, im.Ignored)
	}
	if len(im.Updated) != 1 || im.Updated[0].Number != "2019-002" {
		t.Fatalf("updated %+v", im.Updated)
	}
	got := im.Updated[0].Fields
	want := []FieldChange{{"replied", "—", "2019-07-01"}, {"outcome", "—", "B"}, {"satisfaction", "—", "基本满意"}}
	if len(got) != len(want) {
		t.Fatalf("changes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %v, want %v", got[i], want[i])
		}
	}
}

// TestImport writes an import into a site on disk and checks every byte.
func TestImport(t *testing.T) {
	dir := writeSite(t)
	site := siteConfig(t)
	ledger := header +
		change(change(row001, cOutcome, "乙"), cSatisfaction, "基本满意") +
		change(change(change(row002, cReplied, "2019年6月1日"), cOutcome, "A"), cCoUnits, "区财政局；区卫健委") +
		"2019-003,关于增设公交站点的建议,李红梅,\"王建伟、\n张丽华\",城建交通,√,区交通局,,2019.4.2,,,,\n"
	before := sitetest.ReadTree(t, dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	im, errs := prepare(t, root.FS(), site, "台账.csv", []byte(ledger), "")
	if errs != nil {
		t.Fatal(errs)
	}
	var summary strings.Builder
	im.Summary(&summary, true)
	want := `Read 台账.csv (UTF-8): header in row 1, 3 suggestions.
1 new suggestion, written as a draft (draft = true) until its texts are written:
  2019-003  content/suggestions/2019/2019-003.md
2 updated:
  2019-001: outcome A → B, satisfaction 满意 → 基本满意
  2019-002: co_units — → 区财政局、区卫健委, replied — → 2019-06-01, outcome — → A
0 unchanged.
Dry run: nothing was written.
`
	if summary.String() != want {
		t.Errorf("summary\n%s\nwant\n%s", summary.String(), want)
	}
	if after := sitetest.ReadTree(t, dir); len(after) != len(before) || after["content/suggestions/2019/001.md"] != suggestion001 {
		t.Fatal("preparing wrote something")
	}
	if err := im.Write(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	after := sitetest.ReadTree(t, dir)
	wantFiles := map[string]string{
		"content/suggestions/2019/001.md": strings.NewReplacer(`outcome = "A"`, `outcome = "B"`, `satisfaction = "满意"`, `satisfaction = "基本满意"`).Replace(suggestion001),
		"content/suggestions/2019/002.md": strings.Replace(suggestion002, "lead_unit = \"区民政局\"\nassigned = 2019-03-27\n",
			"lead_unit = \"区民政局\"\nco_units = [\"区财政局\", \"区卫健委\"]\nassigned = 2019-03-27\nreplied = 2019-06-01\noutcome = \"A\"\n", 1),
		"content/suggestions/2019/2019-003.md": `+++
number = "2019-003"
title = "关于增设公交站点的建议"
year = 2019
deputies = ["李红梅", "王建伟", "张丽华"]
category = "城建交通"
key = true
lead_unit = "区交通局"
assigned = 2019-04-02
met = false
draft = true
+++

## 建议内容

## 办理答复
`,
		"site.toml": siteTOML,
	}
	if len(after) != len(wantFiles) {
		t.Errorf("files %v", keys(after))
	}
	for name, w := range wantFiles {
		if after[name] != w {
			t.Errorf("%s:\n%s\nwant\n%s", name, after[name], w)
		}
	}
	// The same ledger again changes nothing.
	again, errs := prepare(t, root.FS(), site, "台账.csv", []byte(ledger), "")
	if errs != nil {
		t.Fatal(errs)
	}
	if len(again.New)+len(again.Updated) != 0 || again.Unchanged != 3 || len(again.files) != 0 {
		t.Errorf("second import: new %v, updated %v, unchanged %d", again.New, again.Updated, again.Unchanged)
	}
}

// TestImportIsAllOrNothing: one bad row among good ones, and not a byte
// changes; a cancelled write leaves no file changed and no temporary file.
func TestImportIsAllOrNothing(t *testing.T) {
	dir := writeSite(t)
	site := siteConfig(t)
	before := sitetest.ReadTree(t, dir)
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	ledger := header + change(row001, cOutcome, "B") + change(row002, cReplied, "2019-02-30") + change(row002, cNumber, "2019-003")
	if im, _ := prepare(t, root.FS(), site, "台账.csv", []byte(ledger), ""); im != nil {
		t.Fatal("a ledger with a bad row was prepared")
	}
	good := header + change(row001, cOutcome, "B") + change(change(row002, cNumber, "2020-003"), cAssigned, "2020-03-27")
	im, errs := prepare(t, root.FS(), site, "台账.csv", []byte(good), "")
	if errs != nil {
		t.Fatal(errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := im.Write(ctx, root); err == nil {
		t.Fatal("a cancelled import wrote")
	}
	if after := sitetest.ReadTree(t, dir); len(after) != len(before) {
		t.Errorf("files after a cancelled import: %v", keys(after))
	} else {
		for name := range before {
			if after[name] != before[name] {
				t.Errorf("%s changed", name)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/suggestions/2020")); err == nil {
		t.Error("the folder made for the new file is left behind")
	}
}

func writeSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	fsys, _ := testSite(t)
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	return dir
}

func siteConfig(t testing.TB) *config.Site {
	_, site := testSite(t)
	return site
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestDeputiesColumns: 领衔代表 and 附议代表 together make deputies; either
// alone changes only its part.
func TestDeputiesColumns(t *testing.T) {
	cases := []struct{ ledger, want string }{
		{"建议编号,领衔代表,附议代表\n2019-001,尚顺玲,李红梅、王芳\n", "尚顺玲、李红梅、王芳"},
		{"建议编号,领衔代表\n2019-001,尚顺玲\n", "尚顺玲、魏莹"},
		{"建议编号,附议代表\n2019-001,李红梅\n", "郭宇清、李红梅"},
		{"建议编号,附议代表\n2019-001,\n", "郭宇清"},
	}
	for _, c := range cases {
		fsys, site := testSite(t)
		im, errs := prepare(t, fsys, site, "台账.csv", []byte(c.ledger), "")
		if errs != nil {
			t.Fatal(errs)
		}
		if len(im.Updated) != 1 || im.Updated[0].Fields[0] != (FieldChange{"deputies", "郭宇清、魏莹", c.want}) {
			t.Errorf("%q: %+v", c.ledger, im.Updated)
		}
	}
}

// TestNewSuggestionYear: a new suggestion's year is the 办理年度 column's,
// else the number's, else that of the day it was assigned.
func TestNewSuggestionYear(t *testing.T) {
	head := "建议编号,办理年度,建议题目,领衔代表,类别,主办单位,交办日期\n"
	for _, c := range []struct{ row, file string }{
		{"2021-001,2020,关于,郭宇清,城建交通,区住建局,2020-04-01\n", "content/suggestions/2020/2021-001.md"},
		{"2021-001,,关于,郭宇清,城建交通,区住建局,\n", "content/suggestions/2021/2021-001.md"},
		{"A-1,,关于,郭宇清,城建交通,区住建局,2019年4月2日\n", "content/suggestions/2019/A-1.md"},
	} {
		fsys, site := testSite(t)
		im, errs := prepare(t, fsys, site, "台账.csv", []byte(head+c.row), "")
		if errs != nil {
			t.Fatal(errs)
		}
		if len(im.New) != 1 || im.New[0].File != c.file {
			t.Errorf("%q: new %+v, want %s", c.row, im.New, c.file)
		}
	}
}

// TestSheetChoice: without -sheet, import reads the sheet the workbook
// opens on, or else the first with a header row.
func TestSheetChoice(t *testing.T) {
	fsys, site := testSite(t)
	data := workbook(t, "说明", [][]any{{"本表为2019年度建议办理台账，请勿改动表头。"}}, func(f *excelize.File) {
		f.NewSheet("2019年")
		f.SetSheetRow("2019年", "A1", &[]any{"建议编号", "建议题目", "办理结果"})
		f.SetSheetRow("2019年", "A2", &[]any{"2019-001", "关于加强老旧小区管理的建议", "乙"})
	})
	im, errs := prepare(t, fsys, site, "台账.xlsx", data, "")
	if errs != nil {
		t.Fatal(errs)
	}
	if im.Source != "台账.xlsx '2019年'" || len(im.Updated) != 1 {
		t.Errorf("read %s, updated %+v", im.Source, im.Updated)
	}
	_, errs = prepare(t, fsys, site, "台账.xlsx", data, "说明")
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "台账.xlsx 说明: no header row found") {
		t.Errorf("-sheet 说明: %v", errs)
	}
}

// TestImportIntoEmptySite: a site without suggestions yet (no
// content/suggestions folder) takes its first ledger as new drafts.
func TestImportIntoEmptySite(t *testing.T) {
	_, site := testSite(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte(siteTOML), 0o644)
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	im, errs := prepare(t, root.FS(), site, "台账.csv", []byte(header+row001+row002), "")
	if errs != nil {
		t.Fatal(errs)
	}
	if len(im.New) != 2 || im.Untouched != 0 {
		t.Fatalf("new %+v, untouched %d", im.New, im.Untouched)
	}
	if err := im.Write(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	all := loadAll(t, root, site)
	if len(all) != 2 || !all[0].Draft || all[0].Outcome != "A" || !all[1].Replied.IsZero() {
		t.Errorf("written: %+v", all)
	}
}

// TestDisclosureColumns: the ledger's 公开日期, 公开方式 and 不公开理由 fill
// published, disclosure and disclosure_reason, as ledgers write them; 全文
// is the default a file need not write; a withheld reply without a reason
// is check's error, at the ledger's cell.
func TestDisclosureColumns(t *testing.T) {
	head := "建议编号,公开日期,公开方式,不公开理由\n"
	cases := []struct {
		row  string
		want []FieldChange
		err  string
	}{
		{"2019-001,2019年6月28日,全文公开,\n", []FieldChange{{"published", "—", "2019-06-28"}}, ""},
		{"2019-001,,全文,\n", nil, ""},
		{"2019-001,2019/6/28,不予公开,答复涉及国家秘密\n", []FieldChange{
			{"published", "—", "2019-06-28"}, {"disclosure", "全文", "不公开"}, {"disclosure_reason", "—", "答复涉及国家秘密"}}, ""},
		{"2019-001,,不公开,\n", nil, "台账.csv:2:11: 公开方式: a suggestion whose handling is not published (不公开) needs the reason"},
		{"2019-001,,部分,\n", nil, `台账.csv:2:11: 公开方式: found "部分", expected 全文, 摘要 or 不公开`},
	}
	for _, c := range cases {
		fsys, site := testSite(t)
		im, errs := prepare(t, fsys, site, "台账.csv", []byte(head+c.row), "")
		if c.err != "" {
			if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.err) {
				t.Errorf("%q: errors %v, want %s", c.row, errs, c.err)
			}
			continue
		}
		if errs != nil {
			t.Fatalf("%q: %v", c.row, errs)
		}
		var got []FieldChange
		for _, u := range im.Updated {
			got = append(got, u.Fields...)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: changes %+v, want %+v", c.row, got, c.want)
		}
	}
}
