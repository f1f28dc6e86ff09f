package ledger

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// openXLSX opens a workbook with excelize. The values of a sheet are then
// streamed row by row (a ledger of 50,000 rows is never held as excelize's
// cell structures); a second, light pass over the sheet's XML finds what
// the stream does not say: merged cells, formulas and error values.
func openXLSX(file string, data []byte) (*Book, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fileProblem(file, "corrupt workbook: "+err.Error(),
			"open it in Excel or WPS and save it again as an Excel workbook (.xlsx)")
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fileProblem(file, "not an Excel workbook: the file has no worksheets",
			"save the ledger as an Excel workbook (.xlsx) or as CSV")
	}
	b := &Book{File: file, Sheets: sheets, close: f.Close}
	if name := f.GetSheetName(f.GetActiveSheetIndex()); name != "" {
		for i, s := range sheets {
			if s == name {
				b.Active = i
			}
		}
	}
	props, _ := f.GetWorkbookProps()
	date1904 := props.Date1904 != nil && *props.Date1904
	b.load = func(name string) (*Sheet, error) {
		if !slices.Contains(sheets, name) {
			return nil, fileProblem(file, "no worksheet named "+strconv.Quote(name)+"; the workbook has "+quoteList(sheets),
				"give -sheet one of these names, or leave it out to read the sheet the workbook opens on")
		}
		return readSheet(file, data, f, name, date1904)
	}
	return b, nil
}

func readSheet(file string, data []byte, f *excelize.File, name string, date1904 bool) (*Sheet, error) {
	s := &Sheet{File: file, Name: name, date1904: date1904}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, fileProblem(file, "cannot read worksheet "+strconv.Quote(name)+": "+err.Error(), "")
	}
	defer rows.Close()
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileProblem(file, "cannot read worksheet "+strconv.Quote(name)+": "+err.Error(), "")
		}
		s.rows = append(s.rows, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, fileProblem(file, "cannot read worksheet "+strconv.Quote(name)+": "+err.Error(), "")
	}
	x, err := scanSheetXML(data, name)
	if err != nil {
		return nil, fileProblem(file, "corrupt workbook: "+err.Error(),
			"open it in Excel or WPS and save it again as an Excel workbook (.xlsx)")
	}
	s.notes = x.notes
	s.rows = fillMerged(trimRows(s.rows), x.merges)
	return s, nil
}

// fillMerged gives every cell of a merged range the value of its top-left
// cell, where Excel shows it: a unit merged over the rows of its three
// suggestions belongs to each, and a header merged over two header rows
// names the column in both.
func fillMerged(rows [][]string, merges []area) [][]string {
	for _, m := range merges {
		if m.top >= len(rows) || m.left >= len(rows[m.top]) {
			continue
		}
		v := rows[m.top][m.left]
		if v == "" {
			continue
		}
		for r := m.top; r <= m.bottom && r < len(rows); r++ {
			for len(rows[r]) <= m.right {
				rows[r] = append(rows[r], "")
			}
			for c := m.left; c <= m.right; c++ {
				rows[r][c] = v
			}
		}
	}
	return rows
}

type area struct{ top, left, bottom, right int }

type sheetXML struct {
	notes  map[cell]cellNote
	merges []area
}

// scanSheetXML reads from the sheet's XML the merged ranges (after the cell
// data) and, only when the data has any, the cells with formulas or error
// values.
func scanSheetXML(data []byte, sheet string) (*sheetXML, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	p, err := sheetPath(zr, sheet)
	if err != nil {
		return nil, err
	}
	raw, err := readZip(zr, p)
	if err != nil {
		return nil, err
	}
	x := &sheetXML{notes: map[cell]cellNote{}}
	end := bytes.LastIndex(raw, []byte("sheetData>"))
	if end < 0 {
		return x, nil
	}
	cells := raw[:end]
	if bytes.Contains(cells, []byte("<f")) || bytes.Contains(cells, []byte(":f")) || bytes.Contains(cells, []byte(`t="e"`)) {
		if err := scanCells(cells, x.notes); err != nil {
			return nil, err
		}
	}
	scanMerges(raw[end:], &x.merges)
	return x, nil
}

// scanCells notes every <c> with an <f> child, or of type "e".
func scanCells(data []byte, notes map[cell]cellNote) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	row, col := 0, 0
	var in *cell
	var hasF, hasV, isErr bool
	for {
		tok, err := d.Token()
		if err != nil {
			// data stops inside </sheetData>: the end of what is scanned.
			return nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if r, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = r
				}
				col = 0
			case "c":
				col++
				if ref := attr(t, "r"); ref != "" {
					if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
						col, row = c, r
					}
				}
				in = &cell{row - 1, col - 1}
				hasF, hasV, isErr = false, false, attr(t, "t") == "e"
			case "f":
				hasF = true
			case "v":
				var v string
				if err := d.DecodeElement(&v, &t); err != nil {
					return err
				}
				hasV = v != ""
			}
		case xml.EndElement:
			if t.Name.Local == "c" && in != nil {
				switch {
				case isErr:
					notes[*in] = formulaError
				case hasF && hasV:
					notes[*in] = formulaCached
				case hasF:
					notes[*in] = formulaNoValue
				}
				in = nil
			}
		}
	}
}

// scanMerges reads <mergeCell ref="A1:M1"/> elements.
func scanMerges(data []byte, merges *[]area) {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Local != "mergeCell" {
			continue
		}
		from, to, ok := strings.Cut(attr(t, "ref"), ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 == nil && err2 == nil {
			*merges = append(*merges, area{min(r1, r2) - 1, min(c1, c2) - 1, max(r1, r2) - 1, max(c1, c2) - 1})
		}
	}
}

// sheetPath finds the part holding a sheet: the workbook names it with a
// relationship id, and the workbook's relationships give its path.
func sheetPath(zr *zip.Reader, sheet string) (string, error) {
	wbPath := "xl/workbook.xml"
	if rels, err := readZip(zr, "_rels/.rels"); err == nil {
		for _, r := range relationships(rels) {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.target, "/")
			}
		}
	}
	wb, err := readZip(zr, wbPath)
	if err != nil {
		return "", err
	}
	id := ""
	d := xml.NewDecoder(bytes.NewReader(wb))
	for id == "" {
		tok, err := d.Token()
		if err != nil {
			return "", errors.New("the workbook does not list worksheet " + strconv.Quote(sheet))
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "sheet" && attr(t, "name") == sheet {
			for _, a := range t.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
		}
	}
	dir := path.Dir(wbPath)
	relsData, err := readZip(zr, path.Join(dir, "_rels", path.Base(wbPath)+".rels"))
	if err != nil {
		return "", err
	}
	for _, r := range relationships(relsData) {
		if r.id == id {
			if strings.HasPrefix(r.target, "/") {
				return strings.TrimPrefix(r.target, "/"), nil
			}
			return path.Join(dir, r.target), nil
		}
	}
	return "", errors.New("the workbook does not say where worksheet " + strconv.Quote(sheet) + " is")
}

type relationship struct{ id, typ, target string }

func relationships(data []byte) []relationship {
	var out []relationship
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" {
			out = append(out, relationship{attr(t, "Id"), attr(t, "Type"), attr(t, "Target")})
		}
	}
}

func readZip(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(rc)
		}
	}
	return nil, errors.New("missing part " + name)
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
