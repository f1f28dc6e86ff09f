package render

import (
	"encoding/csv"
	"iter"
	"strconv"
	"strings"

	"rdjy.local/portal/generator/internal/config"
)

// csvZhColumns are the columns of suggestions-zh.csv, the open data for
// residents who open it in Excel or WPS: Chinese headers (those of the
// ledger where it has the column), labels as the pages show them, 是/否.
// Like suggestions.csv's, the headers are a contract for people's
// spreadsheets and scripts: columns added later come last.
var csvZhColumns = []string{
	"建议编号", "建议题目", "办理年度", "届次", "领衔代表", "附议代表", "类别", "是否重点",
	"主办单位", "协办单位", "交办日期", "答复日期", "办理状态", "是否见面沟通",
	"办理结果代码", "办理结果", "代表满意度代码", "代表满意度", "办理进展",
	"公开日期", "公开方式", "公开方式说明", "答复摘要", "网址", "附件",
}

// yesNo is how suggestions-zh.csv writes a yes-no field.
func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// suggestionsZhCSV writes the records for Excel: UTF-8 with a byte order
// mark, CRLF line ends, the columns of csvZhColumns. Keys of site.toml's
// lists come with their labels beside them; deputies and units are named
// as the pages name them. Every text cell is kept from running as a
// formula, as in suggestions.csv.
func suggestionsZhCSV(buf Writer, cfg *config.Site, pending, replied string, recs iter.Seq[record]) error {
	buf.WriteString("\ufeff")
	w := csv.NewWriter(buf)
	w.UseCRLF = true
	_ = w.Write(csvZhColumns)
	for r := range recs {
		deputies := make([]string, len(r.Deputies))
		for i, d := range r.Deputies {
			dep, _ := cfg.Deputies.Resolve(d)
			deputies[i] = dep.Name
		}
		lead, co := "", ""
		if len(deputies) > 0 {
			lead, co = deputies[0], strings.Join(deputies[1:], "、")
		}
		coUnits := make([]string, len(r.CoUnits))
		for i, u := range r.CoUnits {
			coUnits[i] = cfg.Units.Resolve(u).Label
		}
		progress := make([]string, len(r.Progress))
		for i, p := range r.Progress {
			progress[i] = p.Date + " " + p.Text
		}
		files := make([]string, len(r.Attachments))
		for i, a := range r.Attachments {
			files[i] = a.Title + " " + a.URL
		}
		category, _ := cfg.Categories.Lookup(r.Category)
		status, outcome := pending, ""
		if r.Replied != nil {
			status = replied
		}
		if r.Outcome != nil {
			o, _ := cfg.Outcomes.Lookup(*r.Outcome)
			outcome = o.Label
		}
		satisfaction := ""
		if r.Satisfaction != nil {
			s, _ := cfg.Satisfaction.Lookup(*r.Satisfaction)
			satisfaction = s.Label
		}
		_ = w.Write([]string{
			r.Number, cell(r.Title), strconv.Itoa(r.Year), cell(r.Session), cell(lead), cell(co),
			cell(category.Label), yesNo(r.Key), cell(cfg.Units.Resolve(r.LeadUnit).Label), cell(strings.Join(coUnits, "、")),
			deref(r.Assigned), deref(r.Replied), status, yesNo(r.Met),
			cell(deref(r.Outcome)), cell(outcome), cell(deref(r.Satisfaction)), cell(satisfaction), cell(strings.Join(progress, "\n")),
			deref(r.Published), r.Disclosure, cell(deref(r.DisclosureReason)), cell(deref(r.Summary)), r.URL,
			cell(strings.Join(files, "\n")),
		})
	}
	w.Flush()
	return w.Error()
}
