package manifest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func entry(name, data string) Entry {
	return Entry{Name: name, Size: int64(len(data)), Sum: Of([]byte(data))}
}

func mustNew(t *testing.T, entries ...Entry) *Manifest {
	t.Helper()
	m, err := New(entries)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// files of a small site, some with names sha256sum must escape.
var files = map[string]string{
	"index.html":                      "<p>home</p>",
	"css/site.css":                    "body{}",
	"units/区住建局/index.html":           "<p>区住建局</p>",
	"suggestions/2019-001/index.html": "<p>1</p>",
	"static/a b.txt":                  "space",
	`odd\name.txt`:                    "backslash",
	"line\nbreak.txt":                 "newline",
	"empty.txt":                       "",
}

func TestFormatParse(t *testing.T) {
	var b Builder
	for name, data := range files {
		b.Add(name, []byte(data))
	}
	m, err := b.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	text := m.Format()
	again, err := Parse(Name, text)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, text)
	}
	if !bytes.Equal(again.Format(), text) {
		t.Errorf("parse and format do not round-trip:\n%s\n%s", text, again.Format())
	}
	if again.Len() != len(files) {
		t.Errorf("%d entries, want %d", again.Len(), len(files))
	}
	for name, data := range files {
		e, ok := again.Lookup(name)
		if !ok || e != entry(name, data) {
			t.Errorf("%q: got %+v, want %+v", name, e, entry(name, data))
		}
	}
	if !strings.HasPrefix(string(text), "# manifest.sha256: ") {
		t.Errorf("no header:\n%s", text)
	}
	if !strings.Contains(string(text), "# 6\n"+Of([]byte("body{}")).String()+"  css/site.css\n") {
		t.Errorf("css/site.css is not written as size, hash and path:\n%s", text)
	}
}

func TestDeterministic(t *testing.T) {
	var a, b Builder
	var names []string
	for name := range files {
		names = append(names, name)
	}
	for i := range names {
		a.Add(names[i], []byte(files[names[i]]))
		j := len(names) - 1 - i
		b.Add(names[j], []byte(files[names[j]]))
	}
	ma, _ := a.Manifest()
	mb, _ := b.Manifest()
	if !bytes.Equal(ma.Format(), mb.Format()) || ma.Sum() != mb.Sum() {
		t.Error("the same files added in another order give another manifest")
	}
}

// TestSha256sumAccepts writes the files and the manifest to a folder and
// runs the real sha256sum -c --strict on it; then changes one file, which
// sha256sum must report.
func TestSha256sumAccepts(t *testing.T) {
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("sha256sum (GNU coreutils) is not installed")
	}
	dir := t.TempDir()
	var b Builder
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		b.Add(name, []byte(data))
	}
	m, _ := b.Manifest()
	os.WriteFile(filepath.Join(dir, Name), m.Format(), 0o644)
	check := func() (string, error) {
		cmd := exec.Command("sha256sum", "-c", "--strict", Name)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := check(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "css", "site.css"), []byte("body{color:red}"), 0o644)
	out, err := check()
	if err == nil || !strings.Contains(out, "css/site.css: FAILED") {
		t.Errorf("sha256sum -c does not see the changed file: %v\n%s", err, out)
	}
}

func TestParseSha256sumOutput(t *testing.T) {
	text := Of([]byte("a")).String() + "  a.txt\n" + Of([]byte("b")).String() + " *b.bin\n"
	m, err := Parse("sums", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := m.Lookup("b.bin"); e.Sum != Of([]byte("b")) || e.Size != -1 {
		t.Errorf("b.bin: %+v", e)
	}
}

func TestParseErrors(t *testing.T) {
	sum := Of(nil).String()
	cases := []struct{ text, want string }{
		{"# 1\n" + sum + "  a\n# 2\n" + sum + "  b", "m:4: the last line is not complete"},
		{"nothing here\n", "m:1: expected a SHA-256 in hex, two spaces and a path"},
		{sum[:60] + "  a\n", "m:1: expected a SHA-256"},
		{strings.Repeat("z", 64) + "  a\n", `m:1: "zzzz`},
		{sum + "  ../etc/passwd\n", `m:1: "../etc/passwd" is not a path inside the site`},
		{sum + "  /etc/passwd\n", `is not a path inside the site`},
		{sum + "  a\n" + sum + "  a\n", "m: a is listed twice"},
		{`\` + sum + `  a\x` + "\n", `m:1: unknown escape \x`},
	}
	for _, c := range cases {
		_, err := Parse("m", []byte(c.text))
		var se *SyntaxError
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.text, err, c.want)
		} else if !strings.Contains(c.want, "listed twice") && !errors.As(err, &se) {
			t.Errorf("%q: %T is not a SyntaxError", c.text, err)
		}
	}
}

func TestDiff(t *testing.T) {
	old := mustNew(t, entry("index.html", "old home"), entry("css/site.css", "body{}"),
		entry("suggestions/2019-001/index.html", "one"), entry("suggestions/2019-002/index.html", "two"))
	new := mustNew(t, entry("index.html", "new home"), entry("css/site.css", "body{}"),
		entry("suggestions/2019-001/index.html", "one, edited"), entry("suggestions/2019-003/index.html", "three"),
		entry("data/suggestions.json", "[]"))
	c := Diff(old, new)
	names := func(es []Entry) string {
		var s []string
		for _, e := range es {
			s = append(s, e.Name)
		}
		return strings.Join(s, " ")
	}
	if got := names(c.Added); got != "data/suggestions.json suggestions/2019-003/index.html" {
		t.Errorf("added: %s", got)
	}
	if got := names(c.Changed); got != "suggestions/2019-001/index.html index.html" {
		t.Errorf("changed: %s", got)
	}
	if got := names(c.Removed); got != "suggestions/2019-002/index.html" {
		t.Errorf("removed: %s", got)
	}
	if c.Unchanged != 1 {
		t.Errorf("unchanged: %d", c.Unchanged)
	}
	if all := Diff(nil, new); len(all.Added) != new.Len() {
		t.Errorf("against nothing, %d added, want %d", len(all.Added), new.Len())
	}
}

func TestOrder(t *testing.T) {
	names := []string{
		"index.html", "hant/index.html", "suggestions/index.html", "suggestions/page/2/index.html",
		"suggestions/2019-001/index.html", "hant/suggestions/2019-001/index.html", "feed.xml",
		"css/site.css", "data/search-index.json", "stats/2019/index.html", "404.html",
	}
	var es []Entry
	for _, n := range names {
		es = append(es, Entry{Name: n})
	}
	Order(es)
	var got []string
	for _, e := range es {
		got = append(got, e.Name)
	}
	want := "css/site.css data/search-index.json | hant/suggestions/2019-001/index.html suggestions/2019-001/index.html | " +
		"404.html feed.xml stats/2019/index.html suggestions/index.html suggestions/page/2/index.html | hant/index.html index.html"
	var b strings.Builder
	for i, n := range got {
		if i > 0 {
			if RankOf(n) != RankOf(got[i-1]) {
				b.WriteString(" |")
			}
			b.WriteString(" ")
		}
		b.WriteString(n)
	}
	if b.String() != want {
		t.Errorf("order:\n got %s\nwant %s", b.String(), want)
	}
}
