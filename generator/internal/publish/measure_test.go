package publish

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/manifest"
)

// TestMeasureOneEdit publishes a large site (BENCH_SITE, written by
// `BENCH_SITE=/tmp/site10k go test ./generator/internal/build -run
// TestWriteBenchSite`) into a folder and over SFTP to a local OpenSSH
// server, then edits one suggestion's title and publishes again. It logs
// what each publish sent, as a share of the full upload, and which files
// dominate. It measures; it asserts only that the publishes work.
func TestMeasureOneEdit(t *testing.T) {
	src := os.Getenv("BENCH_SITE")
	if src == "" {
		t.Skip("set BENCH_SITE to a site written by TestWriteBenchSite to measure publishing it")
	}
	root := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	buildSite := func() *BuildSite {
		if _, err := build.Build(context.Background(), build.Options{Source: root, Dest: dest}); err != nil {
			t.Fatal(err)
		}
		b, err := OpenBuild(dest)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := buildSite()
	full := first.Manifest().Bytes() + int64(len(first.Manifest().Format()))
	t.Logf("the site: %d files, %d bytes; with its manifest (%d bytes) a full upload is %d bytes",
		first.Manifest().Len(), first.Manifest().Bytes(), len(first.Manifest().Format()), full)

	type target struct {
		name string
		dial func() Target
	}
	folderDir := filepath.Join(t.TempDir(), "www")
	os.Mkdir(folderDir, 0o755)
	targets := []target{{"folder", func() Target { return openFolder(t, folderDir) }}}
	if _, err := os.Stat("/usr/sbin/sshd"); err == nil {
		server := startSSHD(t, sshdOptions{})
		sftpDir := filepath.Join(t.TempDir(), "www")
		os.Mkdir(sftpDir, 0o755)
		targets = append(targets, target{"sftp (loopback)", func() Target { return server.dial(sftpDir) }})
	}
	publishAll := func(what string, b *BuildSite) map[string]*Plan {
		plans := map[string]*Plan{}
		for _, tg := range targets {
			start := time.Now()
			plan := mustPublish(t, tg.dial(), b, Options{})
			t.Logf("%s, %s: %d files and %d bytes sent (%.2f%% of a full upload) in %s; %d added, %d changed, %d deleted",
				what, tg.name, plan.Sent, plan.SentBytes, 100*float64(plan.SentBytes)/float64(full), time.Since(start).Round(time.Millisecond),
				plan.Added, plan.Changed, len(plan.Delete))
			plans[tg.name] = plan
		}
		return plans
	}
	publishAll("first publish", first)
	publishAll("nothing changed", buildSite())

	// One suggestion's title.
	var edited string
	filepath.WalkDir(filepath.Join(root, "content", "suggestions"), func(p string, d os.DirEntry, err error) error {
		if edited == "" && err == nil && strings.HasSuffix(p, ".md") {
			edited = p
		}
		return err
	})
	data, _ := os.ReadFile(edited)
	title := regexp.MustCompile(`(?m)^title = "`)
	os.WriteFile(edited, title.ReplaceAll(data, []byte(`title = "（修订）`)), 0o644)
	second := buildSite()
	plans := publishAll("one title edited ("+strings.TrimPrefix(edited, root+"/")+")", second)

	// What dominates: the files sent, by size and by kind.
	plan := plans["folder"]
	sent := slices.Clone(plan.Upload)
	slices.SortFunc(sent, func(a, b manifest.Entry) int { return cmp.Compare(b.Size, a.Size) })
	var b strings.Builder
	for _, e := range sent[:min(8, len(sent))] {
		fmt.Fprintf(&b, "\n  %9d bytes  %5.2f%%  %s", e.Size, 100*float64(e.Size)/float64(full), e.Name)
	}
	t.Logf("the largest files sent:%s", b.String())
	kinds := map[string]int64{}
	counts := map[string]int{}
	for _, e := range plan.Upload {
		k := kind(e.Name)
		kinds[k] += e.Size
		counts[k]++
	}
	kinds["manifest.sha256"] = int64(len(second.Manifest().Format()))
	counts["manifest.sha256"] = 1
	own := plan.SentBytes - kinds["manifest.sha256"]
	for _, e := range plan.Upload {
		own -= e.Size
	}
	kinds["publish state and pending list"], counts["publish state and pending list"] = own, plan.Sent-len(plan.Upload)-1
	b.Reset()
	for _, k := range slices.SortedFunc(func(yield func(string) bool) {
		for k := range kinds {
			if !yield(k) {
				return
			}
		}
	}, func(a, b string) int { return cmp.Compare(kinds[b], kinds[a]) }) {
		fmt.Fprintf(&b, "\n  %9d bytes  %5.2f%%  %4d files  %s", kinds[k], 100*float64(kinds[k])/float64(full), counts[k], k)
	}
	t.Logf("sent by kind (%% of a full upload):%s", b.String())
}

// kind groups the files of a site for the measurement.
func kind(name string) string {
	switch {
	case strings.Contains(name, "data/search/"):
		return "search indexes (both scripts)"
	case strings.HasPrefix(name, "data/"):
		return "open data (data/*.json, *.csv)"
	case name == "sitemap.xml" || name == "feed.xml":
		return "sitemap and feed"
	case manifest.RankOf(name) == manifest.SuggestionPages:
		return "the suggestion's pages"
	}
	return "lists, statistics, reports, home"
}
