package markdown

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// allowed are the elements Markdown may produce and their attributes.
var allowed = map[string]map[string]bool{
	"p": {}, "h1": {}, "h2": {}, "h3": {}, "h4": {}, "h5": {}, "h6": {}, "strong": {}, "em": {}, "del": {},
	"code": {"class": true}, "pre": {}, "a": {"href": true, "title": true}, "img": {"src": true, "alt": true, "title": true},
	"ul": {}, "ol": {"start": true}, "li": {}, "blockquote": {}, "hr": {}, "br": {},
	"table": {}, "thead": {}, "tbody": {}, "tr": {}, "th": {"style": true}, "td": {"style": true},
}

var (
	tagPattern  = regexp.MustCompile(`^<(/?)([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*/?>`)
	attrPattern = regexp.MustCompile(`\s+([a-z-]+)(?:="([^"]*)")?`)
	stylePat    = regexp.MustCompile(`^text-align:(left|right|center)$`)
)

// checkHTML fails unless out holds only allowed elements and attributes,
// and links and images only to allowed addresses: http, https and mailto
// links, site paths under /rddbjy/ and relative ones; images from the
// site only.
func checkHTML(t *testing.T, in string, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		j := strings.IndexByte(out[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := out[i:]
		if strings.HasPrefix(rest, "<!-- raw HTML omitted -->") {
			i += len("<!-- raw HTML omitted -->")
			continue
		}
		m := tagPattern.FindStringSubmatch(rest)
		if m == nil {
			t.Fatalf("%q: a < that starts no allowed tag at %q", in, rest[:min(len(rest), 40)])
		}
		attrs, ok := allowed[m[2]]
		if !ok {
			t.Fatalf("%q: element <%s> in %q", in, m[2], out)
		}
		for _, a := range attrPattern.FindAllStringSubmatch(m[3], -1) {
			name, value := a[1], html.UnescapeString(a[2])
			if !attrs[name] {
				t.Fatalf("%q: attribute %s on <%s> in %q", in, name, m[2], out)
			}
			switch name {
			case "href":
				if !allowedURL(value, false) {
					t.Fatalf("%q: link to %q", in, value)
				}
			case "src":
				if !allowedURL(value, true) {
					t.Fatalf("%q: image from %q", in, value)
				}
			case "style":
				if !stylePat.MatchString(value) {
					t.Fatalf("%q: style %q", in, value)
				}
			case "class":
				// The info string of a code fence, escaped: any text is harmless.
				if !strings.HasPrefix(value, "language-") {
					t.Fatalf("%q: class %q", in, value)
				}
			}
		}
		i += len(m[0])
	}
}

func allowedURL(u string, image bool) bool {
	for _, r := range u {
		if r <= ' ' || r == 0x7f {
			return false
		}
	}
	scheme, _, hasColon := strings.Cut(u, ":")
	if hasColon && !strings.ContainsAny(scheme, "/?#") {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto":
			return !image
		}
		return false
	}
	if strings.HasPrefix(u, "//") {
		return false
	}
	return !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "/rddbjy/")
}

// FuzzRender: no Markdown makes the renderer panic, and the HTML it makes
// holds only the elements, attributes and addresses the site allows: no
// raw HTML, no script, no image from another site.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"**一是强化领导作保障。**区政府", "[a](javascript:alert(1))", "<script>alert(1)</script>", "![x](https://tracker.example/p.gif)",
		"[a](/suggestions/2019-001/)", "| a | b |\n| :-- | --: |\n| 1 | 2 |", "```js\ncode\n```", "<a href=x>y</a>",
		"[a](&#106;avascript:x)", "![a](//evil/x.png)", "<img src=x onerror=alert(1)>", "[a](<javascript:x>)", strings.Repeat("[a](", 50),
		"1. a\n2. b\n\n5) c", "> q\n\n---\n\n~~del~~", "<https://x.example/a?b=1>", "<zhang@163.com>", "[a](mailto:x@y.cn \"t\")",
	} {
		f.Add(s)
	}
	r := New("/rddbjy/")
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			return // refused before it gets here (source.Text)
		}
		out, err := r.Render([]byte(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		checkHTML(t, in, string(out))
		if _, err := Visible([]byte(in)); err != nil {
			t.Fatalf("%q: Visible: %v", in, err)
		}
	})
}
