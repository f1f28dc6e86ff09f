package markdown

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string // substrings of the HTML
		not      []string // must not occur
	}{
		{"bold before Chinese text", "**一是强化领导作保障。**区政府历来重视", []string{"<strong>一是强化领导作保障。</strong>区政府"}, nil},
		{"bold in corner brackets", "建立了**「二次办理」**反馈机制", []string{"建立了<strong>「二次办理」</strong>反馈机制"}, nil},
		{"bold after full-width colon", "办理结果：**已经解决**。", []string{"<strong>已经解决</strong>。"}, nil},
		{"bold ending in a percentage before 。", "**（一）已解决的建议共82件，占总数的61.7%**。区政府", []string{"<strong>（一）已解决的建议共82件，占总数的61.7%</strong>。区政府"}, nil},
		{"bold link title", "如**《[关于停车的建议](/suggestions/2019-007/)》**等", []string{"如<strong>《<a href=\"/rddbjy/suggestions/2019-007/\">关于停车的建议</a>》</strong>等"}, nil},
		{"latin emphasis unchanged", "a **b** c and snake_case_name", []string{"a <strong>b</strong> c", "snake_case_name"}, []string{"<em>"}},
		{"Chinese lines joined without a space", "区政府高度重视，\n多次召开会议", []string{"区政府高度重视，多次召开会议"}, []string{"重视，\n", "重视， 多次"}},
		{"table", "| 项目 | 完成情况 |\n| --- | --- |\n| 健身器材 | 11个小区 |", []string{"<table>", "<th>项目</th>", "<td>11个小区</td>"}, nil},
		{"raw HTML dropped", "<script>alert(1)</script>\n\n文字<b onclick=\"x()\">粗</b>", []string{"文字"}, []string{"<script", "onclick", "<b"}},
		{"javascript link", "[点我](javascript:alert(1))", []string{"点我"}, []string{"<a", "javascript"}},
		{"mixed-case scheme", "[点我](JaVaScRiPt:alert(1))", []string{"点我"}, []string{"<a"}},
		{"entity-encoded scheme", "[点我](&#106;avascript:alert(1))", []string{"点我"}, []string{"<a"}},
		{"data link", "[点我](data:text/html;base64,PHNjcmlwdD4=)", nil, []string{"<a"}},
		{"autolink script", "<javascript:alert(1)>", nil, []string{"<a"}},
		{"scheme-relative", "[外站](//evil.example/x)", nil, []string{"<a"}},
		{"https kept", "[洛阳](https://www.ly.gov.cn/)", []string{`<a href="https://www.ly.gov.cn/">洛阳</a>`}, nil},
		{"site link gets base path", "[另一件](/suggestions/2019-002/)", []string{`<a href="/rddbjy/suggestions/2019-002/">另一件</a>`}, nil},
		{"image from another site", "![跟踪](https://tracker.example/p.gif)", []string{`<a href="https://tracker.example/p.gif">跟踪</a>`}, []string{"<img"}},
		{"scheme-relative image", "![跟踪](//tracker.example/p.gif)", []string{"跟踪"}, []string{"<img", "tracker"}},
		{"site image kept", "![图](/images/a.png)", []string{`<img src="/rddbjy/images/a.png" alt="图">`}, nil},
		{"relative link kept", "[附件](files/a.pdf)", []string{`<a href="files/a.pdf">`}, nil},
	}
	r := New("/rddbjy/")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, err := r.Render([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(string(h), w) {
					t.Errorf("missing %q in %s", w, h)
				}
			}
			for _, n := range c.not {
				if strings.Contains(string(h), n) {
					t.Errorf("unwanted %q in %s", n, h)
				}
			}
		})
	}
}

// TestRenderNeverPanics: goldmark panics on some text that is not UTF-8
// (slice bounds out of range). Files are checked as UTF-8 before they get
// here, but a panic must in any case be an error, not the end of the
// program.
func TestRenderNeverPanics(t *testing.T) {
	_, err := New("/").Render([]byte("\x80\x81\n正文"))
	if err == nil || !strings.Contains(err.Error(), "internal error in the Markdown parser: runtime error: slice bounds out of range") {
		t.Errorf("err = %v", err)
	}
}
