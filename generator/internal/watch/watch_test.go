package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/source"
	"rdjy.local/portal/generator/internal/syncbuf"

	"github.com/fsnotify/fsnotify"
)

// Tests on a real disk wait for batches with a generous timeout and use a
// long quiet time, so that a busy machine rarely splits the few changes of
// a save (at a load of 28 on 2 cores, 20 writes with fsync took more than
// 300 ms between two of them); they never time anything. The batcher's timing is tested in
// batch_test.go, where time is exact.
const (
	timeout = 20 * time.Second
	quiet   = time.Second
)

type site struct {
	t    *testing.T
	root string
	w    *Watcher
	log  *syncbuf.Buffer
	n    int // sentinel writes
}

// newSite writes a small site and watches it, by inotify or by polling.
// The longest wait for a batch is the tests' timeout: here a batch ends
// only after a quiet time, whatever the machine's load. The batcher's
// own timing is tested in batch_test.go, in a synctest bubble.
func newSite(t *testing.T, poll bool) *site {
	return newSiteWith(t, Options{ForcePoll: poll})
}

// newSiteWith is newSite with more options.
func newSiteWith(t *testing.T, opts Options) *site {
	t.Helper()
	s := &site{t: t, root: t.TempDir(), log: &syncbuf.Buffer{}}
	s.write("site.toml", "title = \"x\"\n")
	s.write("content/suggestions/2019/001.md", "one")
	s.write("layouts/base.html", "base")
	s.write("static/css/site.css", "body {}")
	s.write("public/index.html", "built")
	ctx, cancel := context.WithCancel(context.Background())
	opts.Root, opts.Dirs, opts.Files, opts.Skip = s.root, []string{"content", "layouts", "static"}, []string{"site.toml"}, []string{"public"}
	if opts.Quiet == 0 {
		opts.Quiet = quiet
	}
	opts.MaxWait, opts.Poll, opts.Log = timeout, 50*time.Millisecond, s.log
	w, err := Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		for range w.Changes() { // wait until it stops
		}
	})
	s.w = w
	return s
}

func (s *site) path(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s *site) write(rel, text string) {
	s.t.Helper()
	os.MkdirAll(filepath.Dir(s.path(rel)), 0o755)
	if err := os.WriteFile(s.path(rel), []byte(text), 0o644); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) rename(from, to string) {
	s.t.Helper()
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) remove(rel string) {
	s.t.Helper()
	if err := os.Remove(s.path(rel)); err != nil {
		s.t.Fatal(err)
	}
}

// next waits for the next batch.
func (s *site) next() []string {
	s.t.Helper()
	select {
	case b, ok := <-s.w.Changes():
		if !ok {
			s.t.Fatal("the watcher stopped")
		}
		return b
	case <-time.After(timeout):
		s.t.Fatal("no batch came")
	}
	return nil
}

// expect waits for the next batch, which must be want exactly.
func (s *site) expect(want ...string) {
	s.t.Helper()
	slices.Sort(want)
	if got := s.next(); !slices.Equal(got, want) {
		s.t.Errorf("batch %q, want %q", got, want)
	}
}

// nothingElse proves that the change before made no second batch: a
// sentinel write must come alone in the next one.
func (s *site) nothingElse() {
	s.t.Helper()
	s.n++
	s.write("content/suggestions/sentinel.md", fmt.Sprint(s.n))
	s.expect("content/suggestions/sentinel.md")
}

// bothWays runs test on a site watched by inotify and on one polled, in
// parallel with other tests: each has its own site and watcher.
func bothWays(t *testing.T, test func(t *testing.T, s *site)) {
	t.Parallel()
	for _, poll := range []bool{false, true} {
		name := "inotify"
		if poll {
			name = "polling"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newSite(t, poll)
			if s.w.Polling() != poll {
				t.Fatalf("polling: %v; log: %s", s.w.Polling(), s.log)
			}
			test(t, s)
		})
	}
}

