package ledger

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Write writes the import's files into the site folder root. Every file is
// first written whole to a hidden temporary file beside it (which the site
// ignores); only when all are written are they renamed over the old files,
// one rename each. A failure or ctx's cancellation before then removes the
// temporary files and leaves the site as it was; each file is at every
// moment either its old or its new self. Going through an os.Root, no
// write lands outside the site, whatever links it holds.
func (im *Import) Write(ctx context.Context, root *os.Root) error {
	type pending struct{ tmp, dest string }
	var done []pending
	var made []string // folders created for new files, parents first
	undo := func() {
		for _, p := range done {
			root.Remove(p.tmp)
		}
		for i := len(made) - 1; i >= 0; i-- {
			root.Remove(made[i])
		}
	}
	there := map[string]bool{} // folders known to exist
	for _, f := range im.files {
		if dir := path.Dir(f.path); !there[dir] {
			dirs, err := mkdirs(root, dir)
			made = append(made, dirs...)
			if err != nil {
				undo()
				return err
			}
			there[dir] = true
		}
		tmp, err := writeTemp(root, f.path, f.data)
		if err != nil {
			undo()
			return err
		}
		done = append(done, pending{tmp, f.path})
		if ctx.Err() != nil {
			undo()
			return ctx.Err()
		}
	}
	for i, p := range done {
		if err := root.Rename(p.tmp, p.dest); err != nil {
			for _, q := range done[i:] {
				root.Remove(q.tmp)
			}
			return fmt.Errorf("%w; %d of %d files were written before it", err, i, len(done))
		}
	}
	return nil
}

// writeTemp writes data to a new hidden file beside dest, with dest's
// permissions when it exists.
func writeTemp(root *os.Root, dest string, data []byte) (string, error) {
	perm := fs.FileMode(0o644)
	if fi, err := root.Stat(dest); err == nil {
		perm = fi.Mode().Perm()
	}
	var f *os.File
	var err error
	var name string
	for range 100 {
		name = path.Join(path.Dir(dest), "."+path.Base(dest)+".import-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err = root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	err = errors.Join(err, f.Chmod(perm), f.Close())
	if err != nil {
		root.Remove(name)
		return "", err
	}
	return name, nil
}

// mkdirs creates dir and its missing parents, returning those it created.
func mkdirs(root *os.Root, dir string) ([]string, error) {
	var missing []string
	for d := dir; d != "." && d != "/"; d = path.Dir(d) {
		if _, err := root.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := root.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return made, err
		}
		made = append(made, missing[i])
	}
	return made, nil
}

// listNew is how many new files the summary names; a first import of a
// year's ledger would otherwise print a line per suggestion.
const listNew = 20

// Summary says what the import does (or, on a dry run, would do): the
// sheet and its header, columns ignored, new suggestions, each update with
// its fields, and what stays.
func (im *Import) Summary(w io.Writer, dryRun bool) {
	src := im.Source
	if im.Encoding != "" {
		src += " (" + im.Encoding + ")"
	}
	fmt.Fprintf(w, "Read %s: header in row %d, %s.\n", src, im.HeaderRow, count(im.Rows, "suggestion"))
	if len(im.Ignored) > 0 {
		fmt.Fprintf(w, "Columns ignored: %s.\n", strings.Join(im.Ignored, ", "))
	}
	if im.Formulas > 0 {
		fmt.Fprintf(w, "%s a formula; its last calculated value was read.\n", count(im.Formulas, "cell holds"))
	}
	if n := len(im.New); n > 0 {
		if n == 1 {
			fmt.Fprintln(w, "1 new suggestion, written as a draft (draft = true) until its texts are written:")
		} else {
			fmt.Fprintf(w, "%d new suggestions, written as drafts (draft = true) until their texts are written:\n", n)
		}
		for i, c := range im.New {
			if i == listNew && n > listNew+1 {
				fmt.Fprintf(w, "  … and %d more\n", n-listNew)
				break
			}
			fmt.Fprintf(w, "  %s  %s\n", c.Number, c.File)
		}
	}
	if n := len(im.Updated); n > 0 {
		fmt.Fprintf(w, "%d updated:\n", n)
		for _, c := range im.Updated {
			parts := make([]string, len(c.Fields))
			for i, f := range c.Fields {
				parts[i] = f.String()
			}
			fmt.Fprintf(w, "  %s: %s\n", c.Number, strings.Join(parts, ", "))
		}
	}
	fmt.Fprintf(w, "%d unchanged.\n", im.Unchanged)
	switch {
	case im.Untouched == 1:
		fmt.Fprintln(w, "1 suggestion of the site is not in the ledger and stays as it is.")
	case im.Untouched > 1:
		fmt.Fprintf(w, "%d suggestions of the site are not in the ledger and stay as they are.\n", im.Untouched)
	}
	switch {
	case dryRun:
		fmt.Fprintln(w, "Dry run: nothing was written.")
	case len(im.files) == 0:
		fmt.Fprintln(w, "Nothing to write.")
	default:
		fmt.Fprintf(w, "Wrote %s.\n", count(len(im.files), "file"))
	}
}

// count writes n and a noun, with an English plural: "1 file", "2 files",
// "3 cells hold".
func count(n int, noun string) string {
	s := strconv.Itoa(n) + " "
	if n == 1 {
		return s + noun
	}
	if first, rest, ok := strings.Cut(noun, " "); ok {
		return s + first + "s " + strings.TrimSuffix(rest, "s")
	}
	return s + noun + "s"
}

// Save writes a file through write, into a temporary file beside it that
// replaces it only once complete, so that a failed export leaves the old
// file as it was.
func Save(file string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".export-*")
	if err != nil {
		return err
	}
	err = write(f)
	err = errors.Join(err, f.Chmod(0o644), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), file)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
