// Package source names the parts of a site's folder, in one place: the
// settings file, the content, layouts and static folders, and the marker a
// build leaves in its output. Open reads a site's folder and Walk lists its
// files for the load phase (load → check → index → render → write; see
// package build). It also says which files are never part of
// the site: hidden files and folders and the files editors leave beside the
// ones they save. The loader, the static files, the preview and the watcher
// all ask Ignored, so what the preview shows is what a build publishes.
package source

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
)

// The parts of a site root. Paths are relative to the root and use forward
// slashes, as in an fs.FS.
const (
	Config      = "site.toml"           // the site's settings
	ContentDir  = "content"             // what the webmaster writes
	Suggestions = "content/suggestions" // one Markdown file per suggestion
	Reports     = "content/reports"     // one annual report per year: <year>.md
	Pages       = "content/pages"       // the site's own pages (联系我们, 网站声明): <slug>.md
	LayoutDir   = "layouts"             // the designer's templates
	Words       = "layouts/words.toml"  // the words the generator writes into pages
	StaticDir   = "static"              // copied to the output as it is
)

// Publishing keeps two things in the site root. Neither is part of the
// site: builds, checks and the preview never read them, and the watcher
// does not look at them.
const (
	// PublishLog gets one line per publish: when, where, which version.
	PublishLog = "publish.log"
	// Packages holds, for each change package file, the manifest of the
	// last package written to it: the base of the next one.
	Packages = ".portal-packages"
)

// Watched are the folders a preview watches, with everything in them.
var Watched = []string{ContentDir, LayoutDir, StaticDir}

// Marker is the file every build writes at the top of its output. An output
// folder that exists, is not empty and has no marker is not a build, and is
// never replaced.
const Marker = ".portal-build"

// Ignored reports whether a file or folder name is never part of the site:
// hidden names (including vim's .x.swp and emacs's .#x locks), editors'
// backups (x~, x.bck, x.bak, x.orig, #x#), temporary files (x.tmp, vim's
// 4913, JetBrains' x___jb_tmp___) and swap files (x.swp, x.swx).
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913":
		return true
	}
	for _, ext := range []string{".swp", ".swx", ".swo", ".bck", ".bak", ".orig", ".tmp", ".kate-swp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// IgnoredPath reports whether any part of a slash-separated path is Ignored.
func IgnoredPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if part != "" && part != "." && Ignored(part) {
			return true
		}
	}
	return false
}

// Open returns the site's folder at dir as an fs.FS. Every read goes
// through an os.Root, so that no path or link, even one changed after Walk
// checked it, reads a file outside the folder. A folder that cannot be
// opened gives os.DirFS, whose reads fail with the cause.
func Open(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir)
	}
	return root.FS()
}

// OpenOnce is Open for one reading of the site, such as a build: each
// folder that files are read from is opened once, as a root of its own,
// and the files in it are read from there. Reading a file through the
// site's root opens every folder on its path one after the other (four
// openings and closings, and a dozen other calls, for each suggestion's
// file, which a build reads three times); from its folder's root it is
// one. The folders stay open until done is called: a folder renamed
// meanwhile is still read where it went, which is why the preview, which
// runs for hours, reads through Open instead.
func OpenOnce(dir string) (fsys fs.FS, done func()) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir), func() {}
	}
	f := &folders{FS: root.FS(), root: root, open: map[string]*os.Root{}}
	return f, f.close
}

// folders is the site read through its root, each file read from its
// folder's own root.
type folders struct {
	fs.FS
	root *os.Root
	mu   sync.Mutex
	open map[string]*os.Root // by folder, with forward slashes; nil: could not be opened
}

func (f *folders) ReadFile(name string) ([]byte, error) {
	if dir := path.Dir(name); fs.ValidPath(name) && dir != "." {
		if r := f.folder(dir); r != nil {
			if data, err := r.ReadFile(path.Base(name)); err == nil {
				return data, nil
			}
		}
	}
	// From the site's root, whose error names the whole path.
	return fs.ReadFile(f.FS, name)
}

// folder is the root of the folder dir, opened the first time; nil for a
// folder that cannot be opened.
func (f *folders) folder(dir string) *os.Root {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.open[dir]
	if !ok {
		r, _ = f.root.OpenRoot(dir)
		f.open[dir] = r
	}
	return r
}

func (f *folders) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }
func (f *folders) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.FS, name) }
func (f *folders) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(f.FS, name) }
func (f *folders) ReadLink(name string) (string, error)       { return fs.ReadLink(f.FS, name) }

func (f *folders) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.open {
		if r != nil {
			r.Close()
		}
	}
	f.open = map[string]*os.Root{}
	f.root.Close()
}
