package publish

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"rdjy.local/portal/generator/internal/manifest"
)

// A change package carries a new version of the site across a network gap:
// the files added or changed since a base version, the files to delete,
// and the new manifest. It is a .zip or .tar.gz file holding:
//
//	package.sha256   every other file of the package with its SHA-256 and size
//	README.txt       how to apply it by hand
//	base.sha256      the manifest of the version it changes (no files: a whole site)
//	delete.txt       the files to delete, one path a line
//	site/…           the added and changed files, then site/manifest.sha256
const (
	pkgSums   = "package.sha256"
	pkgReadme = "README.txt"
	pkgBase   = "base.sha256"
	pkgDelete = "delete.txt"
	pkgSite   = "site/"
)

// PackageResult says what a package holds.
type PackageResult struct {
	Changes manifest.Changes
	Bytes   int64 // the size of the package file
}

// WritePackage writes the changes from base (no entries: the whole site)
// to site into the package file, under a temporary name renamed into place
// when complete. With dryRun it only says what the package would hold.
func WritePackage(file string, base *manifest.Manifest, site Site, now time.Time, dryRun bool) (*PackageResult, error) {
	m := site.Manifest()
	if base == nil {
		base, _ = manifest.New(nil)
	}
	changes := manifest.Diff(base, m)
	res := &PackageResult{Changes: changes}
	if dryRun {
		return res, nil
	}
	parts := packageParts(base, m, changes, now)
	var sums []manifest.Entry
	for _, p := range parts {
		sums = append(sums, p.entry)
	}
	index, err := manifest.New(sums)
	if err != nil {
		return nil, err
	}

	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp-")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	w := newArchive(tmp, strings.HasSuffix(file, ".zip"))
	put := func(name string, r io.Reader, size int64) error {
		aw, err := w.create(name, size, now)
		if err != nil {
			return err
		}
		_, err = io.Copy(aw, r)
		return err
	}
	if err := put(pkgSums, bytes.NewReader(index.Format()), int64(len(index.Format()))); err != nil {
		return nil, packageWriteError(file, err)
	}
	for _, p := range parts {
		if p.data != nil {
			err = put(p.entry.Name, bytes.NewReader(p.data), p.entry.Size)
		} else {
			var src *checked
			if src, err = openChecked(site, p.file, "the build"); err != nil {
				return nil, err
			}
			err = put(p.entry.Name, src, p.entry.Size)
			src.Close()
		}
		if err != nil {
			return nil, packageWriteError(file, err)
		}
	}
	if err := w.close(); err != nil {
		return nil, packageWriteError(file, err)
	}
	if err := tmp.Sync(); err != nil {
		return nil, packageWriteError(file, err)
	}
	if err := tmp.Close(); err != nil {
		return nil, packageWriteError(file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return nil, packageWriteError(file, err)
	}
	fi, err := os.Stat(file)
	if err == nil {
		res.Bytes = fi.Size()
	}
	return res, err
}

func packageWriteError(file string, err error) error {
	if isDiskFull(err) {
		return fmt.Errorf("writing the package %s: the disk is full; nothing was written", file)
	}
	return fmt.Errorf("writing the package %s: %w", file, err)
}

// part is one file of a package: data, or a file of the site.
type part struct {
	entry manifest.Entry // its name in the package, size and hash
	data  []byte
	file  manifest.Entry // the site's file when data is nil
}

func dataPart(name string, data []byte) part {
	return part{entry: manifest.Entry{Name: name, Size: int64(len(data)), Sum: manifest.Of(data)}, data: data}
}

func packageParts(base, m *manifest.Manifest, c manifest.Changes, now time.Time) []part {
	var del strings.Builder
	for _, e := range c.Removed {
		del.WriteString(e.Name + "\n")
	}
	parts := []part{
		dataPart(pkgReadme, []byte(packageReadme(base, m, c, now))),
		dataPart(pkgBase, base.Format()),
		dataPart(pkgDelete, []byte(del.String())),
	}
	files := append(slices.Clone(c.Added), c.Changed...)
	manifest.Order(files) // in publishing order, then the manifest last
	for _, e := range files {
		parts = append(parts, part{entry: manifest.Entry{Name: pkgSite + e.Name, Size: e.Size, Sum: e.Sum}, file: e})
	}
	return append(parts, dataPart(pkgSite+manifest.Name, m.Format()))
}

func packageReadme(base, m *manifest.Manifest, c manifest.Changes, now time.Time) string {
	from := "nothing (this package holds the whole site)"
	if base.Len() > 0 {
		from = "the version whose manifest.sha256 is base.sha256 (SHA-256 " + base.Sum().String() + ")"
	}
	return fmt.Sprintf(`Change package of the portal of deputies' suggestions, made %s.

It changes %s
into the version whose manifest is site/manifest.sha256 (SHA-256 %s):
%d files added and %d changed (in site/), %d to delete (listed in delete.txt).

To apply it with the generator, on the other side:

    go run ./generator publish -to /srv/www/rddbjy -from THIS-FILE

It checks every file of the package against package.sha256 and that the
folder holds the base version, before it writes anything.

To apply it by hand:
1. Unpack it and check it: sha256sum -c package.sha256
2. Check that the web folder holds the base version:
   cmp base.sha256 /srv/www/rddbjy/manifest.sha256 (a whole-site package
   needs an empty folder)
3. Copy everything in site/ into the web folder, site/manifest.sha256 last.
4. Delete from the web folder the files listed in delete.txt.
5. Check the result: cd /srv/www/rddbjy && sha256sum -c --quiet manifest.sha256
`, now.Format("2006-01-02 15:04:05 -0700"), from, m.Sum(), len(c.Added), len(c.Changed), len(c.Removed))
}

// archive writes a zip or a tar.gz file.
type archive struct {
	zw *zip.Writer
	gz *gzip.Writer
	tw *tar.Writer
}

func newArchive(w io.Writer, isZip bool) *archive {
	if isZip {
		return &archive{zw: zip.NewWriter(w)}
	}
	gz := gzip.NewWriter(w)
	return &archive{gz: gz, tw: tar.NewWriter(gz)}
}

func (a *archive) create(name string, size int64, now time.Time) (io.Writer, error) {
	if a.zw != nil {
		return a.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: now})
	}
	err := a.tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: size, ModTime: now, Typeflag: tar.TypeReg, Format: tar.FormatPAX})
	return a.tw, err
}

