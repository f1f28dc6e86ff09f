package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/benchsite"
)

// TestInterruptStops: Ctrl-C (the context cancelled) stops build, check
// and serve within a second, at whatever point of loading or rendering a
// large site they are, and an interrupted build leaves nothing behind.
func TestInterruptStops(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a site of 3,000 suggestions")
	}
	site := benchsite.Write(t, "../../..", 3000)
	dest := filepath.Join(t.TempDir(), "public")
	for _, after := range []time.Duration{50 * time.Millisecond, 400 * time.Millisecond, 1500 * time.Millisecond} {
		for _, args := range [][]string{
			{"build", "-source", site, "-dest", dest},
			{"check", "-source", site},
			{"serve", "-source", site, "-addr", "127.0.0.1:0"},
		} {
			ctx, cancel := context.WithCancel(context.Background())
			var out, errOut bytes.Buffer
			done := make(chan int, 1)
			go func() { done <- Run(ctx, args, &out, &errOut) }()
			time.Sleep(after)
			cancel()
			stopped := time.Now()
			select {
			case <-done:
				t.Logf("%s interrupted after %v: stopped in %v", args[0], after, time.Since(stopped).Round(time.Millisecond))
				// A second is the promise; half a second more allows for a
				// machine shared by many test runs.
				if d := time.Since(stopped); d > 1500*time.Millisecond {
					t.Errorf("%s after %v: stopped %v after Ctrl-C", args[0], after, d)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("%s after %v: did not stop", args[0], after)
			}
		}
	}
	if _, err := os.Stat(dest); err == nil {
		if entries, _ := os.ReadDir(dest); len(entries) > 0 {
			t.Log("a build finished before it was interrupted")
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.[no][el][wd]-*")); len(left) > 0 {
		t.Errorf("an interrupted build left %v", left)
	}
}
