package hant

import (
	"bytes"
	"strings"
)

// urlAttrs hold addresses, which are never converted (the generator escapes
// them to ASCII anyway; a hand-written one may not be).
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "cite": true, "data": true,
	"poster": true, "srcset": true, "hreflang": true, "lang": true, "id": true, "for": true,
	"class": true, "name": true, "aria-labelledby": true, "aria-describedby": true, "aria-controls": true,
}

// voidElements have no content and no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// WriteHTML converts a page into out: its text and every attribute value
// (title, alt, aria-label, content, data-*) except addresses and names
// that tie the page together (href, src, id, for, class, lang). Comments,
// scripts and styles are left alone, and so is every element marked
// translate="no", such as the link back to the Simplified page, whose
// label must stay 简体. See Names.WriteHTML for how the page is read.
func WriteHTML(out *bytes.Buffer, page []byte) error {
	return (*Names)(nil).WriteHTML(out, page)
}

type htmlConverter struct {
	src   string
	pos   int
	out   *bytes.Buffer
	keep  string // the name of the translate="no" element being copied as is
	deep  int    // how many elements named keep are open
	names *Names // converted as names wherever they occur; may be nil
}

func (c *htmlConverter) run() error {
	for c.pos < len(c.src) {
		lt := strings.IndexByte(c.src[c.pos:], '<')
		if lt < 0 {
			lt = len(c.src) - c.pos
		}
		if err := c.text(c.src[c.pos : c.pos+lt]); err != nil {
			return err
		}
		c.pos += lt
		if c.pos >= len(c.src) {
			break
		}
		if err := c.markup(); err != nil {
			return err
		}
	}
	return nil
}

// text writes character data, converted unless inside a kept element.
func (c *htmlConverter) text(s string) error {
	if c.keep != "" {
		c.out.WriteString(s)
		return nil
	}
	return c.names.writeText(c.out, s)
}

// copyThrough copies up to and including the first end after pos.
func (c *htmlConverter) copyThrough(end string) {
	i := strings.Index(c.src[c.pos:], end)
	if i < 0 {
		c.out.WriteString(c.src[c.pos:])
		c.pos = len(c.src)
		return
	}
	c.out.WriteString(c.src[c.pos : c.pos+i+len(end)])
	c.pos += i + len(end)
}

// markup handles what starts at a '<'.
func (c *htmlConverter) markup() error {
	rest := c.src[c.pos:]
	switch {
	case strings.HasPrefix(rest, "<!--"):
		c.copyThrough("-->")
		return nil
	case strings.HasPrefix(rest, "<!"), strings.HasPrefix(rest, "<?"):
		c.copyThrough(">")
		return nil
	case strings.HasPrefix(rest, "</"):
		name := tagName(rest[2:])
		c.copyThrough(">")
		if c.keep != "" && name == c.keep {
			c.deep--
			if c.deep == 0 {
				c.keep = ""
			}
		}
		return nil
	}
	name := tagName(rest[1:])
	if name == "" { // a lone '<' in text
		c.out.WriteByte('<')
		c.pos++
		return nil
	}
	c.out.WriteString(rest[:1+len(name)])
	c.pos += 1 + len(name)
	keep, err := c.attributes()
	if err != nil {
		return err
	}
	switch {
	case c.keep != "":
		if name == c.keep {
			c.deep++
		}
	case keep && !voidElements[name]:
		c.keep, c.deep = name, 1
	case name == "script" || name == "style":
		c.copyThrough("</" + name)
	}
	return nil
}

// attributes copies the attributes of a start tag up to its '>',
// converting values, and reports whether the tag has translate="no" (whose
// own attributes are kept too). It reads the tag twice, first for
// translate="no", which may come after the values it keeps, so that it
// writes the tag straight into the page.
func (c *htmlConverter) attributes() (keep bool, err error) {
	start := c.pos
	keep, _ = c.tag(false, false)
	c.pos = start
	return c.tag(true, !keep && c.keep == "")
}

// tag reads the attributes of a start tag up to its '>', writing them when
// write is set, their values converted when convert is (except addresses:
// urlAttrs), and reports whether the tag has translate="no".
func (c *htmlConverter) tag(write, convert bool) (keep bool, err error) {
	for c.pos < len(c.src) {
		ch := c.src[c.pos]
		if ch == '>' || isSpace(ch) || ch == '/' {
			if write {
				c.out.WriteByte(ch)
			}
			c.pos++
			if ch == '>' {
				break
			}
			continue
		}
		start := c.pos
		for c.pos < len(c.src) && !isSpace(c.src[c.pos]) && !strings.ContainsRune("=>/", rune(c.src[c.pos])) {
			c.pos++
		}
		name := strings.ToLower(c.src[start:c.pos])
		if write {
			c.out.WriteString(c.src[start:c.pos])
		}
		if c.pos >= len(c.src) || c.src[c.pos] != '=' {
			continue
		}
		c.pos++
		text, quote := c.value()
		if name == "translate" && strings.EqualFold(text, "no") {
			keep = true
		}
		if !write {
			continue
		}
		c.out.WriteByte('=')
		c.out.WriteString(quote)
		if convert && !urlAttrs[name] {
			if err := c.names.writeText(c.out, text); err != nil {
				return false, err
			}
		} else {
			c.out.WriteString(text)
		}
		c.out.WriteString(quote)
	}
	return keep, nil
}

// value reads an attribute value after '=' and returns it with its quote.
func (c *htmlConverter) value() (string, string) {
	if c.pos >= len(c.src) {
		return "", ""
	}
	if q := c.src[c.pos]; q == '"' || q == '\'' {
		end := strings.IndexByte(c.src[c.pos+1:], q)
		if end < 0 {
			end = len(c.src) - c.pos - 1
		}
		v := c.src[c.pos+1 : c.pos+1+end]
		c.pos = min(len(c.src), c.pos+2+end)
		return v, string(q)
	}
	start := c.pos
	for c.pos < len(c.src) && !isSpace(c.src[c.pos]) && c.src[c.pos] != '>' {
		c.pos++
	}
	return c.src[start:c.pos], ""
}

// tagName reads the name at the start of s, lower-cased; "" if none.
func tagName(s string) string {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '-')) {
		i++
	}
	return strings.ToLower(s[:i])
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }
