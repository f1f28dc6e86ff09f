package ledger

import (
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
	"rdjy.local/portal/generator/internal/stats"
)

// Sheet names of an exported workbook.
const (
	LedgerSheet = "台账"
	StatsSheet  = "统计"
)

// Rows chooses the suggestions a ledger lists: the published ones (drafts
// too when drafts is set), of one year unless year is 0, by year and number.
func Rows(all []*content.Suggestion, drafts bool, year int) []*content.Suggestion {
	var out []*content.Suggestion
	for _, s := range all {
		if (drafts || !s.Draft) && (year == 0 || s.Year == year) {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		return content.NumberLess(out[i].Number, out[j].Number)
	})
	return out
}

// cells is a suggestion's row in the columns' order: text, a number (the
// year), or a date (zero when absent).
func cells(site *config.Site, s *content.Suggestion) []any {
	out := make([]any, nColumns)
	for c := range columns {
		var v any
		switch c {
		case colNumber:
			v = s.Number
		case colTitle:
			v = s.Title
		case colDeputies:
			v = s.LeadDeputy()
		case colCoDeputies:
			if len(s.Deputies) > 1 {
				v = strings.Join(s.Deputies[1:], "、")
			}
		case colCategory:
			v = word(s.Category, site.Ledger.Categories)
		case colOutcome:
			v = word(s.Outcome, site.Ledger.Outcomes)
		case colSatisfaction:
			v = word(s.Satisfaction, site.Ledger.Satisfaction)
		case colKey:
			v = yesWord(s.Key)
		case colLeadUnit:
			v = s.LeadUnit
		case colCoUnits:
			v = strings.Join(s.CoUnits, "、")
		case colAssigned:
			v = s.Assigned
		case colReplied:
			v = s.Replied
		case colMet:
			v = yesWord(s.Met)
		case colYear:
			v = s.Year
		case colSession:
			v = s.Session
		case colPublished:
			v = s.Published
		case colDisclosure:
			v = string(s.Disclosure)
		case colDisclosureReason:
			v = s.DisclosureReason
		}
		if v == nil {
			v = ""
		}
		out[c] = v
	}
	return out
}

// word is what export writes for a key: the district's own word for it when
// site.toml's [ledger] gives one (甲 for A), else the key.
func word(key string, aliases []config.Alias) string {
	for _, a := range aliases {
		if a.Key == key {
			return a.Text
		}
	}
	return key
}

func yesWord(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// WriteCSV writes the ledger as CSV: UTF-8 with a byte order mark and CRLF
// line endings, so that Excel opens it correctly. A cell starting with
// = + - @ gets a ' before it, which import takes off again.
func WriteCSV(w io.Writer, site *config.Site, list []*content.Suggestion) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rec := make([]string, nColumns)
	for c := range columns {
		rec[c] = columns[c].headers[0]
	}
	cw.Write(rec)
	for _, s := range list {
		for c, v := range cells(site, s) {
			switch v := v.(type) {
			case time.Time:
				rec[c] = ""
				if !v.IsZero() {
					rec[c] = v.Format(time.DateOnly)
				}
			case int:
				rec[c] = strconv.Itoa(v)
			case string:
				rec[c] = guard(v)
			}
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// WriteXLSX writes the ledger as a workbook: the sheet 台账 with one row per
// suggestion (dates as Excel dates, the header row frozen, columns as wide
// as their contents), and the sheet 统计 with each year's figures as
// /data/stats.json has them, from st.
func WriteXLSX(w io.Writer, site *config.Site, list []*content.Suggestion, st *stats.Stats) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", LedgerSheet); err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center"},
	})
	if err != nil {
		return err
	}
	dateFmt := "yyyy-mm-dd"
	day, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	rows := make([][]any, len(list))
	for i, s := range list {
		rows[i] = cells(site, s)
	}
	header := make([]any, nColumns)
	for c := range columns {
		header[c] = columns[c].headers[0]
	}
	if err := writeSheet(f, LedgerSheet, header, rows, head, day); err != nil {
		return err
	}
	if _, err := f.NewSheet(StatsSheet); err != nil {
		return err
	}
	sh, sr := statsRows(site, st)
	if err := writeSheet(f, StatsSheet, sh, sr, head, day); err != nil {
		return err
	}
	// The ledger sheet stays the one the workbook opens on (SetActiveSheet
	// would load the streamed sheet into memory whole).
	_, err = f.WriteTo(w)
	return err
}

