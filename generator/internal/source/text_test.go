package source

import (
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func gbk(s string) string {
	out, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

func big5(s string) string {
	out, err := traditionalchinese.Big5.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

func utf16le(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16be(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

const front = "+++\nnumber = \"2019-001\"\ntitle = \"关于停车的建议\"\n+++\n"

func TestText(t *testing.T) {
	f := "content/suggestions/2019/001.md"
	cases := []struct {
		name, in string
		want     []string // each an error, in order; none: the text is fine
		out      string   // the text returned, when fine
	}{
		{"UTF-8", front + "建议内容\n", nil, front + "建议内容\n"},
		{"Windows line endings and a BOM", "\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\r\n正文\r", nil, "+++\ntitle = \"x\"\n+++\n正文\n"},
		{"a double BOM", "\xef\xbb\xbf\xef\xbb\xbf" + front, nil, front},
		{"a GB18030 file", gbk(front + "关于加强停车管理的建议\n"),
			[]string{f + `:3:10: the file is not UTF-8: it looks like GB18030 (GBK, what Windows calls "ANSI" on Chinese systems); line 3 reads "title = \"关于停车的建议\"" in it (convert it to UTF-8: iconv -f GB18030 -t UTF-8 '` + f + `' > /tmp/utf8 && mv /tmp/utf8 '` + f + `'; or open it in Notepad, choose 文件 → 另存为 (Save As) and set 编码 (Encoding) to UTF-8)`}, ""},
		{"a GB18030 body under UTF-8 front matter", front + "建议内容\n" + gbk("区政府高度重视，多次召开会议。\n"),
			[]string{f + `:6:1: part of the file is not UTF-8: the other lines are, but these look like GB18030 (GBK, what Windows calls "ANSI" on Chinese systems), pasted from a file in that encoding; line 6 reads "区政府高度重视，多次召开会议。" in it (retype or paste those lines again from a UTF-8 copy of the original (iconv -f GB18030 -t UTF-8 original.txt gives one), then save the file as UTF-8)`}, ""},
		{"a first body line of continuation bytes only (made goldmark panic)", front + "\x80\x81\xbf\xa0\xb0\n",
			[]string{f + ":5:1: the file is not UTF-8, and not in an encoding recognised here"}, ""},
		{"Big5", big5("關於加強停車管理的建議\n"), []string{f + `:1:1: the file is not UTF-8: it looks like Big5 (Traditional Chinese); line 1 reads "關於加強停車管理的建議" in it (convert it to UTF-8: iconv -f BIG5 -t UTF-8`}, ""},
		{"UTF-16 with BOM", utf16le(front, true), []string{f + `:1:1: the file is not UTF-8: it is UTF-16 (little-endian, with a byte order mark), what Windows Notepad calls "Unicode" (convert it to UTF-8: iconv -f UTF-16 -t UTF-8 '`}, ""},
		{"UTF-16 big-endian", utf16be(front), []string{f + `:1:1: the file is not UTF-8: it is UTF-16 (big-endian, with a byte order mark)`}, ""},
		{"UTF-16 without BOM", utf16le(front, false), []string{f + `:1:1: the file is not UTF-8: it is UTF-16 (without a byte order mark)`}, ""},
		{"control characters", front + "正文\x07响铃\n\t缩进\x1b[31m红\n",
			[]string{f + ":5:3: a control character U+0007 in the text: pages must not carry it", f + ":6:4: a control character U+001B"}, ""},
		{"direction override and inner BOM", front + "手机\u202E8765 4321 831\n文\ufeff字\n",
			[]string{f + ":5:3: an invisible direction override U+202E", f + ":6:2: a byte order mark inside the text U+FEFF"}, ""},
		{"a NUL", front + "a\x00b\n", []string{f + ":5:2: a control character U+0000"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs := Text(f, []byte(c.in))
			if len(errs) != len(c.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(c.want), errs)
			}
			for i, w := range c.want {
				if !strings.HasPrefix(errs[i].Error(), w) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, errs[i], w)
				}
			}
			if c.want == nil && string(out) != c.out {
				t.Errorf("text %q, want %q", out, c.out)
			}
		})
	}
}

func TestTextManyControls(t *testing.T) {
	_, errs := Text("x.md", []byte(strings.Repeat("\x01", 500)))
	if len(errs) != maxControls+1 || !strings.Contains(errs[maxControls].Msg, "490 more control characters") {
		t.Errorf("%d problems: %v", len(errs), errs)
	}
}
