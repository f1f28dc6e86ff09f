package markdown

import (
	"strings"
	"testing"
)

// worstWithinLimits is about 1 MB of Markdown that keeps within Limits
// with the shapes goldmark is slowest on: each paragraph as long as
// allowed, holding as many never-closed links and emphasis markers as
// allowed, and quotes and lists nested as deep as allowed.
func worstWithinLimits() []byte {
	filler := strings.Repeat("文", (MaxParagraph-MaxLinks*4-MaxMarkup*2)/3-10)
	var b strings.Builder
	for b.Len() < 1<<20-MaxParagraph {
		switch b.Len() / MaxParagraph % 3 {
		case 0:
			b.WriteString(strings.Repeat("[a](", MaxLinks/2) + filler + strings.Repeat("[a](", MaxLinks/2))
		case 1:
			b.WriteString(strings.Repeat("a*b_", MaxMarkup/4) + filler + strings.Repeat("a*b_", MaxMarkup/4))
		case 2:
			b.WriteString(strings.Repeat("> ", MaxDepth/2) + strings.Repeat("- ", MaxDepth/2) + filler)
		}
		b.WriteString("\n\n")
	}
	return []byte(b.String())
}

// BenchmarkWorstWithinLimits times checking and rendering the worst
// Markdown Limits lets through: go test ./generator/internal/markdown
// -run '^$' -bench Worst.
func BenchmarkWorstWithinLimits(b *testing.B) {
	src := worstWithinLimits()
	if p := Limits(src); len(p) > 0 {
		b.Fatalf("not within the limits: %v", p[0])
	}
	r := New("/")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
		if _, err := Visible(src); err != nil {
			b.Fatal(err)
		}
	}
}
