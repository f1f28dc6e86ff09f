package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// cjkEmphasisParser parses * and _ emphasis like CommonMark, except that a
// delimiter run next to a wide (Chinese) character or punctuation mark may
// open and close even where punctuation is on its inner side. CommonMark's
// rule would leave `**一是强化领导作保障。**区政府` and `是**「二次办理」**机制`
// unbolded, because a closing run after 。 or 」 must be followed by a space
// or punctuation, which Chinese text never has. Runs between ASCII
// characters follow CommonMark exactly.
type cjkEmphasisParser struct{}

func (cjkEmphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (cjkEmphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := scanDelimiter(line, before)
	if node == nil {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

func scanDelimiter(line []byte, before rune) *parser.Delimiter {
	c := line[0]
	j := 0
	for j < len(line) && line[j] == c {
		j++
	}
	after := ' '
	if j < len(line) {
		after = util.ToRune(line, j)
	}
	beforePunct, afterPunct := isPunct(before), isPunct(after)
	beforeSpace, afterSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	cjk := wide(before) || wide(after)
	left := !afterSpace && (!afterPunct || beforeSpace || beforePunct || cjk)
	right := !beforeSpace && (!beforePunct || afterSpace || afterPunct || cjk)
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || beforePunct)
		canClose = right && (!left || afterPunct)
	}
	return parser.NewDelimiter(canOpen, canClose, j, c, emphasisDelimiters{})
}

func isPunct(r rune) bool { return util.IsPunctRune(r) }

// wide tells Chinese characters and full-width punctuation.
func wide(r rune) bool { return r > unicode.MaxASCII && util.IsEastAsianWideRune(r) }

type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }
