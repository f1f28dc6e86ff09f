package ledger

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
	"rdjy.local/portal/generator/internal/diag"
)

// workbook writes an .xlsx file with excelize: rows into the sheet name,
// from A1. A time.Time becomes an Excel date shown as yyyy-mm-dd. edit,
// when given, changes the file further before it is saved.
func workbook(t testing.TB, name string, rows [][]any, edit func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", name); err != nil {
		t.Fatal(err)
	}
	dateFmt := "yyyy-mm-dd"
	day, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(name, ref, v); err != nil {
				t.Fatal(err)
			}
			if _, isDate := v.(time.Time); isDate {
				f.SetCellStyle(name, ref, ref, day)
			}
		}
	}
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rewritePart changes one part of an .xlsx file, for what excelize cannot
// write (an error value computed by Excel).
func rewritePart(t testing.TB, data []byte, part string, change func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == part {
			b = []byte(change(string(b)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

// setCellXML replaces the XML of one cell of a worksheet.
func setCellXML(sheet, ref, xml string) string {
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	if !re.MatchString(sheet) {
		panic("no cell " + ref)
	}
	return re.ReplaceAllLiteralString(sheet, xml)
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// siteTOML is the test site's settings, with the district's words 甲乙丙 for
// the outcomes.
const siteTOML = configtest.TOML + `
[ledger]
ignore = ["序号"]
[ledger.outcomes]
"甲" = "A"
"乙" = "B"
`

// suggestion001 has every kind of line import must keep: comments, a
// follow-up, a body.
const suggestion001 = `+++
number = "2019-001"   # 建议编号
title = "关于加强老旧小区管理的建议"
year = 2019
deputies = ["郭宇清", "魏莹"]
category = "城建交通"
key = true
lead_unit = "区住建局"
co_units = ["区财政局"]
assigned = 2019-03-27
replied = 2019-06-20
met = true
outcome = "A"
satisfaction = "满意"

[[progress]]
date = 2019-09-15
text = "已完成11个小区健身器材补充更换。"
+++

## 建议内容

老旧小区配套设施不足。

## 办理答复

已办理。
`

const suggestion002 = `+++
number = "2019-002"
title = "关于完善社区养老服务的建议"
year = 2019
deputies = ["尚顺玲"]
category = "财政经济"
lead_unit = "区民政局"
assigned = 2019-03-27
+++

## 建议内容

养老。
`

// testSite is a site of two suggestions of 2019.
func testSite(t testing.TB) (fstest.MapFS, *config.Site) {
	t.Helper()
	fsys := fstest.MapFS{
		"site.toml":                       {Data: []byte(siteTOML)},
		"content/suggestions/2019/001.md": {Data: []byte(suggestion001)},
		"content/suggestions/2019/002.md": {Data: []byte(suggestion002)},
	}
	site, errs := config.Parse("site.toml", []byte(siteTOML))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return fsys, site
}

// header is the default header row, as CSV.
const header = "建议编号,建议题目,领衔代表,附议代表,类别,是否重点,主办单位,协办单位,交办日期,答复日期,是否见面沟通,办理结果,代表满意度\n"

// row001 and row002 say what the test site says.
const (
	row001 = "2019-001,关于加强老旧小区管理的建议,郭宇清,魏莹,城建交通,是,区住建局,区财政局,2019-03-27,2019-06-20,是,A,满意\n"
	row002 = "2019-002,关于完善社区养老服务的建议,尚顺玲,,财政经济,否,区民政局,,2019-03-27,,否,,\n"
)

// prepare runs Prepare on a ledger file against fsys.
func prepare(t testing.TB, fsys fs.FS, site *config.Site, file string, data []byte, sheet string) (*Import, diag.List) {
	t.Helper()
	book, err := Open(file, data)
	if err != nil {
		return nil, err.(diag.List)
	}
	defer book.Close()
	im, err := Prepare(context.Background(), fsys, site, book, sheet)
	if err != nil {
		return nil, err.(diag.List)
	}
	return im, nil
}

// lines is the error list as its lines.
func lines(errs diag.List) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}
