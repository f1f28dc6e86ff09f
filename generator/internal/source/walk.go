package source

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"rdjy.local/portal/generator/internal/diag"
)

// File is a file of the site that Walk found.
type File struct {
	Path string // where it is in the site, such as "static/css/site.css"
	Real string // where its content is: Path, or for a link the file it leads to
}

// Walk lists the files at or under root (a slash-separated path in fsys,
// which is the site's folder) that belong to the site, sorted by Path. It is
// the one rule for what the site publishes, used for static/ and content/
// alike, by build, check and the preview:
//
//   - regular files are listed;
//   - hidden files and folders and editors' files (Ignored) are left out,
//     as the watcher leaves them out;
//   - a symbolic link is followed only while it stays inside fsys, to a
//     regular file or a folder; one that leads outside (or is absolute),
//     to a hidden file, nowhere, or round in a loop is refused;
//   - named pipes (FIFOs), sockets and devices are refused, and never opened
//     (opening a FIFO waits for a writer forever).
//
// Links are read through fs.ReadLinkFS (os.DirFS, os.Root.FS and
// fstest.MapFS have it); in a file system without it a link is refused.
//
// A root that is itself Ignored holds nothing. A missing root is an error
// wrapping fs.ErrNotExist. Refused entries and
// folders that cannot be read are a diag.List naming each path, returned
// with the files that were found; a file or folder that vanishes while it
// is being listed (an editor renaming it) is left out.
func Walk(fsys fs.FS, root string) ([]File, error) {
	if IgnoredPath(root) {
		return nil, nil // a change to an editor's file, say
	}
	w := walker{fsys: fsys}
	fi, err := fs.Lstat(fsys, root)
	if err != nil {
		return nil, err
	}
	real, mode := root, fi.Mode().Type()
	if mode&fs.ModeSymlink != 0 {
		if real, mode, err = w.follow(root); err != nil {
			w.refuse(root, err)
			return nil, w.errs
		}
	}
	w.visit(root, real, mode, nil)
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	if len(w.errs) > 0 {
		w.errs.Sort()
		return w.files, w.errs
	}
	return w.files, nil
}

// WalkFolder is Walk for a root that must be a folder, such as static/:
// a file in its place is refused.
func WalkFolder(fsys fs.FS, root string) ([]File, error) {
	files, err := Walk(fsys, root)
	if len(files) == 1 && files[0].Path == root {
		var errs diag.List
		errs.Add(diag.Pos{File: root}, "", "a file, not a folder", "rename the file and make "+root+" a folder")
		return nil, errs
	}
	return files, err
}

type walker struct {
	fsys  fs.FS
	files []File
	errs  diag.List
}

// visit takes in the entry shown as shown, whose content is at real and
// of type mode. entered are the real folders being listed, outermost first.
func (w *walker) visit(shown, real string, mode fs.FileMode, entered []string) {
	switch {
	case mode.IsRegular():
		w.files = append(w.files, File{Path: shown, Real: real})
	case mode.IsDir():
		w.dir(shown, real, entered)
	default:
		w.refuse(shown, errNotRegular(mode))
	}
}

func (w *walker) dir(shown, real string, entered []string) {
	for _, e := range entered {
		if real == "." || e == real || strings.HasPrefix(e, real+"/") {
			w.refuse(shown, errLoop)
			return
		}
	}
	entries, err := fs.ReadDir(w.fsys, real)
	if err != nil {
		if len(entered) > 0 && errors.Is(err, fs.ErrNotExist) {
			return
		}
		w.errs.Add(diag.Pos{File: shown}, "", "cannot read the folder: "+Cause(err),
			"let the user running the generator read it: chmod -R a+rX "+shown)
		return
	}
	entered = append(entered, real)
	for _, e := range entries {
		name := e.Name()
		if Ignored(name) {
			continue
		}
		s, r, mode := path.Join(shown, name), path.Join(real, name), e.Type()
		if mode&fs.ModeSymlink != 0 {
			link := r
			if r, mode, err = w.follow(link); err != nil {
				if _, gone := fs.Lstat(w.fsys, link); gone == nil {
					w.refuse(s, err) // the link is there: it leads nowhere good
				}
				continue
			}
		}
		w.visit(s, r, mode, entered)
	}
}

