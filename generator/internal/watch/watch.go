// Package watch reports changes to a site's sources: the folders content/,
// layouts/ and static/ with everything in them, and site.toml.
//
// It watches folders, not files, because editors save by writing a new
// file and renaming it over the old one, which ends a watch on the file
// itself. Folders created (or renamed, or copied in) after the start are
// watched as soon as they appear, and the files already in them are
// reported, so that nothing written before the watch began is missed.
//
// Events are gathered into batches: a batch is sent once no event has come
// for Options.Quiet (or, in a stream that never pauses, Options.MaxWait after
// its first event), so that a save (a temporary file renamed into place, or
// vim's backup, write and delete), a git checkout or a copied folder of 500
// files make one batch. When a batch names a file that does not exist, it is
// held a little longer once, in case an editor is between the two renames of
// a save. A batch is the set of changed paths, relative to the root with
// forward slashes; a folder in it means anything under it may have changed.
//
// Editors' temporary and backup files (see source.Ignored), hidden files and
// folders, and folders in Options.Skip are never reported.
//
// When the system's limit on inotify watches is reached, the watcher says so
// on Options.Log and polls instead, looking at every file's size and time
// every Options.Poll.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"rdjy.local/portal/generator/internal/source"
)

// Options say what to watch and how to gather events.
type Options struct {
	Root  string   // the site root
	Dirs  []string // folders under Root, watched with everything in them: "content", "layouts", "static"
	Files []string // files directly in Root: "site.toml"
	Skip  []string // folders under Root never reported (the output), with forward slashes

	Quiet   time.Duration // a batch is sent after this long without events; default 30 ms
	MaxWait time.Duration // … or at the latest this long after its first event; default 1 s
	Poll    time.Duration // how often to look when polling; default 500 ms

	ForcePoll bool      // poll even if inotify works
	Log       io.Writer // told when polling takes over; may be nil
}

// Watcher sends batches of changed paths on Changes until its context ends.
type Watcher struct {
	opts    Options
	root    string // absolute
	out     chan []string
	fsw     *fsnotify.Watcher // nil while polling
	watched map[string]bool   // folders with a watch, absolute
	polled  map[string]fileState

	pending map[string]bool // paths of the batch being gathered: true when created in it
	first   time.Time       // when its first event came
	held    bool            // it was held once for a missing file
	ready   map[string]bool // paths of batches not yet taken

	polling atomic.Bool

	addWatch func(dir string) error // adds an inotify watch on a folder
}

// adder gives the function that adds a watch; tests replace it.
var adder = func(fsw *fsnotify.Watcher) func(string) error { return fsw.Add }

// fileState is what polling compares.
type fileState struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// The time the watcher holds a batch that names a missing file.
const missingGrace = 100 * time.Millisecond

// Start watches opts.Root until ctx is done, then closes Changes.
func Start(ctx context.Context, opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 30 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = time.Second
	}
	if opts.Poll <= 0 {
		opts.Poll = 500 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("cannot watch %s: not a folder", opts.Root)
	}
	w := &Watcher{
		opts: opts, root: root, out: make(chan []string),
		watched: map[string]bool{}, pending: map[string]bool{}, ready: map[string]bool{},
	}
	if !opts.ForcePoll {
		w.fsw, err = fsnotify.NewWatcher()
		if err != nil {
			w.tellPolling(err)
		} else {
			w.addWatch = adder(w.fsw)
			if err := w.watchAll(); err != nil {
				w.tellPolling(err)
				w.fsw.Close()
				w.fsw = nil
			}
		}
	}
	if w.fsw == nil {
		w.polled = w.scan()
		w.polling.Store(true)
	}
	go w.run(ctx)
	return w, nil
}

// Changes delivers the batches. It is closed when the watcher stops.
func (w *Watcher) Changes() <-chan []string { return w.out }

// Polling reports whether the watcher polls instead of using inotify.
func (w *Watcher) Polling() bool { return w.polling.Load() }