func TestAtomicRenameSave(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		// A temporary name editors use, then one like sed -i's.
		for _, tmp := range []string{"001.md.tmp", "sedAb12Cd"} {
			s.write("content/suggestions/2019/"+tmp, "new text "+tmp)
			s.rename("content/suggestions/2019/"+tmp, "content/suggestions/2019/001.md")
			s.expect("content/suggestions/2019/001.md")
			s.nothingElse()
			if data, _ := os.ReadFile(s.path("content/suggestions/2019/001.md")); string(data) != "new text "+tmp {
				t.Errorf("the file holds %q", data)
			}
		}
	})
}

// TestVimSave follows vim with backupcopy=no: it checks that the folder is
// writable with a file named 4913, moves the file to a backup, writes the
// new file, and deletes the backup; a swap file is written meanwhile.
func TestVimSave(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		s.write("content/suggestions/2019/.001.md.swp", "swap")
		s.write("content/suggestions/2019/4913", "")
		s.remove("content/suggestions/2019/4913")
		s.rename("content/suggestions/2019/001.md", "content/suggestions/2019/001.md~")
		s.write("content/suggestions/2019/001.md", "new text")
		s.remove("content/suggestions/2019/001.md~")
		s.remove("content/suggestions/2019/.001.md.swp")
		s.expect("content/suggestions/2019/001.md")
		s.nothingElse()
	})
}

// TestSaveInWrites: an editor writing the file in several writes (and
// emacs's lock and autosave files) makes one batch.
func TestSaveInWrites(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		s.write("content/suggestions/2019/.#001.md", "lock")
		s.write("content/suggestions/2019/#001.md#", "autosave")
		f, err := os.OpenFile(s.path("content/suggestions/2019/001.md"), os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 20 {
			fmt.Fprintf(f, "line %d\n", i)
			f.Sync()
		}
		f.Close()
		s.expect("content/suggestions/2019/001.md")
		s.nothingElse()
	})
}

// TestBurstIsOneBatch: 500 files written at once reach the batches,
// each once, with nothing else. This is inotify's events on a real disk;
// that a burst makes exactly one batch is TestBatcherBurst's, where time
// is exact. Here the writer may stall for longer than any quiet time on a
// loaded machine (300 ms and more were seen at a load of 28 on 2 cores),
// so the burst may come in more than one batch; the tests' second of
// quiet makes that rare, and the test says how many there were.
func TestBurstIsOneBatch(t *testing.T) {
	t.Parallel()
	s := newSite(t, false)
	want := map[string]bool{"content/suggestions/2030": true, "layouts/home.html": true}
	for i := range 500 {
		rel := fmt.Sprintf("content/suggestions/2030/%03d.md", i)
		s.write(rel, "x")
		want[rel] = true
	}
	s.write("layouts/home.html", "home")
	seen, batches := map[string]bool{}, 0
	for len(seen) < len(want) {
		batches++
		for _, p := range s.next() {
			if !want[p] {
				t.Fatalf("batch %d names %s", batches, p)
			}
			seen[p] = true
		}
	}
	if batches > 1 {
		t.Logf("the burst came in %d batches", batches)
	}
	s.nothingElse()
}

func TestCopiedFolderIsOneBatch(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		outside := t.TempDir()
		want := []string{"content/suggestions/2031", "content/suggestions/2031/a"}
		for i := range 500 {
			os.MkdirAll(filepath.Join(outside, "2031", "a"), 0o755)
			os.WriteFile(filepath.Join(outside, "2031", "a", fmt.Sprintf("%03d.md", i)), []byte("x"), 0o644)
			want = append(want, fmt.Sprintf("content/suggestions/2031/a/%03d.md", i))
		}
		if err := os.Rename(filepath.Join(outside, "2031"), s.path("content/suggestions/2031")); err != nil {
			t.Fatal(err)
		}
		s.expect(want...)
		s.nothingElse()
		s.write("content/suggestions/2031/a/000.md", "y")
		s.expect("content/suggestions/2031/a/000.md")
	})
}

