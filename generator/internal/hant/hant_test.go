package hant

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
)

func TestText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// Phrases, not characters: 于, 干, 复 and 发 each have several
		// Traditional forms.
		{"关于强化老旧小区配套公共设施整治提升的建议", "關於強化老舊小區配套公共設施整治提升的建議"},
		{"实现了小区“灯明、路平、干净、有序”", "實現了小區“燈明、路平、乾淨、有序”"},
		{"133件建议均已答复完毕，头发", "133件建議均已答覆完畢，頭髮"},
		// Taiwan's standard forms, as the district's own rendering uses.
		{"群众生活类29件", "群眾生活類29件"},
		{"为民办实事", "為民辦實事"},
		// ASCII is left alone.
		{"2019-006 <b>x</b> &amp; https://example.cn/a?b=c", "2019-006 <b>x</b> &amp; https://example.cn/a?b=c"},
		{"", ""},
	} {
		got, err := Text(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHTML(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"text and attributes",
			`<html lang="zh-Hant"><a href="/rddbjy/units/区住建局/" title="主办单位" aria-label="区住建局">区住建局</a>`,
			`<html lang="zh-Hant"><a href="/rddbjy/units/区住建局/" title="主辦單位" aria-label="區住建局">區住建局</a>`},
		{"meta content and data attributes",
			`<meta name="description" content="代表建议"><p data-found="找到 {n} 件建议">`,
			`<meta name="description" content="代表建議"><p data-found="找到 {n} 件建議">`},
		{"names that tie the page together",
			`<input id="搜索" class="关于" name="关于" value="关于" placeholder="输入关键词">`,
			`<input id="搜索" class="关于" name="关于" value="關於" placeholder="輸入關鍵詞">`},
		{"kept element, nested",
			`<p>简体<span translate="no"><a href="#">简体<span>简体</span>简体</a>简体</span>简体</p>`,
			`<p>簡體<span translate="no"><a href="#">简体<span>简体</span>简体</a>简体</span>簡體</p>`},
		{"kept void element",
			`<img translate="no" alt="图表"><p>图表</p>`,
			`<img translate="no" alt="图表"><p>圖表</p>`},
		{"comments, scripts and styles",
			"<!-- 简体 --><script>var s = '简体';</script><style>p::after{content:'简体'}</style><p>简体</p>",
			"<!-- 简体 --><script>var s = '简体';</script><style>p::after{content:'简体'}</style><p>簡體</p>"},
		{"doctype, unquoted and bare attributes, lone <",
			`<!DOCTYPE html><td class=num hidden data-x=关于>1 < 2 关于</td>`,
			`<!DOCTYPE html><td class=num hidden data-x=關於>1 < 2 關於</td>`},
	} {
		got, err := convertHTML(nil, c.in)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestHTMLKeepsMarkup converts a page whose text is all ASCII: nothing may
// change, byte for byte.
func TestHTMLKeepsMarkup(t *testing.T) {
	page := strings.Repeat(`<tr class="a"><td><a href="/x/?q=1&amp;y=2">x</a></td></tr>`+"\n", 100)
	got, err := convertHTML(nil, page)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != page {
		t.Error("an ASCII page changed")
	}
}

// TestMatchesOpenCC converts the demo content and the district's report
// both with this package's matcher and with opencc.Convert itself.
func TestMatchesOpenCC(t *testing.T) {
	cc, err := opencc.New(Conversion)
	if err != nil {
		t.Fatal(err)
	}
	m, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"头发干了，于是关于干部的答复", "一了百了；台风；乾隆；「二次办理」", "ab关于cd", "𠮷野家的干净"}
	files, _ := filepath.Glob("../../../content/suggestions/*/*.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	if len(files) == 0 {
		t.Fatal("no demo content found")
	}
	for _, s := range texts {
		want, err := cc.Convert(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.convert(s); got != want {
			t.Errorf("differs from opencc.Convert:\n got %.200s\nwant %.200s", got, want)
		}
	}
}

// convertHTML converts a whole page with n's names (none when n is nil).
func convertHTML(n *Names, page string) (string, error) {
	var out bytes.Buffer
	err := n.WriteHTML(&out, []byte(page))
	return out.String(), err
}
