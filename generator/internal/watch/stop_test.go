package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestStopsAfterFoldersMovedOutAndDeleted: folders of the site moved out
// of it and deleted at once, while new folders appear, leave the watcher
// able to stop. fsnotify reports that it could not end the watch of such
// a folder as an error, which it sends while it holds the lock that its
// Add and Remove take: a watcher that read errors only between its own
// calls to Add and Remove waited for fsnotify, and fsnotify for it, for
// ever (a whole go test ./... hung on this).
func TestStopsAfterFoldersMovedOutAndDeleted(t *testing.T) {
	t.Parallel()
	for round := range 10 {
		root, outside := t.TempDir(), t.TempDir()
		for i := range 40 {
			os.MkdirAll(filepath.Join(root, "content", fmt.Sprintf("m%02d", i), "a"), 0o755)
		}
		ctx, cancel := context.WithCancel(context.Background())
		w, err := Start(ctx, Options{Root: root, Dirs: []string{"content"}, Quiet: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 40 {
			os.MkdirAll(filepath.Join(root, "content", fmt.Sprintf("n%02d", i), "b"), 0o755)
			to := filepath.Join(outside, fmt.Sprint(i))
			if err := os.Rename(filepath.Join(root, "content", fmt.Sprintf("m%02d", i)), to); err != nil {
				t.Fatal(err)
			}
			os.RemoveAll(to)
		}
		time.Sleep(50 * time.Millisecond) // let the events come, taking no batch
		cancel()
		stopped := make(chan bool)
		go func() {
			for range w.Changes() {
			}
			close(stopped)
		}()
		select {
		case <-stopped:
		case <-time.After(timeout):
			t.Fatalf("round %d: the watcher did not stop", round)
		}
	}
}
