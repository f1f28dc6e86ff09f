package tomldoc

import (
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/diag"
)

// TestDepth: nesting deeper than MaxDepth is refused before decoding (the
// decoder took 6 s and 2.7 GB at 8,000 levels); brackets in strings and
// comments do not count, and what a suggestion needs passes.
func TestDepth(t *testing.T) {
	cases := []struct{ text, want string }{
		{"deputies = [\"a\", \"b\"]\n[[progress]]\ntext = \"[[[[[[x\"\n# [[[[[[[\n", ""},
		{"a = '''\n[[[[[[\n'''\nb = \"\"\"\n{{{{{{\\\"\"\"\"\n", ""},
		{"a = [[[[1]]]]\n", ""},
		{"x = 1\na = [[[[[1]]]]]\n", "f.md:3:9: lists or tables nested more than 4 deep"},
		{"a = " + strings.Repeat("{b=", 50000) + "1" + strings.Repeat("}", 50000), "f.md:2:17: lists or tables nested more than 4 deep"},
	}
	for _, c := range cases {
		var errs diag.List
		Parse("f.md", []byte(c.text), 2, &errs)
		if got := errs.Error(); c.want == "" && len(errs) > 0 || c.want != "" && !strings.HasPrefix(got, c.want) {
			t.Errorf("%.40q: got %v, want %q", c.text, errs, c.want)
		}
	}
}
