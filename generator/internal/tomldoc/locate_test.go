package tomldoc

import (
	"testing"
)

func TestLocateKeys(t *testing.T) {
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
`
	got := locateKeys(text, 10)
	want := map[string]position{
		"number":          {10, 1, 10},
		"quoted key":      {11, 3, 18},
		"site.owner":      {12, 1, 14},
		"body":            {13, 1, 8},
		"footer":          {16, 1, 0},
		"footer.phone":    {17, 1, 9},
		"progress":        {19, 1, 0},
		"progress.0":      {19, 1, 0},
		"progress.0.date": {20, 1, 8},
		"progress.1":      {21, 1, 0},
		"progress.1.text": {22, 2, 9},
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
