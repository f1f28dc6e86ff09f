package hant

import "testing"

// TestNames: deputies' and units' names keep their surnames and given
// names on the Traditional pages (issue 16), wherever they occur, while
// the words around them convert as words.
func TestNames(t *testing.T) {
	n := NewNames([]string{"于海涛", "范伟", "郭台铭", "沈阳", "谷雨", "蔡斗", "郭宇清", "魏莹", "尚顺玲", "岳飞", "万里", "叶红", "于庄街道办事处", "区住建局"})
	for _, c := range []struct{ in, want string }{
		{"于海涛", "于海濤"}, {"范伟", "范偉"}, {"郭台铭", "郭台銘"}, {"沈阳", "沈陽"}, {"谷雨", "谷雨"}, {"蔡斗", "蔡斗"},
		{"郭宇清", "郭宇清"}, {"魏莹", "魏瑩"}, {"尚顺玲", "尚順玲"}, {"岳飞", "岳飛"}, {"万里", "萬里"}, {"叶红", "葉紅"},
		{"于庄街道办事处", "于莊街道辦事處"}, {"区住建局", "區住建局"},
		// In running text the name is found, and the rest converts as words.
		{"关于于海涛代表的建议", "關於于海濤代表的建議"},
		{"范伟、沈阳代表提出干净整洁", "范偉、沈陽代表提出乾淨整潔"},
		// Text that is no name still converts as words; a name stays a
		// name wherever it occurs (沈阳 here is a deputy of the site).
		{"谷雨前后，到沈阳出差", "谷雨前後，到沈陽出差"},
		{"关于收复范围", "關於收復範圍"},
	} {
		got, err := n.Text(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
	page, err := convertHTML(n, `<title>于海涛 - 关于</title><td title="范伟">郭台铭</td>`)
	if err != nil || string(page) != `<title>于海濤 - 關於</title><td title="范偉">郭台銘</td>` {
		t.Errorf("HTML: %s %v", page, err)
	}
	// Without names, phrases as before.
	if got, _ := (*Names)(nil).Text("于海涛"); got != "於海濤" {
		t.Errorf("nil Names: %s", got)
	}
}
