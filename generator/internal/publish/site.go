package publish

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"rdjy.local/portal/generator/internal/manifest"
)

// Site is what is published: the files of one build, listed in its
// manifest.
type Site interface {
	Manifest() *manifest.Manifest
	// Has reports whether the site can give the bytes of the file name:
	// a change package holds only the files that changed.
	Has(name string) bool
	Open(name string) (io.ReadCloser, error)
}

// BuildSite is a build's output folder, such as public/, with the manifest
// the build wrote there.
type BuildSite struct {
	dir string
	m   *manifest.Manifest
}

// OpenBuild reads the output folder dir of a build.
func OpenBuild(dir string) (*BuildSite, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifest.Name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s has no %s: build the site first", dir, manifest.Name)
	}
	if err != nil {
		return nil, err
	}
	m, err := manifest.Parse(filepath.Join(dir, manifest.Name), data)
	if err != nil {
		return nil, err
	}
	return &BuildSite{dir: dir, m: m}, nil
}

func (b *BuildSite) Manifest() *manifest.Manifest { return b.m }
func (b *BuildSite) Has(name string) bool {
	_, ok := b.m.Lookup(name)
	return ok
}
func (b *BuildSite) Open(name string) (io.ReadCloser, error) {
	return os.Open(filepath.Join(b.dir, filepath.FromSlash(name)))
}

// checked reads a file of a site and fails at its end unless the bytes are
// those of the manifest, so that nothing but what was built is published.
type checked struct {
	r     io.ReadCloser
	e     manifest.Entry
	h     hash.Hash
	n     int64
	where string
}

func openChecked(site Site, e manifest.Entry, where string) (*checked, error) {
	r, err := site.Open(e.Name)
	if err != nil {
		return nil, err
	}
	return &checked{r: r, e: e, h: sha256.New(), where: where}, nil
}

func (c *checked) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	if err == io.EOF {
		var sum manifest.Sum
		c.h.Sum(sum[:0])
		if sum != c.e.Sum || (c.e.Size >= 0 && c.n != c.e.Size) {
			return n, fmt.Errorf("%s in %s is not the file its manifest lists (changed since it was built?); build again", c.e.Name, c.where)
		}
	}
	return n, err
}

func (c *checked) Close() error { return c.r.Close() }
