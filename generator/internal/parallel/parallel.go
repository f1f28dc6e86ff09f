// Package parallel is the generator's one worker pool: loading the
// suggestions, rendering the pages (to disk, into a sink or into memory),
// the search index and the ledger import all run their work through it.
//
// Work is a list of n items, done by GOMAXPROCS workers that each take the
// next item not yet taken. Each worker has one buffer, reset before every
// item, so that rendering a page allocates no new buffer. The pool stops
// handing out items at the first error or once its context is done (Ctrl-C):
// only the items already begun are finished, and the call returns that
// error, or the context's.
package parallel

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// keepBuffer is the largest buffer a worker keeps for the next item: ten
// times a large page. A buffer that grew past it for one large file is let
// go, so that the build does not hold it to the end.
const keepBuffer = 1 << 20

// Each calls do for every item, each with its worker's buffer.
func Each[T any](ctx context.Context, items []T, do func(buf *bytes.Buffer, item T) error) error {
	return run(ctx, len(items), func(buf *bytes.Buffer, i int) error { return do(buf, items[i]) })
}

// Drain is Each for a list used once: each item is set to its zero value
// once done, so that what it holds (a page's closure and all it reaches)
// can be collected while the rest are made, rather than at the end.
func Drain[T any](ctx context.Context, items []T, do func(buf *bytes.Buffer, item T) error) error {
	return run(ctx, len(items), func(buf *bytes.Buffer, i int) error {
		err := do(buf, items[i])
		var zero T
		items[i] = zero
		return err
	})
}

// For calls do for every index from 0 to n-1, for work that fills the
// i-th place of a result.
func For(ctx context.Context, n int, do func(i int) error) error {
	return run(ctx, n, func(_ *bytes.Buffer, i int) error { return do(i) })
}

// run is the pool.
func run(ctx context.Context, n int, do func(buf *bytes.Buffer, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			var buf bytes.Buffer
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				buf.Reset()
				if err := do(&buf, i); err != nil {
					cancel(err)
				}
				if buf.Cap() > keepBuffer {
					buf = bytes.Buffer{}
				}
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && err != context.Canceled {
		return err
	}
	return ctx.Err()
}
