package preview

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/benchsite"
	"rdjy.local/portal/generator/internal/build"
)

// live is a preview of a generated site of 10,000 suggestions, running for
// a benchmark, with the page's reload stream open.
type live struct {
	site    string
	url     string
	reloads chan time.Time // when each reload (or css) event came
}

func startLive(b *testing.B) *live {
	b.Helper()
	l := &live{site: benchsite.Write(b, "../../..", 10000), reloads: make(chan time.Time, 100)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- Run(ctx, ln, Options{Site: build.Options{Source: l.site}, Stdout: io.Discard, Stderr: os.Stderr})
	}()
	b.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	})
	l.url = "http://" + ln.Addr().String() + "/"
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(l.url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			b.Fatal("the preview did not start")
		}
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", l.url+"_portal/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" || sc.Text() == "event: css" {
				l.reloads <- time.Now()
			}
		}
	}()
	return l
}

// save writes a file of the site as editors do: a temporary file renamed
// over the old one.
func (l *live) save(b *testing.B, rel, text string) {
	p := filepath.Join(l.site, filepath.FromSlash(rel))
	if err := os.WriteFile(p+".tmp", []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(p+".tmp", p); err != nil {
		b.Fatal(err)
	}
}

func (l *live) reload(b *testing.B) time.Time {
	select {
	case t := <-l.reloads:
		return t
	case <-time.After(time.Minute):
		b.Fatal("no reload event")
	}
	return time.Time{}
}

func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2]) / float64(time.Millisecond)
}

// BenchmarkEdit10000 saves one suggestion of 10,000 and measures, as a
// browser sees it, the time until the reload event comes, and until the
// page then asked for has the new text; it reports the medians.
func BenchmarkEdit10000(b *testing.B) {
	l := startLive(b)
	const rel = "content/suggestions/2015/2015-00005.md"
	orig, err := os.ReadFile(filepath.Join(l.site, rel))
	if err != nil {
		b.Fatal(err)
	}
	page := l.url + "suggestions/2015-00005/"
	var toPage, toEvent []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mark := fmt.Sprintf("第%d次修改", i)
		start := time.Now()
		l.save(b, rel, strings.Replace(string(orig), "title = \"", "title = \""+mark, 1))
		toEvent = append(toEvent, l.reload(b).Sub(start))
		resp, err := http.Get(page)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), mark) {
			b.Fatal("after the reload event, the page does not have the new text")
		}
		toPage = append(toPage, time.Since(start))
	}
	b.ReportMetric(median(toEvent), "ms-to-reload/median")
	b.ReportMetric(median(toPage), "ms-to-page/median")
}

// BenchmarkRebuildAll10000 changes a layout, which rebuilds every page of
// 10,000 suggestions in memory, and measures the time until the reload
// event; it times a build of the same site to disk for comparison.
func BenchmarkRebuildAll10000(b *testing.B) {
	l := startLive(b)
	layout, err := os.ReadFile(filepath.Join(l.site, "layouts", "home.html"))
	if err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "public")
	var rebuild, builds []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		l.save(b, "layouts/home.html", string(layout)+fmt.Sprintf("{{/* %d */}}\n", i))
		rebuild = append(rebuild, l.reload(b).Sub(start))

		start = time.Now()
		if _, err := build.Build(context.Background(), build.Options{Source: l.site, Dest: dest}); err != nil {
			b.Fatal(err)
		}
		builds = append(builds, time.Since(start))
	}
	b.ReportMetric(median(rebuild), "ms-rebuild/median")
	b.ReportMetric(median(builds), "ms-build/median")
}

// held keeps the last site BenchmarkMemory10000 made, so that the heap
// profile of `go test -memprofile` (taken after the benchmark) shows what
// a preview holds.
var held *Memory

// BenchmarkMemory10000 makes every file of a preview of 10,000 suggestions,
// as serve does at start, and reports the heap that stays live afterwards
// (the site, its indexes and every made file), the bytes of the files
// themselves, as a build would write them, and the time a page then takes
// to be served (made again), on average.
func BenchmarkMemory10000(b *testing.B) {
	site := benchsite.Write(b, "../../..", 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		held = nil
		m, err := NewEngine(build.Options{Source: site}).Update(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := m.Warm(context.Background()); err != nil {
			b.Fatal(err)
		}
		held = m
	}
	b.StopTimer()
	var size int64
	var pages int
	var serving time.Duration
	for _, name := range held.Names() {
		start := time.Now()
		data, _, err := held.File(name)
		if err != nil {
			b.Fatal(err)
		}
		if strings.HasSuffix(name, ".html") {
			pages++
			serving += time.Since(start)
		}
		size += int64(len(data))
	}
	runtime.GC()
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	b.ReportMetric(float64(live[0].Value.Uint64())/(1<<20), "MiB-live")
	b.ReportMetric(float64(size)/(1<<20), "MiB-of-files")
	b.ReportMetric(float64(len(held.Names())), "files")
	b.ReportMetric(float64(serving.Microseconds())/float64(pages), "µs-per-page-served")
}

// BenchmarkUpdate10000 rebuilds a preview of 10,000 suggestions in memory
// after an edit of one suggestion's title and asks for its page, without
// the watcher and the server: what an edit costs the engine. Its work is
// labelled edit=1 for a CPU profile (go tool pprof -tagfocus edit=1).
func BenchmarkUpdate10000(b *testing.B) {
	site := benchsite.Write(b, "../../..", 10000)
	e := NewEngine(build.Options{Source: site})
	if _, err := e.Update(context.Background(), nil); err != nil {
		b.Fatal(err)
	}
	const rel = "content/suggestions/2015/2015-00005.md"
	orig, err := os.ReadFile(filepath.Join(site, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	pprof.Do(context.Background(), pprof.Labels("edit", "1"), func(ctx context.Context) {
		for i := 0; i < b.N; i++ {
			mark := fmt.Sprintf("第%d次修改", i)
			if err := os.WriteFile(filepath.Join(site, rel), []byte(strings.Replace(string(orig), "title = \"", "title = \""+mark, 1)), 0o644); err != nil {
				b.Fatal(err)
			}
			m, err := e.Update(ctx, []string{rel})
			if err != nil {
				b.Fatal(err)
			}
			page, _, err := m.File("suggestions/2015-00005/index.html")
			if err != nil || !strings.Contains(string(page), mark) {
				b.Fatalf("the page does not have the new title (error %v)", err)
			}
		}
	})
}
