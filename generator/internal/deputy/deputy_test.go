package deputy

import (
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/config/configtest"
	"rdjy.local/portal/generator/internal/content"
)

// TestInitial checks the letter of the hundred most common surnames, of
// every surname read otherwise as a word, and of names at the edges of the
// letters.
func TestInitial(t *testing.T) {
	cases := map[string]string{
		// The most common surnames.
		"A": "艾安敖", "B": "白柏薄包鲍毕卞边卜", "C": "陈程蔡曹崔常车成池褚谌",
		"D": "邓丁杜董段戴邸刁窦狄", "E": "鄂恩", "F": "冯范方付傅费樊封符",
		"G": "郭高顾龚葛耿古关管桂过甘", "H": "黄胡何韩侯贺郝洪华花霍",
		"J": "蒋金贾江姜纪季焦靳景鞠", "K": "孔康柯匡况蒯", "L": "李刘林罗梁吕卢陆廖龙雷黎令",
		"M": "马毛孟莫苗梅穆牟", "N": "倪宁牛聂能那年", "O": "欧", "P": "潘彭庞裴皮蒲朴",
		"Q": "钱秦邱齐祁覃仇乔屈曲", "R": "任阮冉饶荣芮", "S": "孙宋苏沈石史邵施舒单宿",
		"T": "唐田陶谭汤谈童涂", "W": "王吴魏汪万韦武温翁邬隗", "X": "徐许谢肖夏熊向解郇",
		"Y": "杨袁叶于余姚严尹易殷俞岳乐燕员", "Z": "张赵周朱郑曾钟邹庄左查翟祭",
	}
	for want, chars := range cases {
		for _, r := range chars {
			if got := Initial(string(r) + "某"); got != want {
				t.Errorf("Initial(%c某) = %s, want %s", r, got, want)
			}
		}
	}
	for name, want := range map[string]string{
		"长孙无忌": "Z", "万俟卨": "M", "尉迟恭": "Y", "尉缭": "W", "澹台灭明": "T",
		"單雄信": "S", "區寄": "O", "闞澤": "K", // Traditional forms
		"阿不都热合曼": "A", "帕尔哈提": "P", "Alim": "A", "alim": "A",
		"1号代表": Other, "·": Other, "Ωmega": Other,
	} {
		if got := Initial(name); got != want {
			t.Errorf("Initial(%s) = %s, want %s", name, got, want)
		}
	}
}

func site(t *testing.T, extra string) *config.Site {
	t.Helper()
	s, errs := config.Parse("site.toml", []byte(configtest.TOML+extra))
	if errs != nil {
		t.Fatal(errs)
	}
	return s
}

func sg(number string, deputies ...string) *content.Suggestion {
	return &content.Suggestion{Number: number, Deputies: deputies}
}

func TestRoster(t *testing.T) {
	cfg := site(t, `
[[deputies]]
name = "王伟"
key = "王伟（南昌路）"
slug = "wangwei-nanchanglu"
description = "南昌路街道选区"

[[deputies]]
name = "王伟"
key = "王伟（武汉路）"
slug = "wangwei-wuhanlu"
description = "武汉路街道选区"
`)
	r := New(cfg, []*content.Suggestion{
		sg("2020-001", "郭宇清", "单雄", "王伟（武汉路）"),
		sg("2019-002", "沈红", "郭宇清"),
		sg("2019-001", "郭宇清", "王伟（南昌路）", "艾青", "Alim"),
		sg("2019-003", "曾明", "沈红"),
	})
	var names []string
	for _, g := range r.Groups() {
		var in []string
		for _, d := range g.Deputies {
			in = append(in, d.Name+d.Description)
		}
		names = append(names, g.Initial+":"+strings.Join(in, ","))
	}
	want := "A:Alim,艾青 G:郭宇清 S:单雄,沈红 W:王伟南昌路街道选区,王伟武汉路街道选区 Z:曾明"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("index:\n got %s\nwant %s", got, want)
	}
	guo := r.Of("郭宇清")
	if numbers(guo.Led) != "2020-001 2019-001" || numbers(guo.CoSigned) != "2019-002" {
		t.Errorf("郭宇清 led %s, co-signed %s", numbers(guo.Led), numbers(guo.CoSigned))
	}
	if w := r.Of("王伟（武汉路）"); w == nil || w.Slug != "wangwei-wuhanlu" || numbers(w.CoSigned) != "2020-001" {
		t.Errorf("王伟（武汉路）: %+v", w)
	}
	if r.Of("王伟") != nil || r.Of("魏莹") != nil {
		t.Error("Of gives a deputy no suggestion names")
	}
}

func numbers(list []*content.Suggestion) string {
	var n []string
	for _, s := range list {
		n = append(n, s.Number)
	}
	return strings.Join(n, " ")
}

func TestOrderWithinALetter(t *testing.T) {
	r := New(site(t, ""), []*content.Suggestion{sg("1", "张伟", "章华", "赵丽", "曾国", "查良", "翟峰", "周敏", "左权", "朱红", "郑和", "祖冲之")})
	var got []string
	for _, d := range r.Deputies {
		got = append(got, d.Name)
	}
	// zāng? no: 曾 zēng, 查 zhā, 翟 zhái, 张/章 zhāng, 赵 zhào, 郑 zhèng, 周 zhōu, 朱 zhū, 祖 zǔ, 左 zuǒ
	want := "曾国 查良 翟峰 张伟 章华 赵丽 郑和 周敏 朱红 祖冲之 左权"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("order:\n got %s\nwant %s", g, want)
	}
}
