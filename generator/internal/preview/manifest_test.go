package preview

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/build"
	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/source"
)

// TestManifestNameIsReserved: a static file cannot take the manifest's
// place in the preview either (build and check: package build).
func TestManifestNameIsReserved(t *testing.T) {
	site := copySite(t)
	os.WriteFile(filepath.Join(site, "static", manifest.Name), []byte("mine"), 0o644)
	_, err := NewEngine(build.Options{Source: site}).Update(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "static/manifest.sha256: two files of the site would be written to manifest.sha256") {
		t.Errorf("preview: %v", err)
	}
}

// TestPublishingFilesAreNotTheSite: the preview serves neither the publish
// log nor the recorded package manifests of the site root, and holds what
// a build writes.
func TestPublishingFilesAreNotTheSite(t *testing.T) {
	site := copySite(t)
	os.WriteFile(filepath.Join(site, source.PublishLog), []byte("# publish.log\n"), 0o644)
	os.MkdirAll(filepath.Join(site, source.Packages), 0o755)
	os.WriteFile(filepath.Join(site, source.Packages, "rddbjy.zip.sha256"), []byte("# manifest\n"), 0o644)
	opts := build.Options{Source: site}
	m := mustUpdate(t, NewEngine(opts))
	if _, ok, _ := m.File(source.PublishLog); ok {
		t.Error("the preview serves the publish log")
	}
	sameAsBuild(t, m, opts)
}