func (a *archive) close() error {
	if a.zw != nil {
		return a.zw.Close()
	}
	if err := a.tw.Close(); err != nil {
		return err
	}
	return a.gz.Close()
}

// PackageSite is a change package unpacked and checked: the new version of
// the site, of which it holds the files that changed.
type PackageSite struct {
	file    string
	dir     string // where it is unpacked
	base    *manifest.Manifest
	m       *manifest.Manifest
	deletes []string
}

// OpenPackage unpacks the package file into a temporary folder, checking
// every file against package.sha256 and the new manifest. Close removes the
// folder.
func OpenPackage(file string) (*PackageSite, error) {
	dir, err := os.MkdirTemp("", "portal-package-")
	if err != nil {
		return nil, err
	}
	p := &PackageSite{file: file, dir: dir}
	if err := p.unpack(); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

func (p *PackageSite) Manifest() *manifest.Manifest { return p.m }

// Base is the manifest of the version the package changes; no entries for
// a whole site.
func (p *PackageSite) Base() *manifest.Manifest { return p.base }

// Deletes are the files the package deletes.
func (p *PackageSite) Deletes() []string { return p.deletes }

func (p *PackageSite) Has(name string) bool {
	_, err := os.Lstat(p.path(name))
	return err == nil
}

func (p *PackageSite) Open(name string) (io.ReadCloser, error) { return os.Open(p.path(name)) }

func (p *PackageSite) path(name string) string {
	return filepath.Join(p.dir, "site", filepath.FromSlash(name))
}

func (p *PackageSite) Close() error { return os.RemoveAll(p.dir) }

// damaged is the error for a package that is not what it says.
func (p *PackageSite) damaged(format string, args ...any) error {
	return fmt.Errorf("the package %s is damaged or incomplete (%s); nothing was written. Copy it again", p.file, fmt.Sprintf(format, args...))
}

// unpack reads every file of the archive into p.dir, checking each
// against package.sha256, which must come first.
func (p *PackageSite) unpack() error {
	next, closeArchive, err := p.openArchive()
	if err != nil {
		return err
	}
	defer closeArchive()
	var index *manifest.Manifest
	seen := map[string]bool{}
	for {
		name, r, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.damaged("%v", err)
		}
		if index == nil {
			if name != pkgSums {
				return p.damaged("it does not start with %s", pkgSums)
			}
			data, err := io.ReadAll(io.LimitReader(r, 64<<20))
			if err != nil {
				return p.damaged("%v", err)
			}
			if index, err = manifest.Parse(pkgSums, data); err != nil {
				return p.damaged("%v", err)
			}
			continue
		}
		e, ok := index.Lookup(name)
		if !ok || seen[name] {
			return p.damaged("%s is not listed in %s", name, pkgSums)
		}
		seen[name] = true
		if err := p.extract(e, r); err != nil {
			return err
		}
	}
	if index == nil {
		return p.damaged("it is empty")
	}
	for _, e := range index.Entries() {
		if !seen[e.Name] {
			return p.damaged("%s is missing", e.Name)
		}
	}
	return p.readParts(index)
}

