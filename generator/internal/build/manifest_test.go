package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/sitetest"
	"rdjy.local/portal/generator/internal/source"
)

// TestManifestListsEveryFile: manifest.sha256 names every file of a build
// with its size and hash, and nothing else (not itself, not the marker).
func TestManifestListsEveryFile(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: testSite, Dest: dest})
	files := sitetest.ReadTree(t, dest)
	text, ok := files[manifest.Name]
	if !ok {
		t.Fatal("the build wrote no manifest.sha256")
	}
	m, err := manifest.Parse(manifest.Name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	delete(files, manifest.Name)
	delete(files, source.Marker)
	if m.Len() != len(files) {
		t.Errorf("the manifest lists %d files, the build wrote %d", m.Len(), len(files))
	}
	for name, data := range files {
		e, ok := m.Lookup(name)
		if !ok {
			t.Errorf("%s is not in the manifest", name)
		} else if e.Size != int64(len(data)) || e.Sum != manifest.Of([]byte(data)) {
			t.Errorf("%s: manifest says %d bytes %s", name, e.Size, e.Sum)
		}
	}
}

// TestManifestNameIsReserved: a static file cannot take the manifest's place.
func TestManifestNameIsReserved(t *testing.T) {
	site := copySite(t)
	os.WriteFile(filepath.Join(site, "static", manifest.Name), []byte("mine"), 0o644)
	dest := filepath.Join(t.TempDir(), "public")
	_, err := Build(context.Background(), Options{Source: site, Dest: dest})
	if err == nil || !strings.Contains(err.Error(), "two files of the site would be written to manifest.sha256") {
		t.Errorf("build: %v", err)
	}
	_, err = Check(context.Background(), Options{Source: site})
	if err == nil || !strings.Contains(err.Error(), "static/manifest.sha256: two files of the site would be written to manifest.sha256: the site's manifest and static/manifest.sha256") {
		t.Errorf("check: %v", err)
	}
}

// TestPublishingFilesAreNotTheSite: the publish log and the recorded
// package manifests in the site root change nothing a build writes.
func TestPublishingFilesAreNotTheSite(t *testing.T) {
	site := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Source: site, Dest: dest})
	before := sitetest.ReadTree(t, dest)
	os.WriteFile(filepath.Join(site, source.PublishLog), []byte("# publish.log\n"), 0o644)
	os.MkdirAll(filepath.Join(site, source.Packages), 0o755)
	os.WriteFile(filepath.Join(site, source.Packages, "rddbjy.zip.sha256"), []byte("# manifest\n"), 0o644)
	mustBuild(t, Options{Source: site, Dest: dest})
	after := sitetest.ReadTree(t, dest)
	if len(after) != len(before) {
		t.Errorf("the build has %d files, it had %d", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("%s changed", name)
		}
	}
}
