package tomldoc

import (
	"strings"
	"testing"
)

func TestLocate(t *testing.T) {
	text := `number = "2019-001"
  "quoted key" = 1
site.owner = "x"
body = """
text = "inside a string, not a key"
"""
[footer]
phone = "1"

[[progress]]
date = 2019-09-15 # comment
[[progress]]
	text = "b"
co = [ # the units
  "区财政局", # first
  '区教育局' ,"x",
]
nested = [[1, [2]], [], ["区", 3]]
inline = { a = 1, b = { c = "区" }, d = [4] }
list = [{ x = 1 }, { x = 2 }]
[[progress.notes]]
n = 1
[[progress]]
[[progress.notes]]
n = 2
[[progress.notes]]
`
	got := locate([]byte(text), 10)
	want := map[string]position{
		"number":                  {10, 1, 10, 10},
		"quoted key":              {11, 3, 11, 18},
		"site":                    {12, 1, 12, 1},
		"site.owner":              {12, 1, 12, 14},
		"body":                    {13, 1, 13, 8},
		"footer":                  {16, 1, 16, 1},
		"footer.phone":            {17, 1, 17, 9},
		"progress":                {19, 1, 19, 1},
		"progress.0":              {19, 1, 19, 1},
		"progress.0.date":         {20, 1, 20, 8},
		"progress.1":              {21, 1, 21, 1},
		"progress.1.text":         {22, 2, 22, 9},
		"progress.1.co":           {23, 1, 23, 6},
		"progress.1.co.0":         {24, 3, 24, 3},
		"progress.1.co.1":         {25, 3, 25, 3},
		"progress.1.co.2":         {25, 11, 25, 11},
		"progress.1.nested.0":     {27, 11, 27, 11},
		"progress.1.nested.0.1":   {27, 15, 27, 15},
		"progress.1.nested.0.1.0": {27, 16, 27, 16},
		"progress.1.nested.1":     {27, 21, 27, 21},
		"progress.1.nested.2.1":   {27, 31, 27, 31},
		"progress.1.inline":       {28, 1, 28, 10},
		"progress.1.inline.a":     {28, 12, 28, 16},
		"progress.1.inline.b.c":   {28, 25, 28, 29},
		"progress.1.inline.d.0":   {28, 41, 28, 41},
		"progress.1.list.0.x":     {29, 11, 29, 15},
		"progress.1.list.1":       {29, 20, 29, 20},
		"progress.1.list.1.x":     {29, 22, 29, 26},
		"progress.1.notes.0.n":    {31, 1, 31, 5},
		"progress.2.notes.0.n":    {34, 1, 34, 5},
		"progress.2.notes.1":      {35, 1, 35, 1},
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s at %+v, want %+v", k, got[k], w)
		}
	}
	if _, ok := got["text"]; ok {
		t.Error("a line inside a multi-line string was taken for a key")
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"\ufeffa = 1\r\nb = 2\r\n": "a = 1\nb = 2\n",
		"a = 1\rb = 2":             "a = 1\nb = 2",
		"a = 1\n":                  "a = 1\n",
	} {
		if got := string(Normalize([]byte(in))); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzLocate: whatever the text, finding positions does not panic, and
// every position is on a line of the text.
func FuzzLocate(f *testing.F) {
	for _, seed := range []string{
		"a = [1, [2, 3], { b = [4] }] # c\n",
		"co = [\n  \"x\", # one\n  'y' ,\n]\n[[p]]\nq = { r = 1, s = [] }\n",
		"a = \"\"\"\n[x]\n\"\"\"\nb.c = 1\n",
		"x = [[[[1]]]]\r\ny = 2",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Count(text, "\n") + 1
		for path, p := range locate([]byte(text), 5) {
			for _, line := range []int{p.line, p.valueLine} {
				if line < 5 || line >= 5+lines {
					t.Errorf("%s on line %d of a text of %d lines from line 5", path, line, lines)
				}
			}
		}
	})
}
