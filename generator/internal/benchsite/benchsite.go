// Package benchsite writes large generated sites for benchmarks.
package benchsite

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/source"
)

// Write writes a site of n generated suggestions into a temporary folder
// of tb and returns it. The site has the site.toml, layouts and static files
// of the repository at repoRoot; its suggestions are spread over years,
// categories, units and outcomes the way a real district's are.
func Write(tb testing.TB, repoRoot string, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, d := range []string{source.LayoutDir, source.StaticDir} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			tb.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repoRoot, source.Config))
	if err != nil {
		tb.Fatal(err)
	}
	// The repository's as_of closes its own records; the generated ones
	// run later, and their statistics are stated as of their latest date.
	cfg = asOfLine.ReplaceAll(cfg, nil)
	os.WriteFile(filepath.Join(dir, source.Config), cfg, 0o644)
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
		if i%10 != 0 {
			fmt.Fprintf(&b, "replied = %d-06-20\npublished = %d-06-28\noutcome = %q\nsatisfaction = \"满意\"\n\n[[progress]]\ndate = %d-09-15\ntext = \"已完成。\"\n", year, year, outcomes[i%len(outcomes)], year)
		}
		b.WriteString("+++\n\n## 建议内容\n\n" + body)
		p := filepath.Join(dir, filepath.FromSlash(source.Suggestions), fmt.Sprint(year), num+".md")
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

var asOfLine = regexp.MustCompile(`(?m)^as_of *=.*\n`)