func TestNewFolderIsWatched(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		os.MkdirAll(s.path("content/suggestions/2040/a/b"), 0o755)
		s.write("content/suggestions/2040/a/b/001.md", "x")
		s.expect("content/suggestions/2040", "content/suggestions/2040/a", "content/suggestions/2040/a/b", "content/suggestions/2040/a/b/001.md")
		s.write("content/suggestions/2040/a/b/002.md", "x")
		s.expect("content/suggestions/2040/a/b/002.md")
		os.MkdirAll(s.path("static/img"), 0o755)
		s.expect("static/img")
		s.write("static/img/logo.svg", "<svg/>")
		s.expect("static/img/logo.svg")
	})
}

func TestRenamedFolderIsWatched(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		s.write("content/suggestions/a/b/001.md", "x")
		s.expect("content/suggestions/a", "content/suggestions/a/b", "content/suggestions/a/b/001.md")
		s.rename("content/suggestions/a", "content/suggestions/c")
		got := s.next()
		for _, want := range []string{"content/suggestions/a", "content/suggestions/c"} {
			if !slices.Contains(got, want) {
				t.Errorf("batch %q lacks %s", got, want)
			}
		}
		s.write("content/suggestions/c/b/001.md", "y")
		s.expect("content/suggestions/c/b/001.md")
		s.write("content/suggestions/c/b/002.md", "y")
		s.expect("content/suggestions/c/b/002.md")
		// The same name again: the watch of the new folder is its own.
		os.MkdirAll(s.path("content/suggestions/a/b"), 0o755)
		s.next()
		s.write("content/suggestions/a/b/003.md", "y")
		s.expect("content/suggestions/a/b/003.md")
	})
}

func TestDeletedFolder(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		if err := os.RemoveAll(s.path("content/suggestions/2019")); err != nil {
			t.Fatal(err)
		}
		got := s.next()
		if !slices.Contains(got, "content/suggestions/2019") {
			t.Errorf("batch %q lacks the folder", got)
		}
		s.nothingElse()
	})
}

func TestOnlyTheSiteIsReported(t *testing.T) {
	bothWays(t, func(t *testing.T, s *site) {
		s.write("public/index.html", "a build")
		s.write(".public.new-1/index.html", "a build")
		s.write("README.md", "notes")
		s.write("generator/main.go", "package main")
		s.write("content/suggestions/.git/HEAD", "x")
		s.write("content/suggestions/2019/001.md.bck", "helix")
		s.write("content/suggestions/2019/001.md~", "backup")
		s.write("content/suggestions/2019/001.md___jb_tmp___", "jetbrains")
		s.write("content/suggestions/2019/x.tmp", "x")
		s.write("site.toml.swp", "x")
		s.write(source.PublishLog, "a publish")
		s.write(source.Packages+"/rddbjy.zip.sha256", "a package")
		s.nothingElse()
		s.write("site.toml", "title = \"y\"\n")
		s.expect("site.toml")
	})
}

// TestOutOfWatches: when the system allows no more watches, the watcher
// says so plainly and polls instead, at the start or later.
func TestOutOfWatches(t *testing.T) {
	// The site has 7 folders to watch, counting the root.
	for _, allowed := range []int{2, 7} {
		t.Run(fmt.Sprintf("after %d watches", allowed), func(t *testing.T) {
			n := 0
			s := newSiteWith(t, Options{addWatch: func(fsw *fsnotify.Watcher, dir string) error {
				if n++; n > allowed {
					return fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC)
				}
				return fsw.Add(dir)
			}})
			if allowed > 2 { // it started with inotify; a new folder uses up the watches
				if s.w.Polling() {
					t.Fatalf("polling from the start: %s", s.log)
				}
				os.MkdirAll(s.path("content/suggestions/2050/a/b"), 0o755)
				got := s.next()
				if !slices.Contains(got, ".") && !slices.Contains(got, "content/suggestions/2050") {
					t.Errorf("batch %q", got)
				}
			}
			if !s.w.Polling() {
				t.Fatal("not polling")
			}
			if !strings.Contains(s.log.String(), "max_user_watches") {
				t.Errorf("no plain message: %q", s.log)
			}
			s.write("content/suggestions/2019/001.md", "new")
			got := s.next()
			if !slices.Contains(got, "content/suggestions/2019/001.md") {
				t.Errorf("batch %q", got)
			}
		})
	}
}
