// Package pdfletter writes a plain letter as a small, real PDF: A4 pages
// of Chinese text in Adobe's STSong-Light, one of the fonts every PDF
// reader has or substitutes for Chinese, so nothing is embedded and a page
// of text is a few kilobytes. It makes the demo site's signed reply letter
// (复函) and the attachments of tests; districts publish their own scans.
//
// The output is PDF 1.4, deterministic (no dates, no IDs): the same letter
// gives the same bytes, so the demo file can be checked against it.
package pdfletter

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Letter is a letter's text.
type Letter struct {
	Title      string   // centred at the top of the first page, larger
	Paragraphs []string // each starts on a new line, indented two characters
	Closing    []string // lines set right at the end: the sender, the date
}

// Page geometry in points (1/72 inch) for A4 with 25 mm margins.
const (
	pageW, pageH = 595, 842
	margin       = 72
	size         = 12 // body text
	titleSize    = 14
	leading      = 21                        // line height
	perLine      = (pageW - 2*margin) / size // full-width characters a line holds: 37
	linesPerPage = (pageH - 2*margin - 2*leading) / leading
)

// PDF writes the letter.
func (l Letter) PDF() []byte {
	var lines []line
	for _, t := range wrap(l.Title, (pageW-2*margin)/titleSize) {
		lines = append(lines, line{text: t, title: true})
	}
	lines = append(lines, line{})
	for _, p := range l.Paragraphs {
		for _, w := range wrap("　　"+p, perLine) {
			lines = append(lines, line{text: w})
		}
	}
	lines = append(lines, line{})
	for _, c := range l.Closing {
		lines = append(lines, line{text: c, right: true})
	}
	var pages [][]line
	for len(lines) > 0 {
		n := min(len(lines), linesPerPage)
		pages = append(pages, lines[:n])
		lines = lines[n:]
	}
	return write(pages)
}

type line struct {
	text         string
	title, right bool
}

// wrap breaks text into lines of at most n characters, counting an ASCII
// character as half (it is set half as wide). Closing punctuation is not
// put at the start of a line (禁则): it stays on the line before.
func wrap(text string, n int) []string {
	var out []string
	var cur []rune
	width := 0
	for _, r := range text {
		w := 2
		if r < utf8.RuneSelf {
			w = 1
		}
		if width+w > 2*n && !strings.ContainsRune("，。、；：？！）」』”’》", r) {
			out = append(out, string(cur))
			cur, width = nil, 0
		}
		cur = append(cur, r)
		width += w
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

// width in points of text set at size pt.
func width(text string, pt int) int {
	w := 0
	for _, r := range text {
		if r < utf8.RuneSelf {
			w += pt / 2
		} else {
			w += pt
		}
	}
	return w
}

// hex encodes text for the UniGB-UCS2-H encoding: UTF-16 big-endian code
// units, as hexadecimal. Characters beyond the Basic Multilingual Plane
// have no UCS-2 code and are written as a full-width question mark.
func hex(text string) string {
	var b strings.Builder
	for _, r := range text {
		if r > 0xFFFF {
			r = '？'
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String()
}

// write lays out the objects: 1 catalog, 2 page tree, 3–5 the font, then a
// page and its content stream for each page.
func write(pages [][]line) []byte {
	const firstPage = 6
	var objs []string
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", firstPage+2*i)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>",
		"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
	)
	for i, p := range pages {
		var c strings.Builder
		y := pageH - margin
		for _, l := range p {
			y -= leading
			if l.text == "" {
				continue
			}
			pt, x := size, margin
			switch {
			case l.title:
				pt = titleSize
				x = (pageW - width(l.text, pt)) / 2
			case l.right:
				x = pageW - margin - width(l.text, pt)
			}
			fmt.Fprintf(&c, "BT /F1 %d Tf %d %d Td <%s> Tj ET\n", pt, x, y, hex(l.text))
		}
		stream := c.String()
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", pageW, pageH, firstPage+2*i+1),
			fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(stream), stream),
		)
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") // the binary comment tells tools the file is not text
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
