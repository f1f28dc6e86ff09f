package render

import "html/template"

// The types below are what layouts receive. Everything is ready to print:
// labels come from site.toml, dates are formatted, counts and shares are
// computed, and every URL already carries the site's base path and escaping.
// A nil pointer or empty slice means "nothing to show" and is meant to be
// tested with {{with}} or {{range}}.

// Page is the data of every page; exactly one of the kind-specific fields
// (Home, Suggestion, List, Terms, Units, Unit, Deputies, Deputy, Reports,
// Report, Stats, YearStats, Scorecard, Search) is set, according to Kind.
type Page struct {
	Site        *SiteView
	Kind        string      // one of Kinds: "home", "suggestions", "suggestion", "terms", "term", "units", "unit", "deputies", "deputy", "reports", "report", "stats", "stats-year", "stats-units", "search", "404"
	Title       string      // the page's own title, for <h1> and <title>
	Description string      // one sentence for <meta name="description">
	URL         string      // this page's path, such as /rddbjy/suggestions/2019-001/
	Canonical   string      // this page's full address
	Address     string      // the same, readable (区住建局, not %E5%8C%BA…), for print
	Breadcrumbs []Link      // from the home page to the parent of this page
	Nav         []Link      // the main navigation; Current marks this page's section
	Script      *ScriptLink // the same page in the other script (简体 / 繁體)
	Alternates  []Alternate // the page in each script, full addresses, for <link rel="alternate" hreflang>
	Meta        *MetaView   // the metadata for the supervision platforms, in <head> (see meta.go)

	Home       *HomeView       // Kind "home"
	Suggestion *SuggestionView // Kind "suggestion"
	List       *ListView       // Kinds "suggestions" and "term"
	Terms      *TermsView      // Kind "terms": the overview of categories, outcomes or years
	Year       *YearSummary    // Kind "term" when the term is a year
	Units      *UnitsView      // Kind "units": every handling unit
	Unit       *UnitView       // Kind "unit": one unit, across years or in one year
	Deputies   *DeputiesView   // Kind "deputies": every deputy, by letter
	Deputy     *DeputyView     // Kind "deputy"
	Reports    []Link          // Kind "reports": each annual report, newest first, with its year's count
	Report     *ReportView     // Kind "report"
	Stats      *StatsView      // Kind "stats": the statistics across years
	YearStats  *YearStats      // Kind "stats-year": one year's statistics
	Scorecard  *Scorecard      // Kind "stats-units": a year's scorecard in another order
	Search     *SearchView     // Kind "search"
	Text       *TextView       // Kind "page": one of content/pages, such as 联系我们
	SiteMap    *SiteMapView    // Kind "sitemap": the 网站地图
}

// ScriptLink leads to the same page in the other script. Its label is
// written in that script, and the converter leaves elements marked
// translate="no" alone, so mark the link with it.
type ScriptLink struct {
	Label string // "繁體" on Simplified pages, "简体" on Traditional ones
	URL   string
	Lang  string // "zh-Hant" or "zh-Hans", for lang and hreflang
}

// Alternate is the page in one script, for search engines: Lang is an
// hreflang value ("zh-Hans", "zh-Hant", or "x-default" for the edition a
// reader of neither gets), URL the full address.
type Alternate struct {
	Lang string
	URL  string
}

// SearchView is the search page. The form and the results are made in the
// browser by Script from the index at Index; without JavaScript the page
// offers Browse instead.
type SearchView struct {
	Index  string // URL of the search index's manifest (JSON)
	Script string // URL of the search script
	Pages  string // base path of the pages, for the links to results
	Browse []Link // the overview pages of categories, outcomes, units and years
}