// follow resolves the link at name to the entry it leads to inside fsys.
func (w *walker) follow(name string) (string, fs.FileMode, error) {
	real, err := Resolve(w.fsys, name)
	if err != nil {
		return "", 0, err
	}
	if IgnoredPath(real) {
		return "", 0, &linkError{target: real, why: "a hidden or editor's file, which the site never publishes"}
	}
	fi, err := fs.Lstat(w.fsys, real)
	if err != nil {
		return "", 0, err
	}
	return real, fi.Mode().Type(), nil
}

func (w *walker) refuse(shown string, err error) {
	hint := "remove it from the site's folder"
	var le *linkError
	switch {
	case errors.As(err, &le):
		hint = "copy the file into the site instead of linking to it, or delete the link"
	case errors.Is(err, errLoop):
		hint = "delete the link"
	case errors.Is(err, fs.ErrNotExist):
		err = errDangling
		hint = "delete the link or make it point at a file of the site"
	}
	w.errs.Add(diag.Pos{File: shown}, "", Cause(err), hint)
}

var (
	errLoop     = errors.New("a symbolic link to a folder that contains it: the folder would be listed forever")
	errDangling = errors.New("a symbolic link to nothing: what it points to does not exist")
)

// errNotRegular describes an entry that is neither a file nor a folder.
func errNotRegular(mode fs.FileMode) error {
	what := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeDevice != 0:
		what = "a device"
	}
	return errors.New(what + ", not a file: the site publishes only regular files, and reading this one could wait forever")
}

// linkError is a link that leads where the site may not go.
type linkError struct {
	target string
	why    string
}

func (e *linkError) Error() string {
	return "a symbolic link to " + quote(e.target) + ", " + e.why
}

func quote(s string) string { return `"` + s + `"` }

// Cause is err's message without the operation and path an *fs.PathError
// puts before it: the path is already in the position.
func Cause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// maxLinks is how many links one path may pass through, as Linux allows.
const maxLinks = 40

// Resolve gives the path in fsys that name leads to once every symbolic
// link in it is followed, link by link, without leaving fsys: a link that
// is absolute, or whose target climbs above fsys's root, is an error
// naming the link's target. The result is clean and contains no link.
func Resolve(fsys fs.FS, name string) (string, error) {
	var done []string // the resolved part, no links in it
	rest := strings.Split(name, "/")
	links := 0
	for len(rest) > 0 {
		part := rest[0]
		rest = rest[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", &linkError{target: name, why: "outside the site's folder"}
			}
			done = done[:len(done)-1]
			continue
		}
		next := path.Join(append(done, part)...)
		fi, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			done = append(done, part)
			continue
		}
		if links++; links > maxLinks {
			return "", errLoop
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", &linkError{target: next, why: "which cannot be followed here: " + Cause(err)}
		}
		target = filepath.ToSlash(target)
		if path.IsAbs(target) || filepath.IsAbs(target) {
			return "", &linkError{target: target, why: "outside the site's folder (the site publishes only files inside it, and a link must be relative)"}
		}
		if escapes(done, target) {
			return "", &linkError{target: target, why: "outside the site's folder (the site publishes only files inside it)"}
		}
		rest = append(strings.Split(target, "/"), rest...)
	}
	if len(done) == 0 {
		return ".", nil
	}
	return path.Join(done...), nil
}

// escapes reports whether target, relative to the folder done, climbs
// above the root.
func escapes(done []string, target string) bool {
	depth := len(done)
	for _, part := range strings.Split(target, "/") {
		switch part {
		case "", ".":
		case "..":
			if depth--; depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

// ReadFile reads the file name of the site, as Walk would list it: a link
// is followed only inside fsys, and anything but a regular file (a FIFO,
// which would never answer) is refused without being opened. The error
// wraps fs.ErrNotExist when there is no such file.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	real, err := Resolve(fsys, name)
	if err != nil {
		return nil, err
	}
	fi, err := fs.Lstat(fsys, real)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return nil, errors.New("a folder, not a file")
		}
		return nil, errNotRegular(fi.Mode())
	}
	return fs.ReadFile(fsys, real)
}
