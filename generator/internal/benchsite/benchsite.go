// Package benchsite writes large generated sites for benchmarks.
package benchsite

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Write writes a site of n generated suggestions into a temporary folder
// of tb and returns it. The site has the site.toml, layouts and static files
// of the repository at repoRoot; its suggestions are spread over years,
// categories, units and outcomes the way a real district's are.
func Write(tb testing.TB, repoRoot string, n int) string {
	tb.Helper()
	return write(tb, repoRoot, n, false)
}

// WriteVaried is Write with more kinds of suggestion: some name one or two
// co-handling units (协办), one the lead unit among them, and deputies
// answer 满意, 基本满意 or 不满意 or not yet. Write's sites stay as they
// were, so that benchmarks keep comparing like with like.
func WriteVaried(tb testing.TB, repoRoot string, n int) string {
	tb.Helper()
	return write(tb, repoRoot, n, true)
}

func write(tb testing.TB, repoRoot string, n int, varied bool) string {
	dir := tb.TempDir()
	for _, d := range []string{"layouts", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			tb.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repoRoot, "site.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "site.toml"), cfg, 0o644)
	cats := []string{"城建交通", "财政经济", "教科文卫", "群众生活", "城市管理", "社区工作"}
	outcomes := []string{"A", "A", "B", "C"}
	body := strings.Repeat("建议对老旧小区配套公共设施进行整治提升，\n改善群众生活条件。\n\n", 6) +
		"## 办理答复\n\n**一是强化领导作保障。**区政府成立专班。\n\n| 项目 | 完成情况 |\n| --- | --- |\n| 健身器材 | 11个小区 |\n"
	for i := range n {
		year := 2010 + i%15
		num := fmt.Sprintf("%d-%05d", year, i)
		var b strings.Builder
		fmt.Fprintf(&b, "+++\nnumber = %q\ntitle = \"关于第%d件事项的建议\"\nyear = %d\ndeputies = [\"代表%d\", \"代表%d\"]\n", num, i, year, i%400, (i+7)%400)
		fmt.Fprintf(&b, "category = %q\nkey = %t\nlead_unit = \"区第%d局\"\nassigned = %d-03-27\nmet = true\n", cats[i%len(cats)], i%11 == 0, i%40, year)
		satisfaction := "满意"
		if varied {
			switch i % 5 {
			case 1:
				fmt.Fprintf(&b, "co_units = [\"区第%d局\"]\n", (i+3)%40)
			case 2:
				fmt.Fprintf(&b, "co_units = [\"区第%d局\", \"区第%d局\", \"区第%d局\"]\n", (i+5)%40, i%40, (i+9)%40)
			}
			satisfaction = []string{"满意", "基本满意", "不满意", ""}[i/3%4]
		}
		if i%10 != 0 {
			fmt.Fprintf(&b, "replied = %d-06-20\npublished = %d-06-28\noutcome = %q\n", year, year, outcomes[i%len(outcomes)])
			if satisfaction != "" {
				fmt.Fprintf(&b, "satisfaction = %q\n", satisfaction)
			}
			fmt.Fprintf(&b, "\n[[progress]]\ndate = %d-09-15\ntext = \"已完成。\"\n", year)
		}
		b.WriteString("+++\n\n## 建议内容\n\n" + body)
		p := filepath.Join(dir, "content", "suggestions", fmt.Sprint(year), num+".md")
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