// SiteView holds site.toml's facts for the header and footer.
type SiteView struct {
	Title        string
	Description  string
	Language     string // for <html lang>
	Owner        string // 主办单位
	SiteCode     string // 网站标识码; may be empty
	ICP          string // ICP备案号; may be empty
	PoliceRecord string // 公安备案号; may be empty
	Address      string // may be empty
	Phone        string // may be empty
	Home         string // URL of the home page
	Feed         string // URL of the Atom feed of replies
	Data         []Link // the open data files
	Notice       string // shown on every page, such as "部分建议为演示数据"; may be empty

	Search      string // URL of the search page, for the search box in the header
	Emblem      string // URL of site.toml's emblem image; empty when none
	Pages       []Link // the footer's links to the 网站地图 and the site's own pages (联系我们 …)
	ErrorReport string // URL of 我为政府网站找错; empty when site.toml gives none
	ICPURL      string // where an ICP number is verified (beian.miit.gov.cn)
	PoliceURL   string // where the 公安备案 number is verified, with its number; empty without one
}

// Link is a labelled URL. Count is filled where a count belongs to it.
type Link struct {
	Label   string
	URL     string
	Current bool // in Nav: the page belongs to this section
	Count   int
}

// Date is a formatted calendar date.
type Date struct {
	ISO  string // 2019-06-20, for <time datetime>
	Text string // 2019年6月20日
}

// SuggestionView is one suggestion with everything its page shows.
type SuggestionView struct {
	Number       string
	Title        string
	URL          string
	Year         Link // 办理年度, linking to the year's page
	Session      string
	LeadDeputy   Link   // 领衔代表, linking to the deputy's page
	CoDeputies   []Link // 附议代表, each linking to the deputy's page
	Category     Link
	Key          bool   // 重点建议
	LeadUnit     Link   // 主办单位, linking to the unit's page
	CoUnits      []Link // 协办单位, each linking to the unit's page
	Assigned     *Date  // 交办日期
	Replied      *Date  // 答复日期; nil while being handled
	Published    *Date  // 发布日期 (公开日期); nil when not given
	Met          bool
	Status       string // "已答复" or "办理中"
	Outcome      *Link  // 办理结果; nil until replied
	Satisfaction string // 代表反馈 label; empty when no feedback yet
	Body         template.HTML
	Progress     []ProgressView // follow-ups in date order; none when the handling is not published

	// Disclosure says how much is published (see disclosure.go); Summary
	// is the reply's summary (答复摘要), empty when there is none.
	Disclosure *DisclosureView
	Summary    template.HTML

	// Attachments are the files published with the suggestion (附件),
	// such as the signed reply letter; none when it has none.
	Attachments []AttachmentView
}

// AttachmentView is a file published with a suggestion, at its address.
type AttachmentView struct {
	Title string // what the file is: "区住房和城乡建设局答复函"
	Name  string // the published file name: "答复函.pdf"
	URL   string
	Type  string // "PDF", "OFD", "JPEG" or "PNG"
	MIME  string // its media type, for the link's type attribute: "application/pdf"
	Size  string // "182 KB", "1.4 MB": the size as the words say it
}

// ProgressView is a dated follow-up report (二次办理, 回头看).
type ProgressView struct {
	Date Date
	Text string
}

// Row is one suggestion in a list.
type Row struct {
	Number     string
	Title      string
	URL        string
	Year       int
	LeadDeputy string
	DeputyURL  string // the lead deputy's page
	Category   string // label
	LeadUnit   string // label
	UnitURL    string // the lead unit's page
	Outcome    string // label, or "办理中" before the reply
	Key        bool
	Replied    *Date
	Feedback   string // 代表反馈: the satisfaction label; empty when no feedback yet

	rows *rowCache // the edition's rows (see HTML)
	made *madeRow  // where this row's HTML is kept; nil in the row being made
}

// ListView is a paginated list of suggestions.
type ListView struct {
	Intro string // one sentence above the list, such as "共 46 件"
	Total int    // suggestions in the whole list, all pages
	Rows  []Row  // this page's rows
	Pager *Pager // nil when everything fits on one page
	Omit  string // the column every row would repeat, on a term's page: "category", "outcome" or "unit"; empty on others
}

// Pager links the pages of a list.
type Pager struct {
	Page  int        // this page, from 1
	Pages int        // number of pages
	Prev  string     // URL; empty on the first page
	Next  string     // URL; empty on the last page
	Links []PageLink // the first, the last, and the pages near this one
}

// PageLink is a link to one page of a list.
type PageLink struct {
	Number  int
	URL     string
	Current bool // this page
	Gap     bool // pages between the previous link and this one are left out: show "…"
}

