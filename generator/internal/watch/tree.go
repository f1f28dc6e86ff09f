package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"rdjy.local/portal/generator/internal/source"
)

// tree is what is watched: the site's folders and files under its root.
type tree struct {
	root  string   // absolute
	dirs  []string // folders under root, with everything in them
	files []string // files directly in root
	skip  []string // folders under root never reported, with forward slashes
}

// rel gives the path from the root with forward slashes; ok is false for
// paths outside the root.
func (t *tree) rel(abs string) (string, bool) {
	rel, err := filepath.Rel(t.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (t *tree) abs(rel string) string { return filepath.Join(t.root, filepath.FromSlash(rel)) }

// exists reports whether the path rel exists now.
func (t *tree) exists(rel string) bool {
	_, err := os.Lstat(t.abs(rel))
	return !errors.Is(err, fs.ErrNotExist)
}

// relevant reports whether a change at rel concerns the site.
func (t *tree) relevant(rel string) bool {
	if rel == "." {
		return true
	}
	for _, f := range t.files {
		if rel == f {
			return true
		}
	}
	for _, s := range t.skip {
		if rel == s || strings.HasPrefix(rel, s+"/") {
			return false
		}
	}
	for _, d := range t.dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			return !source.IgnoredPath(rel)
		}
	}
	return false
}

// walk calls visit for every relevant file and folder at and under the
// absolute path top, skipping irrelevant folders. Paths that vanish or
// cannot be read during the walk are left out.
func (t *tree) walk(top string, visit func(abs, rel string, d fs.DirEntry) error) error {
	return filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, ok := t.rel(p)
		if !ok || !t.relevant(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		return visit(p, rel, d)
	})
}
