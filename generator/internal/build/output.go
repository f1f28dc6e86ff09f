package build

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"rdjy.local/portal/generator/internal/manifest"
	"rdjy.local/portal/generator/internal/parallel"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/source"
)

// source.Marker is written into every build. A destination that exists,
// is not empty and has no marker is not ours, and is never replaced. A file
// of static/ with its name is never copied (StaticSources).

const markerText = "This folder is written by the suggestion portal generator and replaced whole on every build.\n"

// output collects a build in a temporary folder beside the destination and
// swaps it in only when the whole build succeeded, so that a failed or
// interrupted build leaves the previous output as it was.
type output struct {
	dest string
	tmp  string
	lock *destLock

	// chmod is set when the umask takes bits of fileMode or dirMode away,
	// which each file and folder must then get back; with the usual umask
	// (022) it is not, which saves a system call per file and folder.
	chmod bool

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
	if _, err := os.Stat(filepath.Join(dst, source.Marker)); err != nil {
		return fmt.Errorf("refusing -dest %s: it holds files that are not a previous build of this portal (no %s file); "+
			"choose an empty or new folder, or move those files away yourself", dest, source.Marker)
	}
	return nil
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolveDest is the folder a build replaces for -dest: -dest itself, or,
// when it is a symbolic link (to a web server's root, say), the folder it
// leads to, so that the link stays and its folder gets the new site (the
// swap is then as atomic there as anywhere). A mount point is refused: it
// cannot be replaced in one step.
func resolveDest(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	fi, err := os.Lstat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return abs, nil
	}
	if err != nil {
		return "", fmt.Errorf("-dest %s: %w", dest, err)
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			target, _ := os.Readlink(abs)
			return "", fmt.Errorf("refusing -dest %s: it is a link to %s, which does not exist; create that folder, or give -dest a folder", dest, target)
		}
		abs = real
	}
	if mountPoint(abs) {
		return "", fmt.Errorf("refusing -dest %s: it is a mount point (a Docker volume or a mounted share), which cannot be replaced in one step, "+
			"so readers could see half of the old site and half of the new; build into a folder inside it instead, such as -dest %s, "+
			"and serve that folder (or mount the volume one level up)", dest, filepath.Join(dest, "portal"))
	}
	return abs, nil
}

