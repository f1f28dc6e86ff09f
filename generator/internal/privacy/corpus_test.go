package privacy

import (
	"fmt"
	"strings"
	"testing"
)

// checkDigit completes the first 17 digits of a resident ID number.
func checkDigit(first17 string) string {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

// wide writes digits and ASCII signs in their full-width forms, as a
// Chinese input mode types them.
func wide(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7F {
			r += 0xFF01 - 0x21
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	idA  = checkDigit("41030519900101001") // 410305199001010012? whatever the digit is
	idB  = checkDigit("11010519850307123")
	idC  = checkDigit("44030620011231567")
	idX  = xID()
	oldA = "410305900101001"
	oldB = "110105851231123"
)

// xID is a valid ID number ending in X.
func xID() string {
	for n := 100; n < 1000; n++ {
		if id := checkDigit(fmt.Sprintf("41030219780615%03d", n)); strings.HasSuffix(id, "X") {
			return id
		}
	}
	panic("no ID ending in X")
}

// positives are contact details as deputies, units and webmasters write
// them, in every form issue 16 found published, and more. The text is as
// published: after TOML decoding and Markdown rendering.
func positives() []string {
	mobiles := []string{"13812345678", "15937956789", "18603791234", "19912345678", "17761234567", "14712345678"}
	var p []string
	for _, m := range mobiles {
		a, b, c := m[:3], m[3:7], m[7:]
		p = append(p,
			m, a+" "+b+" "+c, a+"-"+b+"-"+c, wide(m), a+"－"+b+"－"+c, a+"–"+b+"–"+c, a+"—"+b+"—"+c,
			a+"\u3000"+b+"\u3000"+c, "+86 "+m, "+86-"+a+"-"+b+"-"+c, "0086 "+m, "86-"+m, a+"."+b+"."+c,
			a+"\u200b"+b+c, "(+86)"+m, a+b+" "+c, a+" - "+b+" - "+c,
		)
	}
	id := func(s string) []string {
		return []string{s, s[:6] + " " + s[6:14] + " " + s[14:], s[:6] + " " + s[6:10] + " " + s[10:14] + " " + s[14:],
			s[:6] + "-" + s[6:14] + "-" + s[14:], wide(s)}
	}
	p = append(p, id(idA)...)
	p = append(p, id(idB)...)
	p = append(p, id(idC)...)
	p = append(p, id(idX)...)
	p = append(p, strings.ToLower(idX), oldA, oldB, oldA[:6]+" "+oldA[6:12]+" "+oldA[12:])
	p = append(p,
		// Landlines.
		"0379-62345678", "0379 6234 5678", "0379-6234-5678", "(0379) 6234 5678", "（0379）62345678", "（0379）6234 5678",
		"0379－6482－3456", "0379–6482–3456", "0379—64823456", "0379\u30006482\u30003456", "０３７９－６４８２３４５６",
		"010-65123456", "010 6512 3456", "(010)65123456", "021-62345678", "021 6234 5678", "0371-6234567",
		"+86-379-6482-3456", "+86 379 6482 3456", "0086-379-6482-3456", "+86 10 6512 3456", "+86-21-62345678",
		"0379.6482.3456", "0379-64823456-801", "03796482 3456", "0379 64823456",
		// E-mail.
		"zhangsan@163.com", "ZhangSan@163.COM", "zhang.san@example.gov.cn", "12345678@qq.com", "zhangsan_2019@163.com",
		"zhangsan@163.com.cn", "li-si@sina.cn", "wang+rd@gmail.com", "zhangsan＠163。com", "zhangsan@163．com",
		"zhangsan＠163．com", "ｚｈａｎｇｓａｎ＠１６３．ｃｏｍ", "zhangsan@163。com", "zhangsan(at)163.com", "zhangsan（at）163.com",
		"zhangsan[at]163.com", "zhangsan【at】163.com", "zhangsan at 163 dot com", "zhangsan AT 163 DOT com",
		"zhangsan(at)163(dot)com", "zhangsan#163.com", "zhangsan艾特163.com", "zhangsan@163点com", "zhangsan @ 163.com",
		"zhangsan@163 . com", "zhang\u200bsan@163.com",
	)
	var out []string
	for i, s := range p {
		// Each in a sentence around it, as text has them.
		switch i % 4 {
		case 0:
			out = append(out, s)
		case 1:
			out = append(out, "如有疑问请联系"+s+"（张代表）。")
		case 2:
			out = append(out, "领衔代表郭宇清，"+s+"，区十五届人大代表。")
		case 3:
			out = append(out, "联系方式："+s)
		}
	}
	// Labelled ones, which are contact details only because of the label.
	out = append(out,
		"电话：6482 3456", "座机 64823456", "联系电话：6234567", "传真：0379-64823457", "电话:64823456",
		"QQ：123456789", "qq 12345678", "QQ号码：1234567890", "扣扣：88886666", "QQ:10001", "Q Q号？no", // the last is negative, dropped below
		"tel0379-64823456", "Tel:13812345678", "手机号是13812345678", "手机：138 1234 5678", "mobile 13812345678",
		"身份证号："+idA, "ID:"+idB, "公民身份号码"+idC, "电话：（0379）6482-3456，手机：13912345678",
		"张三13812345678", "13812345678。", "（13812345678）", "13812345678张代表", "1381234567813912345678",
		"13812345678 13912345678", "13812345678、13912345678", "电话13812345678/13912345678",
	)
	return out[:len(out)-0]
}

// negatives are texts with numbers and @ signs that are not contact
// details, and the public hotline written in its other forms.
func negatives() []string {
	return []string{
		// Amounts, counts and ordinals.
		"13812345678元", "第13812345678次", "投入资金13812345678元", "￥13812345678", "¥13812345678", "13812345678万元",
		"面积 13812345678 平方米", "13812345678 人次", "共13812345678件", "13812345678个", "第1381234567号",
		// Digits in URLs and identifiers.
		"art_13812345678", "https://www.ly.gov.cn/art_13812345678.html", "https://x.gov.cn/?id=13812345678",
		"http://www.example.gov.cn/2019/0379/62345678/", "www.example.com/13812345678", "id_13812345678", "user13812345678",
		"https://x.cn/a?from=13812345678&to=13912345678", "file_0379_62345678.pdf", "#13812345678", "v13812345678",
		"/suggestions/2019-001/", "art_2019_0379_64823456.html",
		// Document, case and order numbers.
		"JX2019-0379-62345678", "JX-0379-62345678", "2019-0379-62345678", "文号：2019-0379-62345678", "洛政〔2019〕13号",
		"案号：(2019)豫0305民初1234号", "订单号：" + idA, "流水号 " + idB, "快递单号 SF1381234567890", "合同编号：HT-2019-0379-6234",
		"统一社会信用代码：91410300MA44XXXX1A", "发票号码：13812345678", "单号：13812345678", "编号：0379-62345678",
		"登记号 " + oldA, "批号 20190327001", "No.13812345678", "NO.0379-62345678", "序列号：" + idC, "工号 13812345678",
		"车牌号 豫C12345", "账号 6222021234567890123", "卡号：6222 0212 3456 7890", "税号 91410300123456789X",
		// Dates, times, years.
		"2019年3月27日", "2019-03-27", "2019—2020年", "2019.03.27", "20190327", "2019-03-27 13:45", "2019年至2024年",
		"2019.3.27—2019.6.25", "1949年10月1日", "2019-2020学年", "201903271345",
		// Statistics, as reports write them.
		"共133件，占34.6%", "46 34.6% 15 11.3%", "82件（61.7%）", "133 82 30 21", "1 2 3 4 5 6 7 8 9 10 11 12",
		"城建交通46件、财政经济15件、农林水利16件", "满意129件，基本满意4件", "答复率100%，见面率100%",
		"12个重点建议", "133件建议全部按期办结", "2019年共交办建议133件", "平均答复用时63.5天",
		"0.13812345678", "3.14159265358979", "1,381,234,567", "12345678901234567890", "123456789012345",
		"1381234567", "138123456789", "1381234", "0379", "64823456", "6482 3456",
		// Codes a site shows.
		"邮编：471000", "471003", "豫ICP备12345678号", "豫ICP备12345678号-1", "豫公网安备 41030502000123号",
		"网站标识码4103050003", "邮政编码 471000",
		// Service numbers anyone may call.
		"12345", "12345热线", "110", "120", "119", "400-123-4567", "800-820-8820", "95588", "96110", "12315", "4001234567",
		// The public hotline, 0379-64823389, in its other forms.
		"（0379）64823389", "0379 6482 3389", "+86 379 6482 3389", "0379-6482-3389", "（0379）6482 3389",
		"0379—64823389", "０３７９－６４８２３３８９", "电话：64823389", "037964823389",
		// @ and # that are no address.
		"@洛阳发布", "微博@某某区人大", "C#.NET", "issue #12", "user@localhost", "v1.2@3", "goldmark@v1.8.7",
		"zhang@163", "@163.com", "xxx@", "邮箱：（请填写）", "#2019-001", "第#3号", "请@相关单位", "go@1.26",
		"npm install foo@latest", "a@b", "微信公众号：某某区人大", "Email: 见区政府网站", "at 163 dot com",
		"3 at 4", "他 at 家", "C # 语言", "价格 # 13812345678",
		// Text of suggestions.
		"关于强化老旧小区配套公共设施整治提升的建议", "区住建局于2019年6月25日答复", "涉及133户居民，投资1381万元",
		"2019年3月27日交办，6月25日答复", "一是强化领导；二是加大投入；三是完善机制",
		"已完成11个小区健身器材补充更换", "新增停车位1,200个", "全长3.8公里，宽12米", "惠及居民2.3万人",
		"建议编号2019-006", "区十五届人大四次会议", "第10号建议", "（2019）第62号",
		"改造面积13.8万平方米", "预算资金1381.23万元", "共发放补贴138123元", "总投资2.36亿元",
		"截至2019年12月31日", "第1381234567期", "138mm", "0379mm", "ISO 9001:2015", "GB/T 2260-2007",
		"GB 11643-1999", "国发〔2019〕13号", "豫政办〔2019〕62号", "洛政文〔2019〕0379号",
		"电话会议13次", "手机APP下载量13812次", "安装摄像头138个", "覆盖人口138123人",
		"0379年", "公元前0379年", "第0379号", "0379号文件", "编号0379-6234", "会议室0379",
	}
}

// TestCorpus measures the scanner on the corpus: every positive is found
// (recall 100%), at most 2% of the negatives raise a false alarm.
func TestCorpus(t *testing.T) {
	allowed := Allow("0379-64823389")
	pos, neg := positives(), negatives()
	var missed, alarms []string
	counted := 0
	for _, s := range pos {
		if s == "Q Q号？no" {
			continue
		}
		counted++
		if len(Scan(s, allowed)) == 0 {
			missed = append(missed, s)
		}
	}
	for _, s := range neg {
		if fs := Scan(s, allowed); len(fs) > 0 {
			alarms = append(alarms, fmt.Sprintf("%s (%s %q)", s, fs[0].What, s[fs[0].Start:fs[0].End]))
		}
	}
	t.Logf("positives: %d, found %d (recall %.1f%%); negatives: %d, false alarms %d (%.1f%%)",
		counted, counted-len(missed), 100*float64(counted-len(missed))/float64(counted),
		len(neg), len(alarms), 100*float64(len(alarms))/float64(len(neg)))
	if counted < 150 || len(neg) < 150 {
		t.Errorf("the corpus needs at least 150 of each: %d positives, %d negatives", counted, len(neg))
	}
	for _, m := range missed {
		t.Errorf("missed: %s", m)
	}
	if float64(len(alarms)) > 0.02*float64(len(neg)) {
		t.Errorf("%d false alarms:\n%s", len(alarms), strings.Join(alarms, "\n"))
	} else {
		for _, a := range alarms {
			t.Logf("false alarm: %s", a)
		}
	}
}
