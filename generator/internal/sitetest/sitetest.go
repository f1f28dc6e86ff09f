// Package sitetest states whole sites inline for tests, as Hugo's
// integration tests and golang/website's fstest.MapFS tests do: a test
// writes the files it is about in a txtar archive, a few lines, and gets an
// fs.FS to build or check without touching the disk.
//
//	fsys := sitetest.With(t, os.DirFS("testdata/site"), `
//	-- static/index.html --
//	<p>a static page where the home page goes</p>
//	-- content/suggestions/2019/003.md --
//	+++
//	number = "2019-003"
//	…
//	+++
//	`)
//
// An archive is a list of files, each introduced by a line "-- NAME --"
// and holding the lines up to the next such line. Text before the first
// file is a comment.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// Parse returns the files of archive.
func Parse(archive string) fstest.MapFS {
	files := fstest.MapFS{}
	var name string
	var text strings.Builder
	flush := func() {
		if name != "" {
			files[name] = &fstest.MapFile{Data: []byte(text.String()), Mode: 0o644}
		}
		text.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		if n, ok := header(line); ok {
			flush()
			name = n
			continue
		}
		text.WriteString(line)
	}
	flush()
	return files
}

// header reads a line "-- NAME --".
func header(line string) (string, bool) {
	line = strings.TrimRight(line, "\r\n")
	rest, ok := strings.CutPrefix(line, "-- ")
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, " --")
	name = strings.TrimSpace(name)
	return name, ok && name != ""
}

// With returns the files of base with those of archive added, or put in
// place of base's files of the same name.
func With(t testing.TB, base fs.FS, archive string) fstest.MapFS {
	t.Helper()
	files := fstest.MapFS{}
	err := fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(base, p)
		files[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range Parse(archive) {
		files[name] = f
	}
	return files
}

// ReadTree returns every file under dir on the disk, by its path from dir
// with forward slashes: a site's output or folder, to compare with another.
func ReadTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
