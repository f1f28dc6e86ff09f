// Package chart draws the portal's charts as inline SVG at build time: no
// chart library, no script, nothing fetched by the browser.
//
// A chart is a horizontal bar chart with the label above each bar and the
// value beside it, so it is read from the text, not the colours, and stays
// legible on a 360 px phone (the drawing is 360 units wide and scales with
// its box). The drawing carries a title and a one-line summary for screen
// readers; the layouts put it in a <figure> with its caption and the table
// of the same figures (layouts/partials/chart.html), and the stylesheet
// gives it its colours: the bars are class "chart-bar" and the text is
// text, so that a designer sets both in CSS (site.css's --chart-bar and
// --text), and print and 适老化 change them as they change the page.
package chart

import (
	"fmt"
	"html/template"
	"strings"
)

// Bar is one bar: its label, its count, and the text beside it.
type Bar struct {
	Label string
	Count int
	Value string // what the bar shows beside it, such as "46件 34.6%"
}

// Chart is a titled set of bars.
type Chart struct {
	ID      string // unique within the page; prefixes the element ids
	Title   string // the drawing's title, such as "2019年建议类别分布"
	Summary string // the drawing's description: every bar in one sentence
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
			fmt.Fprintf(&body, `<rect x="0" y="%d" width="%d" height="%d" class="chart-bar"/>`, y+2, length, barH)
		}
		fmt.Fprintf(&body, `<text x="%d" y="%d" class="value">%s</text>`, length+6, y+barH-1, esc(b.Value))
		y += barH + gap
	}
	id := esc(c.ID)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart-svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-t %s-d" font-size="%d">`,
		width, y, width, y, id, id, fontSize)
	fmt.Fprintf(&sb, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(c.Title), id, esc(c.Summary))
	sb.WriteString(body.String())
	sb.WriteString(`</svg>`)
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
