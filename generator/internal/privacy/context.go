package privacy

import "strings"

// Labels written before a number say what it is.
type labelKind int

const (
	noLabel    labelKind = iota
	phoneLabel           // 电话, 手机, tel: a local number is a telephone too
	qqLabel              // QQ: 5 to 11 digits are a QQ number
	idLabel              // 身份证号
	notContact           // 订单号, 案号, 编号: an order, case or document number
)

var labels = []struct {
	kind  labelKind
	words []string
}{
	// QQ first: "qq账号" is a QQ number, not an account number.
	{qqLabel, []string{"qq", "qq号", "qq号码", "qq账号", "扣扣", "扣扣号"}},
	{phoneLabel, []string{"电话", "电话号", "电话号码", "手机", "手机号", "手机号码", "联系方式", "联系电话", "联系号码", "座机", "固话",
		"固定电话", "传真", "移动电话", "家庭电话", "办公电话", "宅电", "tel", "phone", "mobile", "mob", "fax", "cell", "call"}},
	{idLabel, []string{"身份证", "身份证号", "身份证号码", "证件号", "证件号码", "公民身份号码", "id"}},
	{notContact, []string{"订单号", "单号", "编号", "文号", "案号", "流水号", "合同号", "批号", "批次号", "登记号", "证书号",
		"许可证号", "发票号", "发票代码", "账号", "帐号", "卡号", "代码", "序列号", "条码", "工号", "学号", "车牌号", "邮编",
		"邮政编码", "备案号", "网安备", "icp备", "no", "no.", "编码", "交易号", "运单号", "凭证号", "档号", "索引号", "标识码",
		"qq群", "群号", "版本", "型号", "识别码", "税号", "项目号", "指标号", "号", "号码",
		// Amounts: 面积 13812345678 平方米.
		"价格", "面积", "金额", "资金", "数量", "人口", "投资", "总计", "合计", "预算", "费用", "产值", "收入"}},
}

// label names what the text just before i says the number at i is.
func (f *folded) label(i int) labelKind {
	// Step back over what stands between a label and its number:
	// 电话：(0379), 手机号是 138…, QQ 12345.
	j := i - 1
	for j >= 0 && i-j <= 6 && strings.ContainsRune(" :(+是为=#№", f.r[j]) {
		if f.r[j] == '=' {
			return noLabel // a URL's query: ?id=…
		}
		j--
	}
	from := max(0, j-7)
	before := string(f.r[from : j+1])
	f.steps += 8 * len(labels)
	for _, l := range labels {
		for _, w := range l.words {
			if strings.HasSuffix(before, w) && (!isLetter(rune(w[0])) || !isLetter(f.rune(j-len(w)))) {
				return l.kind
			}
		}
	}
	return noLabel
}

// measures are the words after a number that make it an amount or count.
const measures = "元万亿次件个人户名位份吨米平辆台天年岁字页册套间株棵处条项所家座公千克%‰斤亩倍分秒角"

// quantity reports whether the number from start to end is an amount, a
// count or an ordinal: 13812345678元, 第13812345678次, ¥13812345678.
func (f *folded) quantity(start, end int) bool {
	after := end
	if f.rune(after) == ' ' {
		after++
	}
	if c := f.rune(after); c != 0 && strings.ContainsRune(measures, c) {
		return true
	}
	before := start - 1
	if f.rune(before) == ' ' {
		before--
	}
	c := f.rune(before)
	return c == '第' || c == '$' || c == '¥' || c == '￥'
}

// free reports whether the number from start to end stands on its own,
// not inside a URL or an identifier (art_13812345678, ?id=…, JX-0379-…),
// unless letters before it are a label such as tel.
func (f *folded) free(start, end int) bool {
	for f.rune(start-1) == '+' || f.rune(start-1) == '(' {
		start--
	}
	if f.rune(end) == ')' {
		end++
	}
	b, a := f.rune(start-1), f.rune(end)
	if (b == '-' || b == '.') && (isLetter(f.rune(start-2)) || isDigit(f.rune(start-2))) {
		return false // part of a code: JX-0379-…, v2.…
	}
	if (a == '-' || a == '.' || a == '@') && (isLetter(f.rune(end+1)) || isDigit(f.rune(end+1))) {
		return false
	}
	if strings.ContainsRune("_/=&?%\\@#~", b) || strings.ContainsRune("_/=&?%\\~", a) || isLetter(a) {
		return false
	}
	if isLetter(b) {
		j := start - 1
		for j >= 0 && isLetter(f.r[j]) && start-j <= 8 {
			j--
		}
		switch string(f.r[j+1 : start]) {
		case "tel", "phone", "mobile", "mob", "fax", "cell", "call", "qq", "id", "m", "t", "p":
			return !isLetter(f.rune(j))
		}
		return false
	}
	return true
}
