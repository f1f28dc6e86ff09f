package watch

import (
	"sort"
	"time"
)

// change is one changed path, relative to the root with forward slashes;
// "." means anything may have changed.
type change struct {
	path    string
	created bool // the path was created by this change
}

// batcher gathers changes into batches. It knows nothing of files or
// events, only of paths and time, and reads the time from package time, so
// that tests run it in a synctest bubble, where time is exact and instant.
type batcher struct {
	quiet   time.Duration          // a batch is sent after this long without changes
	maxWait time.Duration          // … or at the latest this long after its first change
	grace   time.Duration          // how long a batch naming a missing path is held, once
	exists  func(path string) bool // whether a path exists now

	pending map[string]bool // paths of the batch being gathered: true when created in it
	first   time.Time       // when its first change came
	held    bool            // it was held once for a missing path
	ready   map[string]bool // paths of batches not yet taken
}

// The time the watcher holds a batch that names a missing file: an editor
// between the two renames of a save.
const missingGrace = 100 * time.Millisecond

// run reads changes from in and sends batches on out until in is closed,
// then closes out. A batch is the sorted set of paths of every change
// gathered since the last one was taken: while nobody takes it, later
// batches join it. run never blocks on out: it keeps reading in, so the
// source never waits for the reader of the batches, and ends as soon as
// in is closed, whether or not a batch was taken.
func (b *batcher) run(in <-chan change, out chan<- []string) {
	defer close(out)
	b.pending, b.ready = map[string]bool{}, map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var batch []string // the ready paths, sorted, while there are any
	for {
		var send chan<- []string
		if batch != nil {
			send = out
		}
		select {
		case c, ok := <-in:
			if !ok {
				return
			}
			b.note(c, time.Now())
			b.arm(timer, time.Now())
		case <-timer.C:
			if b.flush(time.Now()) {
				batch = b.sorted()
			}
			b.arm(timer, time.Now())
		case send <- batch:
			batch = nil
			clear(b.ready)
		}
	}
}

// note adds a change to the batch being gathered.
func (b *batcher) note(c change, now time.Time) {
	if len(b.pending) == 0 {
		b.first = now
	}
	if _, seen := b.pending[c.path]; !seen {
		b.pending[c.path] = c.created
	}
}

// arm sets the timer for the batch being gathered, if there is one.
func (b *batcher) arm(timer *time.Timer, now time.Time) {
	if len(b.pending) == 0 {
		return
	}
	wait := b.quiet
	if b.held {
		wait = b.grace
	}
	if left := b.maxWait - now.Sub(b.first); left < wait {
		wait = max(left, 0)
	}
	timer.Reset(wait)
}

// flush ends the batch being gathered, unless it names a missing path and
// was not held yet; it reports whether paths became ready.
func (b *batcher) flush(now time.Time) bool {
	for p, created := range b.pending {
		if created && !b.exists(p) {
			delete(b.pending, p) // made and gone within the batch: an editor's temporary file
		}
	}
	if len(b.pending) == 0 {
		b.held = false
		return false
	}
	if !b.held && now.Sub(b.first) < b.maxWait {
		for p := range b.pending {
			if !b.exists(p) {
				b.held = true
				return false
			}
		}
	}
	for p := range b.pending {
		b.ready[p] = true
	}
	clear(b.pending)
	b.held = false
	return true
}

// sorted lists the ready paths in order.
func (b *batcher) sorted() []string {
	list := make([]string, 0, len(b.ready))
	for p := range b.ready {
		list = append(list, p)
	}
	sort.Strings(list)
	return list
}