// writeSheet streams a header and rows into a sheet, with the header row
// frozen and each column as wide as its widest cell.
func writeSheet(f *excelize.File, name string, header []any, rows [][]any, head, day int) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for c, w := range widths(header, rows) {
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hc := make([]any, len(header))
	for i, h := range header {
		hc[i] = excelize.Cell{StyleID: head, Value: h}
	}
	if err := sw.SetRow("A1", hc); err != nil {
		return err
	}
	out := make([]any, len(header))
	for r, row := range rows {
		for c, v := range row {
			switch v := v.(type) {
			case time.Time:
				out[c] = nil
				if !v.IsZero() {
					out[c] = excelize.Cell{StyleID: day, Value: v}
				}
			default:
				out[c] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, out[:len(row)]); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// widths makes each column as wide as its widest cell, in the units of a
// spreadsheet (a Chinese character is two), within bounds.
func widths(header []any, rows [][]any) []float64 {
	w := make([]float64, len(header))
	measure := func(c int, v any) {
		n := 10 // a date
		switch v := v.(type) {
		case string:
			n = width(v)
		case int:
			n = len(strconv.Itoa(v))
		}
		w[c] = max(w[c], float64(n)+2)
	}
	for c, h := range header {
		measure(c, h)
	}
	for _, row := range rows {
		for c, v := range row {
			measure(c, v)
		}
	}
	for c := range w {
		w[c] = min(max(w[c], 8), 60)
	}
	return w
}

// statsRows lays out the figures of stats.json: a row per figure (totals,
// then counts by category, outcome, satisfaction and lead unit), a column
// per year.
func statsRows(site *config.Site, st *stats.Stats) ([]any, [][]any) {
	var years []int
	for y := range st.Years {
		years = append(years, y)
	}
	sort.Ints(years)
	header := []any{"分组", "项目"}
	for _, y := range years {
		header = append(header, strconv.Itoa(y)+"年")
	}
	var rows [][]any
	add := func(group, item string, get func(*stats.Year) int) {
		row := []any{group, item}
		for _, y := range years {
			row = append(row, get(st.Years[y]))
		}
		rows = append(rows, row)
	}
	add("合计", "建议总数 (total)", func(y *stats.Year) int { return y.Total })
	add("合计", "已答复 (replied)", func(y *stats.Year) int { return y.Replied })
	add("合计", "见面沟通 (met)", func(y *stats.Year) int { return y.Met })
	add("合计", "重点建议 (key)", func(y *stats.Year) int { return y.Key })
	enums := []struct {
		group string
		e     *config.Enum
		get   func(*stats.Year) map[string]int
	}{
		{"类别 (category)", site.Categories, func(y *stats.Year) map[string]int { return y.Category }},
		{"办理结果 (outcome)", site.Outcomes, func(y *stats.Year) map[string]int { return y.Outcome }},
		{"代表满意度 (satisfaction)", site.Satisfaction, func(y *stats.Year) map[string]int { return y.Satisfaction }},
	}
	for _, en := range enums {
		for _, t := range en.e.Terms {
			item := t.Key
			if t.Label != t.Key {
				item += " " + t.Label
			}
			add(en.group, item, func(y *stats.Year) int { return en.get(y)[t.Key] })
		}
	}
	for _, u := range units(st, years) {
		add("主办单位 (lead_unit)", u, func(y *stats.Year) int { return y.LeadUnit[u] })
	}
	return header, rows
}

// units lists the lead units of the years, most suggestions first.
func units(st *stats.Stats, years []int) []string {
	total := map[string]int{}
	for _, y := range years {
		for u, n := range st.Years[y].LeadUnit {
			total[u] += n
		}
	}
	out := make([]string, 0, len(total))
	for u := range total {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool {
		if total[out[i]] != total[out[j]] {
			return total[out[i]] > total[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}
