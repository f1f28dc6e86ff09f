package benchsite

import (
	"regexp"
	"testing"
)

// TestDeputyPool: a generated site has about a thousand deputies whatever
// its size, as a real congress over several terms has, not one per
// suggestion.
func TestDeputyPool(t *testing.T) {
	line := regexp.MustCompile(`(?m)^deputies = \[(.*)\]$`)
	name := regexp.MustCompile(`"([^"]+)"`)
	seen := map[string]bool{}
	for i := range 5000 {
		_, text := Suggestion(i)
		m := line.FindSubmatch(text)
		if m == nil {
			t.Fatalf("suggestion %d has no deputies line", i)
		}
		for _, n := range name.FindAllSubmatch(m[1], -1) {
			seen[string(n[1])] = true
		}
	}
	if len(seen) > poolSize || len(seen) < poolSize*9/10 {
		t.Errorf("%d deputies in 5,000 suggestions, want about %d", len(seen), poolSize)
	}
}
