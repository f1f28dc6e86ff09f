package parallel

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachVisitsEveryItem(t *testing.T) {
	items := make([]int, 1000)
	for i := range items {
		items[i] = i
	}
	var sum atomic.Int64
	err := Each(context.Background(), items, func(buf *bytes.Buffer, i int) error {
		if buf.Len() != 0 {
			t.Error("the buffer was not reset")
		}
		buf.WriteString("x")
		sum.Add(int64(i))
		return nil
	})
	if err != nil || sum.Load() != 999*1000/2 {
		t.Errorf("err %v, sum %d", err, sum.Load())
	}
}

func TestEachStopsAtTheFirstError(t *testing.T) {
	boom := errors.New("boom")
	var done atomic.Int64
	err := Each(context.Background(), make([]int, 10000), func(*bytes.Buffer, int) error {
		done.Add(1)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if done.Load() > 100 {
		t.Errorf("%d items were done after the first error", done.Load())
	}
}

func TestEachHonoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Each(ctx, make([]int, 100), func(*bytes.Buffer, int) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestForVisitsEveryIndexOnce(t *testing.T) {
	seen := make([]atomic.Int32, 777)
	if err := For(context.Background(), len(seen), func(i int) error { seen[i].Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if seen[i].Load() != 1 {
			t.Fatalf("index %d visited %d times", i, seen[i].Load())
		}
	}
	boom := errors.New("boom")
	if err := For(context.Background(), 50, func(i int) error {
		if i == 7 {
			return boom
		}
		return nil
	}); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
}

// TestForStopsWhenCancelled: once the context is done, no item is begun.
// The count is taken when cancel has returned: while it runs, the other
// workers go on taking items, and they may each be past their look at the
// context with one more in hand.
func TestForStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var begun, atCancel atomic.Int64
	err := For(ctx, 100000, func(i int) error {
		if begun.Add(1) == 10 {
			cancel()
			atCancel.Store(begun.Load())
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if n := begun.Load() - atCancel.Load(); n > int64(runtime.GOMAXPROCS(0))-1 {
		t.Errorf("%d items were begun after the cancel", n)
	}
}

func TestDrainLetsGoOfEachItem(t *testing.T) {
	items := make([]*int, 500)
	for i := range items {
		items[i] = new(int)
		*items[i] = i
	}
	var sum atomic.Int64
	if err := Drain(context.Background(), items, func(_ *bytes.Buffer, p *int) error { sum.Add(int64(*p)); return nil }); err != nil {
		t.Fatal(err)
	}
	if sum.Load() != 499*500/2 {
		t.Errorf("sum %d: not every item was done once", sum.Load())
	}
	for i, p := range items {
		if p != nil {
			t.Fatalf("item %d is still held after it was done", i)
		}
	}
}