// extract writes the file e of the package from r, checking its size and
// hash.
func (p *PackageSite) extract(e manifest.Entry, r io.Reader) error {
	dst := filepath.Join(p.dir, filepath.FromSlash(e.Name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, e.Size+1))
	if err != nil {
		return p.damaged("%s: %v", e.Name, err)
	}
	var sum manifest.Sum
	h.Sum(sum[:0])
	if n != e.Size || sum != e.Sum {
		return p.damaged("%s is not the file %s lists", e.Name, pkgSums)
	}
	return f.Close()
}

// readParts reads the manifests and the deletions, and checks that the
// site's files are those of the new manifest.
func (p *PackageSite) readParts(index *manifest.Manifest) error {
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(p.dir, filepath.FromSlash(name))) }
	data, err := read(pkgBase)
	if err == nil {
		p.base, err = manifest.Parse(pkgBase, data)
	}
	if err != nil {
		return p.damaged("%v", err)
	}
	data, err = read(pkgSite + manifest.Name)
	if err == nil {
		p.m, err = manifest.Parse(manifest.Name, data)
	}
	if err != nil {
		return p.damaged("%v", err)
	}
	data, err = read(pkgDelete)
	if err != nil {
		return p.damaged("%v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line != "" {
			p.deletes = append(p.deletes, line)
		}
	}
	for _, e := range index.Entries() {
		name, ok := strings.CutPrefix(e.Name, pkgSite)
		if !ok || name == manifest.Name {
			continue
		}
		if f, listed := p.m.Lookup(name); !listed || f.Sum != e.Sum {
			return p.damaged("site/%s is not the file its manifest lists", name)
		}
	}
	return nil
}

// openArchive returns an iterator over the files of the package.
func (p *PackageSite) openArchive() (next func() (string, io.Reader, error), closeFn func(), err error) {
	if strings.HasSuffix(p.file, ".zip") {
		zr, err := zip.OpenReader(p.file)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("the package %s does not exist", p.file)
			}
			return nil, nil, p.damaged("%v", err)
		}
		i := 0
		var open io.ReadCloser
		next = func() (string, io.Reader, error) {
			if open != nil {
				open.Close()
			}
			if i == len(zr.File) {
				return "", nil, io.EOF
			}
			f := zr.File[i]
			i++
			if err := checkEntryName(f.Name); err != nil {
				return "", nil, err
			}
			open, err = f.Open()
			return f.Name, open, err
		}
		return next, func() { zr.Close() }, nil
	}
	f, err := os.Open(p.file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("the package %s does not exist", p.file)
		}
		return nil, nil, err
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, nil, p.damaged("%v", err)
	}
	tr := tar.NewReader(gz)
	next = func() (string, io.Reader, error) {
		for {
			h, err := tr.Next()
			if err == io.EOF {
				// The gzip trailer's checksum is read at the end: a cut or
				// changed file fails here if not before.
				if _, err := io.Copy(io.Discard, gz); err != nil {
					return "", nil, err
				}
				return "", nil, io.EOF
			}
			if err != nil {
				return "", nil, err
			}
			if h.Typeflag == tar.TypeDir {
				continue
			}
			if h.Typeflag != tar.TypeReg {
				return "", nil, fmt.Errorf("%s is not a plain file", h.Name)
			}
			if err := checkEntryName(h.Name); err != nil {
				return "", nil, err
			}
			return h.Name, tr, nil
		}
	}
	return next, func() { f.Close() }, nil
}

// checkEntryName refuses names that would unpack outside the folder.
func checkEntryName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name {
		return fmt.Errorf("%q is not a name inside the package", name)
	}
	return nil
}
