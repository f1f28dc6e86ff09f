// Package markdown turns the Markdown of suggestions into safe HTML: goldmark
// with GitHub tables and CJK line breaks, emphasis rules that work next to
// Chinese punctuation, no raw HTML, and no links other than http, https,
// mailto and site-relative ones. Site-relative links (/suggestions/2019-001/)
// get the site's base path so they work when the portal lives under a sub-path.
package markdown

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer converts Markdown to HTML. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer whose site-relative links start with basePath
// ("/" or "/rddbjy/").
func New(basePath string) *Renderer {
	return NewLinker(func(p string) string { return basePath + p })
}

// NewLinker returns a Renderer that publishes a site-relative link
// ("/suggestions/2019-001/") as site(p), where p lacks the leading slash:
// the Traditional pages send links to pages to their own copies.
func NewLinker(site func(p string) string) *Renderer {
	return &Renderer{md: newMarkdown(parser.WithASTTransformers(util.Prioritized(&linkGuard{site: site}, 100)))}
}

// newMarkdown is goldmark as the site uses it, with the parser options
// given (the link guard, for renderers).
func newMarkdown(opts ...parser.Option) goldmark.Markdown {
	p := parser.NewParser(append([]parser.Option{
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(parser.NewLinkParser(), 200),
			util.Prioritized(parser.NewAutoLinkParser(), 300),
			util.Prioritized(parser.NewRawHTMLParser(), 400),
			util.Prioritized(cjkEmphasisParser{}, 500),
		),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	}, opts...)...)
	return goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
		),
	)
}

// Render converts src. Raw HTML in src is left out of the result.
func (r *Renderer) Render(src []byte) (_ template.HTML, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errPanic(v)
		}
	}()
	// A builder of about the size of the HTML, which becomes the string
	// without a copy; a writer of goldmark's kind, since given a plain
	// io.Writer its renderer puts a bufio.Writer of 4 KB in front of it
	// for every document.
	var out builder
	out.Grow(len(src) + len(src)/4)
	if err := r.md.Convert(src, &out); err != nil {
		return "", err
	}
	return template.HTML(out.String()), nil
}

// builder is a strings.Builder as goldmark's writers want one.
type builder struct{ strings.Builder }

func (*builder) Available() int  { return 1 << 20 }
func (b *builder) Buffered() int { return b.Len() }
func (*builder) Flush() error    { return nil }

// errPanic is the error for a panic in goldmark, which some text that is
// not UTF-8 causes.
func errPanic(v any) error { return fmt.Errorf("internal error in the Markdown parser: %v", v) }

// linkGuard removes links and images whose address could run script or leave
// the web (javascript:, data:, file: ...), keeping their text, and prefixes
// site-relative addresses with the base path.
type linkGuard struct{ site func(string) string }

func (g *linkGuard) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var unsafe []ast.Node
	var outside []*ast.Image
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = g.fix(n.Destination)
			if n.Destination == nil {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			n.Destination = g.fix(n.Destination)
			if n.Destination == nil {
				unsafe = append(unsafe, n)
			} else if External(resolveDest(n.Destination)) {
				outside = append(outside, n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && g.fix(n.URL(reader.Source())) == nil {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
		unwrap(n, reader.Source())
	}
	// Pages load nothing from other sites: an image there becomes a link
	// to it, with its alt text. (check refuses such images; this keeps a
	// page safe whatever the Markdown.)
	for _, img := range outside {
		link := ast.NewLink()
		link.Destination, link.Title = img.Destination, img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// External reports whether an address (as the browser reads it) is on
// another site: http:, https: or scheme-relative (//host/…).
func External(dest string) bool {
	s := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:") || strings.HasPrefix(s, "//")
}

func resolveDest(dest []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
}

// unwrap replaces n by its children, or an autolink by its plain text.
func unwrap(n ast.Node, source []byte) {
	parent := n.Parent()
	if al, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(al.Label(source)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// fix returns the address to publish, or nil when it must not be a link.
func (g *linkGuard) fix(dest []byte) []byte {
	// Check the address as the browser will see it, after character
	// references and backslash escapes are resolved.
	s := string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
	for _, r := range s {
		if r <= ' ' || r == 0x7f {
			return nil // browsers ignore such characters inside a scheme
		}
	}
	if i := strings.IndexAny(s, ":/?#"); i >= 0 && s[i] == ':' {
		switch strings.ToLower(s[:i]) {
		case "http", "https", "mailto":
			return dest
		}
		return nil
	}
	if strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") {
		return []byte(g.site(s[1:]))
	}
	if strings.HasPrefix(s, "//") {
		return nil // another host without a scheme: say https:// explicitly
	}
	return dest
}
