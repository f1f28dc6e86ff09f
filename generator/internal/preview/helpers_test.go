package preview

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/sitetest"
	"rdjy.local/portal/generator/internal/source"
)

// The preview is tested against the sites build's tests use.
const (
	testSite = "../build/testdata/site"
	repoRoot = "../../.."
)

// copySite copies the test site into a fresh folder, so a test can edit it.
func copySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func mustBuild(t *testing.T, opts build.Options) *build.Result {
	t.Helper()
	res, err := build.Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build %s: %v", opts.Source, err)
	}
	return res
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// sameAsBuild fails unless m holds exactly the files a build of opts writes.
func sameAsBuild(t *testing.T, m *Memory, opts build.Options) {
	t.Helper()
	opts.Dest = filepath.Join(t.TempDir(), "public")
	mustBuild(t, opts)
	want := sitetest.ReadTree(t, opts.Dest)
	delete(want, source.Marker)
	names := m.Names()
	if len(names) != len(want) {
		t.Errorf("the preview has %d files, a build %d", len(names), len(want))
	}
	for _, name := range names {
		data, ok, err := m.File(name)
		if !ok || err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if w, built := want[name]; !built {
			t.Errorf("%s is not in a build", name)
		} else if string(data) != w {
			t.Errorf("%s differs from a build:\n got: %.300s\nwant: %.300s", name, data, w)
		}
	}
}

func mustUpdate(t *testing.T, p *Engine, changed ...string) *Memory {
	t.Helper()
	m, err := p.Update(context.Background(), changed)
	if err != nil {
		t.Fatalf("update %v: %v", changed, err)
	}
	return m
}

// countingFS counts how often each file is opened.
type countingFS struct {
	fs.FS
	mu     sync.Mutex
	opened map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened[name]++
	c.mu.Unlock()
	return c.FS.Open(name)
}

// Lstat and ReadLink tell what a name is without opening it.
func (c *countingFS) Lstat(name string) (fs.FileInfo, error) { return fs.Lstat(c.FS, name) }
func (c *countingFS) ReadLink(name string) (string, error)   { return fs.ReadLink(c.FS, name) }
