package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"rdjy.local/portal/generator/internal/diag"
)

// openCSV reads a CSV file in whatever encoding it was saved: UTF-8 with or
// without a byte order mark, UTF-16 with one, or else GB18030 (a superset
// of GBK, which Excel writes on a Chinese Windows computer).
func openCSV(file string, data []byte) (*Book, error) {
	text, encoding, err := decodeText(data)
	if err != nil {
		return nil, fileProblem(file, err.Error(), "save the ledger as an Excel workbook (.xlsx) or as CSV")
	}
	s, err := parseCSV(file, text)
	if err != nil {
		return nil, err
	}
	s.Encoding = encoding
	return &Book{File: file, Sheets: []string{""}, load: func(name string) (*Sheet, error) {
		if name != "" {
			return nil, fileProblem(file, "a CSV file has no worksheets, so -sheet "+name+" cannot be read", "leave out -sheet")
		}
		return s, nil
	}}, nil
}

func decodeText(data []byte) (text []byte, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		text, encoding = data[3:], "UTF-8"
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		text, err = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		encoding = "UTF-16"
	case utf8.Valid(data):
		text, encoding = data, "UTF-8"
	default:
		text, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		encoding = "GB18030/GBK"
	}
	if err != nil || bytes.IndexByte(text, 0) >= 0 {
		return nil, "", errors.New("not a spreadsheet: the file is neither an Excel workbook nor text in UTF-8 or GB18030")
	}
	return text, encoding, nil
}

// parseCSV splits text into cells, remembering where each cell starts. A
// stray quote is a problem at its line and column: a lenient reading would
// silently merge or split cells.
func parseCSV(file string, text []byte) (*Sheet, error) {
	lines := lineStarts(text)
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sniffComma(text)
	r.FieldsPerRecord = -1
	s := &Sheet{File: file}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, csvProblem(file, text, lines, perr)
		}
		if err != nil {
			return nil, fileProblem(file, "cannot read: "+err.Error(), "")
		}
		pos := make([]textPos, len(rec))
		for i := range rec {
			line, col := r.FieldPos(i)
			pos[i] = textPos{int32(line), int32(runeCol(lineText(text, lines, line), col-1))}
			rec[i] = unguard(rec[i])
		}
		s.rows = append(s.rows, rec)
		s.csv = append(s.csv, pos)
	}
	if s.csv == nil {
		s.csv = [][]textPos{} // not nil: Where tells CSV by it
	}
	s.rows = trimRows(s.rows)
	return s, nil
}

// unguard removes the ' that export (and many tools) put before a cell
// starting with = + - @, so that spreadsheets do not run it as a formula.
func unguard(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune("=+-@", rune(v[1])) {
		return v[1:]
	}
	return v
}

// guard is unguard's inverse, for export.
func guard(v string) string {
	if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
		return "'" + v
	}
	return v
}

func csvProblem(file string, text []byte, lines []int, perr *csv.ParseError) error {
	col := runeCol(lineText(text, lines, perr.Line), perr.Column-1)
	pos := diag.Pos{File: file, Line: perr.Line, Col: col}
	msg, hint := "CSV: "+perr.Err.Error(), "check the quotes on this line"
	switch {
	case errors.Is(perr.Err, csv.ErrBareQuote):
		msg = `a stray quote (") inside a cell that does not begin with one`
		hint = `put the whole cell in double quotes and write the quote twice ("")`
	case errors.Is(perr.Err, csv.ErrQuote) && perr.Line != perr.StartLine:
		msg = "a quoted cell opened on line " + strconv.Itoa(perr.StartLine) + " is never closed"
		pos.Line, pos.Col = perr.StartLine, 1
		hint = `end the cell with a double quote; a quote inside it is written twice ("")`
	case errors.Is(perr.Err, csv.ErrQuote):
		msg = `a quote inside a quoted cell must be written twice ("")`
		hint = `write "" for each quote inside the cell`
	}
	e := &diag.Error{Pos: pos, Msg: msg, Hint: hint}
	e.Text = string(bytes.TrimRight(lineText(text, lines, pos.Line), "\r"))
	return diag.List{e}
}

// sniffComma picks the separator of the first line: a comma unless tabs or
// semicolons are more frequent outside quotes.
func sniffComma(text []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(text) {
		if r == '"' {
			quoted = !quoted
		}
		if r == '\n' && !quoted {
			break
		}
		if !quoted {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{'\t', ';'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// lineStarts gives the byte offset where each line of text starts.
func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' && i+1 < len(text) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineText is line n (from 1) of text, without its line break.
func lineText(text []byte, starts []int, n int) []byte {
	if n < 1 || n > len(starts) {
		return nil
	}
	line := text[starts[n-1]:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return line
}
