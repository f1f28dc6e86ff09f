package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"rdjy.local/portal/generator/internal/source"
)

// folder is a target on this computer: a folder, or a share mounted here.
type folder struct {
	root string
}

// OpenFolder opens the folder dir as a target. It must exist.
func OpenFolder(dir string) (Target, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("the folder %s does not exist; if it is the right place, create it first (mkdir %s)", dir, dir)
	case err != nil:
		return nil, fmt.Errorf("cannot open the folder %s: %w", dir, err)
	case !fi.IsDir():
		return nil, fmt.Errorf("%s is a file, not a folder", dir)
	}
	return &folder{root: abs}, nil
}

func (f *folder) String() string { return f.root }

func (f *folder) path(name string) string { return filepath.Join(f.root, filepath.FromSlash(name)) }

func (f *folder) Walk(ctx context.Context) ([]FileInfo, error) {
	var files []FileInfo
	err := filepath.WalkDir(f.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		fi, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while we look
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(f.root, p)
		files = append(files, FileInfo{Name: filepath.ToSlash(rel), Size: fi.Size(), ModTime: fi.ModTime().UnixNano()})
		return nil
	})
	return files, err
}

func (f *folder) Open(name string) (io.ReadCloser, error) { return os.Open(f.path(name)) }

func (f *folder) Create(name string) (io.WriteCloser, error) {
	p := f.path(name)
	file, err := os.Create(p)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		file, err = os.Create(p)
	}
	if err != nil {
		return nil, err
	}
	return &syncOnClose{file}, nil
}

// syncOnClose flushes a file to the disk before it is closed, so that a
// file renamed into place after a crash of the machine is whole.
type syncOnClose struct{ *os.File }

func (s *syncOnClose) Close() error {
	err := s.File.Sync()
	if cerr := s.File.Close(); err == nil {
		err = cerr
	}
	return err
}

func (f *folder) Stat(name string) (FileInfo, error) {
	fi, err := os.Lstat(f.path(name))
	if err != nil {
		return FileInfo{}, err
	}
	return FileInfo{Name: name, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}, nil
}

func (f *folder) Rename(from, to string) error { return os.Rename(f.path(from), f.path(to)) }
func (f *folder) Remove(name string) error     { return os.Remove(f.path(name)) }

func (f *folder) RemoveDir(name string) error {
	if name == "" || name == "." || strings.HasPrefix(name, "..") {
		return errors.New("not a folder of the target")
	}
	return os.Remove(f.path(name))
}

func (f *folder) Free() (int64, bool) { return freeSpace(f.root) }
func (f *folder) TrustStat() bool     { return false }
func (f *folder) Close() error        { return nil }

// CheckFolder refuses a folder target that would publish the site into
// itself: the site root or a folder holding it, a folder inside its
// content, layouts or static folders, or the build's own output folder.
func CheckFolder(target, root, dest string) error {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return filepath.Clean(p)
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return r
		}
		return a
	}
	t, r, d := abs(target), abs(root), abs(dest)
	switch {
	case t == r || within(r, t):
		return fmt.Errorf("refusing to publish to %s: it holds the site itself; publish to the web server's folder", target)
	case t == d || within(t, d) || within(d, t):
		return fmt.Errorf("refusing to publish to %s: it is where the site is built (%s); publish copies that folder to the web server's folder, so give that one", target, dest)
	}
	for _, dir := range []string{source.ContentDir, source.LayoutDir, source.StaticDir} {
		if p := filepath.Join(r, dir); t == p || within(t, p) {
			return fmt.Errorf("refusing to publish to %s: it is inside the site's %s folder", target, dir)
		}
	}
	return nil
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
