package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeLargeSite writes a site of n generated suggestions, with the
// repository's site.toml and layouts, spread over years, categories, units
// and outcomes the way a real district's are.
func writeLargeSite(tb testing.TB, n int) string {
	tb.Helper()
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
		if i%10 != 0 {
			fmt.Fprintf(&b, "replied = %d-06-20\noutcome = %q\nsatisfaction = \"满意\"\n\n[[progress]]\ndate = %d-09-15\ntext = \"已完成。\"\n", year, outcomes[i%len(outcomes)], year)
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

// BenchmarkBuild10000 times a whole build (load, check, render, write,
// swap) of 10,000 suggestions.
func BenchmarkBuild10000(b *testing.B) {
	site := writeLargeSite(b, 10000)
	dest := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Source: site, Dest: dest}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad10000 times reading and checking 10,000 suggestions alone.
func BenchmarkLoad10000(b *testing.B) {
	site := writeLargeSite(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load(Options{Source: site}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck times check (loading and rendering every page without
// writing them) at two sizes: the time per suggestion must stay flat, since no
// page walks all suggestions.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		site := writeLargeSite(b, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Check(context.Background(), Options{Source: site}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/suggestion")
		})
	}
}

// TestWriteBenchSite writes the benchmark's site to $BENCH_SITE, to time
// whole builds of the command (for peak memory, or against other tools):
//
//	BENCH_SITE=/tmp/site10k go test ./generator/internal/build -run TestWriteBenchSite
//	/usr/bin/time -v go run ./generator build -source /tmp/site10k
func TestWriteBenchSite(t *testing.T) {
	dir := os.Getenv("BENCH_SITE")
	if dir == "" {
		t.Skip("set BENCH_SITE to a folder to write the 10,000-suggestion site there")
	}
	if err := os.CopyFS(dir, os.DirFS(writeLargeSite(t, 10000))); err != nil {
		t.Fatal(err)
	}
}
