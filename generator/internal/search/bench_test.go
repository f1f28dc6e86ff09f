package search

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/benchsite"
)

// BenchmarkIndex adds 5,000 suggestions of the benchmark site (their
// front matter and Markdown as text: two blocks) to an index and writes
// its files, its records spilled to a scratch folder as a build does. It
// reports, besides the time and allocations, the bytes the index holds
// once gathered (held-B/op), before its files are written (which hold the
// lists of one group of files at a time):
//
//	go test -run - -bench Index -benchmem ./generator/internal/search
func BenchmarkIndex(b *testing.B) {
	texts := make([]string, 5000)
	for i := range texts {
		_, t := benchsite.Suggestion(i)
		texts[i] = string(t)
	}
	var held uint64
	dir := b.TempDir()
	for b.Loop() {
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		if err := os.Mkdir(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		x := NewIndex(len(texts), dir)
		for _, t := range texts {
			title, rest, _ := strings.Cut(t, "\n")
			x.Add(title, rest)
		}
		s, err := x.Shards()
		if err != nil {
			b.Fatal(err)
		}
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