func (w *Watcher) tellPolling(err error) {
	if errors.Is(err, syscall.ENOSPC) {
		fmt.Fprintf(w.opts.Log, "The system's limit on watched folders is reached (fs.inotify.max_user_watches), "+
			"so changes are found by looking at every file every %s instead. "+
			"To watch again, raise the limit: sudo sysctl fs.inotify.max_user_watches=524288\n", w.opts.Poll)
		return
	}
	fmt.Fprintf(w.opts.Log, "Cannot watch for changes (%v), so changes are found by looking at every file every %s instead.\n", err, w.opts.Poll)
}

// run is the watcher's loop: it reads events, gathers them and hands
// batches over, never blocking on the reader of Changes.
func (w *Watcher) run(ctx context.Context) {
	defer close(w.out)
	var events <-chan fsnotify.Event
	var errs <-chan error
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
		defer func() {
			if w.fsw != nil {
				w.fsw.Close()
			}
		}()
	}
	var tick <-chan time.Time
	startPolling := func() {
		t := time.NewTicker(w.opts.Poll)
		tick = t.C
		go func() { <-ctx.Done(); t.Stop() }()
	}
	if w.fsw == nil {
		startPolling()
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		var out chan []string
		if len(w.ready) > 0 {
			out = w.out
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if w.handle(ev) {
				w.fallBack(&events, &errs)
				startPolling()
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: report everything and watch anew.
				w.note(".", false)
				if w.watchAll() != nil {
					w.fallBack(&events, &errs)
					startPolling()
				}
			}
		case <-tick:
			now := w.scan()
			for _, p := range diff(w.polled, now) {
				_, existed := w.polled[p]
				w.note(p, !existed)
			}
			w.polled = now
		case <-timer.C:
			w.flush()
		case out <- w.batch():
			clear(w.ready)
		}
		w.arm(timer)
	}
}

// fallBack stops using inotify after it ran out of watches.
func (w *Watcher) fallBack(events *<-chan fsnotify.Event, errs *<-chan error) {
	w.tellPolling(syscall.ENOSPC)
	w.fsw.Close()
	w.fsw, *events, *errs = nil, nil, nil
	w.polling.Store(true)
	w.polled = w.scan()
	w.note(".", false) // changes since the last event may have been missed
}

// arm sets the timer for the batch being gathered.
func (w *Watcher) arm(timer *time.Timer) {
	if len(w.pending) == 0 {
		return
	}
	wait := w.opts.Quiet
	if w.held {
		wait = missingGrace
	}
	if left := w.opts.MaxWait - time.Since(w.first); left < wait {
		wait = max(left, 0)
	}
	timer.Reset(wait)
}

// flush ends the batch being gathered, unless it names a missing file and
// was not held yet.
func (w *Watcher) flush() {
	for p, created := range w.pending {
		if _, err := os.Lstat(w.abs(p)); created && errors.Is(err, fs.ErrNotExist) {
			delete(w.pending, p) // made and gone within the batch: an editor's temporary file
		}
	}
	if len(w.pending) == 0 {
		w.held = false
		return
	}
	if !w.held && time.Since(w.first) < w.opts.MaxWait {
		for p := range w.pending {
			if _, err := os.Lstat(w.abs(p)); errors.Is(err, fs.ErrNotExist) {
				w.held = true
				return
			}
		}
	}
	for p := range w.pending {
		w.ready[p] = true
	}
	clear(w.pending)
	w.held = false
}

// batch is the sorted list of ready paths.
func (w *Watcher) batch() []string {
	b := make([]string, 0, len(w.ready))
	for p := range w.ready {
		b = append(b, p)
	}
	sort.Strings(b)
	return b
}

// note adds a changed path to the batch being gathered; created says
// whether the path was created by this change.
func (w *Watcher) note(rel string, created bool) {
	if len(w.pending) == 0 {
		w.first = time.Now()
	}
	if _, seen := w.pending[rel]; !seen {
		w.pending[rel] = created
	}
}

