package render

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config"
)

// TestSuggestionsZhCSV: Chinese headers, labels beside keys, 是/否, names
// as the pages give them, a byte order mark, and no cell that a
// spreadsheet would run as a formula.
func TestSuggestionsZhCSV(t *testing.T) {
	cfg, errs := config.Parse("site.toml", []byte(`title = "t"
base_url = "https://example.gov.cn/"
owner = "o"
[[categories]]
key = "城建交通"
label = "城建交通类"
[[outcomes]]
key = "A"
label = "已经解决或基本解决"
[[satisfaction]]
key = "满意"
label = "满意"
[[units]]
key = "区住建局"
label = "区住房和城乡建设局"
[[deputies]]
name = "王伟"
key = "王伟（南昌路街道）"
slug = "wangwei"
`))
	if errs != nil {
		t.Fatal(errs)
	}
	day, later := "2019-06-20", "2019-06-28"
	outcome, sat := "A", "满意"
	recs := []record{
		{Number: "2019-001", Title: "=HYPERLINK(\"http://x\")", Year: 2019, Session: "区十五届人大四次会议",
			Deputies: []string{"王伟（南昌路街道）", "魏莹", "-尚顺玲"}, Category: "城建交通", Key: true, LeadUnit: "区住建局",
			CoUnits: []string{"区财政局", "区住建局"}, Assigned: &day, Replied: &day, Met: true, Outcome: &outcome, Satisfaction: &sat,
			Progress: []progressRecord{{Date: "2019-09-15", Text: "已完成。"}, {Date: "2019-10-01", Text: "+再次回访"}},
			URL:      "https://example.gov.cn/suggestions/2019-001/", Published: &later, Disclosure: "全文",
			Attachments: []attachmentRecord{{Title: "区住房和城乡建设局答复函", URL: "https://example.gov.cn/suggestions/2019-001/答复函.pdf"}}},
		{Number: "2019-002", Title: "t", Year: 2019, Deputies: []string{"魏莹"}, Category: "城建交通", LeadUnit: "区商务局",
			CoUnits: []string{}, Progress: []progressRecord{}, URL: "u", Disclosure: "全文"},
	}
	var buf bytes.Buffer
	if err := suggestionsZhCSV(&buf, cfg, "办理中", "已答复", slices.Values(recs)); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	text, bom := strings.CutPrefix(string(data), "\ufeff")
	if !bom || !strings.Contains(text, "\r\n") {
		t.Error("no byte order mark or no CRLF: Excel would not read it as UTF-8")
	}
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(csvZhColumns, ",") || len(rows) != 3 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	get := func(row int, col string) string {
		for i, c := range rows[0] {
			if c == col {
				return rows[row][i]
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	for col, want := range map[string]string{
		"建议编号": "2019-001", "建议题目": "'=HYPERLINK(\"http://x\")", "办理年度": "2019", "领衔代表": "王伟",
		"附议代表": "魏莹、-尚顺玲", "类别": "城建交通类", "是否重点": "是", "主办单位": "区住房和城乡建设局",
		"协办单位": "区财政局、区住房和城乡建设局", "交办日期": "2019-06-20", "办理状态": "已答复", "是否见面沟通": "是",
		"办理结果代码": "A", "办理结果": "已经解决或基本解决", "代表满意度代码": "满意", "代表满意度": "满意",
		"办理进展": "2019-09-15 已完成。\n2019-10-01 +再次回访", "公开日期": "2019-06-28", "公开方式": "全文",
		"网址": "https://example.gov.cn/suggestions/2019-001/", "附件": "区住房和城乡建设局答复函 https://example.gov.cn/suggestions/2019-001/答复函.pdf",
	} {
		if got := get(1, col); got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
	for col, want := range map[string]string{
		"是否重点": "否", "是否见面沟通": "否", "办理状态": "办理中", "办理结果代码": "", "办理结果": "", "代表满意度": "", "答复日期": "",
	} {
		if got := get(2, col); got != want {
			t.Errorf("row 2 %s = %q, want %q", col, got, want)
		}
	}
	// A cell that starts a formula is neutralised however it is placed.
	recs[1].Deputies = []string{"@代表"}
	buf.Reset()
	suggestionsZhCSV(&buf, cfg, "办理中", "已答复", slices.Values(recs))
	if !strings.Contains(buf.String(), ",'@代表,") {
		t.Error("a lead deputy starting with @ is not neutralised")
	}
}
