package search

import (
	"runtime"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/benchsite"
)

// BenchmarkIndex adds 5,000 suggestions of the benchmark site (their
// front matter and Markdown as text: two blocks) to an index and writes
// its files. It reports, besides the time and allocations, the bytes the
// made index holds (held-B/op), which is what the build keeps while the
// index's files are written:
//
//	go test -run - -bench Index -benchmem ./generator/internal/search
func BenchmarkIndex(b *testing.B) {
	texts := make([]string, 5000)
	for i := range texts {
		_, t := benchsite.Suggestion(i)
		texts[i] = string(t)
	}
	var held uint64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		x := NewIndex()
		for _, t := range texts {
			title, rest, _ := strings.Cut(t, "\n")
			x.Add(title, rest)
		}
		s := x.Shards()
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = after.HeapAlloc - before.HeapAlloc
		for i := range ShardCount(len(texts)) {
			if _, err := s.File(i); err != nil {
				b.Fatal(err)
			}
		}
		runtime.KeepAlive(s)
	}
	b.ReportMetric(float64(held), "held-B/op")
}