// handle follows one event; it reports whether inotify ran out of watches.
func (w *Watcher) handle(ev fsnotify.Event) (outOfWatches bool) {
	rel, ok := w.rel(ev.Name)
	if !ok || !w.relevant(rel) {
		return false
	}
	if ev.Op == fsnotify.Chmod {
		return false // a touch or a permission change: nothing to build
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// The old name is gone: so are the watches under it. Forgetting
		// them before a new name's Create adds watches again keeps the
		// paths of events right after a folder is renamed.
		w.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if err := w.watchTree(ev.Name, true); err != nil {
				return true
			}
		}
	}
	w.note(rel, ev.Has(fsnotify.Create))
	return false
}

// watchAll watches the root and every folder of the site.
func (w *Watcher) watchAll() error {
	if err := w.add(w.root); err != nil {
		return err
	}
	for _, d := range w.opts.Dirs {
		if err := w.watchTree(w.abs(d), false); err != nil {
			return err
		}
	}
	return nil
}

// watchTree watches dir and every folder under it. With report, the files
// and folders found are noted as changed: they may have been written
// before the watch began.
func (w *Watcher) watchTree(dir string, report bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone already: its removal is the next event
		}
		rel, ok := w.rel(p)
		if !ok || !w.relevant(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if report && p != dir {
			w.note(rel, true)
		}
		if d.IsDir() {
			return w.add(p)
		}
		return nil
	})
}

// add watches one folder. The only error is running out of watches: a
// folder that is gone already or cannot be read is left alone.
func (w *Watcher) add(dir string) error {
	if w.watched[dir] {
		return nil
	}
	err := w.addWatch(dir)
	if errors.Is(err, syscall.ENOSPC) {
		return err
	}
	if err == nil {
		w.watched[dir] = true
	}
	return nil
}

// forget removes the watches at and under path.
func (w *Watcher) forget(path string) {
	for dir := range w.watched {
		if dir == path || strings.HasPrefix(dir, path+string(filepath.Separator)) {
			w.fsw.Remove(dir) // an error only says the watch ended already
			delete(w.watched, dir)
		}
	}
}

// rel gives the path from the root with forward slashes; ok is false for
// paths outside the root.
func (w *Watcher) rel(abs string) (string, bool) {
	rel, err := filepath.Rel(w.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (w *Watcher) abs(rel string) string { return filepath.Join(w.root, filepath.FromSlash(rel)) }

// relevant reports whether a change at rel (not the root) concerns the site.
func (w *Watcher) relevant(rel string) bool {
	if rel == "." {
		return true
	}
	for _, f := range w.opts.Files {
		if rel == f {
			return true
		}
	}
	for _, s := range w.opts.Skip {
		if rel == s || strings.HasPrefix(rel, s+"/") {
			return false
		}
	}
	for _, d := range w.opts.Dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			return !source.IgnoredPath(rel)
		}
	}
	return false
}

// scan looks at every relevant file and folder, for polling.
func (w *Watcher) scan() map[string]fileState {
	seen := map[string]fileState{}
	look := func(p string) {
		filepath.WalkDir(p, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, ok := w.rel(p)
			if !ok || !w.relevant(rel) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := d.Info(); err == nil {
				seen[rel] = fileState{size: fi.Size(), mod: fi.ModTime(), mode: fi.Mode()}
			}
			return nil
		})
	}
	for _, f := range w.opts.Files {
		look(w.abs(f))
	}
	for _, d := range w.opts.Dirs {
		look(w.abs(d))
	}
	return seen
}

// diff lists the paths that differ between two scans.
func diff(old, now map[string]fileState) []string {
	var changed []string
	for p, s := range now {
		if o, ok := old[p]; !ok || o != s {
			if ok && s.mode.IsDir() && o.mode.IsDir() {
				continue // a folder's time changes with its files, which are listed
			}
			changed = append(changed, p)
		}
	}
	for p := range old {
		if _, ok := now[p]; !ok {
			changed = append(changed, p)
		}
	}
	return changed
}
