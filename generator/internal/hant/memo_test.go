package hant

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// distinct gives the i-th of many different short runs of Chinese text.
func distinct(i int) string {
	return string([]rune{'区', rune(0x4E00 + i%20000), rune(0x4E00 + i/20000%20000), '局'})
}

// TestMemoIsBounded: however many different runs are stored, the memo
// holds at most its maximum, and a run read all along is kept.
func TestMemoIsBounded(t *testing.T) {
	m := newMemo(100)
	m.store("关于", "關於")
	for i := range 1000 {
		m.store(distinct(i), "x")
		if n := m.len(); n > 100 {
			t.Fatalf("after %d runs the memo holds %d, more than 100", i+1, n)
		}
		if out, ok := m.load("关于"); !ok || out != "關於" {
			t.Fatalf("after %d runs the run read all along is gone", i+1)
		}
	}
	if _, ok := m.load(distinct(999)); !ok {
		t.Error("the latest run is not remembered")
	}
	if _, ok := m.load(distinct(0)); ok {
		t.Error("the first run is still remembered after 1,000 others")
	}
}

// TestMemoIsBoundedWhileShared: goroutines storing at once may overshoot
// the maximum by at most one entry each.
func TestMemoIsBoundedWhileShared(t *testing.T) {
	const workers = 8
	m := newMemo(64)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range 2000 {
				m.store(distinct(w*2000+i), "x")
			}
		})
	}
	wg.Wait()
	if n := m.len(); n > 64+workers {
		t.Errorf("the memo holds %d, more than %d", n, 64+workers)
	}
}

// TestTextMemoIsBounded: a long preview session converts ever new text;
// the memo of the conversions stays within memoEntries.
func TestTextMemoIsBounded(t *testing.T) {
	for i := range 3 * memoEntries {
		if _, err := Text(distinct(i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := runs.len(); n > memoEntries {
		t.Errorf("after %d different runs the memo holds %d, more than %d", 3*memoEntries, n, memoEntries)
	}
	if got, _ := Text("关于答复"); got != "關於答覆" {
		t.Errorf("关于答复 → %s", got)
	}
}

// TestMemoKeepsNoPage: the runs the memo remembers are copies, not slices
// of the page they were found in, which the memo would otherwise keep
// alive as long as it remembers one of its words.
func TestMemoKeepsNoPage(t *testing.T) {
	page := "<p>" + distinct(123457) + "</p>" + strings.Repeat("<br>", 1000)
	if _, err := Text(page); err != nil {
		t.Fatal(err)
	}
	run := distinct(123457)
	if _, ok := runs.load(run); !ok {
		t.Fatal("the run was not remembered")
	}
	start, end := uintptr(unsafe.Pointer(unsafe.StringData(page))), uintptr(unsafe.Pointer(unsafe.StringData(page)))+uintptr(len(page))
	runs.gen.Load().newer.Range(func(k, v any) bool {
		for _, s := range []string{k.(string), v.(string)} {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= start && p < end {
				t.Errorf("the memo keeps %q as a slice of the page", s)
			}
		}
		return true
	})
}

// TestWriteHTMLKeepsNoPage: WriteHTML reads the page in place, without a
// copy, so what it remembers must be copies: the page's buffer is
// overwritten by the next page (a worker's buffer), and a run kept as a
// slice of it would change under the memo. The converted page goes into
// out after what out holds.
func TestWriteHTMLKeepsNoPage(t *testing.T) {
	run := distinct(123461)
	page := []byte(`<p title="` + distinct(123462) + `">` + run + `</p>`)
	names := NewNames([]string{distinct(123463)})
	out := bytes.NewBufferString("<!-- -->")
	if err := names.WriteHTML(out, page); err != nil {
		t.Fatal(err)
	}
	want, err := Text(string(page))
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != "<!-- -->"+want {
		t.Errorf("WriteHTML wrote %q, want %q after what out held", out.String(), want)
	}
	if _, ok := runs.load(run); !ok {
		t.Fatal("the run was not remembered")
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(page)))
	end := start + uintptr(len(page))
	runs.gen.Load().newer.Range(func(k, v any) bool {
		for _, s := range []string{k.(string), v.(string)} {
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= start && p < end {
				t.Errorf("the memo keeps %q as a slice of the page", s)
			}
		}
		return true
	})
}
