// Package ledger brings the district's handling ledger (建议办理台账) into
// the content and gives it back: Import reads a spreadsheet and changes the
// front matter of the suggestions it lists, Export writes one from the
// content.
//
// # The ledger
//
// A ledger is an .xlsx workbook or a .csv file with one row per suggestion.
// Its columns are found by their header text, in any order; the header row
// need not be the first (a title row above it, headers over two rows with
// merged cells). The columns and the header texts known without any
// configuration are those of columns below; site.toml's [ledger] adds header
// texts per column, columns to skip, and words that stand for a category,
// outcome or satisfaction key (see config.Ledger). Other columns are listed
// once as ignored.
//
// A CSV file may be UTF-8, with or without a byte order mark, UTF-16 with a
// byte order mark, or GB18030 (which includes GBK), as Excel saves it on a
// Chinese Windows computer. The encoding and the separator (comma, tab or
// semicolon) are found from the file.
//
// # Values
//
// Dates may be Excel dates or text (2019-03-27, 2019/3/27, 2019.3.27,
// 2019年3月27日, 20190327). Yes-no cells take 是, √, ✓, Y, yes, true, 1 for yes
// and 否, ×, N, no, false, 0 or nothing for no. Lists (附议代表, 协办单位) are
// separated by 、，,;； or line breaks inside the cell. Full-width digits,
// letters and spaces are read as ASCII where a value is a number, date, key or
// yes-no. A category, outcome or satisfaction is its key, its label, a word
// site.toml's [ledger] gives for it, or the key followed by 类 (A类).
//
// # What import changes
//
// For a number that exists (compared without case, as check does), only the
// front-matter fields the ledger has a column for are changed, and only where
// the value differs; every other byte of the file stays as it was: the body,
// [[progress]], comments, and the order and spelling of untouched lines. An
// empty cell removes an optional field. For a new number it writes
// content/suggestions/<year>/<number>.md with the front matter, empty
// "## 建议内容" and "## 办理答复" sections for the texts, and draft = true.
//
// Every row is checked by content.Parse, the rules of check, on the file it
// would write; any problem anywhere stops the import before anything is
// written. Files are then written each to a temporary file renamed over the
// old one, so that an interrupted import leaves every file whole.
package ledger

import (
	"rdjy.local/portal/generator/internal/config"
)

// A column of the ledger: what it holds and the header texts that name it.
type column struct {
	name    string // its name in site.toml's [ledger.headers]: config.LedgerColumns
	field   string // the front-matter field it fills
	kind    kind
	headers []string // known header texts; the first is export's
}

type kind int

const (
	kindNumber kind = iota
	kindText        // one line of text
	kindYear
	kindNames // a list: deputies, units
	kindTerm  // a key of a site.toml enumeration
	kindYesNo
	kindDate
	kindDisclosure // 全文, 摘要 or 不公开
)

// columns in export's order. deputies and co_deputies together make the
// deputies field: the lead deputy (领衔代表) first, then the others (附议代表).
var columns = []column{
	{"number", "number", kindNumber, []string{"建议编号", "编号", "建议号", "案号", "建议案号"}},
	{"title", "title", kindText, []string{"建议题目", "标题", "建议名称", "题目", "建议标题", "案由"}},
	{"deputies", "deputies", kindNames, []string{"领衔代表", "提出人", "领衔人", "提出代表", "代表", "代表姓名"}},
	{"co_deputies", "deputies", kindNames, []string{"附议代表", "附议人", "联名代表", "附议"}},
	{"category", "category", kindTerm, []string{"类别", "建议类别", "分类", "类型"}},
	{"key", "key", kindYesNo, []string{"是否重点", "重点建议", "是否重点建议", "重点"}},
	{"lead_unit", "lead_unit", kindText, []string{"主办单位", "承办单位", "主办", "牵头单位"}},
	{"co_units", "co_units", kindNames, []string{"协办单位", "协办", "会办单位"}},
	{"assigned", "assigned", kindDate, []string{"交办日期", "交办时间"}},
	{"replied", "replied", kindDate, []string{"答复日期", "答复时间", "办复日期", "办复时间"}},
	{"met", "met", kindYesNo, []string{"是否见面沟通", "见面沟通", "是否见面"}},
	{"outcome", "outcome", kindTerm, []string{"办理结果", "办理类别", "答复类别", "结果类别"}},
	{"satisfaction", "satisfaction", kindTerm, []string{"代表满意度", "满意度", "代表意见", "代表反馈", "反馈意见"}},
	{"year", "year", kindYear, []string{"办理年度", "年度", "年份"}},
	{"session", "session", kindText, []string{"届次", "届次会议", "会议"}},
	{"published", "published", kindDate, []string{"公开日期", "公开时间", "发布日期", "发布时间", "上网日期"}},
	{"disclosure", "disclosure", kindDisclosure, []string{"公开方式", "公开形式", "公开类型", "公开属性"}},
	{"disclosure_reason", "disclosure_reason", kindText, []string{"不公开理由", "不予公开理由", "不公开原因", "不予公开原因"}},
}

// Indexes into columns, for the code that treats a column specially.
const (
	colNumber = iota
	colTitle
	colDeputies
	colCoDeputies
	colCategory
	colKey
	colLeadUnit
	colCoUnits
	colAssigned
	colReplied
	colMet
	colOutcome
	colSatisfaction
	colYear
	colSession
	colPublished
	colDisclosure
	colDisclosureReason
	nColumns
)

// terms gives the enumeration and the ledger's own words for a term column.
func terms(site *config.Site, c int) (*config.Enum, []config.Alias) {
	switch c {
	case colCategory:
		return site.Categories, site.Ledger.Categories
	case colOutcome:
		return site.Outcomes, site.Ledger.Outcomes
	}
	return site.Satisfaction, site.Ledger.Satisfaction
}
