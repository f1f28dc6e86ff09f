package ledger

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"rdjy.local/portal/generator/internal/diag"
)

// A Book is an opened ledger file: the worksheets of an .xlsx workbook, or
// the one table of a CSV file.
type Book struct {
	File   string   // as the webmaster named it, for messages
	Sheets []string // worksheet names in the workbook's order; one "" for CSV
	Active int      // the sheet Excel shows when the file is opened

	load  func(name string) (*Sheet, error)
	close func() error
}

// Sheet reads one worksheet by name ("" for a CSV file).
func (b *Book) Sheet(name string) (*Sheet, error) { return b.load(name) }

// Close releases what reading the workbook holds (excelize's temporary files).
func (b *Book) Close() error {
	if b.close == nil {
		return nil
	}
	return b.close()
}

// A Sheet is the cells of one worksheet or CSV file, as text, with what is
// needed to name each cell's place in messages.
type Sheet struct {
	File     string
	Name     string // the worksheet; "" for CSV
	Encoding string // CSV: the encoding it was read in

	rows  [][]string
	csv   [][]textPos       // CSV: where each cell starts in the file
	notes map[cell]cellNote // xlsx: cells holding a formula or an error
	// date1904 is the workbook's date system: Excel for Mac before 2011
	// counted days from 1904.
	date1904 bool
}

type cell struct{ row, col int }

type textPos struct{ line, col int32 }

// cellNote says what an .xlsx cell holds besides a value.
type cellNote uint8

const (
	formulaCached  cellNote = iota + 1 // a formula with its last calculated value
	formulaNoValue                     // a formula that was never calculated
	formulaError                       // an error value such as #REF!
)

// get is the text of a cell; rows and columns count from 0.
func (s *Sheet) get(row, col int) string {
	if row >= len(s.rows) || col >= len(s.rows[row]) {
		return ""
	}
	return s.rows[row][col]
}

// Where names a cell the way the webmaster finds it: "台账.xlsx 台账!F12" in
// a workbook, "台账.csv:12:6" (line and character) in a CSV file.
func (s *Sheet) Where(row, col int) string {
	if s.csv != nil {
		p := textPos{int32(row + 1), 1}
		if row < len(s.csv) && col < len(s.csv[row]) {
			p = s.csv[row][col]
		} else if row < len(s.csv) && len(s.csv[row]) > 0 {
			p = s.csv[row][0]
		}
		return s.File + ":" + strconv.Itoa(int(p.line)) + ":" + strconv.Itoa(int(p.col))
	}
	return s.File + " " + sheetRef(s.Name) + "!" + ColumnName(col) + strconv.Itoa(row+1)
}

// whereRow names a whole row: its first cell in CSV, "台账!12" in a workbook.
func (s *Sheet) whereRow(row int) string {
	if s.csv != nil {
		return s.Where(row, 0)
	}
	return s.File + " " + sheetRef(s.Name) + "!" + strconv.Itoa(row+1)
}

// whereSheet names the sheet as a whole.
func (s *Sheet) whereSheet() string {
	if s.csv != nil {
		return s.File
	}
	return s.File + " " + sheetRef(s.Name)
}

// sheetRef writes a sheet name as Excel does in a reference: quoted when it
// starts with a digit or has anything but letters, digits and _.
func sheetRef(name string) string {
	for i, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' || i == 0 && unicode.IsDigit(r) {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}

// ColumnName is the spreadsheet letter of a column counted from 0: A, Z, AA.
func ColumnName(col int) string {
	name := ""
	for col++; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name
}

// Open recognises a ledger file by its content (the name's extension only
// chooses among text formats): an .xlsx workbook, or a CSV file. Anything
// else, a password-protected or corrupt workbook, an old .xls, gets a
// problem saying what it is and what to do.
func Open(file string, data []byte) (*Book, error) {
	ext := strings.ToLower(filepath.Ext(file))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return openXLSX(file, data)
	case bytes.HasPrefix(data, oleMagic):
		return nil, oleProblem(file, data)
	case ext == ".xlsx" || ext == ".xlsm":
		return nil, fileProblem(file, "corrupt workbook: the file does not begin as an .xlsx file does",
			"open it in Excel or WPS and save it again as an Excel workbook (.xlsx)")
	case ext == ".csv" || ext == ".txt" || ext == ".tsv":
		return openCSV(file, data)
	}
	return nil, fileProblem(file, "not a spreadsheet: import reads Excel workbooks (.xlsx) and .csv files",
		"save the ledger as an Excel workbook (.xlsx) or as CSV")
}

// oleMagic begins Microsoft's compound files: old .xls workbooks, and
// .xlsx workbooks encrypted with a password to open.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func oleProblem(file string, data []byte) error {
	if bytes.Contains(data, utf16le("EncryptionInfo")) {
		return fileProblem(file, "the workbook is protected with a password to open it, so it cannot be read",
			"open it in Excel, remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密, clear it), save, and import again")
	}
	if bytes.Contains(data, utf16le("Workbook")) || bytes.Contains(data, utf16le("Book")) {
		return fileProblem(file, "an Excel 97-2003 workbook (.xls): import reads the newer .xlsx format",
			"open it in Excel or WPS and save it as an Excel workbook (.xlsx)")
	}
	return fileProblem(file, "an Office file that is not an Excel workbook",
		"save the ledger as an Excel workbook (.xlsx) or as CSV")
}

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// fileProblem is a problem with the ledger file as a whole.
func fileProblem(file, msg, hint string) error {
	return diag.List{{Pos: diag.Pos{File: file}, Msg: msg, Hint: hint}}
}

// trimRows drops trailing empty cells of every row and trailing empty rows:
// what a spreadsheet keeps of cells once formatted but now empty.
func trimRows(rows [][]string) [][]string {
	for i, r := range rows {
		n := len(r)
		for n > 0 && isBlank(r[n-1]) {
			n--
		}
		rows[i] = r[:n]
	}
	n := len(rows)
	for n > 0 && len(rows[n-1]) == 0 {
		n--
	}
	return rows[:n]
}

// isBlank reports whether a cell holds nothing but spaces, full-width ones
// included.
func isBlank(s string) bool {
	return strings.TrimFunc(s, isSpace) == ""
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' }

// runeCol converts a byte offset within line to a character column from 1.
func runeCol(line []byte, offset int) int {
	if offset > len(line) {
		offset = len(line)
	}
	return utf8.RuneCount(line[:offset]) + 1
}
