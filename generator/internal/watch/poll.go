package watch

import (
	"context"
	"io/fs"
	"time"
)

// poller finds changes by looking at every file's size, time and mode
// every interval: for when inotify cannot be used or has no watches left.
type poller struct {
	tree     *tree
	interval time.Duration
	last     map[string]fileState
}

// fileState is what polling compares.
type fileState struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

// newPoller looks at the tree now: changes are what differs from this.
func newPoller(t *tree, interval time.Duration) *poller {
	return &poller{tree: t, interval: interval, last: t.scan()}
}

// run looks every interval until ctx ends, sending what changed.
func (p *poller) run(ctx context.Context, send func(change) bool) {
	tick := time.NewTicker(p.interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		now := p.tree.scan()
		for _, path := range diff(p.last, now) {
			_, existed := p.last[path]
			if !send(change{path: path, created: !existed}) {
				return
			}
		}
		p.last = now
	}
}

// scan looks at every relevant file and folder.
func (t *tree) scan() map[string]fileState {
	seen := map[string]fileState{}
	look := func(abs, rel string, d fs.DirEntry) error {
		if fi, err := d.Info(); err == nil {
			seen[rel] = fileState{size: fi.Size(), mod: fi.ModTime(), mode: fi.Mode()}
		}
		return nil
	}
	for _, f := range t.files {
		t.walk(t.abs(f), look)
	}
	for _, d := range t.dirs {
		t.walk(t.abs(d), look)
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
