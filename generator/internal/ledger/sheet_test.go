package ledger

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// TestCSVEncodings: the same ledger saved by Excel on a Chinese Windows
// computer (GBK, no byte order mark), by WPS (UTF-8 with one), by a script
// (UTF-8 without), as Excel's Unicode text (UTF-16, tabs) and with
// semicolons reads the same.
func TestCSVEncodings(t *testing.T) {
	text := header + row001 + row002
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(strings.ReplaceAll(text, "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(text, ",", "\t"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, data, encoding string }{
		{"GBK", gbk, "GB18030/GBK"},
		{"UTF-8 with BOM", "\ufeff" + text, "UTF-8"},
		{"UTF-8", text, "UTF-8"},
		{"UTF-16 with tabs", utf16, "UTF-16"},
		{"semicolons", strings.ReplaceAll(text, ",", ";"), "UTF-8"},
	}
	var want [][]string
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			book, err := Open("台账.csv", []byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			s, err := book.Sheet("")
			if err != nil {
				t.Fatal(err)
			}
			if s.Encoding != c.encoding {
				t.Errorf("encoding %q, want %q", s.Encoding, c.encoding)
			}
			if len(s.rows) != 3 || s.get(1, 1) != "关于加强老旧小区管理的建议" || s.get(2, 10) != "否" || len(s.rows[2]) != 11 {
				t.Errorf("rows: %q", s.rows)
			}
			if want == nil {
				want = s.rows
			} else if !reflect.DeepEqual(s.rows, want) {
				t.Errorf("differs from the first:\n%q\n%q", s.rows, want)
			}
		})
	}
}

func TestCSVPositions(t *testing.T) {
	data := "标题行\n\n" + header + "2019-001,\"关于加强\n老旧小区管理的建议\",郭宇清\n2019-002,关于完善社区养老服务的建议,尚顺玲\n"
	book, _ := Open("台账.csv", []byte(data))
	s, _ := book.Sheet("")
	// csv skips the empty line 2: rows are records, places are lines.
	for _, c := range []struct {
		row, col int
		want     string
	}{
		{0, 0, "台账.csv:1:1"},
		{1, 1, "台账.csv:3:6"},
		{2, 2, "台账.csv:5:12"}, // after a cell of two lines
		{3, 1, "台账.csv:6:10"},
		{3, 2, "台账.csv:6:24"},
	} {
		if got := s.Where(c.row, c.col); got != c.want {
			t.Errorf("Where(%d, %d) = %s, want %s", c.row, c.col, got, c.want)
		}
	}
}

func TestOpenRefuses(t *testing.T) {
	good := workbook(t, "台账", [][]any{{"建议编号"}}, nil)
	var encrypted bytes.Buffer
	f, _ := excelize.OpenReader(bytes.NewReader(good))
	if err := f.Write(&encrypted, excelize.Options{Password: "督查室"}); err != nil {
		t.Fatal(err)
	}
	xls := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	xls = append(xls, utf16le("Workbook")...)
	cases := []struct {
		name string
		file string
		data []byte
		want string
	}{
		{"password", "台账.xlsx", encrypted.Bytes(), "台账.xlsx: the workbook is protected with a password to open it, so it cannot be read (open it in Excel, remove the password"},
		{"truncated", "台账.xlsx", good[:len(good)/2], "台账.xlsx: corrupt workbook: zip: not a valid zip file (open it in Excel or WPS and save it again as an Excel workbook (.xlsx))"},
		{"damaged", "台账.xlsx", damage(good), "台账.xlsx: corrupt workbook: "},
		{"no zip at all", "台账.xlsx", []byte("建议编号,建议题目\n"), "台账.xlsx: corrupt workbook: the file does not begin as an .xlsx file does"},
		{"old xls", "台账.xls", xls, "台账.xls: an Excel 97-2003 workbook (.xls): import reads the newer .xlsx format (open it in Excel or WPS and save it as an Excel workbook (.xlsx))"},
		{"a PDF", "台账.pdf", []byte("%PDF-1.4\n"), "台账.pdf: not a spreadsheet: import reads Excel workbooks (.xlsx) and .csv files"},
		{"a Word file", "台账.docx", rewritePart(t, good, "xl/workbook.xml", func(string) string { return "" }), "台账.docx: corrupt workbook"},
		{"binary named csv", "台账.csv", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0xff}, "台账.csv: not a spreadsheet: the file is neither an Excel workbook nor text in UTF-8 or GB18030"},
		{"stray quote", "台账.csv", []byte(header + "2019-001,关于\"加强\"老旧小区管理的建议,郭宇清\n"), `台账.csv:2:12: a stray quote (") inside a cell that does not begin with one (put the whole cell in double quotes and write the quote twice (""))`},
		{"quote not closed", "台账.csv", []byte(header + "2019-001,\"关于加强老旧小区管理的建议,郭宇清\n2019-002,x,y\n"), "台账.csv:2:1: a quoted cell opened on line 2 is never closed"},
		{"quote inside quotes", "台账.csv", []byte(header + "2019-001,\"关于\"加强\"的建议\",郭宇清\n"), `台账.csv:2:13: a quote inside a quoted cell must be written twice ("")`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			book, err := Open(c.file, c.data)
			if err == nil {
				_, err = book.Sheet(book.Sheets[0])
				book.Close()
			}
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("got  %v\nwant %s", err, c.want)
			}
		})
	}
}

