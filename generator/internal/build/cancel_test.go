package build

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/source"
)

// cancellingFS cancels a context when the after-th suggestion is opened,
// and counts the suggestions opened from then on.
type cancellingFS struct {
	fs.FS
	cancel context.CancelFunc
	after  int64
	opened atomic.Int64
}

func (c *cancellingFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(name, source.Suggestions+"/") && strings.HasSuffix(name, ".md") {
		if c.opened.Add(1) == c.after {
			c.cancel()
		}
	}
	return c.FS.Open(name)
}

// Lstat and ReadLink let source.Walk see the site's links.
func (c *cancellingFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.FS, name) }
func (c *cancellingFS) ReadLink(name string) (string, error)   { return fs.ReadLink(c.FS, name) }

// TestInterruptedLoadStops: Ctrl-C while check or build loads 10,000
// suggestions stops the load at once. The call returns context.Canceled,
// and after the cancel no worker begins another file: at most one file a
// worker is opened after it.
func TestInterruptedLoadStops(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files")
	}
	site := writeLargeSite(t, 10000)
	for name, run := range map[string]func(context.Context, fs.FS) error{
		"check": func(ctx context.Context, fsys fs.FS) error { _, err := CheckFS(ctx, fsys, Options{}); return err },
		"build": func(ctx context.Context, fsys fs.FS) error {
			_, err := BuildFS(ctx, fsys, Options{Dest: t.TempDir()})
			return err
		},
		"load": func(ctx context.Context, fsys fs.FS) error { _, err := loadFS(ctx, fsys, Options{}, true); return err },
	} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			const after = 200
			fsys := &cancellingFS{FS: source.Open(site), cancel: cancel, after: after}
			done := make(chan error, 1)
			go func() { done <- run(ctx, fsys) }()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
			case <-time.After(time.Minute): // generous: the machine may be loaded
				t.Fatal("still loading a minute after the cancel")
			}
			if extra := fsys.opened.Load() - after; extra > int64(runtime.GOMAXPROCS(0)) {
				t.Errorf("%d suggestions were opened after the cancel; want at most one a worker (%d)", extra, runtime.GOMAXPROCS(0))
			}
		})
	}
}
