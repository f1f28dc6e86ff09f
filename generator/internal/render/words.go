package render

import (
	"rdjy.local/portal/generator/internal/words"
)

// pageWords are the words the generator writes into pages, read from
// layouts/words.toml (source.Words), whose tables and keys are the toml
// tags below. A designer changes them there; nothing visible is written in
// Go. Words that need values name them in their words tag and write them
// {name}.
//
// To add a word: add a field here, with its key and values, and the line
// to layouts/words.toml (and to the test site's,
// build/testdata/site/layouts/words.toml). A site whose words file lacks
// it is told so by check, at the file.
type pageWords struct {
	Site struct {
		DataJSON   words.Text `toml:"data_json"`   // the open data, in the footer
		DataCSV    words.Text `toml:"data_csv"`    //
		DataCSVZh  words.Text `toml:"data_csv_zh"` // suggestions-zh.csv, for Excel
		DataStats  words.Text `toml:"data_stats"`  //
		DataPeople words.Text `toml:"data_deputies"`
		SwitchHans words.Text `toml:"switch_hans"` // the 简体 switch on Traditional pages (never converted)
		SwitchHant words.Text `toml:"switch_hant"` // the 繁體 switch on Simplified pages
	} `toml:"site"`

	Nav struct {
		Home        words.Text `toml:"home"` // also the first breadcrumb
		Suggestions words.Text `toml:"suggestions"`
		Stats       words.Text `toml:"stats"`
		Reports     words.Text `toml:"reports"`
		Search      words.Text `toml:"search"`
	} `toml:"nav"`

	// Groups are the ways in: the overview page's title (also in the
	// navigation) and the heading of its terms.
	Groups struct {
		Categories groupWords `toml:"categories"`
		Outcomes   groupWords `toml:"outcomes"`
		Units      groupWords `toml:"units"`
		Years      groupWords `toml:"years"`

		// Satisfaction has pages within a year only (/years/2019/satisfaction/…).
		Satisfaction    groupWords `toml:"satisfaction"`
		KeySatisfaction groupWords `toml:"key-satisfaction"`
	} `toml:"groups"`

	// Deputies are the deputies' index and pages.
	Deputies struct {
		Title       words.Text `toml:"title"`                   // the index's title, also in the navigation
		Description words.Text `toml:"description"`             // the index's description
		Other       words.Text `toml:"other"`                   // the group of names with no pinyin letter
		Deputy      words.Text `toml:"deputy" words:"name"`     // a deputy's page title
		About       words.Text `toml:"about" words:"name"`      // a deputy's page description
		Led         words.Text `toml:"led" words:"count"`       // above the list of led suggestions
		CoSigned    words.Text `toml:"co_signed" words:"count"` // above the list of co-signed ones
	} `toml:"deputies"`

	// Units are a handling unit's pages.
	Units struct {
		Year      words.Text `toml:"year" words:"year,unit"`   // the title of a unit's page for one year
		Led       words.Text `toml:"led" words:"count"`        // above the list of led suggestions
		CoHandled words.Text `toml:"co_handled" words:"count"` // above the list of co-handled ones
		Other     words.Text `toml:"other"`                    // the heading of units without a parent on /units/
	} `toml:"units"`

	// Attachments are the sizes of the files published with a suggestion.
	Attachments struct {
		KB words.Text `toml:"kb" words:"size"` // under 1 MB: whole kilobytes
		MB words.Text `toml:"mb" words:"size"` // 1 MB and more: one decimal
	} `toml:"attachments"`

	Dates struct {
		Date words.Text `toml:"date" words:"year,month,day"` // 2019年6月20日
		Year words.Text `toml:"year" words:"year"`           // 2019年: a year's name in lists and links
	} `toml:"dates"`

	Lists struct {
		All  words.Text `toml:"all" words:"count"`               // above the list of all suggestions
		Term words.Text `toml:"term" words:"heading,term,count"` // above a category's, outcome's or unit's list
		Year words.Text `toml:"year" words:"year,count"`         // above a year's list
		// YearTerm is above the list of a category, outcome or
		// satisfaction level in one year.
		YearTerm words.Text `toml:"year_term" words:"year,heading,term,count"`
		Paged    words.Text `toml:"paged" words:"title,page"` // the title of the second and later pages
	} `toml:"lists"`

	Status struct {
		Pending words.Text `toml:"pending"` // before the reply, also as the outcome
		Replied words.Text `toml:"replied"`
	} `toml:"status"`

	Pages struct {
		NotFound              words.Text `toml:"not_found"`
		Suggestions           words.Text `toml:"suggestions"`
		SuggestionDescription words.Text `toml:"suggestion_description" words:"number,title,deputy"`
		Search                words.Text `toml:"search"`
		SearchDescription     words.Text `toml:"search_description"`
		Stats                 words.Text `toml:"stats"`
		StatsDescription      words.Text `toml:"stats_description"`
		YearStats             words.Text `toml:"year_stats" words:"year"`
		YearStatsDescription  words.Text `toml:"year_stats_description" words:"year"`
		Scorecard             words.Text `toml:"scorecard" words:"year,order"`
		Reports               words.Text `toml:"reports"`
		ReportDescription     words.Text `toml:"report_description" words:"year"`
		SiteMap               words.Text `toml:"sitemap"`
		SiteMapDescription    words.Text `toml:"sitemap_description"`
		Feed                  words.Text `toml:"feed"`
		YearTerm              words.Text `toml:"year_term" words:"year,heading,term"` // a category's, outcome's or satisfaction level's page for one year
	} `toml:"pages"`

	// Orders are the scorecard's orders: the link to each, and its name in
	// the title of its page.
	Orders struct {
		Led       orderWords `toml:"led"`
		OnTime    orderWords `toml:"on-time"`
		Solved    orderWords `toml:"solved"`
		Satisfied orderWords `toml:"satisfied"`
		Days      orderWords `toml:"days"`
		Overdue   orderWords `toml:"overdue"`
	} `toml:"orders"`

	Stats struct {
		Trend        words.Text `toml:"trend"`         // the chart of suggestions per year
		TrendHeading words.Text `toml:"trend_heading"` // its table's first column
		Cross        words.Text `toml:"cross" words:"year"`
		CrossHeading words.Text `toml:"cross_heading"`
		Total        words.Text `toml:"total"` // the cross table's last row
	} `toml:"stats"`

	Charts struct {
		Category            words.Text `toml:"category" words:"year"`
		CategoryHeading     words.Text `toml:"category_heading"`
		Outcome             words.Text `toml:"outcome" words:"year"`
		OutcomeHeading      words.Text `toml:"outcome_heading"`
		Satisfaction        words.Text `toml:"satisfaction" words:"year"`
		SatisfactionHeading words.Text `toml:"satisfaction_heading"`
		Share               words.Text `toml:"share"`               // the table's share column
		Value               words.Text `toml:"value" words:"count"` // beside a bar
		ValueShare          words.Text `toml:"value_share" words:"count,share"`
		Summary             words.Text `toml:"summary" words:"bars"`    // the drawing's description for screen readers
		Bar                 words.Text `toml:"bar" words:"label,value"` // one bar in it
		Separator           words.Text `toml:"separator"`               // between bars in it
		Empty               words.Text `toml:"empty"`                   // the description of a chart without bars
	} `toml:"charts"`

	// Search are the filters of the search page.
	Search struct {
		Year         words.Text `toml:"year"`
		Category     words.Text `toml:"category"`
		Outcome      words.Text `toml:"outcome"`
		Pending      words.Text `toml:"pending"`
		Unit         words.Text `toml:"unit"`
		Key          words.Text `toml:"key"`
		KeyYes       words.Text `toml:"key_yes"`
		KeyNo        words.Text `toml:"key_no"`
		Satisfaction words.Text `toml:"satisfaction"`
		NoFeedback   words.Text `toml:"no_feedback"`
		Replied      words.Text `toml:"replied"`
		RepliedYes   words.Text `toml:"replied_yes"`
		RepliedNo    words.Text `toml:"replied_no"`
	} `toml:"search"`

	Feed struct {
		Title    words.Text `toml:"title" words:"site"`
		Summary  words.Text `toml:"summary" words:"unit,date,deputy,outcome"`
		Progress words.Text `toml:"progress" words:"date,text"`
	} `toml:"feed"`
}

type groupWords struct {
	Title   words.Text `toml:"title"`
	Heading words.Text `toml:"heading"`
}

type orderWords struct {
	Link words.Text `toml:"link"`
	Name words.Text `toml:"name"`
}

// group gives the words of the group named name (index.Group.Name).
func (w *pageWords) group(name string) groupWords {
	switch name {
	case "categories":
		return w.Groups.Categories
	case "outcomes":
		return w.Groups.Outcomes
	case "units":
		return w.Groups.Units
	case "satisfaction":
		return w.Groups.Satisfaction
	case "key-satisfaction":
		return w.Groups.KeySatisfaction
	}
	return w.Groups.Years
}

// order gives the words of a scorecard order (index.Orders).
func (w *pageWords) order(name string) orderWords {
	switch name {
	case "led":
		return w.Orders.Led
	case "on-time":
		return w.Orders.OnTime
	case "solved":
		return w.Orders.Solved
	case "satisfied":
		return w.Orders.Satisfied
	case "days":
		return w.Orders.Days
	}
	return w.Orders.Overdue
}
