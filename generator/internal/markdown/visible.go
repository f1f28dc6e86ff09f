package markdown

import (
	"bytes"
	"html"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Span is a piece of the text a page shows for some Markdown, with where
// it comes from in the source.
type Span struct {
	Start    int  // where the piece begins in the text
	Offset   int  // byte offset in the source; -1 for the breaks between blocks and lines
	Verbatim bool // the piece is the source from Offset as it is, so offsets inside it map one to one
}

// visibleParser parses as the renderers do, but keeps every link and
// image as written: what is checked is what the source asks for.
var visibleParser = newMarkdown().Parser()

// Shown is what a page shows for some Markdown.
type Shown struct {
	Text   string
	Spans  []Span  // where each piece of Text comes from, in order
	Images []Image // the images, as written
}

// Image is an image of the Markdown.
type Image struct {
	Dest   string // its address, escapes and references resolved
	Offset int    // where it is written: its alt text, or -1 when it has none
}

// Source gives the byte offset in the source of byte i of the text: the
// exact character when the text there is written as it reads, else the
// start of the piece it is in. ok is false for the breaks between blocks.
func (s *Shown) Source(i int) (offset int, ok bool) {
	k := sort.Search(len(s.Spans), func(k int) bool { return s.Spans[k].Start > i }) - 1
	if k < 0 || s.Spans[k].Offset < 0 {
		return 0, false
	}
	sp := s.Spans[k]
	if sp.Verbatim {
		return sp.Offset + i - sp.Start, true
	}
	return sp.Offset, true
}

// Visible returns the text a reader sees for src, in order, as the
// renderer publishes it: emphasis markers gone, backslash escapes and
// character references resolved, code spans as written, raw HTML left out
// (the renderer drops it), the alt text of images, and link addresses,
// which a printed page shows after each link. A space stands for a line
// break inside a paragraph, "\n" between blocks and table cells, so that
// what a reader sees run together is run together here too.
func Visible(src []byte) (shown *Shown, err error) {
	defer func() {
		if v := recover(); v != nil {
			shown, err = nil, errPanic(v)
		}
	}()
	doc := visibleParser.Parse(text.NewReader(src))
	v := &visible{src: src}
	v.out.Grow(len(src))
	_ = ast.Walk(doc, v.node)
	return &Shown{Text: v.out.String(), Spans: v.spans, Images: v.images}, nil
}

type visible struct {
	src    []byte
	out    strings.Builder // the text shown
	spans  []Span
	images []Image
	buf    bufWriter
}

// bufWriter is a bytes.Buffer as goldmark's writers want one.
type bufWriter struct{ bytes.Buffer }

func (*bufWriter) Available() int  { return 1 << 20 }
func (b *bufWriter) Buffered() int { return b.Len() }
func (*bufWriter) Flush() error    { return nil }

func (v *visible) add(s string, offset int, verbatim bool) {
	if s != "" {
		v.spans = append(v.spans, Span{Start: v.out.Len(), Offset: offset, Verbatim: verbatim})
		v.out.WriteString(s)
	}
}

// addBytes is add for a piece of the source.
func (v *visible) addBytes(b []byte, offset int) {
	if len(b) > 0 {
		v.spans = append(v.spans, Span{Start: v.out.Len(), Offset: offset, Verbatim: true})
		v.out.Write(b)
	}
}

func (v *visible) brk(s string) { v.add(s, -1, false) }

func (v *visible) node(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		if n.Type() == ast.TypeBlock {
			v.brk("\n")
		}
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Text:
		v.text(n)
	case *ast.String:
		v.add(string(n.Value), -1, false)
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				v.addBytes(t.Segment.Value(v.src), t.Segment.Start)
			}
		}
		return ast.WalkSkipChildren, nil
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			v.addBytes(seg.Value(v.src), seg.Start)
		}
		v.brk("\n")
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock, *ast.RawHTML:
		return ast.WalkSkipChildren, nil
	case *ast.AutoLink:
		v.add(string(n.Label(v.src)), -1, false)
		return ast.WalkSkipChildren, nil
	case *ast.Link:
		v.destination(n, n.Destination)
	case *ast.Image:
		offset := v.destination(n, n.Destination)
		v.images = append(v.images, Image{Dest: resolve(n.Destination), Offset: offset})
	case *east.TableCell:
		v.brk("\n")
	}
	return ast.WalkContinue, nil
}

// text adds a text node as the renderer writes it, and the line break
// after it as a space.
func (v *visible) text(n *ast.Text) {
	raw := n.Segment.Value(v.src)
	switch {
	case n.IsRaw() || !bytes.ContainsAny(raw, "\\&"):
		// Only escapes and references make the text differ from the source.
		v.addBytes(raw, n.Segment.Start)
	default:
		v.buf.Reset()
		gmhtml.DefaultWriter.Write(&v.buf, raw)
		shown := html.UnescapeString(v.buf.String())
		if shown == string(raw) {
			v.addBytes(raw, n.Segment.Start)
		} else {
			v.pieces(raw, shown, n.Segment.Start)
		}
	}
	if n.SoftLineBreak() || n.HardLineBreak() {
		v.brk(" ")
	}
}

// pieces adds text whose source raw, at offset, has backslash escapes or
// character references: runs written as they read as verbatim spans, each
// escape or reference as a span of its own, so that a position inside the
// text maps to the character in the source. If the pieces do not add up
// to shown, the whole is one span at offset.
func (v *visible) pieces(raw []byte, shown string, offset int) {
	type piece struct {
		text     string
		offset   int
		verbatim bool
	}
	var ps []piece
	var b strings.Builder
	run := 0 // start of the current verbatim run in raw
	flush := func(i int) {
		if i > run {
			ps = append(ps, piece{string(raw[run:i]), offset + run, true})
			b.Write(raw[run:i])
		}
	}
	for i := 0; i < len(raw); {
		n, text := escapeAt(raw, i)
		if n == 0 {
			i++
			continue
		}
		flush(i)
		ps = append(ps, piece{text, offset + i, false})
		b.WriteString(text)
		i += n
		run = i
	}
	flush(len(raw))
	if b.String() != shown {
		v.add(shown, offset, false)
		return
	}
	for _, p := range ps {
		v.add(p.text, p.offset, p.verbatim)
	}
}

// escapeAt reads a backslash escape or a character reference at raw[i]:
// its length in raw and the text it stands for; 0 if there is none.
func escapeAt(raw []byte, i int) (int, string) {
	switch raw[i] {
	case '\\':
		if i+1 < len(raw) && util.IsPunct(raw[i+1]) {
			return 2, string(raw[i+1])
		}
	case '&':
		end := bytes.IndexByte(raw[i:min(len(raw), i+40)], ';')
		if end > 1 {
			ref := string(raw[i : i+end+1])
			if text := html.UnescapeString(ref); text != ref {
				return end + 1, text
			}
		}
	}
	return 0, ""
}

// destination adds a link's address, on its own, and returns where it
// is placed: at the link's text, since goldmark keeps no position for the
// address.
func (v *visible) destination(n ast.Node, dest []byte) int {
	offset := -1
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			offset = t.Segment.Start
			break
		}
	}
	v.brk("\n")
	v.add(resolve(dest), offset, false)
	v.brk("\n")
	return offset
}

// resolve is an address as the browser reads it.
func resolve(dest []byte) string { return resolveDest(dest) }