// damage overwrites the middle of a file: compressed data that no longer
// decompresses, or not to what its checksum says.
func damage(data []byte) []byte {
	out := append([]byte(nil), data...)
	for i := len(out) / 4; i < len(out)/2; i++ {
		out[i] ^= 0x5a
	}
	return out
}

func TestWorkbookSheets(t *testing.T) {
	data := workbook(t, "说明", [][]any{{"本表为2019年度建议办理台账"}}, func(f *excelize.File) {
		f.NewSheet("2019年")
		f.SetSheetRow("2019年", "A1", &[]any{"建议编号", "建议题目"})
		f.SetActiveSheet(1)
	})
	book, err := Open("台账.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if !reflect.DeepEqual(book.Sheets, []string{"说明", "2019年"}) || book.Active != 1 {
		t.Errorf("sheets %q, active %d", book.Sheets, book.Active)
	}
	_, err = book.Sheet("2020年")
	if want := `台账.xlsx: no worksheet named "2020年"; the workbook has "说明", "2019年" (give -sheet one of these names`; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	s, _ := book.Sheet("2019年")
	if got := s.Where(11, 5); got != "台账.xlsx '2019年'!F12" {
		t.Errorf("Where: %s", got)
	}
}

// TestWorkbookCells: Excel dates, a title row merged above the header,
// a unit merged over two rows, formulas with and without their value, an
// error value, trailing empty rows and columns.
func TestWorkbookCells(t *testing.T) {
	data := workbook(t, "台账", [][]any{
		{"2019年度人大代表建议办理台账"},
		{"建议编号", "主办单位", "交办日期", "办理结果", "", ""},
		{"2019-001", "区住建局", day("2019-03-27"), "A"},
		{"2019-002", nil, time.Date(2019, 3, 28, 15, 30, 0, 0, time.UTC), "B"},
		{"2019-003", "区民政局", "2019/3/29", "C"},
		{"", "", "", "", "", ""},
	}, func(f *excelize.File) {
		f.MergeCell("台账", "A1", "D1")
		f.MergeCell("台账", "B3", "B4")
		f.SetCellStr("台账", "E9", "")
	})
	// Formulas as Excel saves them: with their last result, an error value
	// marked t="e", and one never calculated, without a value.
	data = rewritePart(t, data, "xl/worksheets/sheet1.xml", func(x string) string {
		x = setCellXML(x, "D3", `<c r="D3" t="str"><f>IF(TRUE,&quot;A&quot;,&quot;B&quot;)</f><v>A</v></c>`)
		x = setCellXML(x, "D4", `<c r="D4" t="e"><f>VLOOKUP(A4,Sheet9!A:B,2,0)</f><v>#REF!</v></c>`)
		return setCellXML(x, "D5", `<c r="D5"><f>CONCAT(&quot;C&quot;)</f></c>`)
	})
	book, err := Open("台账.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	s, err := book.Sheet("台账")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"2019年度人大代表建议办理台账", "2019年度人大代表建议办理台账", "2019年度人大代表建议办理台账", "2019年度人大代表建议办理台账"},
		{"建议编号", "主办单位", "交办日期", "办理结果"},
		{"2019-001", "区住建局", "43551", "A"},
		{"2019-002", "区住建局", "43552.645833333336", "#REF!"},
		{"2019-003", "区民政局", "2019/3/29"}, // the formula without a value reads as nothing
	}
	if !reflect.DeepEqual(s.rows, want) {
		t.Errorf("rows\n got %q\nwant %q", s.rows, want)
	}
	notes := map[cell]cellNote{{2, 3}: formulaCached, {3, 3}: formulaError, {4, 3}: formulaNoValue}
	if !reflect.DeepEqual(s.notes, notes) {
		t.Errorf("notes %v, want %v", s.notes, notes)
	}
}
