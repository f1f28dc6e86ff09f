package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// notifier finds changes with inotify, through fsnotify: a watch on every
// folder of the tree, added as folders appear.
type notifier struct {
	tree    *tree
	fsw     *fsnotify.Watcher
	add     func(dir string) error // adds a watch on a folder
	watched map[string]bool        // folders with a watch, absolute
	lost    chan struct{}          // signalled when fsnotify reports lost events
}

// newNotifier watches every folder of t. The error is the reason inotify
// cannot be used, such as running out of watches (syscall.ENOSPC).
// addWatch, when not nil, adds the watches instead of fsnotify's Add.
func newNotifier(t *tree, addWatch func(fsw *fsnotify.Watcher, dir string) error) (*notifier, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	n := &notifier{tree: t, fsw: fsw, add: fsw.Add, watched: map[string]bool{}, lost: make(chan struct{}, 1)}
	if addWatch != nil {
		n.add = func(dir string) error { return addWatch(fsw, dir) }
	}
	if err := n.watchAll(nil); err != nil {
		fsw.Close()
		return nil, err
	}
	// fsnotify sends some errors while it holds the lock that Add and
	// Remove take: were they not read at once, the loop below, waiting
	// in Add, and fsnotify, waiting to send, would wait for each other.
	go func() {
		for err := range fsw.Errors {
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				select {
				case n.lost <- struct{}{}:
				default:
				}
			}
		}
	}()
	return n, nil
}

// run sends the changes inotify reports until ctx ends (and returns false)
// or inotify runs out of watches (and returns true). Either way the
// inotify watches are gone when it returns.
func (n *notifier) run(ctx context.Context, send func(change) bool) (outOfWatches bool) {
	defer n.fsw.Close()
	note := func(rel string, created bool) { send(change{path: rel, created: created}) }
	for {
		select {
		case <-ctx.Done():
			return false
		case ev, ok := <-n.fsw.Events:
			if !ok {
				return false
			}
			if err := n.handle(ev, note); err != nil {
				return true
			}
		case <-n.lost:
			// Events were lost: report everything and watch anew.
			note(".", false)
			if err := n.watchAll(nil); err != nil {
				return true
			}
		}
	}
}

// handle follows one event. The only error is running out of watches.
func (n *notifier) handle(ev fsnotify.Event, note func(rel string, created bool)) error {
	rel, ok := n.tree.rel(ev.Name)
	if !ok || !n.tree.relevant(rel) {
		return nil
	}
	if ev.Op == fsnotify.Chmod {
		return nil // a touch or a permission change: nothing to build
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// The old name is gone: so are the watches under it. Forgetting
		// them before a new name's Create adds watches again keeps the
		// paths of events right after a folder is renamed.
		n.forget(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if err := n.watchTree(ev.Name, note); err != nil {
				return err
			}
		}
	}
	note(rel, ev.Has(fsnotify.Create))
	return nil
}

// watchAll watches the root and every folder of the site.
func (n *notifier) watchAll(note func(rel string, created bool)) error {
	if err := n.watch(n.tree.root); err != nil {
		return err
	}
	for _, d := range n.tree.dirs {
		if err := n.watchTree(n.tree.abs(d), note); err != nil {
			return err
		}
	}
	return nil
}

// watchTree watches dir and every folder under it. With note, the files
// and folders found under dir are noted as created: they may have been
// written before the watch began.
func (n *notifier) watchTree(dir string, note func(rel string, created bool)) error {
	return n.tree.walk(dir, func(p, rel string, d fs.DirEntry) error {
		if note != nil && p != dir {
			note(rel, true)
		}
		if d.IsDir() {
			return n.watch(p)
		}
		return nil
	})
}

// watch adds a watch on one folder. The only error is running out of
// watches: a folder that is gone already or cannot be read is left alone.
func (n *notifier) watch(dir string) error {
	if n.watched[dir] {
		return nil
	}
	err := n.add(dir)
	if errors.Is(err, syscall.ENOSPC) {
		return err
	}
	if err == nil {
		n.watched[dir] = true
	}
	return nil
}

// forget removes the watches at and under path.
func (n *notifier) forget(path string) {
	for dir := range n.watched {
		if dir == path || strings.HasPrefix(dir, path+string(filepath.Separator)) {
			n.fsw.Remove(dir) // an error only says the watch ended already
			delete(n.watched, dir)
		}
	}
}