// TermsView is an overview of one way into the suggestions: every category,
// outcome or year with its count.
type TermsView struct {
	Heading string // column heading for the term, such as "类别"
	Terms   []Link // Label, URL and Count of each term
}

// HomeView is the home page: the latest year at a glance and the ways in.
type HomeView struct {
	// Latest is the year the home page leads with: the newest year whose
	// suggestions are all replied, or, while the newest year is still being
	// handled, the year before it. nil when there is none.
	Latest *YearSummary
	// InProgress is the newest year while some of its suggestions await
	// their reply, shown as being handled (no rates: they would read as a
	// failure when the year has just begun); nil otherwise.
	InProgress *YearProgress
	Categories []Link // all years, with counts
	Outcomes   []Link
	Units      []Link
	Years      []Link
	Deputies   string // URL of the deputies' index; empty when there are none
	Recent     []Row  // the latest replies, newest first
	Reports    []Link // the annual reports, newest first
	Stats      string // URL of the statistics
}

// YearProgress is a year still being handled: how many suggestions were
// assigned and how many are replied so far.
type YearProgress struct {
	Year    int
	URL     string // the year's list
	Stats   string // the year's statistics
	Total   int
	Replied int
	Pending int // not yet replied
}

// YearSummary gives the figures of one year.
type YearSummary struct {
	Year         int
	URL          string
	Total        int
	Replied      int
	RepliedRate  string // "100%"
	Met          int
	MetRate      string
	Key          int
	Categories   []Share
	Outcomes     []Share // shares of replied suggestions
	Satisfaction []Share // shares of suggestions with feedback
	Report       string  // URL of the year's annual report; empty when there is none
	Stats        string  // URL of the year's statistics
}

// Share is a count with its percentage, formatted like the annual report
// ("34.6%", "12.0%").
type Share struct {
	Label   string
	URL     string // may be empty
	Count   int
	Percent string // "34.6%"; "—" when there is nothing to divide by
	Width   string // the same share as a CSS width, "34.6%" or "0%"
}

// ReportView is an annual report (办理情况汇报) with its figures computed.
type ReportView struct {
	Year   int
	Date   *Date         // the report's date; nil when not given
	Source string        // 来源: the issuing body, front matter's source or the site's owner
	Body   template.HTML // the report, figures and charts in place
	Stats  string        // URL of the year's statistics
	List   string        // URL of the year's suggestions
}

// StatsView is the statistics across years.
type StatsView struct {
	Years     []Link     // each year's statistics, newest first
	Trend     *ChartView // chart of suggestions per year; nil with one year or none
	TrendRows []TrendRow // rates per year, newest first
}

// ChartView is a chart, for layouts/partials/chart.html: the drawing,
// made by the generator with its title and a description for screen
// readers, and the same figures for its table.
type ChartView struct {
	ID      string        // unique within the page: the partial's ids start with it
	Title   string        // the caption
	Heading string        // the table's first column heading, such as "类别"
	Share   string        // the heading of the table's share column; empty when the chart has no shares
	SVG     template.HTML // the drawing
	Bars    []Share       // each bar: label (with URL, when it links), count and share
}

// TrendRow is one year's rates for the trend table.
type TrendRow struct {
	Year      Link // to the year's statistics
	Total     int
	Replied   string // 答复率
	Met       string // 见面率
	Solved    string // share of the first outcome (已经解决或基本解决) among replies
	Satisfied string // share of the first satisfaction (满意) among feedback
	Published string // 按时公开率: replies published within the time limit, of those the calendar can tell
}

// YearStats is everything counted for one year.
type YearStats struct {
	Summary         *YearSummary
	Charts          []*ChartView // category, outcome and satisfaction
	CategoryOutcome *CrossTable
	KeySatisfaction []Share // feedback on key suggestions
	Scorecard       *Scorecard
	Publication     *PublicationView // replies published on time
}

// PublicationView counts one year's replies published within the time
// limit (see Scorecard.PublishLimit).
type PublicationView struct {
	Limit  int    // the time limit, in working days after the reply
	Timed  int    // replies with a publication date whose limit the working-day calendar can tell
	OnTime int    // of those, published within the limit
	Rate   string // OnTime of Timed: "98.5%"; "—" with none
}

