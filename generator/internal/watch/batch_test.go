package watch

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// The batcher's tests run in a synctest bubble: time passes only when
// every goroutine of the bubble waits, so the timings below are exact and
// the tests take no time, however busy the machine.

// fakeBatcher runs a batcher on changes sent with send, with paths that
// exist when the test says so.
type fakeBatcher struct {
	t     *testing.T
	in    chan change
	out   chan []string
	mu    sync.Mutex
	files map[string]bool // paths that exist
	start time.Time
}

const (
	testQuiet   = 30 * time.Millisecond
	testMaxWait = time.Second
)

func newFakeBatcher(t *testing.T) *fakeBatcher {
	f := &fakeBatcher{t: t, in: make(chan change), out: make(chan []string), files: map[string]bool{}, start: time.Now()}
	b := &batcher{quiet: testQuiet, maxWait: testMaxWait, grace: missingGrace, exists: f.exists}
	go b.run(f.in, f.out)
	t.Cleanup(func() {
		close(f.in)
		for range f.out {
		}
	})
	return f
}

func (f *fakeBatcher) exists(p string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.files[p]
}

func (f *fakeBatcher) setExists(p string, exists bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files[p] = exists
}

// created sends the change of a path that was created and exists.
func (f *fakeBatcher) created(p string) {
	f.setExists(p, true)
	f.in <- change{path: p, created: true}
}

// changed sends the change of a path that existed before and exists.
func (f *fakeBatcher) changed(p string) {
	f.setExists(p, true)
	f.in <- change{path: p}
}

// missing sends the change of a path that existed before and is gone.
func (f *fakeBatcher) missing(p string) {
	f.setExists(p, false)
	f.in <- change{path: p}
}

// expect takes the next batch, which must be want, sent at the time
// after the start.
func (f *fakeBatcher) expect(at time.Duration, want ...string) {
	f.t.Helper()
	got := <-f.out
	slices.Sort(want)
	if !slices.Equal(got, want) {
		f.t.Errorf("batch %s, want %s", brief(got), brief(want))
	}
	if d := time.Since(f.start); d != at {
		f.t.Errorf("batch %s sent after %s, want %s", brief(got), d, at)
	}
}

// none checks that no batch is ready now.
func (f *fakeBatcher) none() {
	f.t.Helper()
	synctest.Wait()
	select {
	case b := <-f.out:
		f.t.Errorf("unexpected batch %s", brief(b))
	default:
	}
}

// brief shows a batch of any size in a line.
func brief(b []string) string {
	if len(b) <= 3 {
		return fmt.Sprintf("%q", b)
	}
	return fmt.Sprintf("of %d paths [%q … %q]", len(b), b[0], b[len(b)-1])
}

// TestBatcherBurst: 500 files written one a millisecond, half a second
// in all, make one batch, sent a quiet time after the last; the next
// change makes a batch of its own.
func TestBatcherBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeBatcher(t)
		var want []string
		for i := range 500 {
			p := fmt.Sprintf("content/suggestions/2030/%03d.md", i)
			f.created(p)
			want = append(want, p)
			time.Sleep(time.Millisecond)
		}
		f.changed("layouts/home.html")
		want = append(want, "layouts/home.html")
		f.none()
		f.expect(500*time.Millisecond+testQuiet, want...)
		f.none()
		time.Sleep(time.Second)
		f.changed("site.toml")
		f.expect(1530*time.Millisecond+testQuiet, "site.toml")
	})
}

// TestBatcherQuiet: changes further apart than the quiet time are
// batches of their own; a change repeated in a batch is named once.
func TestBatcherQuiet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeBatcher(t)
		f.changed("a.md")
		f.changed("a.md")
		f.expect(testQuiet, "a.md")
		time.Sleep(testQuiet) // 60 ms
		f.changed("b.md")
		time.Sleep(testQuiet - time.Millisecond)
		f.changed("c.md")
		f.expect(2*testQuiet+testQuiet-time.Millisecond+testQuiet, "b.md", "c.md")
	})
}

// TestBatcherMaxWait: a stream of changes that never pauses is cut into
// batches of MaxWait: changes every 7 ms for 2.5 s make batches of the
// 143 changes from 0 to 994 ms, the 143 from 1001 to 1995 ms and the 74
// from 2002 to 2513 ms, the last a quiet time after the stream ends.
func TestBatcherMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeBatcher(t)
		var mu sync.Mutex
		var sizes []int
		go func() {
			for b := range f.out {
				mu.Lock()
				sizes = append(sizes, len(b))
				mu.Unlock()
			}
		}()
		for i := range 360 {
			f.changed(fmt.Sprintf("%03d.md", i))
			time.Sleep(7 * time.Millisecond)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(sizes, []int{143, 143, 74}) {
			t.Errorf("batches of %v changes, want 143, 143 and 74", sizes)
		}
	})
}

// TestBatcherMissingFile: a batch that names a missing file is held once
// for missingGrace, in case an editor is between the renames of a save;
// a file made and gone within a batch is no change at all.
func TestBatcherMissingFile(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeBatcher(t)
		f.missing("a.md") // renamed away
		time.Sleep(testQuiet)
		f.none()
		f.setExists("a.md", true) // renamed back into place
		f.expect(testQuiet+missingGrace, "a.md")

		f.start = time.Now()
		f.missing("gone.md") // deleted for good: sent after the grace
		f.expect(testQuiet+missingGrace, "gone.md")

		f.start = time.Now()
		f.created("a.md.swp")
		f.setExists("a.md.swp", false)
		time.Sleep(time.Second)
		f.none()
	})
}

// TestBatcherSlowReader: while nobody takes a batch, later ones join it.
func TestBatcherSlowReader(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFakeBatcher(t)
		f.changed("a.md")
		time.Sleep(time.Second)
		f.changed("b.md")
		time.Sleep(time.Second)
		f.expect(2*time.Second, "a.md", "b.md")
	})
}

// TestBatcherStops: when its source closes, the batcher closes its
// batches at once, though a batch is ready and one is being gathered
// that nobody takes.
func TestBatcherStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out := make(chan change), make(chan []string)
		b := &batcher{quiet: testQuiet, maxWait: testMaxWait, grace: missingGrace, exists: func(string) bool { return true }}
		done := make(chan bool)
		go func() {
			b.run(in, out)
			close(done)
		}()
		in <- change{path: "a.md"}
		time.Sleep(time.Second)
		in <- change{path: "b.md"}
		close(in)
		synctest.Wait()
		select {
		case <-done:
		default:
			t.Fatal("the batcher still runs")
		}
		if _, open := <-out; open {
			t.Error("the batches are not closed")
		}
	})
}
