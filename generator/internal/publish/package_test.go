package publish

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rdjy.local/portal/generator/internal/manifest"
)

var packageTime = time.Date(2026, 6, 3, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

func writePackage(t *testing.T, file string, base *manifest.Manifest, s Site) *PackageResult {
	t.Helper()
	res, err := WritePackage(file, base, s, packageTime, false)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func applyPackage(t *testing.T, file, www string, force bool) (*Plan, error) {
	t.Helper()
	pkg, err := OpenPackage(file)
	if err != nil {
		return nil, err
	}
	defer pkg.Close()
	return Run(context.Background(), openFolder(t, www), pkg, Options{Base: pkg.Base(), Force: force})
}

// TestPackages carries a whole site and then one edit across a "network
// gap" in packages of both kinds, and applies them to a folder.
func TestPackages(t *testing.T) {
	for _, ext := range []string{".zip", ".tar.gz"} {
		t.Run(ext, func(t *testing.T) {
			s := newSite(t)
			dir := t.TempDir()
			www := filepath.Join(dir, "www")
			os.Mkdir(www, 0o755)
			first := s.build()
			full := filepath.Join(dir, "full"+ext)
			res := writePackage(t, full, nil, first)
			if len(res.Changes.Added) != first.Manifest().Len() {
				t.Errorf("a whole-site package holds %d files of %d", len(res.Changes.Added), first.Manifest().Len())
			}
			if _, err := applyPackage(t, full, www, false); err != nil {
				t.Fatal(err)
			}
			samePublished(t, www, first)

			s.edit("content/suggestions/2019/002.md", `title = "支持涧西企业打造企业品牌"`, `title = "支持涧西企业打造自主品牌"`)
			os.Remove(filepath.Join(s.root, "content/suggestions/2020/001.md"))
			second := s.build()
			changes := filepath.Join(dir, "changes"+ext)
			res = writePackage(t, changes, first.Manifest(), second)
			want := manifest.Diff(first.Manifest(), second.Manifest())
			if len(res.Changes.Added)+len(res.Changes.Changed) != len(want.Added)+len(want.Changed) || len(res.Changes.Removed) != len(want.Removed) {
				t.Errorf("the package holds %+v", res.Changes)
			}
			pkg, err := OpenPackage(changes)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(pkg.Deletes(), " "); !strings.Contains(got, "suggestions/2020-001/index.html") {
				t.Errorf("delete.txt: %s", got)
			}
			pkg.Close()

			// Applied to a folder at another version: refused.
			other := filepath.Join(dir, "other")
			os.Mkdir(other, 0o755)
			if _, err := applyPackage(t, changes, other, false); err == nil || !strings.Contains(err.Error(), "does not have (it has no manifest.sha256): apply the packages before it first") {
				t.Errorf("a change package on an empty folder: %v", err)
			}
			if _, err := applyPackage(t, full, www, false); err == nil || !strings.Contains(err.Error(), "the package holds a whole site but") {
				t.Errorf("a whole-site package over a site: %v", err)
			}

			plan, err := applyPackage(t, changes, www, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.Upload) != len(want.Added)+len(want.Changed) {
				t.Errorf("applying uploaded %d files", len(plan.Upload))
			}
			samePublished(t, www, second)
			sha256sumCheck(t, www)
			if _, err := applyPackage(t, changes, www, false); err == nil || !strings.Contains(err.Error(), "than the one on") {
				t.Errorf("the same package twice: %v", err)
			}
		})
	}
}

// TestPackageByHand follows the package's README.txt with tar and
// sha256sum.
func TestPackageByHand(t *testing.T) {
	for _, tool := range []string{"tar", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	s := newSite(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "p.tar.gz")
	writePackage(t, file, nil, s.build())
	unpacked := filepath.Join(dir, "unpacked")
	os.Mkdir(unpacked, 0o755)
	if out, err := exec.Command("tar", "-xzf", file, "-C", unpacked).CombinedOutput(); err != nil {
		t.Fatalf("tar: %v %s", err, out)
	}
	cmd := exec.Command("sha256sum", "-c", "--strict", "--quiet", "package.sha256")
	cmd.Dir = unpacked
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum -c package.sha256: %v\n%s", err, out)
	}
	readme, _ := os.ReadFile(filepath.Join(unpacked, "README.txt"))
	for _, want := range []string{"publish -to /srv/www/rddbjy -from", "sha256sum -c package.sha256", "delete.txt", "2026-06-03 10:00:00 +0800"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.txt lacks %q", want)
		}
	}
}

// TestDamagedPackages: a package cut short or with a changed byte is
// refused before anything is written.
func TestDamagedPackages(t *testing.T) {
	s := newSite(t)
	b := s.build()
	dir := t.TempDir()
	for _, ext := range []string{".zip", ".tar.gz"} {
		good := filepath.Join(dir, "good"+ext)
		writePackage(t, good, nil, b)
		data, _ := os.ReadFile(good)
		damaged := map[string][]byte{
			"cut short": data[:len(data)*2/3],
			"one byte":  flip(data, inData(t, ext, data)),
		}
		if ext == ".zip" {
			damaged["a file changed"] = changedZipEntry(t, good)
		}
		for what, bad := range damaged {
			file := filepath.Join(dir, strings.ReplaceAll(what, " ", "-")+ext)
			os.WriteFile(file, bad, 0o644)
			www := t.TempDir()
			_, err := applyPackage(t, file, www, false)
			if err == nil || !strings.Contains(err.Error(), "is damaged or incomplete") || !strings.Contains(err.Error(), "nothing was written") {
				t.Errorf("%s, %s: %v", ext, what, err)
			}
			if entries, _ := os.ReadDir(www); len(entries) != 0 {
				t.Errorf("%s, %s: %d files were written", ext, what, len(entries))
			}
		}
	}
}

// inData gives the offset of a byte of a file's content in the middle of
// a package: in a zip, the middle of the compressed data of the entry at
// or after the package's middle (a zip's local headers repeat fields, such
// as the date, that readers take from the central directory, so a change
// there changes no file); in a .tar.gz, the middle.
func inData(t *testing.T, ext string, data []byte) int {
	if ext != ".zip" {
		return len(data) / 2
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		at, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		if end := at + int64(f.CompressedSize64); end > int64(len(data)/2) && f.CompressedSize64 > 0 {
			return int(at + int64(f.CompressedSize64)/2)
		}
	}
	t.Fatal("no file's content after the middle of the package")
	return 0
}

func flip(data []byte, i int) []byte {
	bad := append([]byte(nil), data...)
	bad[i] ^= 0x20
	return bad
}

// changedZipEntry rewrites a zip with one site file's content changed but
// the archive itself well formed (its checksums made anew).
func changedZipEntry(t *testing.T, file string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "site/css/site.css" {
			data = append(data, "body{display:none}"...)
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zw.Close()
	return out.Bytes()
}
