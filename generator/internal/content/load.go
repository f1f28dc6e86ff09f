package content

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"rdjy.local/portal/generator/internal/config"
	"rdjy.local/portal/generator/internal/diag"
)

// Dir is the folder, relative to the site root, that holds the suggestions.
const Dir = "content/suggestions"

// Load reads and checks every suggestion file (*.md, in any sub-folder of
// Dir), in parallel, each file once. The result is sorted by file name and
// includes drafts; errors cover every file.
func Load(fsys fs.FS, site *config.Site) ([]*Suggestion, diag.List) {
	var errs diag.List
	files, err := markdownFiles(fsys, Dir)
	if err != nil {
		errs.Add(diag.Pos{File: Dir}, "", err.Error(), "create the folder and put one .md file per suggestion in it")
		return nil, errs
	}
	results := make([]*Suggestion, len(files))
	fileErrs := make([]diag.List, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				data, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					fileErrs[i].Add(diag.Pos{File: files[i]}, "", "cannot read: "+err.Error(), "")
					continue
				}
				results[i], fileErrs[i] = Parse(files[i], data, site)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	var all []*Suggestion
	for i := range files {
		errs = append(errs, fileErrs[i]...)
		if results[i] != nil {
			all = append(all, results[i])
		}
	}
	checkUniqueNumbers(all, &errs)
	errs.Sort()
	return all, errs
}

func markdownFiles(fsys fs.FS, dir string) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != dir && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if path.Ext(name) == ".md" && !strings.HasPrefix(name, ".") {
			files = append(files, p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("missing folder: the site keeps its suggestions in " + dir)
	}
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
