package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"rdjy.local/portal/generator/internal/benchsite"
)

// writeLargeSite writes a site of n generated suggestions with this
// repository's site.toml and layouts.
func writeLargeSite(tb testing.TB, n int) string {
	return benchsite.Write(tb, repoRoot, n)
}

// BenchmarkBuild10000 times a whole build (load, check, render, write,
// swap) of 10,000 suggestions.
func BenchmarkBuild10000(b *testing.B) {
	site := writeLargeSite(b, 10000)
	dest := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Source: site, Dest: dest}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad10000 times reading and checking 10,000 suggestions alone.
func BenchmarkLoad10000(b *testing.B) {
	site := writeLargeSite(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Load(Options{Source: site}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck times check (loading and rendering every page without
// writing them) at two sizes: the time per suggestion must stay flat, since no
// page walks all suggestions.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		site := writeLargeSite(b, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Check(context.Background(), Options{Source: site}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/suggestion")
		})
	}
}

// TestWriteBenchSite writes the benchmark's site of $BENCH_SIZE suggestions
// (10,000 unless given) to $BENCH_SITE, to time whole builds of the command
// (for peak memory, or against other tools):
//
//	BENCH_SITE=/tmp/site10k go test ./generator/internal/build -run TestWriteBenchSite
//	BENCH_SITE=/tmp/site100k BENCH_SIZE=100000 go test ./generator/internal/build -run TestWriteBenchSite
//	/usr/bin/time -v go run ./generator build -source /tmp/site10k
//
// A folder that holds a site already keeps its suggestions and gets the
// repository's layouts, static files and site.toml as they are now.
func TestWriteBenchSite(t *testing.T) {
	dir := os.Getenv("BENCH_SITE")
	if dir == "" {
		t.Skip("set BENCH_SITE to a folder to write the 10,000-suggestion site there")
	}
	n := 10000
	if s := os.Getenv("BENCH_SIZE"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 0 {
			t.Fatalf("BENCH_SIZE=%s: want a number of suggestions", s)
		}
	}
	// A site written before keeps its suggestions and gets today's
	// layouts, static files and site.toml (generator/bench/measure.sh).
	write := func() error { return benchsite.WriteTo(dir, repoRoot, n) }
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		write = func() error { return benchsite.Refresh(dir, repoRoot) }
	}
	if err := write(); err != nil {
		t.Fatal(err)
	}
}
