package privacy

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFindings checks what is reported for the forms issue 16 found
// published: the whole detail as the reader sees it, and its kind.
func TestFindings(t *testing.T) {
	cases := []struct{ in, want string }{
		{"手机138－1234－5678。", Mobile + ": 138－1234－5678"},
		{"电话0379－6482－3456", Landline + ": 0379－6482－3456"},
		{"电话：（0379）6234 5678，手机：13912345678", Landline + ": （0379）6234 5678; " + Mobile + ": 13912345678"},
		{"代表+86-379-6482-3456", Landline + ": +86-379-6482-3456"},
		{"手机13812345678 13912345678", Mobile + ": 13812345678; " + Mobile + ": 13912345678"},
		{"手机1381234567813912345678", Mobile + ": 1381234567813912345678"},
		{"身份证 " + idA[:6] + " " + idA[6:14] + " " + idA[14:], ID + ": " + idA[:6] + " " + idA[6:14] + " " + idA[14:]},
		{"老身份证" + oldA, OldID + ": " + oldA},
		{"邮箱zhangsan＠163。com。", Email + ": zhangsan＠163。com"},
		{"zhangsan at 163 dot com", Email + ": zhangsan at 163 dot com"},
		{"QQ：123456789", QQ + ": 123456789"},
		{"电话：6482 3456", Landline + ": 6482 3456"},
		{"分机0379-64823456-801", Landline + ": 0379-64823456-801"},
		{"13812345678@qq.com", Email + ": 13812345678@qq.com"},
		{"13812345678元，第13812345678次，art_13812345678，JX2019-0379-62345678", ""},
	}
	for _, c := range cases {
		var got []string
		for _, f := range Scan(c.in, nil) {
			got = append(got, f.What+": "+c.in[f.Start:f.End])
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.in, g, c.want)
		}
	}
}

// TestAllowed: a public number is allowed in any of its forms, and only
// that number.
func TestAllowed(t *testing.T) {
	a := Allow("0379-64823389", "rdlw@ly.gov.cn", "12345热线")
	for _, s := range []string{"0379-64823389", "（0379）64823389", "0379 6482 3389", "+86 379 6482 3389", "０３７９－６４８２３３８９",
		"电话：64823389", "RDLW@LY.GOV.CN", "rdlw＠ly。gov。cn", "12345热线"} {
		if fs := Scan(s, a); len(fs) > 0 {
			t.Errorf("%s is public but reported as %s", s, fs[0].What)
		}
	}
	for _, s := range []string{"0379-64823388", "0371-64823389", "13812345678", "zhangsan@ly.gov.cn"} {
		if len(Scan(s, a)) == 0 {
			t.Errorf("%s was allowed", s)
		}
	}
}

// FuzzScan: no input panics the scanner, findings lie inside the text in
// order, and the work grows linearly with the text.
func FuzzScan(f *testing.F) {
	for _, s := range append(positives(), negatives()...) {
		f.Add(s)
	}
	f.Add(strings.Repeat("1 ", 500))
	f.Add(strings.Repeat("a@", 500))
	f.Add(strings.Repeat("a#b.", 500))
	f.Add(strings.Repeat("13812345678-", 100))
	f.Fuzz(func(t *testing.T, s string) {
		fs, steps := scan(s, Allow("0379-64823389"))
		if limit := 2000 * (utf8.RuneCountInString(s) + 1); steps > limit {
			t.Errorf("%d steps for %d characters", steps, len(s))
		}
		last := 0
		for _, f := range fs {
			if f.Start < last || f.End <= f.Start || f.End > len(s) {
				t.Fatalf("finding %+v out of order or bounds in %q", f, s)
			}
			last = f.Start
		}
	})
}

// TestScanIsLinear: the worst inputs the fuzz test knows take steps in
// proportion to their length.
func TestScanIsLinear(t *testing.T) {
	for _, unit := range []string{"1 ", "a@", "a#b.", "13812345678-", "zhangsan(at)", "1-", "(0379) ", "@163.com"} {
		_, small := scan(strings.Repeat(unit, 1000), nil)
		_, large := scan(strings.Repeat(unit, 8000), nil)
		if large > 10*small {
			t.Errorf("%q: %d steps for 1000, %d for 8000", unit, small, large)
		}
	}
}
