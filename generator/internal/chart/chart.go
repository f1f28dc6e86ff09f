// Package chart draws the portal's charts as inline SVG at build time: no
// chart library, no script, nothing fetched by the browser.
//
// A chart is a horizontal bar chart with the label above each bar and the
// value beside it, so it is read from the text, not the colours, and stays
// legible on a 360 px phone (the drawing is 360 units wide and scales with
// its box). Figure wraps the drawing with its caption and the table of the
// same figures, which is the chart's text alternative for screen readers
// and for print; the SVG itself carries a title and a one-line summary.
package chart

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// Bar is one bar: a label, a count and how the count is shown.
type Bar struct {
	Label   string
	URL     string // the label's link in the table; may be empty
	Count   int
	Percent string // the share printed beside the count, such as "34.6%"; may be empty
}

// Chart is a titled set of bars.
type Chart struct {
	ID      string // unique within the page; prefixes the element ids
	Title   string // caption, such as "2019年建议类别分布"
	Heading string // the table's first column heading, such as "类别"
	Unit    string // after each count, such as "件"
	Share   string // the table's share column heading, such as "占比"; empty: no share column
	Bars    []Bar
}

// Geometry of the drawing, in SVG user units (CSS pixels at 360 px wide).
const (
	width     = 360
	fontSize  = 16
	lineH     = 20 // one line of label text
	barH      = 18
	gap       = 10 // below each bar
	valueRoom = 112
	maxBar    = width - valueRoom
)

// SVG draws the chart.
func (c *Chart) SVG() template.HTML {
	most := 0
	for _, b := range c.Bars {
		most = max(most, b.Count)
	}
	var body strings.Builder
	y := 0
	for _, b := range c.Bars {
		for _, line := range wrap(b.Label, width) {
			y += lineH
			fmt.Fprintf(&body, `<text x="0" y="%d">%s</text>`, y-4, esc(line))
		}
		length := 0
		if most > 0 {
			length = (b.Count*maxBar + most/2) / most
		}
		if length > 0 {
			fmt.Fprintf(&body, `<rect x="0" y="%d" width="%d" height="%d" class="chart-bar" fill="#a61b1b"/>`, y+2, length, barH)
		}
		fmt.Fprintf(&body, `<text x="%d" y="%d" class="value">%s</text>`, length+6, y+barH-1, esc(c.value(b)))
		y += barH + gap
	}
	id := esc(c.ID)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart-svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-t %s-d" font-size="%d">`,
		width, y, width, y, id, id, fontSize)
	fmt.Fprintf(&sb, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(c.Title), id, esc(c.Summary()))
	sb.WriteString(body.String())
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// value is the text beside a bar: "46件 34.6%".
func (c *Chart) value(b Bar) string {
	v := strconv.Itoa(b.Count) + c.Unit
	if b.Percent != "" {
		v += " " + b.Percent
	}
	return v
}

// Summary lists every bar in one sentence, for the SVG's description.
func (c *Chart) Summary() string {
	parts := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		parts[i] = b.Label + " " + c.value(b)
	}
	if len(parts) == 0 {
		return "没有数据。"
	}
	return strings.Join(parts, "；") + "。"
}

// Figure is the chart with its caption and its data table.
func (c *Chart) Figure() template.HTML {
	id := esc(c.ID)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<figure class="chart" id="%s" aria-labelledby="%s-c">`, id, id)
	fmt.Fprintf(&sb, `<figcaption id="%s-c">%s</figcaption>`, id, esc(c.Title))
	sb.WriteString(string(c.SVG()))
	fmt.Fprintf(&sb, `<div class="table-wrap" role="region" tabindex="0" aria-label="%s（数据表）">`, esc(c.Title))
	fmt.Fprintf(&sb, `<table class="data share"><caption>%s（数据表）</caption>`, esc(c.Title))
	fmt.Fprintf(&sb, `<thead><tr><th scope="col">%s</th><th scope="col" class="num">件数</th>`, esc(c.Heading))
	if c.Share != "" {
		fmt.Fprintf(&sb, `<th scope="col" class="num">%s</th>`, esc(c.Share))
	}
	sb.WriteString(`</tr></thead><tbody>`)
	for _, b := range c.Bars {
		label := esc(b.Label)
		if b.URL != "" {
			label = `<a href="` + esc(b.URL) + `">` + label + `</a>`
		}
		fmt.Fprintf(&sb, `<tr><th scope="row">%s</th><td class="num">%d%s</td>`, label, b.Count, esc(c.Unit))
		if c.Share != "" {
			fmt.Fprintf(&sb, `<td class="num">%s</td>`, esc(b.Percent))
		}
		sb.WriteString(`</tr>`)
	}
	sb.WriteString(`</tbody></table></div></figure>`)
	return template.HTML(sb.String())
}

// wrap breaks a label into lines that fit the drawing's width, counting a
// wide (CJK) character as one em and any other as half an em.
func wrap(s string, room int) []string {
	var lines []string
	start, used := 0, 0
	for i, r := range s {
		w := fontSize
		if r < 0x1100 {
			w = fontSize / 2
		}
		if used+w > room && i > start {
			lines = append(lines, s[start:i])
			start, used = i, 0
		}
		used += w
	}
	if start < len(s) || len(lines) == 0 {
		lines = append(lines, s[start:])
	}
	return lines
}

func esc(s string) string { return template.HTMLEscapeString(s) }
