package markdown

import (
	"strings"
	"testing"
)

// TestVisible: the text a reader sees, whatever the source hides.
func TestVisible(t *testing.T) {
	cases := []struct{ in, want string }{
		{"138**1234**5678", "13812345678"},
		{"`138`12345678", "13812345678"},
		{"138\\-1234\\-5678", "138-1234-5678"},
		{"zhang\\@example.com", "zhang@example.com"},
		{"&#49;38&#x31;2345678", "13812345678"},
		{"电话138123\n45678", "电话138123 45678"},
		{"4103**0519900101**0012", "410305199001010012"},
		{"<span>13812345678</span>x", "13812345678x"},
		{"<div>\n13812345678\n</div>", ""},
		{"[张代表](mailto:zhang@163.com)", "mailto:zhang@163.com | 张代表"},
		{"![电话13812345678](/a.png)", "/a.png | 电话13812345678"},
		{"| 电话 | 手机 |\n| --- | --- |\n| 0379 | 13812345678 |", "电话 | 手机 | 0379 | 13812345678"},
		{"```\n13812345678\n```", "13812345678"},
	}
	for _, c := range cases {
		shown, err := Visible([]byte(c.in))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(strings.ReplaceAll(shown.Text, "\n", " | ")), " ")
		got = strings.Trim(strings.ReplaceAll(got, "| |", "|"), " |")
		for strings.Contains(got, "| |") {
			got = strings.ReplaceAll(got, "| |", "|")
		}
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}
