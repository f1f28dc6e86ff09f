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
//
// The parts: a source finds changed paths (the notifier, with inotify, in
// inotify.go; the poller in poll.go) and sends them to the batcher
// (batch.go), which knows only paths and time and gathers them into
// batches. Each runs in a goroutine of its own; when the context ends, the
// source stops and closes its channel, and the batcher then closes
// Changes, whether or not anyone still reads it.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
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

	// addWatch, when not nil, adds inotify watches instead of fsnotify's
	// Add: tests run out of watches with it.
	addWatch func(fsw *fsnotify.Watcher, dir string) error
}

// Watcher sends batches of changed paths on Changes until its context ends.
type Watcher struct {
	opts    Options
	tree    *tree
	out     chan []string
	polling atomic.Bool
}

// Start watches opts.Root until ctx is done, then closes Changes. Every
// folder is watched (or, when polling, looked at) before it returns, so
// that no change made after it returns is missed.
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
	t := &tree{root: root, dirs: opts.Dirs, files: opts.Files, skip: opts.Skip}
	w := &Watcher{opts: opts, tree: t, out: make(chan []string)}
	var n *notifier
	var p *poller
	if !opts.ForcePoll {
		if n, err = newNotifier(t, opts.addWatch); err != nil {
			w.tellPolling(err)
		}
	}
	if n == nil {
		p = newPoller(t, opts.Poll)
		w.polling.Store(true)
	}
	changes := make(chan change, 64)
	go w.feed(ctx, n, p, changes)
	b := &batcher{quiet: opts.Quiet, maxWait: opts.MaxWait, grace: missingGrace, exists: t.exists}
	go b.run(changes, w.out)
	return w, nil
}

// Changes delivers the batches. It is closed when the watcher stops.
func (w *Watcher) Changes() <-chan []string { return w.out }

// Polling reports whether the watcher polls instead of using inotify.
func (w *Watcher) Polling() bool { return w.polling.Load() }

// feed runs the source, n or else p, until ctx ends, and then closes
// changes. When n runs out of watches, a poller takes over.
func (w *Watcher) feed(ctx context.Context, n *notifier, p *poller, changes chan<- change) {
	defer close(changes)
	send := func(c change) bool {
		select {
		case changes <- c:
			return true
		case <-ctx.Done():
			return false
		}
	}
	if n != nil {
		if !n.run(ctx, send) {
			return
		}
		w.tellPolling(syscall.ENOSPC)
		p = newPoller(w.tree, w.opts.Poll)
		w.polling.Store(true)
		send(change{path: "."}) // changes since the last event may have been missed
	}
	p.run(ctx, send)
}

func (w *Watcher) tellPolling(err error) {
	if errors.Is(err, syscall.ENOSPC) {
		fmt.Fprintf(w.opts.Log, "The system's limit on watched folders is reached (fs.inotify.max_user_watches), "+
			"so changes are found by looking at every file every %s instead. "+
			"To watch again, raise the limit: sudo sysctl fs.inotify.max_user_watches=524288\n", w.opts.Poll)
		return
	}
	fmt.Fprintf(w.opts.Log, "Cannot watch for changes (%v), so changes are found by looking at every file every %s instead.\n", err, w.opts.Poll)
}
