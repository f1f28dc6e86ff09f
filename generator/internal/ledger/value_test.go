package ledger

import (
	"reflect"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
)

func TestDate(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	cases := []struct {
		in       string
		workbook bool
		want     time.Time
		why      string
	}{
		{"2019-03-27", false, day(2019, 3, 27), ""},
		{"2019/3/27", false, day(2019, 3, 27), ""},
		{"2019.3.27", false, day(2019, 3, 27), ""},
		{"2019年3月27日", false, day(2019, 3, 27), ""},
		{"2019年03月27日", false, day(2019, 3, 27), ""},
		{"2019 年 3 月 27 日", false, day(2019, 3, 27), ""},
		{"２０１９－０３－２７", false, day(2019, 3, 27), ""},             // full-width, as typed in a Chinese input mode
		{"\u30002019-03-27\u3000", false, day(2019, 3, 27), ""}, // full-width spaces around
		{"20190327", false, day(2019, 3, 27), ""},
		{"2019-03-27 00:00:00", false, day(2019, 3, 27), ""}, // a date cell saved as text with its time
		{"2019-03-27T00:00:00Z", true, day(2019, 3, 27), ""},
		{"43551", true, day(2019, 3, 27), ""},       // an Excel date: days since 1899-12-30
		{"43551.5", true, day(2019, 3, 27), ""},     // with a time of day
		{"20190327", true, day(2019, 3, 27), ""},    // a number typed as yyyymmdd
		{"43551", false, time.Time{}, "not a date"}, // in CSV a bare number is no date
		{"2019", true, time.Time{}, "not a date"},
		{"2019-02-30", false, time.Time{}, "not a calendar date: 2019年2月 has 28 days"},
		{"2020-02-30", false, time.Time{}, "not a calendar date: 2020年2月 has 29 days"},
		{"2019-04-31", false, time.Time{}, "not a calendar date: 2019年4月 has 30 days"},
		{"2019-13-01", false, time.Time{}, "no month 13"},
		{"2019-03-00", false, time.Time{}, "not a calendar date: 2019年3月 has 31 days"},
		{"3月27日", false, time.Time{}, "not a date"},
		{"下周", false, time.Time{}, "not a date"},
	}
	for _, c := range cases {
		got, why := date(c.in, c.workbook, false)
		if !got.Equal(c.want) || why != c.why {
			t.Errorf("date(%q, workbook %v) = %v, %q; want %v, %q", c.in, c.workbook, got, why, c.want, c.why)
		}
	}
	// A workbook of the 1904 date system (Excel for Mac before 2011).
	if got, _ := date("42089", true, true); !got.Equal(day(2019, 3, 27)) {
		t.Errorf("1904 date system: %v", got)
	}
}

func TestYesNo(t *testing.T) {
	for in, want := range map[string]bool{
		"是": true, "√": true, "✓": true, "✔": true, "Y": true, "yes": true, "TRUE": true, "1": true, " 是 ": true, "Ｙ": true, "重点": true, "已见面": true,
		"否": false, "×": false, "N": false, "no": false, "FALSE": false, "0": false, "": false, "\u3000": false, "一般": false, "未见面": false,
	} {
		if got, ok := yesNo(in); !ok || got != want {
			t.Errorf("yesNo(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"也许", "待定", "x"} {
		if _, ok := yesNo(in); ok {
			t.Errorf("yesNo(%q) is accepted", in)
		}
	}
}

func TestNames(t *testing.T) {
	cases := map[string][]string{
		"郭宇清":                    {"郭宇清"},
		"魏莹、尚顺玲":                 {"魏莹", "尚顺玲"},
		"魏莹，尚顺玲,李红梅":             {"魏莹", "尚顺玲", "李红梅"},
		"魏莹; 尚顺玲；李红梅":            {"魏莹", "尚顺玲", "李红梅"},
		"魏莹\n尚顺玲\r\n李红梅":         {"魏莹", "尚顺玲", "李红梅"}, // line breaks inside the cell
		"\u3000区财政局、、区住建局\u3000": {"区财政局", "区住建局"},
		"买买提·艾力":                 {"买买提·艾力"},
		"":                       nil,
		"、":                      nil,
	}
	for in, want := range cases {
		if got := names(in); !reflect.DeepEqual(got, want) {
			t.Errorf("names(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestText(t *testing.T) {
	cases := map[string]string{
		"  关于加强老旧小区管理的建议\u3000":  "关于加强老旧小区管理的建议",
		"关于加强老旧小区\n管理的建议":        "关于加强老旧小区管理的建议", // a line break typed in the cell (Alt+Enter)
		"关于推广 5G\r\nnetwork 的建议": "关于推广 5G network 的建议",
		"区住建局":                   "区住建局",
	}
	for in, want := range cases {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNumberAndYear(t *testing.T) {
	for in, want := range map[string]string{
		"2019-017": "2019-017", "２０１９－０１７": "2019-017", "2019—017": "2019-017", " 2019-017 ": "2019-017", "17.0": "17", "2019-A1": "2019-A1",
	} {
		if got := number(in); got != want {
			t.Errorf("number(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]int{"2019": 2019, "２０１９": 2019, "2019年": 2019, "2019.0": 2019} {
		if got, ok := year(in); !ok || got != want {
			t.Errorf("year(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"19", "二〇一九", "2019-2020"} {
		if _, ok := year(in); ok {
			t.Errorf("year(%q) is accepted", in)
		}
	}
}

func TestTerm(t *testing.T) {
	site := configtest.Site(t)
	aliases := []config.Alias{{Text: "甲", Key: "A"}, {Text: "乙", Key: "B"}}
	cases := map[string]string{
		"A":         "A",
		"已经解决或基本解决": "A", // the label
		"甲":         "A", // site.toml's word
		"乙类":        "B",
		"a":         "A",
		"Ａ":         "A",
		"A类":        "A",
		" B ":       "B",
		"B 类":       "B",
	}
	for in, want := range cases {
		if got, ok := term(in, site.Outcomes, aliases); !ok || got != want {
			t.Errorf("term(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"D", "丙", "已解决", "类"} {
		if got, ok := term(in, site.Outcomes, aliases); ok {
			t.Errorf("term(%q) = %q, want no key", in, got)
		}
	}
	if got, ok := term("城建交通类", site.Categories, nil); !ok || got != "城建交通" {
		t.Errorf("a category's label: %q, %v", got, ok)
	}
}

func TestNormHeader(t *testing.T) {
	for in, want := range map[string]string{
		"建议编号":        "建议编号",
		" 建议\n编号 ":    "建议编号",
		"*建议题目":       "建议题目",
		"交办日期（年月日）":   "交办日期",
		"答复日期(必填)":    "答复日期",
		"办理结果：":       "办理结果",
		"ＡＢＣ":         "abc",
		"代表满意度\u3000": "代表满意度",
	} {
		if got := normHeader(in); got != want {
			t.Errorf("normHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{0: "A", 5: "F", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", col, got, want)
		}
	}
}

func TestColumnsMatchConfig(t *testing.T) {
	if len(columns) != len(config.LedgerColumns) {
		t.Fatalf("%d columns, config knows %d", len(columns), len(config.LedgerColumns))
	}
	known := map[string]bool{}
	for _, n := range config.LedgerColumns {
		known[n] = true
	}
	for _, c := range columns {
		if !known[c.name] {
			t.Errorf("column %q is not in config.LedgerColumns", c.name)
		}
	}
}
