package content

import (
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config/configtest"
)

// TestPersonalDataAsPublished: contact details that the source hides and
// the page shows (issue 16) are found, in every field and the body, at
// their position in the file, with the field.
func TestPersonalDataAsPublished(t *testing.T) {
	body := func(text string) string { return edit(t, "建议对老旧", text+"建议对老旧") }
	cases := []struct{ name, file, want string }{
		{"bold inside a number", body("手机138**1234**5678，"), `a.md:28:3: "13812345678" looks like a mobile phone number`},
		{"a code span", body("电话`138`12345678，"), `a.md:28:4: "13812345678" looks like a mobile phone number`},
		{"escaped hyphens", body(`手机138\-1234\-5678，`), `a.md:28:3: "138-1234-5678" looks like a mobile phone number`},
		{"an escaped @", body(`邮箱zhang\@example.com，`), `a.md:28:3: "zhang@example.com" looks like an e-mail address`},
		{"a number wrapped across lines", body("联系手机138123\n45678，"), `a.md:28:5: "138123 45678" looks like a mobile phone number`},
		{"character references", body("手机&#49;38&#x31;2345678，"), `a.md:28:3: "13812345678" looks like a mobile phone number`},
		{"an ID with bold in the middle", body("身份证4103**0519900101**0012，"), `a.md:28:4: "410305199001010012" looks like a resident ID number`},
		{"full-width hyphens", body("手机138－1234－5678，"), `a.md:28:3: "138－1234－5678" looks like a mobile phone number`},
		{"ideographic spaces", body("电话0379\u30006234\u30005678，"), `a.md:28:3: "0379　6234　5678" looks like a landline phone number`},
		{"an e-mail typed in Chinese mode", body("邮箱zhangsan＠163。com，"), `a.md:28:3: "zhangsan＠163。com" looks like an e-mail address`},
		{"an obfuscated e-mail", body("邮箱zhangsan（at）163.com，"), `a.md:28:3: "zhangsan（at）163.com" looks like an e-mail address`},
		{"a mailto link", body("[张代表](mailto:zhang@163.com)"), `a.md:28:2: "zhang@163.com" looks like an e-mail address`},
		{"a QQ number", body("QQ：123456789，"), `a.md:28:4: "123456789" looks like a QQ number`},
		{"an old ID number", body("身份证410305900101001，"), `a.md:28:4: "410305900101001" looks like a 15-digit resident ID number`},
		{"text between raw HTML tags, which are dropped", body("<span>13812345678</span>号楼，"), `a.md:28:7: "13812345678" looks like a mobile phone number`},
		{"an image from another site", body("见![照片](https://tracker.example/p.gif)。"),
			`a.md:28:4: an image from another site, "https://tracker.example/p.gif": the pages load nothing from other sites (save the image in static/`},
		{"a table cell", body("| 代表 | 电话 |\n| --- | --- |\n| 郭宇清 | 13812345678 |\n\n"), `a.md:30:9: "13812345678" looks like a mobile phone number`},
		{"a TOML escape in the title", edit(t, `title = "关于`, `title = "\u0031\u0033\u0038\u0031\u0032\u0033\u0034\u0035\u0036\u0037\u0038关于`),
			`a.md:3:9: title: "13812345678" looks like a mobile phone number`},
		{"a line continuation", edit(t, `session = "区十五届人大四次会议"`, "session = \"\"\"区十五届人大四次会议138\\\n  12345678\"\"\""),
			`a.md:5:11: session: "13812345678" looks like a mobile phone number`},
		{"a deputy", edit(t, `"魏莹"`, `"魏莹13812345678"`), `a.md:6:23: deputies: "13812345678" looks like a mobile phone number`},
		{"a lead unit", edit(t, `lead_unit = "区住建局"`, `lead_unit = "区住建局0379-62345678"`), `a.md:9:18: lead_unit: "0379-62345678" looks like a landline phone number`},
		{"a co-unit", edit(t, `co_units = ["区财政局"]`, `co_units = ["区财政局 zhang@163.com"]`), `a.md:10:19: co_units: "zhang@163.com" looks like an e-mail address`},
		{"a follow-up", edit(t, `text = "已完成11个`, `text = "联系13812345678，已完成11个`), `a.md:23:11: progress[2].text: "13812345678" looks like a mobile phone number`},
	}
	site := configtest.Site(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := Parse("a.md", []byte(c.file), site)
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), c.want) {
				t.Errorf("want one problem starting with\n  %s\ngot\n  %v", c.want, errs)
			}
		})
	}
}

// TestNoFalseAlarms: numbers that are not contact details, and the public
// hotline in another format, raise nothing.
func TestNoFalseAlarms(t *testing.T) {
	for _, text := range []string{
		"投入13812345678元", "第13812345678次", "详见[通知](https://www.ly.gov.cn/art_13812345678.html)",
		"文号JX2019-0379-62345678", "网站联系电话：（0379）64823389", "热线0379 6482 3389", "订单号：410305199001010012",
		"共133件，占34.6%", "2019年3月27日交办",
	} {
		_, errs := Parse("a.md", []byte(edit(t, "建议对老旧", text+"，建议对老旧")), configtest.Site(t))
		if len(errs) > 0 {
			t.Errorf("%q: unexpected %v", text, errs)
		}
	}
}
