// Package benchsite writes large generated sites for benchmarks.
//
// The suggestions read like real ones to an index and to a compressor:
// their titles, bodies and replies are drawn from a vocabulary of the
// 4,000 commonest words of the demo content and of the district's 2019
// report (vocabulary.txt), each as often as it occurs there, with the
// demo's road and place names, deputies and units, and with the lengths of
// the demo's suggestions and replies. Each suggestion is drawn from its own
// seeded generator, so a site of n suggestions is the same on every run
// and the first n of a larger site are the same files.
package benchsite

import (
	_ "embed"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"rdjy.local/portal/generator/internal/source"
)

//go:embed vocabulary.txt
var vocabularyFile string

// vocab is vocabulary.txt, read.
type vocab struct {
	words      []string
	cumulative []int // cumulative[i]: the weights of words[:i+1]
	places     []string
	deputies   []string
	units      []string
	suggestion []int // lengths in characters
	reply      []int
}

var vocabulary = sync.OnceValue(func() *vocab {
	v := &vocab{}
	section := ""
	for line := range strings.Lines(vocabularyFile) {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			section = strings.Trim(line, "[]")
		case section == "words":
			w, n, _ := strings.Cut(line, " ")
			count, _ := strconv.Atoi(n)
			total := count
			if len(v.cumulative) > 0 {
				total += v.cumulative[len(v.cumulative)-1]
			}
			v.words, v.cumulative = append(v.words, w), append(v.cumulative, total)
		case section == "places":
			v.places = append(v.places, line)
		case section == "deputies":
			v.deputies = append(v.deputies, line)
		case section == "units":
			v.units = append(v.units, line)
		case section == "suggestion lengths", section == "reply lengths":
			for _, f := range strings.Fields(line) {
				n, _ := strconv.Atoi(f)
				if section == "reply lengths" {
					v.reply = append(v.reply, n)
				} else {
					v.suggestion = append(v.suggestion, n)
				}
			}
		}
	}
	return v
})

// writer draws one suggestion's text.
type writer struct {
	v   *vocab
	rnd *rand.Rand
	b   strings.Builder
}

func (w *writer) pick(list []string) string { return list[w.rnd.IntN(len(list))] }

// word draws a word as often as it occurs in the vocabulary's texts, now
// and then a place name or a number with its measure word.
func (w *writer) word() string {
	switch r := w.rnd.IntN(100); {
	case r < 2:
		return w.pick(w.v.places)
	case r < 4:
		return strconv.Itoa(1+w.rnd.IntN(300)) + w.pick([]string{"个", "处", "家", "万元", "米", "户", "名", "条", "年"})
	}
	total := w.v.cumulative[len(w.v.cumulative)-1]
	i, _ := slices.BinarySearch(w.v.cumulative, w.rnd.IntN(total)+1)
	return w.v.words[i]
}

// sentence writes a sentence of clauses of a few words each.
func (w *writer) sentence() {
	clauses := 1 + w.rnd.IntN(4)
	for c := range clauses {
		for range 2 + w.rnd.IntN(6) {
			w.b.WriteString(w.word())
		}
		if c < clauses-1 {
			w.b.WriteString(w.pick([]string{"，", "，", "，", "、", "；"}))
		}
	}
	w.b.WriteString("。")
}

// text writes paragraphs of sentences until about n characters are written.
func (w *writer) text(n int, points bool) {
	start := len([]rune(w.b.String()))
	for i := 0; len([]rune(w.b.String()))-start < n; i++ {
		if points && i < 6 {
			fmt.Fprintf(&w.b, "**%s是", []string{"一", "二", "三", "四", "五", "六"}[i])
			for range 2 + w.rnd.IntN(3) {
				w.b.WriteString(w.word())
			}
			w.b.WriteString("。**")
		}
		for range 1 + w.rnd.IntN(3) {
			w.sentence()
		}
		w.b.WriteString("\n\n")
	}
}

// title draws a title: 关于…的建议, often about a place.
func (w *writer) title() string {
	var t strings.Builder
	t.WriteString("关于")
	if w.rnd.IntN(3) == 0 {
		t.WriteString(w.pick(w.v.places))
	}
	for range 2 + w.rnd.IntN(3) {
		t.WriteString(w.word())
	}
	t.WriteString("的建议")
	return t.String()
}

// deputy draws a deputy's name from a pool of poolSize: the demo's own
// deputies and names made of the demo's surnames and given names, so that
// a site has about 1,000 deputies at any size, as a district over several
// terms or a city's congress does.
func (w *writer) deputy() string {
	return deputyPool()[w.rnd.IntN(poolSize)]
}

const poolSize = 1000

