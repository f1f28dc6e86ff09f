package build

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/parallel"
	"rdjy.local/portal/generator/internal/render"
	"rdjy.local/portal/generator/internal/source"
)

// The output of a site is one list of files: its pages and data files, made
// by package render, and the files of static/, copied as they are. Build
// writes the list to disk, Check into a sink that keeps nothing, and the
// preview keeps it as a map it makes lazily. Two entries with one name are
// found here, where the list is made, whichever of the three uses it.

// List lists every file of a site: its pages and data, then its static
// files. A name given twice is a problem at the file that makes the second:
// a static file in the place of a page, say. The manifest's name is taken.
// Each of needs is a static file the pages show, such as site.toml's
// emblem: one that static/ does not have is a problem too.
func List(pages, static []render.File, needs ...Need) ([]render.File, error) {
	files := append(pages[:len(pages):len(pages)], static...)
	if err := checkNames(files, manifestEntry); err != nil {
		return nil, err
	}
	if err := CheckNeeds(static, needs...); err != nil {
		return nil, err
	}
	return files, nil
}

// CheckNeeds reports each of needs that the static files do not have. It
// is List's check for a list whose names are those of a list List took
// already, in the same order (the preview after an edit that adds or
// removes no file), which cannot have two files of one name.
func CheckNeeds(static []render.File, needs ...Need) error {
	var missing diag.List
	for _, n := range needs {
		if !slices.ContainsFunc(static, func(f render.File) bool { return f.Name == n.Name }) {
			missing.Append(n.Missing)
		}
	}
	if len(missing) > 0 {
		return missing
	}
	return nil
}

// Need is a file of static/ that the pages show, and the problem to report
// when static/ does not have it.
type Need struct {
	Name    string // in the output, such as "images/emblem.png"
	Missing *diag.Error
}

// Needs are the files of static/ that site.toml names for every page.
func (s *Site) Needs() []Need {
	f := s.Config.Furniture
	if f.Emblem == "" {
		return nil
	}
	return []Need{{Name: f.Emblem, Missing: f.EmblemError("static/"+f.Emblem+" does not exist",
		"put the district's emblem image at static/"+f.Emblem+", or correct the path (it is inside static/)")}}
}

// checkNames reports every name that two files of the list, after the
// taken ones, would be written to.
func checkNames(files []render.File, taken ...render.File) error {
	first := make(map[string]int, len(taken)+len(files))
	file := func(i int) render.File {
		if i < len(taken) {
			return taken[i]
		}
		return files[i-len(taken)]
	}
	var errs diag.List
	for i := range len(taken) + len(files) {
		f := file(i)
		// Compared without case: Windows and macOS, where webmasters
		// preview, keep Index.html and index.html in one file.
		key := strings.ToLower(f.Name)
		if j, dup := first[key]; dup {
			errs.Append(collision(file(j), f))
			continue
		}
		first[key] = i
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	return nil
}

// collision is the problem of two files of the site with one name. It is
// blamed on the second file's source: a static file, or the suggestion
// that makes the page.
func collision(a, b render.File) *diag.Error {
	e := &diag.Error{
		Msg:  fmt.Sprintf("two files of the site would be written to %s: %s and %s", names(a, b), origin(a), origin(b)),
		Hint: "change what makes one of the two, so that each has an address of its own",
	}
	switch {
	case b.Static != "":
		e.Pos.File, e.Hint = b.Static, "rename or move this file: "+b.Name+" is the address of a page the generator makes"
	case b.Suggestion != nil:
		e.Pos.File = b.Suggestion.File
	default:
		e.Pos.File = b.Name
	}
	return e
}

// names is the name two colliding files share, or both names when they
// differ in case only.
func names(a, b render.File) string {
	if a.Name == b.Name {
		return b.Name
	}
	return b.Name + " (" + a.Name + " where case does not count)"
}

// origin says what makes a file of the site, for collision.
func origin(f render.File) string {
	switch {
	case f.Static != "":
		return f.Static
	case f.Suggestion != nil:
		return "the page of " + f.Suggestion.File
	case f.Name == manifestEntry.Name:
		return "the site's manifest"
	}
	return "a page the generator makes"
}

// StaticSources lists the files at or under root (source.StaticDir, or a
// path in it that changed), by source.Walk's rule, leaving out the build
// marker. Entries Walk refuses, such as a link out of the site, are
// problems of the site, reported with the others. A missing root holds
// nothing: a site may have no static files, and a file may be removed
// while the preview looks.
func StaticSources(fsys fs.FS, root string) ([]source.File, diag.List) {
	walk := source.Walk
	if root == source.StaticDir {
		walk = source.WalkFolder
	}
	found, err := walk(fsys, root)
	var problems diag.List
	switch {
	case err == nil, errors.Is(err, fs.ErrNotExist):
	case errors.As(err, &problems):
	default:
		problems.Add(diag.Pos{File: root}, "", "cannot read the folder: "+err.Error(), "")
		return nil, problems
	}
	files := found[:0]
	for _, f := range found {
		if path.Base(f.Path) != source.Marker {
			files = append(files, f)
		}
	}
	return files, problems
}

// StaticFile is the entry of the file list that copies the static file at
// p (a path in the site, under source.StaticDir), whose content read gives.
func StaticFile(p string, read func() ([]byte, error)) render.File {
	name := strings.TrimPrefix(p, source.StaticDir+"/")
	return render.File{Name: name, Static: p, Render: func(buf *bytes.Buffer) error {
		data, err := read()
		buf.Write(data)
		return err
	}}
}

// staticFiles are the entries of the static files, each read from fsys
// when it is made.
func staticFiles(fsys fs.FS, sources []source.File) []render.File {
	files := make([]render.File, len(sources))
	for i, f := range sources {
		files[i] = StaticFile(f.Path, func() ([]byte, error) { return fs.ReadFile(fsys, f.Real) })
	}
	return files
}

// sink receives the files of a site. WriteFile may be called from several
// goroutines at once.
type sink interface {
	WriteFile(name string, data []byte) error
}

// streamer is a sink that takes a large file piece by piece as it is
// made (see render.File.Stream), instead of whole.
type streamer interface {
	Stream(name string, write func(render.Writer) error) error
}

// write makes every file of the list and hands it to out, in parallel,
// letting go of each entry once written (the list is used up). It stops at
// the first error or when ctx is cancelled.
func write(ctx context.Context, files []render.File, out sink) error {
	return parallel.Drain(ctx, files, func(buf *bytes.Buffer, f render.File) error {
		var err error
		if s, ok := out.(streamer); ok && f.Stream != nil {
			err = s.Stream(f.Name, f.MakeStream)
		} else if err = f.Make(buf); err == nil {
			err = out.WriteFile(f.Name, buf.Bytes())
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		return nil
	})
}

// discard is the sink of check: it keeps nothing.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

// Stream makes a large file without keeping it.
func (discard) Stream(_ string, write func(render.Writer) error) error {
	return write(bufio.NewWriterSize(io.Discard, 64<<10))
}
