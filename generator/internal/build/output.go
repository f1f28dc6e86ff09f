package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/source"
)

// marker is written into every build. A destination that exists, is not
// empty and has no marker is not ours, and is never replaced. A file of
// static/ with its name is never copied (staticPaths).
const marker = source.Marker

const markerText = "This folder is written by the suggestion portal generator and replaced whole on every build.\n"

// output collects a build in a temporary folder beside the destination and
// swaps it in only when the whole build succeeded, so that a failed or
// interrupted build leaves the previous output as it was.
type output struct {
	dest string
	tmp  string

	mu   sync.Mutex
	dirs map[string]*dirOnce
	sums manifest.Builder // every file written, for manifest.sha256
}

// dirOnce creates one folder of the output once, however many files in it
// are written at the same time.
type dirOnce struct {
	once sync.Once
	err  error
}

// checkDest refuses destinations whose replacement could lose the user's
// work: the site root itself, a folder that contains it or one of its source
// folders, and a folder holding files that are not a previous build.
func checkDest(root, dest string) error {
	if root == "" {
		return checkForeign(dest) // a site not read from a folder
	}
	src, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if dst == src || within(src, dst) {
		return fmt.Errorf("refusing -dest %s: it contains the site itself; choose a folder such as %s", dest, filepath.Join(root, "public"))
	}
	for _, d := range []string{source.ContentDir, source.LayoutDir, source.StaticDir, "generator", ".git"} {
		if within(dst, filepath.Join(src, d)) || dst == filepath.Join(src, d) {
			return fmt.Errorf("refusing -dest %s: it is inside the site's %s folder", dest, d)
		}
	}
	return checkForeign(dest)
}

// checkForeign refuses a destination holding files that are not a
// previous build.
func checkForeign(dest string) error {
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(dst)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("-dest %s: %w", dest, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dst, marker)); err != nil {
		return fmt.Errorf("refusing -dest %s: it holds files that are not a previous build of this portal (no %s file); "+
			"choose an empty or new folder, or move those files away yourself", dest, marker)
	}
	return nil
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// newOutput creates the temporary folder next to dest, first clearing what
// builds killed long ago left there.
func newOutput(dest string) (*output, error) {
	dst, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dst), filepath.Base(dst)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &output{dest: dst, tmp: tmp, dirs: map[string]*dirOnce{}}, nil
}

// removeStale deletes temporary folders of builds that were killed before
// they could clean up. Recent ones may belong to a build still running.
func removeStale(parent, base string) {
	for _, pattern := range []string{"." + base + ".new-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && time.Since(fi.ModTime()) > time.Hour {
				os.RemoveAll(m)
			}
		}
	}
}

// WriteFile writes one file of the site; name uses forward slashes.
func (o *output) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || name == marker {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	o.mu.Lock()
	dir := filepath.Dir(filepath.FromSlash(name))
	d := o.dirs[dir]
	if d == nil {
		d = &dirOnce{}
		o.dirs[dir] = d
	}
	o.mu.Unlock()
	d.once.Do(func() { d.err = os.MkdirAll(filepath.Join(o.tmp, dir), 0o755) })
	if d.err != nil {
		return d.err
	}
	o.sums.Add(name, data)
	return os.WriteFile(filepath.Join(o.tmp, filepath.FromSlash(name)), data, 0o644)
}

// commit replaces the destination by the new build.
func (o *output) commit() error {
	if err := o.writeManifest(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.tmp, marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	if _, err := os.Stat(o.dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(o.tmp, o.dest)
	}
	old, err := swap(o.tmp, o.dest)
	if err != nil {
		return err
	}
	// The new build is in place; a previous build that cannot be removed
	// now is removed by a later build (removeStale).
	os.RemoveAll(old)
	return nil
}

// abort removes the temporary folder; the destination is untouched.
func (o *output) abort() {
	os.RemoveAll(o.tmp)
}
