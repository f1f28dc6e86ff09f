package chart

import (
	"encoding/xml"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// categories2019 is the category chart of the 2019 report.
func categories2019() *Chart {
	return &Chart{
		ID: "c", Title: "2019年建议类别分布",
		Summary: "城建交通类 46件 34.6%；财政经济类 15件 11.3%；教科文卫类 16件 12.0%；群众生活类 29件 21.8%；城市管理类 17件 12.8%；社区工作类 10件 7.5%。",
		Bars: []Bar{
			{Label: "城建交通类", Count: 46, Value: "46件 34.6%"},
			{Label: "财政经济类", Count: 15, Value: "15件 11.3%"},
			{Label: "教科文卫类", Count: 16, Value: "16件 12.0%"},
			{Label: "群众生活类", Count: 29, Value: "29件 21.8%"},
			{Label: "城市管理类", Count: 17, Value: "17件 12.8%"},
			{Label: "社区工作类", Count: 10, Value: "10件 7.5%"},
		},
	}
}

func TestGoldenSVG(t *testing.T) {
	got := string(categories2019().SVG())
	golden := "testdata/categories.svg"
	if *update {
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got+"\n" != string(want) {
		t.Errorf("SVG differs from %s (run with -update after checking it):\n%s", golden, got)
	}
	wellFormed(t, got)
}

// Bars are proportional to the largest count, which spans the whole room.
func TestBarLengths(t *testing.T) {
	svg := string(categories2019().SVG())
	for _, want := range []string{`width="248"`, `width="81"`, `width="54"`} { // 46, 15 (80.9), 10 (53.9)
		if !strings.Contains(svg, want) {
			t.Errorf("no bar with %s in %s", want, svg)
		}
	}
}

func TestZeroAndSingle(t *testing.T) {
	zero := &Chart{ID: "z", Title: "无数据", Bars: []Bar{{Label: "甲", Count: 0, Value: "0件"}, {Label: "乙", Count: 0, Value: "0件"}}}
	svg := string(zero.SVG())
	wellFormed(t, svg)
	if strings.Contains(svg, "<rect") {
		t.Errorf("zero counts must draw no bars: %s", svg)
	}
	if strings.Count(svg, ">0件<") != 2 {
		t.Errorf("each zero bar still shows its value: %s", svg)
	}
	one := &Chart{ID: "o", Title: "一类", Bars: []Bar{{Label: "甲", Count: 3, Value: "3件 100%"}}}
	svg = string(one.SVG())
	wellFormed(t, svg)
	if !strings.Contains(svg, `width="248"`) || !strings.Contains(svg, ">3件 100%<") {
		t.Errorf("a single bar spans the room and shows its value: %s", svg)
	}
	empty := &Chart{ID: "e", Title: "空", Summary: "没有数据。"}
	wellFormed(t, string(empty.SVG()))
	if !strings.Contains(string(empty.SVG()), "<desc id=\"e-d\">没有数据。</desc>") {
		t.Error("an empty chart does not describe itself")
	}
}

func TestLongLabelsWrap(t *testing.T) {
	label := strings.Repeat("受政策和客观条件限制", 4) // 40 characters, 640 units: 22 fit in 360
	lines := wrap(label, width)
	if len(lines) != 2 || len([]rune(lines[0])) != 22 || strings.Join(lines, "") != label {
		t.Errorf("wrap gave %q", lines)
	}
	if got := wrap("Short", width); len(got) != 1 {
		t.Errorf("wrap(Short) = %q", got)
	}
}

func TestEscaping(t *testing.T) {
	c := &Chart{ID: "x", Title: `<script>`, Summary: "<b>", Bars: []Bar{{Label: `"><img src=x>`, Count: 1, Value: "<i>"}}}
	for _, h := range []string{string(c.SVG())} {
		if strings.Contains(h, "<script>") || strings.Contains(h, "<img") || strings.Contains(h, `"><`) && strings.Contains(h, `src=x`) && !strings.Contains(h, "&#34;&gt;&lt;img") {
			t.Errorf("markup leaked: %s", h)
		}
		if strings.Contains(h, "<b>") || strings.Contains(h, "<i>") {
			t.Errorf("markup leaked: %s", h)
		}
	}
	wellFormed(t, string(c.SVG()))
}

// The colours are the stylesheet's: the drawing names none.
func TestNoColours(t *testing.T) {
	svg := string(categories2019().SVG())
	if strings.Contains(svg, "fill=") || strings.Contains(svg, "#") || !strings.Contains(svg, `class="chart-bar"`) {
		t.Errorf("the drawing sets its own colours: %s", svg)
	}
}

func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Errorf("SVG is not well-formed XML: %v\n%s", err, svg)
			}
			return
		}
	}
}
