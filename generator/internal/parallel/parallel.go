// Package parallel runs work over a list on every CPU: the render of a
// site's pages, to disk or into memory.
package parallel

import (
	"bytes"
	"context"
	"runtime"
	"sync"
)

// keepBuffer is the largest buffer a worker of Each keeps for the next
// item: ten times a large page.
const keepBuffer = 1 << 20

// Each calls do for every item on GOMAXPROCS workers. Each worker reuses one
// buffer, reset before every item, so that rendering a page allocates no new
// buffer; a buffer that grew past keepBuffer for one large file (the open
// data, the sitemap) is let go, so that the build does not hold it to the
// end. Each stops feeding items at the first error, or when ctx is
// cancelled, and returns that error.
func Each[T any](ctx context.Context, items []T, do func(buf *bytes.Buffer, item T) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan T)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for item := range next {
				buf.Reset()
				if err := do(&buf, item); err != nil {
					cancel(err)
				}
				if buf.Cap() > keepBuffer {
					buf = bytes.Buffer{}
				}
			}
		})
	}
feed:
	for _, item := range items {
		select {
		case next <- item:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && err != context.Canceled {
		return err
	}
	return ctx.Err()
}

// For calls f for 0 to n-1 on every processor, each worker taking every
// GOMAXPROCS-th index, and returns the first error.
func For(n int, f func(i int) error) error {
	var wg sync.WaitGroup
	var once sync.Once
	var first error
	workers := min(n, runtime.GOMAXPROCS(0))
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				if err := f(i); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