// CrossTable counts replied suggestions by category (rows) and outcome
// (columns).
type CrossTable struct {
	Caption string
	Heading string   // the row heading, "类别"
	Columns []string // outcome labels
	Rows    []CrossRow
	Totals  CrossRow // the bottom row
}

// CrossRow is one category's counts per outcome, with its total.
type CrossRow struct {
	Label string
	URL   string
	Cells []int
	Total int
}

// Scorecard rates each handling unit (承办单位) in one year.
type Scorecard struct {
	Year        int
	AsOf        *Date  // overdue means unreplied past the limit on this day
	LimitMonths int    // the time limit for a reply, from assignment
	Order       string // the label of the current order, such as "按主办件数"
	Orders      []Link // every order; Current marks this one
	Solved      string // the outcome counted as solved, such as "已经解决或基本解决"
	Satisfied   string // the feedback counted as satisfied, such as "满意"
	Units       []UnitRow

	// PublishLimit is the time limit for publishing a reply, in working
	// days after it.
	PublishLimit int
}

// UnitRow is one unit's line of the scorecard. Replies, outcomes, feedback
// and days count the suggestions the unit leads.
type UnitRow struct {
	Name          string
	URL           string // the unit's page of the year, with what it led and co-handled
	Led           int
	CoHandled     int
	Replied       int
	OnTime        int
	OnTimeRate    string // of replies with an assignment date
	Solved        int
	SolvedRate    string // of replies
	Satisfied     int
	SatisfiedRate string // of feedback
	AverageDays   string // from assignment to reply, one decimal; "—" without replies
	Published     int    // replies published within the time limit
	PublishedRate string // of the replies whose limit the calendar can tell
	Overdue       []Link // suggestions unreplied past the limit, by number
}

// UnitsView is every handling unit with what it led and co-handled, in
// the groupings site.toml gives (parent), units without one last.
type UnitsView struct {
	Groups []UnitGroup
}

// UnitGroup is one grouping of units, such as 街道办事处.
type UnitGroup struct {
	Heading string // the parent; empty for the units without one
	Units   []UnitLink
}

// UnitLink is a unit with its counts, linking to its page.
type UnitLink struct {
	Label     string
	URL       string
	Led       int // 主办
	CoHandled int // 协办
}

// UnitView is one unit's page: the suggestions it led and those it
// co-handled, across years or in one year. Long lists run over several
// pages together: page n shows the n-th part of each list (one of them may
// have none there), and Pager links them.
type UnitView struct {
	Name      string // the unit's label
	Parent    string // the grouping site.toml gives; may be empty
	Contact   string // a public contact, such as a service hotline; may be empty
	Year      int    // the year of a year's page; 0 across years
	AllYears  string // on a year's page: the unit's page across years
	Years     []Link // on the page across years: the unit's page of each year, newest first
	Led       *ListView
	CoHandled *ListView
	Pager     *Pager // nil when both lists fit on one page
}

// DeputiesView is every deputy of the published suggestions, grouped by
// the first letter of the pinyin of the name.
type DeputiesView struct {
	Total   int    // deputies
	Letters []Link // the jump list: each letter, linking to its group on the page
	Groups  []DeputyGroup
}

// DeputyGroup is one letter of the deputies' index.
type DeputyGroup struct {
	Initial  string // "A"–"Z", or what the words call names of no letter
	ID       string // the group's id, for the jump list
	Deputies []DeputyLink
}

// DeputyLink is a deputy with their counts, linking to their page.
type DeputyLink struct {
	Name        string
	Description string // the delegation or constituency site.toml gives; may be empty
	URL         string
	Led         int // 领衔
	CoSigned    int // 附议
}

// DeputyView is one deputy's page: the suggestions they led and those they
// co-signed, newest first, paged together like a unit's (see UnitView).
type DeputyView struct {
	Name        string
	Description string // may be empty
	Led         *ListView
	CoSigned    *ListView
	Pager       *Pager // nil when both lists fit on one page
}
