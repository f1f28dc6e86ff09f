package benchsite

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/content"
)

// TestSuggestions checks that the generated suggestions are valid, the same
// on every run, different from each other, and drawn from the whole
// vocabulary.
func TestSuggestions(t *testing.T) {
	v := vocabulary()
	if len(v.words) < 3000 || len(v.places) < 10 || len(v.deputies) < 100 || len(v.units) < 20 || len(v.suggestion) < 100 || len(v.reply) < 100 {
		t.Fatalf("vocabulary: %d words, %d places, %d deputies, %d units, %d and %d lengths",
			len(v.words), len(v.places), len(v.deputies), len(v.units), len(v.suggestion), len(v.reply))
	}
	cfg, errs := config.Load(os.DirFS("../../.."))
	if errs != nil {
		t.Fatal(errs)
	}
	bodies := map[string]bool{}
	used := map[string]bool{}
	for i := range 300 {
		name, text := Suggestion(i)
		if _, again := Suggestion(i); !bytes.Equal(text, again) {
			t.Fatalf("suggestion %d differs between runs", i)
		}
		sg, errs := content.Parse(name, text, cfg)
		if errs != nil {
			t.Fatalf("%s: %v\n%s", name, errs, text)
		}
		body := string(sg.Body)
		if bodies[body] {
			t.Errorf("%s repeats another suggestion's body", name)
		}
		bodies[body] = true
		if n := len([]rune(body)); n < 100 || n > 2000 {
			t.Errorf("%s: body of %d characters", name, n)
		}
		if sg.IsReplied() != strings.Contains(body, "## 办理答复") {
			t.Errorf("%s: replied %t, but the body is\n%s", name, sg.IsReplied(), body)
		}
		for _, w := range v.words[:500] {
			if strings.Contains(body, w) {
				used[w] = true
			}
		}
	}
	if len(used) < 450 {
		t.Errorf("300 suggestions use only %d of the 500 commonest words", len(used))
	}
}