// newOutput takes the build lock of dest (an absolute path from
// resolveDest), removes what dead builds left beside it, and creates the
// temporary folder with the generator's marker.
func newOutput(dest string) (*output, error) {
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := lockDest(parent, base)
	if err != nil {
		return nil, err
	}
	removeStale(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err == nil {
		err = os.Chmod(tmp, dirMode)
	}
	if err == nil {
		// The marker goes in first: it tells the folder is the
		// generator's, to be removed if this build dies.
		err = writeFile(filepath.Join(tmp, source.Marker), []byte(markerText), true)
	}
	var chmod bool
	if err == nil {
		chmod, err = umaskTakes(tmp)
	}
	if err != nil {
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		lock.release()
		return nil, err
	}
	return &output{dest: dest, tmp: tmp, lock: lock, chmod: chmod, dirs: map[string]*dirOnce{}}, nil
}

// umaskTakes reports whether a file and a folder created in dir with
// fileMode and dirMode get fewer permissions (the umask takes some away).
func umaskTakes(dir string) (bool, error) {
	probe := filepath.Join(dir, ".probe")
	if err := os.Mkdir(probe, dirMode); err != nil {
		return false, err
	}
	defer os.RemoveAll(probe)
	f, err := os.OpenFile(filepath.Join(probe, "file"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return false, err
	}
	di, err := os.Stat(probe)
	if err != nil {
		return false, err
	}
	return fi.Mode().Perm() != fileMode || di.Mode().Perm() != dirMode, nil
}

// removeStale deletes the temporary folders (.public.new-…) and previous
// builds (.public.old-…) that builds into the same folder left when they
// were killed. It runs under the build lock, so no build that is still
// running owns them, and removes only folders with the generator's marker:
// a folder of the user's that happens to match (.public.old-backup) stays.
func removeStale(parent, base string) {
	for _, pattern := range []string{"." + base + ".new-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pattern))
		for _, m := range matches {
			if fi, err := os.Lstat(filepath.Join(m, source.Marker)); err == nil && fi.Mode().IsRegular() {
				os.RemoveAll(m)
			}
		}
	}
}

// WriteFile writes one file of the site; name uses forward slashes.
func (o *output) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || name == source.Marker {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	if err := o.mkdir(filepath.FromSlash(name)); err != nil {
		return err
	}
	o.sums.Add(name, data)
	return writeFile(filepath.Join(o.tmp, filepath.FromSlash(name)), data, o.chmod)
}

// Stream writes one large file of the site as write makes it, through a
// buffer, hashing it on the way for the manifest, so that the file is
// never held whole.
func (o *output) Stream(name string, write func(render.Writer) error) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || name == source.Marker {
		return fmt.Errorf("refusing to write %q outside the output folder", name)
	}
	if err := o.mkdir(filepath.FromSlash(name)); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(o.tmp, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return err
	}
	defer f.Close()
	if o.chmod {
		if err := f.Chmod(fileMode); err != nil {
			return err
		}
	}
	hash := sha256.New()
	count := &counter{w: io.MultiWriter(f, hash)}
	w := bufio.NewWriterSize(count, 64<<10)
	if err := write(w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	var sum manifest.Sum
	hash.Sum(sum[:0])
	o.sums.AddSum(name, count.n, sum)
	return f.Close()
}

// counter counts the bytes written through it.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Modes of the output, set whatever the umask: a web server running as
// another user must be able to read the site.
const (
	fileMode = 0o644
	dirMode  = 0o755
)

// mkdir creates the folder of the output (relative to it) that the file
// name goes in, and the folders above it, each once, with dirMode.
//
// A page's own folder (a/b/index.html's a/b) holds that page alone, so it
// is made without being remembered: at 100,000 suggestions the record of
// every page's folder held 12 MB to the end of the build. Those above it
// (a), shared by many files, are remembered, so that each is made once.
// Since a page's folder may still be made twice (another file in it, or
// one below it, whose folder above is remembered), a folder that is
// already there is taken as made.
func (o *output) mkdir(name string) error {
	dir := filepath.Dir(name)
	if filepath.Base(name) != "index.html" || dir == "." {
		return o.made(dir)
	}
	if err := o.made(filepath.Dir(dir)); err != nil {
		return err
	}
	return o.create(dir)
}

// made creates the folder dir and those above it, each once.
func (o *output) made(dir string) error {
	if dir == "." {
		return nil
	}
	o.mu.Lock()
	d := o.dirs[dir]
	if d == nil {
		d = &dirOnce{}
		o.dirs[dir] = d
	}
	o.mu.Unlock()
	d.once.Do(func() {
		if d.err = o.made(filepath.Dir(dir)); d.err == nil {
			d.err = o.create(dir)
		}
	})
	return d.err
}

// create makes one folder of the output, whose parent is there, unless it
// is there already.
func (o *output) create(dir string) error {
	p := filepath.Join(o.tmp, dir)
	err := os.Mkdir(p, dirMode)
	if errors.Is(err, fs.ErrExist) {
		if fi, serr := os.Stat(p); serr == nil && fi.IsDir() {
			return nil
		}
		return err
	}
	if err == nil && o.chmod {
		err = os.Chmod(p, dirMode)
	}
	return err
}

// writeFile writes a new file with fileMode, setting it again when chmod
// is set (see output.chmod).
func writeFile(path string, data []byte, chmod bool) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
	if err != nil {
		return err
	}
	if chmod {
		err = f.Chmod(fileMode)
	}
	if err == nil {
		_, err = f.Write(data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// commit replaces the destination by the new build.
func (o *output) commit() error {
	if err := o.writeManifest(); err != nil {
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
	removeTree(old)
	return nil
}

// removeTree removes the folder dir and all it holds, each of its entries
// by one of the workers on every core. Removing is the kernel's work, which
// several cores share when each removes its own folder: a previous build
// of 10,000 suggestions (41,000 files) took 0.72-0.88 s with os.RemoveAll
// on this machine's two cores and 0.50-0.60 s in parts, at the end of every
// build into the same folder (the Traditional pages' folder is half the
// site, so more cores than two gain less). Only dir's own entries are
// split: os.RemoveAll walks each from dir by open folders and never
// follows a link, where a path deeper in could be changed into one while
// it is removed. It reports the error of removing dir.
func removeTree(dir string) error {
	entries, _ := os.ReadDir(dir) // what cannot be read is left to RemoveAll below
	parallel.Each(context.Background(), entries, func(_ *bytes.Buffer, e os.DirEntry) error {
		os.RemoveAll(filepath.Join(dir, e.Name()))
		return nil
	})
	return os.RemoveAll(dir)
}

// abort sets the temporary folder aside, if the build did not commit it,
// releases the lock, and removes the folder; the destination is untouched.
// The folder is first renamed to a previous build's name (.public.old-…,
// with its marker), so that the lock is free when abort returns: a build
// that starts at once gets it and may remove the folder too. abort waits
// at most half a second for the removal, so that Ctrl-C stops a build at
// once: a folder not removed by the time the program ends is removed by
// the next build.
func (o *output) abort() {
	aside := o.tmp
	if _, err := os.Stat(o.tmp); err == nil {
		dir, base := filepath.Split(o.dest)
		old := filepath.Join(dir, "."+base+".old-"+strings.TrimPrefix(filepath.Base(o.tmp), "."+base+".new-"))
		if os.Rename(o.tmp, old) == nil {
			aside = old
		}
	}
	if aside != o.tmp {
		o.lock.release()
	}
	done := make(chan struct{})
	go func() {
		os.RemoveAll(aside)
		o.lock.release()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(500 * time.Millisecond):
	}
}