// deputyPool is the same list of poolSize distinct names on every run.
var deputyPool = sync.OnceValue(func() []string {
	v := vocabulary()
	rnd := rand.New(rand.NewPCG(20261207, 0))
	pool := append([]string(nil), v.deputies...)
	seen := map[string]bool{}
	for _, d := range pool {
		seen[d] = true
	}
	for len(pool) < poolSize {
		a, b := []rune(v.deputies[rnd.IntN(len(v.deputies))]), []rune(v.deputies[rnd.IntN(len(v.deputies))])
		if d := string(a[:1]) + string(b[1:]); !seen[d] {
			seen[d] = true
			pool = append(pool, d)
		}
	}
	return pool[:poolSize]
})

// Suggestion gives the file of generated suggestion i: its path under
// content/suggestions and its text.
func Suggestion(i int) (string, []byte) {
	v := vocabulary()
	w := &writer{v: v, rnd: rand.New(rand.NewPCG(20261207, uint64(i)))}
	cats := []string{"城建交通", "财政经济", "教科文卫", "群众生活", "城市管理", "社区工作"}
	outcomes := []string{"A", "A", "B", "C"}
	year := 2010 + i%15
	num := fmt.Sprintf("%d-%05d", year, i)
	title := w.title()
	deputies := []string{w.deputy()}
	for range w.rnd.IntN(3) {
		if d := w.deputy(); !slices.Contains(deputies, d) {
			deputies = append(deputies, d)
		}
	}
	lead := w.pick(v.units)
	var co []string
	for range w.rnd.IntN(3) {
		if u := w.pick(v.units); u != lead && !slices.Contains(co, u) {
			co = append(co, u)
		}
	}
	b := &w.b
	fmt.Fprintf(b, "+++\nnumber = %q\ntitle = %q\nyear = %d\ndeputies = [%s]\n", num, title, year, quoted(deputies))
	fmt.Fprintf(b, "category = %q\nkey = %t\nlead_unit = %q\n", cats[i%len(cats)], i%11 == 0, lead)
	if len(co) > 0 {
		fmt.Fprintf(b, "co_units = [%s]\n", quoted(co))
	}
	fmt.Fprintf(b, "assigned = %d-03-27\nmet = true\n", year)
	replied := i%10 != 0
	if replied {
		fmt.Fprintf(b, "replied = %d-06-20\npublished = %d-06-28\noutcome = %q\nsatisfaction = \"满意\"\n\n[[progress]]\ndate = %d-09-15\ntext = \"",
			year, year, outcomes[i%len(outcomes)], year)
		w.sentence()
		b.WriteString("\"\n")
	}
	b.WriteString("+++\n\n## 建议内容\n\n")
	w.text(w.v.suggestion[w.rnd.IntN(len(w.v.suggestion))], false)
	if replied {
		fmt.Fprintf(b, "## 办理答复\n\n%s代表：\n\n您提出的《%s》收悉，现答复如下：\n\n", deputies[0], title)
		w.text(w.v.reply[w.rnd.IntN(len(w.v.reply))], true)
		b.WriteString("感谢您对我们工作的关心和支持。\n")
	}
	return filepath.Join(strconv.Itoa(year), num+".md"), []byte(b.String())
}

func quoted(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// Write writes a site of n generated suggestions into a temporary folder
// of tb and returns it. The site has the site.toml, layouts and static files
// of the repository at repoRoot; its suggestions are spread over years,
// categories, units and outcomes the way a real district's are.
func Write(tb testing.TB, repoRoot string, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := WriteTo(dir, repoRoot, n); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// WriteTo writes a site of n generated suggestions into dir (see Write).
func WriteTo(dir, repoRoot string, n int) error {
	if err := Refresh(dir, repoRoot); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "suggestions"), 0o755); err != nil {
		return err
	}
	for i := range n {
		name, text := Suggestion(i)
		p := filepath.Join(dir, filepath.FromSlash(source.Suggestions), name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, text, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Refresh gives the site in dir the layouts, static files and site.toml
// of the repository at repoRoot as they are now, keeping its content: a
// site written once and kept for later runs (minutes to write at 100,000
// suggestions) would otherwise be built with the pages and scripts of the
// day it was written, such as a search script that reads another format
// of the index than the build writes.
func Refresh(dir, repoRoot string) error {
	for _, d := range []string{source.LayoutDir, source.StaticDir} {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			return err
		}
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(repoRoot, d))); err != nil {
			return err
		}
	}
	cfg, err := os.ReadFile(filepath.Join(repoRoot, source.Config))
	if err != nil {
		return err
	}
	// The repository's as_of closes its own records; the generated ones
	// run later, and their statistics are stated as of their latest date.
	cfg = asOfLine.ReplaceAll(cfg, nil)
	return os.WriteFile(filepath.Join(dir, source.Config), cfg, 0o644)
}

var asOfLine = regexp.MustCompile(`(?m)^as_of *=.*\n`)
