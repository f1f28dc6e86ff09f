package content

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
	"rdjy.local/portal/generator/internal/source"
)

// Dir is the folder, relative to the site root, that holds the suggestions.
const Dir = source.Suggestions

// Load reads and checks every suggestion file (*.md, in any sub-folder of
// Dir), in parallel, each file once. The result is sorted by file name and
// includes drafts; errors cover every file.
func Load(fsys fs.FS, site *config.Site) ([]*Suggestion, diag.List) {
	return LoadSet(fsys, site).Suggestions()
}

func markdownFiles(fsys fs.FS, dir string) ([]string, error) {
	files, err := walkMarkdown(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("missing folder: the site keeps its suggestions in " + dir)
	}
	return files, err
}

// walkMarkdown lists the .md files at or under root, sorted, leaving out
// hidden files and folders. Files and folders that vanish during the walk
// are left out too; only a missing root is an error.
func walkMarkdown(fsys fs.FS, root string) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != root && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && source.Ignored(name) {
				return fs.SkipDir
			}
			return nil
		}
		if path.Ext(name) == ".md" && !source.Ignored(name) {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func checkUniqueNumbers(all []*Suggestion, errs *diag.List) {
	// Numbers are compared without case: "2019-a" and "2019-A" would be one
	// folder on Windows and macOS, where webmasters preview the site.
	first := make(map[string]*Suggestion, len(all))
	for _, s := range all {
		if s.Number == "" {
			continue
		}
		key := strings.ToLower(s.Number)
		if f, dup := first[key]; dup {
			errs.Add(s.numberPos, "number", "duplicate number \""+s.Number+"\": "+f.File+" already uses "+strconv.Quote(f.Number),
				"every suggestion needs its own number; renumber one of the two files")
			continue
		}
		first[key] = s
	}
}
